import { Card, Skeleton, Table, Typography, type TableColumnsType } from 'antd';
import type { StaffingResponse, StaffingRow } from '@lianxin/contracts';
import { formatCount } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { ErrorResult, LoadErrorAlert } from '../../components/error-result.tsx';
import { OrgKindTag } from '../orgs/org-kind-tag.tsx';
import { fetchStaffing } from './coverage-api.ts';
import { requiredRange } from './coverage-format.ts';

type ChildRow = StaffingResponse['children'][number];

function GapText({ gap }: { gap: number }) {
  // the size of the surrounding text: a table cell or a big figure
  const style = { fontSize: 'inherit' };
  return gap > 0 ? (
    <Typography.Text type="danger" strong style={style}>
      {gap}
    </Typography.Text>
  ) : (
    <Typography.Text type="success" style={style}>
      0
    </Typography.Text>
  );
}

/** 社工配备: social workers required by the city standard (a range) against those assigned, per unit and federation. */
export function StaffingTab({ orgId }: { orgId: number }) {
  const { t, locale } = useLocale();
  const { data, error, loading, reload } = useApi(`staffing:${orgId}`, (signal) => fetchStaffing(orgId, signal));
  const current = data && data.org.id === orgId ? data : undefined;
  if (error !== undefined && !current) return <ErrorResult error={error} onRetry={reload} />;
  if (!current) return <Skeleton active />;
  const count = (n: number) => formatCount(n, locale);
  const { totals } = current;

  const childColumns: TableColumnsType<ChildRow> = [
    { key: 'org', title: t('coverage.col.unit'), render: (_, r) => r.org.name },
    { key: 'federations', title: t('staffing.federations'), align: 'right', width: 110, sorter: (a, b) => a.federations - b.federations, render: (_, r) => count(r.federations) },
    { key: 'required', title: t('staffing.required'), align: 'right', width: 120, render: (_, r) => requiredRange(r.requiredMin, r.requiredMax) },
    { key: 'assigned', title: t('staffing.assigned'), align: 'right', width: 110, sorter: (a, b) => a.assigned - b.assigned, render: (_, r) => count(r.assigned) },
    { key: 'gap', title: t('staffing.gap'), align: 'right', width: 100, defaultSortOrder: 'descend', sorter: (a, b) => a.gap - b.gap, render: (_, r) => <GapText gap={r.gap} /> },
  ];
  const federationColumns: TableColumnsType<StaffingRow> = [
    {
      key: 'org',
      title: t('staffing.federation'),
      render: (_, r) => (
        <span className="staffing-org">
          {r.org.name} <OrgKindTag kind={r.org.kind} />
        </span>
      ),
    },
    { key: 'workers', title: t('staffing.workers'), align: 'right', width: 110, sorter: (a, b) => a.workers - b.workers, render: (_, r) => count(r.workers) },
    { key: 'enterprises', title: t('staffing.enterprises'), align: 'right', width: 110, sorter: (a, b) => a.enterprises - b.enterprises, render: (_, r) => count(r.enterprises) },
    { key: 'required', title: t('staffing.required'), align: 'right', width: 120, render: (_, r) => requiredRange(r.requiredMin, r.requiredMax) },
    { key: 'assigned', title: t('staffing.assigned'), align: 'right', width: 110, sorter: (a, b) => a.assigned - b.assigned, render: (_, r) => count(r.assigned) },
    { key: 'gap', title: t('staffing.gap'), align: 'right', width: 100, sorter: (a, b) => a.gap - b.gap, render: (_, r) => <GapText gap={r.gap} /> },
  ];

  return (
    <div data-testid="staffing">
      {error !== undefined && <LoadErrorAlert error={error} onRetry={reload} />}
      <Typography.Paragraph type="secondary">{t('staffing.standard')}</Typography.Paragraph>
      <div className="kpi-grid" style={{ marginBottom: 16 }}>
        <Card size="small" className="kpi-card">
          <div className="kpi-title">{t('staffing.required')}</div>
          <div className="kpi-value" data-testid="staffing-required">{requiredRange(totals.requiredMin, totals.requiredMax)}</div>
        </Card>
        <Card size="small" className="kpi-card">
          <div className="kpi-title">{t('staffing.assigned')}</div>
          <div className="kpi-value">{count(totals.assigned)}</div>
        </Card>
        <Card size="small" className="kpi-card">
          <div className="kpi-title">{t('staffing.gap')}</div>
          <div className="kpi-value"><GapText gap={totals.gap} /></div>
        </Card>
        <Card size="small" className="kpi-card">
          <div className="kpi-title">{t('staffing.federations')}</div>
          <div className="kpi-value">{count(totals.federations)}</div>
        </Card>
      </div>
      {current.children.length > 0 && (
        <Card size="small" title={t('staffing.byChild')} style={{ marginBottom: 16 }}>
          <Table<ChildRow>
            rowKey={(r) => r.org.id}
            size="small"
            loading={loading}
            columns={childColumns}
            dataSource={current.children.filter((c) => c.federations > 0)}
            pagination={{ defaultPageSize: 10, hideOnSinglePage: true }}
          />
        </Card>
      )}
      <Card size="small" title={t('staffing.byFederation')}>
        <Table<StaffingRow>
          rowKey={(r) => r.org.id}
          size="small"
          loading={loading}
          columns={federationColumns}
          dataSource={current.federations}
          pagination={{ defaultPageSize: 10, hideOnSinglePage: true }}
        />
      </Card>
    </div>
  );
}
