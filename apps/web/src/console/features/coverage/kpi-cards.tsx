import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Card, Space, Tag, Typography } from 'antd';
import {
  memberCategories, isLiangFeiYiWu, memberCategoryLabels, orgKindLabels, type CoverageResponse, type CoverageTarget,
} from '@lianxin/contracts';
import { formatCount } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { formatRate, formatTargetRate, nonZeroFederations } from './coverage-format.ts';
import { campaignLink, enterprisesLink, membersLink, orgTreeLink } from './coverage-links.ts';
import { UnitStatusTag } from './unit-status-tag.tsx';

interface KpiProps {
  title: string;
  value: ReactNode;
  /** the list the figure counts */
  to?: string;
  extra?: ReactNode;
  testId: string;
}

function Kpi({ title, value, to, extra, testId }: KpiProps) {
  return (
    <Card size="small" className="kpi-card" data-testid={testId}>
      <div className="kpi-title">{title}</div>
      <div className="kpi-value" data-testid={`${testId}-value`}>
        {to ? <Link to={to}>{value}</Link> : value}
      </div>
      {extra !== undefined && <div className="kpi-extra">{extra}</div>}
    </Card>
  );
}

/** "目标 88%（2026-12-31 前）" and, for a target set above, "继承自 宝山区总工会". */
function TargetLine({ target, rate }: { target: CoverageTarget | null; rate: 'coverage' | 'membership' }) {
  const { t } = useLocale();
  const value = target === null ? null : rate === 'coverage' ? target.coverageRate : target.membershipRate;
  if (target === null || value === null) return <Typography.Text type="secondary">{t('coverage.noTarget')}</Typography.Text>;
  return (
    <Space size={4} wrap>
      <span data-testid={`kpi-${rate}-target`}>{t('coverage.targetDue', { rate: formatTargetRate(value), date: target.dueOn })}</span>
      {target.inheritedFrom && <Typography.Text type="secondary">{t('coverage.inheritedFrom', { name: target.inheritedFrom.name })}</Typography.Text>}
    </Space>
  );
}

/** The unit's figures; every count leads to the list it counts. */
export function KpiCards({ coverage }: { coverage: CoverageResponse }) {
  const { t, locale, pick } = useLocale();
  const id = coverage.org.id;
  const count = (n: number) => formatCount(n, locale);
  const uncovered = coverage.targetEnterprises - coverage.coveredTargetEnterprises;
  const federations = nonZeroFederations(coverage.federationsByKind);
  const federationTotal = federations.reduce((sum, f) => sum + f.count, 0);
  // one status for the unit on both rate cards (the worse of 建会率 and 入会率; the tooltip says which)
  const status = coverage.targetEnterprises > 0 && (
    <UnitStatusTag status={coverage.status} rates={coverage} target={coverage.target} labelled data-testid="kpi-rate-status" />
  );

  return (
    <div className="kpi-grid">
      <Kpi
        testId="kpi-target"
        title={t('coverage.kpi.target')}
        value={count(coverage.targetEnterprises)}
        to={enterprisesLink(id, { target: true })}
        extra={<Link to={enterprisesLink(id)}>{t('coverage.kpi.allEnterprises', { count: count(coverage.enterprises) })}</Link>}
      />
      <Kpi
        testId="kpi-covered"
        title={t('coverage.kpi.covered')}
        value={count(coverage.coveredTargetEnterprises)}
        to={enterprisesLink(id, { target: true, covered: true })}
        extra={
          <Space size={8} wrap>
            <Link to={enterprisesLink(id, { target: true, covered: false })}>{t('coverage.kpi.uncovered', { count: count(uncovered) })}</Link>
            <Link to={campaignLink(id)} data-testid="kpi-campaign-link">{t('coverage.campaignLink')}</Link>
          </Space>
        }
      />
      <Kpi
        testId="kpi-rate"
        title={t('coverage.kpi.rate')}
        value={
          <Space size={8}>
            <span>{coverage.targetEnterprises > 0 ? formatRate(coverage.coverageRate) : t('app.none')}</span>
            {status}
          </Space>
        }
        extra={<TargetLine target={coverage.target} rate="coverage" />}
      />
      <Kpi
        testId="kpi-employees"
        title={t('coverage.kpi.employees')}
        value={count(coverage.employeesInCovered)}
        to={enterprisesLink(id, { covered: true })}
      />
      <Kpi testId="kpi-members" title={t('coverage.kpi.members')} value={count(coverage.members)} to={membersLink(id)} />
      <Kpi
        testId="kpi-membership-rate"
        title={t('coverage.kpi.membershipRate')}
        value={
          <Space size={8}>
            <span>{formatRate(coverage.membershipRate)}</span>
            {coverage.targetEnterprises > 0 && (
              <UnitStatusTag status={coverage.status} rates={coverage} target={coverage.target} labelled data-testid="kpi-membership-status" />
            )}
          </Space>
        }
        extra={<TargetLine target={coverage.target} rate="membership" />}
      />
      <Kpi
        testId="kpi-lfyw"
        title={t('coverage.kpi.liangFeiYiWu')}
        value={count(coverage.liangFeiYiWuMembers)}
        extra={
          <Space size={8} wrap>
            {memberCategories.filter(isLiangFeiYiWu).map((c) => (
              <Link key={c} to={membersLink(id, c)}>
                {pick(memberCategoryLabels[c])} {count(coverage.membersByCategory[c] ?? 0)}
              </Link>
            ))}
          </Space>
        }
      />
      <Kpi
        testId="kpi-federations"
        title={t('coverage.kpi.federations')}
        value={count(federationTotal)}
        to={orgTreeLink(id)}
        extra={
          federations.length === 0 ? (
            <Typography.Text type="secondary">{t('app.none')}</Typography.Text>
          ) : (
            <Space size={[4, 4]} wrap>
              {federations.map((f) => (
                <Tag key={f.kind} variant="outlined">
                  {pick(orgKindLabels[f.kind])} {count(f.count)}
                </Tag>
              ))}
            </Space>
          )
        }
      />
    </div>
  );
}
