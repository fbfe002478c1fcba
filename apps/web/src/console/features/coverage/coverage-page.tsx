import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Breadcrumb, Button, Select, Skeleton, Space, Spin, Tabs, Typography } from 'antd';
import { AimOutlined, DownloadOutlined, FlagOutlined } from '@ant-design/icons';
import { can, periodSchema, type CoverageChild, type CoverageResponse } from '@lianxin/contracts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { ErrorResult, LoadErrorAlert } from '../../components/error-result.tsx';
import { useCurrentUser } from '../auth/session-context.tsx';
import { RightsPanel } from '../rights/rights-panel.tsx';
import { ChildrenTable, defaultChildrenView, type ChildrenView } from './children-table.tsx';
import { coverageExportUrl, fetchCoverage, fetchCoverageTrend } from './coverage-api.ts';
import { CoverageCharts } from './coverage-charts.tsx';
import { formatPeriod } from './coverage-format.ts';
import { campaignLink, cockpitLink } from './coverage-links.ts';
import { KpiCards } from './kpi-cards.tsx';
import { FundsTab, ServicesTab, StarsTab } from './mechanism-tabs.tsx';
import { StaffingTab } from './staffing-tab.tsx';
import { TargetsDrawer } from './targets-drawer.tsx';
import { patchParams } from '../../../shared/search-params.ts';

/** The cockpit's tabs: coverage, staffing and one per reform mechanism with figures (机制二 to 五). */
const tabs = ['overview', 'staffing', 'services', 'rights', 'funds', 'stars'] as const;

function positiveInt(value: string | null): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * 覆盖驾驶舱: a unit's 建会率 / 入会率 against its target, its children (drill down by name or bar), the trend and
 * the social-worker staffing; the figures of the mechanisms — 服务 (requests and positions), 维权, 经费 and 星级 —
 * each on its own tab with the unit's children. The unit (?orgId=), the period (?period=) and the tab (?tab=) live
 * in the URL.
 */
export default function CoveragePage() {
  const { t, locale } = useLocale();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [targetsOpen, setTargetsOpen] = useState(false);
  // the children's page, kind and order, per unit (a drill-down starts on the first page)
  const [childrenView, setChildrenView] = useState<{ unitId: number | undefined; view: ChildrenView }>({ unitId: undefined, view: defaultChildrenView });

  const unitId = positiveInt(params.get('orgId')) ?? user.org.id;
  const rawPeriod = params.get('period');
  const period = rawPeriod && periodSchema.safeParse(rawPeriod).success ? rawPeriod : undefined;
  const tab = tabs.find((key) => key === params.get('tab')) ?? 'overview';

  const trend = useApi(`coverage-trend:${unitId}`, (signal) => fetchCoverageTrend(unitId, signal));
  const view = childrenView.unitId === unitId ? childrenView.view : defaultChildrenView;
  const coverageKey = `coverage:${unitId}:${period ?? ''}:${JSON.stringify(view)}`;
  const coverage = useApi(coverageKey, (signal) => fetchCoverage(unitId, period, view, signal));

  const data = coverage.data;
  const current: CoverageResponse | undefined = data && data.org.id === unitId && (period === undefined || data.period === period) ? data : undefined;
  const shown = current ?? data;
  const unitName = current?.org.name ?? (trend.data?.org.id === unitId ? trend.data.org.name : undefined);
  const latest = trend.data?.org.id === unitId ? trend.data.points.at(-1)?.period : undefined;

  const setParam = (name: string, value: string | undefined) =>
    setParams((prev) => patchParams(prev, { [name]: value }));

  // the drill path: the units above this one inside the user's scope, as the API gives them
  const trail = current?.ancestors;
  const drillTo = (child: CoverageChild) => cockpitLink(child.org.id, period);
  const drill = (child: CoverageChild) => void navigate(drillTo(child));

  const periodOptions = (trend.data?.org.id === unitId ? trend.data.points : [])
    .map((p) => ({ value: p.period, label: p.period === latest ? t('coverage.periodCurrent', { period: formatPeriod(p.period, locale) }) : formatPeriod(p.period, locale) }))
    .reverse();

  return (
    <div data-testid="cockpit" data-org-id={current?.org.id} data-loading={coverage.loading ? 'true' : 'false'}>
      <div className="page-header">
        <Typography.Title level={4}>{t('coverage.title')}</Typography.Title>
        <Space wrap>
          <Select
            value={period ?? latest}
            onChange={(value: string) => setParam('period', value === latest ? undefined : value)}
            options={periodOptions}
            loading={trend.loading}
            style={{ minWidth: 150 }}
            aria-label={t('coverage.period')}
            data-testid="period-select"
          />
          <Button icon={<DownloadOutlined />} href={coverageExportUrl(unitId, period)} data-testid="coverage-export">
            {t('coverage.export')}
          </Button>
          <Link to={campaignLink(unitId)}>
            <Button icon={<AimOutlined />} data-testid="campaign-link">
              {t('coverage.campaignLink')}
            </Button>
          </Link>
          {can(user, 'coverage.setTargets') && (
            <Button icon={<FlagOutlined />} onClick={() => setTargetsOpen(true)} disabled={!unitName} data-testid="targets-open">
              {t('coverage.targets')}
            </Button>
          )}
        </Space>
      </div>
      <Breadcrumb
        className="drill-trail"
        data-testid="drill-trail"
        items={[
          ...(trail ?? []).map((unit) => ({
            key: unit.id,
            title: <Link to={cockpitLink(unit.id, period)}>{unit.name}</Link>,
          })),
          { key: unitId, title: <span data-testid="unit-name">{unitName ?? '…'}</span> },
        ]}
      />
      {current?.fromSnapshot && (
        <Alert type="info" showIcon title={t('coverage.fromSnapshot', { period: formatPeriod(current.period, locale) })} style={{ marginBottom: 12 }} />
      )}
      <Tabs
        activeKey={tab}
        onChange={(key) => setParam('tab', key === 'overview' ? undefined : key)}
        items={[
          {
            key: 'overview',
            label: t('coverage.tab.overview'),
            children:
              coverage.error !== undefined && !current ? (
                <ErrorResult error={coverage.error} onRetry={coverage.reload} />
              ) : !shown ? (
                <Skeleton active />
              ) : (
                <Spin spinning={!current}>
                  {coverage.error !== undefined && <LoadErrorAlert error={coverage.error} onRetry={coverage.reload} />}
                  <KpiCards coverage={shown} />
                  <CoverageCharts coverage={shown} trend={trend.data?.org.id === shown.org.id ? trend.data : undefined} onDrill={drill} />
                  <Typography.Title level={5} style={{ marginTop: 16 }}>
                    {t('coverage.children', { count: shown.childrenByKind.federations + shown.childrenByKind.enterpriseUnions })}
                  </Typography.Title>
                  <ChildrenTable
                    items={shown.children}
                    total={shown.childrenTotal}
                    byKind={shown.childrenByKind}
                    view={view}
                    onView={(next) => setChildrenView({ unitId, view: next })}
                    drillTo={drillTo}
                  />
                </Spin>
              ),
          },
          {
            key: 'staffing',
            label: t('coverage.tab.staffing'),
            children: tab === 'staffing' ? <StaffingTab orgId={unitId} /> : null,
          },
          {
            key: 'services',
            label: t('cockpit.tab.services'),
            children: tab === 'services' ? <ServicesTab orgId={unitId} /> : null,
          },
          {
            key: 'rights',
            label: t('rights.cockpit.tab'),
            children: tab === 'rights' ? <RightsPanel orgId={unitId} /> : null,
          },
          {
            key: 'funds',
            label: t('cockpit.tab.funds'),
            children: tab === 'funds' ? <FundsTab orgId={unitId} /> : null,
          },
          {
            key: 'stars',
            label: t('cockpit.tab.stars'),
            children: tab === 'stars' ? <StarsTab orgId={unitId} /> : null,
          },
        ]}
      />
      {can(user, 'coverage.setTargets') && unitName && (
        <TargetsDrawer
          open={targetsOpen}
          unit={{ id: unitId, name: unitName }}
          onClose={() => setTargetsOpen(false)}
          onChanged={() => {
            coverage.reload();
            trend.reload();
          }}
        />
      )}
    </div>
  );
}
