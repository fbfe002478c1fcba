import { Link } from 'react-router-dom';
import { Card, Col, Row, Skeleton, Space, Statistic, Table, Tag } from 'antd';
import { caseOutcomeLabels, caseOutcomes, caseTypeLabels, caseTypes, warningLevelLabels, warningLevels, type WarningLevel } from '@lianxin/contracts';
import { formatCount, formatFen, formatPercent } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { LoadErrorAlert } from '../../components/error-result.tsx';
import { fetchSummary } from './rights-api.ts';

const levelColor: Record<WarningLevel, string> = { general: 'gold', serious: 'orange', major: 'red' };

/**
 * The cockpit's rights panel (覆盖驾驶舱 → 维权): the unit's subtree figures from `GET /api/rights/summary` — cases by
 * type and outcome, success rate, amount recovered, open warnings by level, collective-contract coverage.
 */
export function RightsPanel({ orgId }: { orgId: number }) {
  const { t, pick, locale } = useLocale();
  const { data, error, reload } = useApi(`cockpit-rights-${orgId}`, (signal) => fetchSummary(orgId, signal));
  if (error) return <LoadErrorAlert error={error} onRetry={reload} />;
  if (!data) return <Skeleton active />;
  const rows = (labels: Record<string, { 'zh-CN': string; en: string }>, values: Record<string, number>, keys: readonly string[]) =>
    keys.map((key) => ({ key, label: pick(labels[key]!), n: values[key] ?? 0 }));
  return (
    <div data-testid="cockpit-rights">
      <Row gutter={[16, 16]}>
        <Col xs={12} lg={4}><Card><Statistic title={t('rights.kpi.cases')} value={data.cases} /></Card></Col>
        <Col xs={12} lg={5}>
          <Card>
            <div data-testid="cockpit-rights-rate" data-value={String(data.successRate)}>
              <Statistic title={t('rights.kpi.successRate')} value={formatPercent(data.succeeded, data.closed)} valueStyle={{ color: '#3f8600' }} />
            </div>
          </Card>
        </Col>
        <Col xs={12} lg={5}><Card><Statistic title={t('rights.kpi.recovered')} value={formatFen(data.recoveredFen)} /></Card></Col>
        <Col xs={12} lg={5}>
          <Card>
            <Statistic title={t('rights.cockpit.warnings')} valueRender={() => (
              <Space wrap size={[4, 4]}>
                {warningLevels.map((level) => <Tag key={level} color={levelColor[level]}>{pick(warningLevelLabels[level])} {data.openWarnings[level]}</Tag>)}
              </Space>
            )} />
          </Card>
        </Col>
        <Col xs={24} lg={5}>
          <Card><Statistic title={t('rights.kpi.coverage')} value={`${formatCount(data.contractCoverage.enterprises, locale)} / ${formatCount(data.contractCoverage.employees, locale)}`} /></Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}>
          <Card title={t('rights.cockpit.byType')} size="small">
            <Table rowKey="key" size="small" pagination={false} dataSource={rows(caseTypeLabels, data.byType, caseTypes)}
              columns={[{ title: t('rights.col.type'), dataIndex: 'label' }, { title: t('rights.kpi.cases'), dataIndex: 'n', align: 'right' }]} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('rights.cockpit.byOutcome')} size="small">
            <Table rowKey="key" size="small" pagination={false} dataSource={rows(caseOutcomeLabels, data.byOutcome, caseOutcomes)}
              columns={[{ title: t('rights.col.outcome'), dataIndex: 'label' }, { title: t('rights.kpi.cases'), dataIndex: 'n', align: 'right' }]} />
          </Card>
        </Col>
      </Row>
      <div style={{ marginTop: 12 }}><Link to={`/rights?orgId=${orgId}`}>{t('rights.cockpit.open')}</Link></div>
    </div>
  );
}
