import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Card, Select, Skeleton, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import {
  acceptanceStateLabels, acceptanceStates, shanghaiDate, stationLevelLabels, stationLevels,
  type EvaluationSummary, type FundsFigures, type RequestFigures,
} from '@lianxin/contracts';
import { formatCount, formatFen } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { ErrorResult, LoadErrorAlert } from '../../components/error-result.tsx';
import { fetchEvaluationSummary } from '../congress/congress-api.ts';
import { fetchSummary as fetchFundsSummary } from '../funds/funds-api.ts';
import { fetchFigures as fetchRequestFigures } from '../requests/requests-api.ts';
import { cockpitTabLink } from './coverage-links.ts';

/**
 * The cockpit's tabs for mechanisms 2, 4 and 5 (覆盖驾驶舱 → 服务 / 经费 / 星级): KPI cards of the unit's subtree and
 * a table of its children (sortable columns; a name drills down to the child's cockpit on the same tab), from
 * `GET /api/service-requests/figures`, `GET /api/funds/summary` and `GET /api/evaluation/:year/summary`.
 */

/** A share 0…1 as a percentage with one decimal; — for none. */
function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** Sorts nullable numbers with "none" below every value. */
const byNumber = <T,>(value: (row: T) => number | null) => (a: T, b: T) => (value(a) ?? -Infinity) - (value(b) ?? -Infinity);

function Kpi({ title, value, testId }: { title: string; value: ReactNode; testId?: string }) {
  return (
    <Card size="small" className="kpi-card">
      <div className="kpi-title">{title}</div>
      <div className="kpi-value" data-testid={testId}>{value}</div>
    </Card>
  );
}

/** The tab's frame: the error page when nothing loaded, a skeleton while the first answer is out, else the content. */
function TabState<T>({ state, isCurrent, children }: {
  state: { data: T | undefined; error: unknown; reload: () => void };
  isCurrent: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  const current = state.data !== undefined && isCurrent(state.data) ? state.data : undefined;
  if (state.error !== undefined && !current) return <ErrorResult error={state.error} onRetry={state.reload} />;
  if (!current) return <Skeleton active />;
  return (
    <>
      {state.error !== undefined && <LoadErrorAlert error={state.error} onRetry={state.reload} />}
      {children(current)}
    </>
  );
}

function ChildrenCard<Row extends { org: { id: number; name: string } }>({ tab, rows, columns, loading, testId }: {
  tab: string; rows: Row[]; columns: TableColumnsType<Row>; loading: boolean; testId: string;
}) {
  const { t } = useLocale();
  const unitColumn: TableColumnsType<Row>[number] = {
    key: 'unit',
    title: t('cockpit.col.unit'),
    fixed: 'left',
    width: 240,
    ellipsis: true,
    sorter: (a, b) => a.org.name.localeCompare(b.org.name, 'zh-CN'),
    render: (_, r) => <Link to={cockpitTabLink(r.org.id, tab)} data-testid="tab-child-link">{r.org.name}</Link>,
  };
  return (
    <Card size="small" title={t('cockpit.childrenHint')} style={{ marginTop: 16 }}>
      <div data-testid={testId}>
        <Table<Row>
          rowKey={(r) => r.org.id}
          size="small"
          loading={loading}
          columns={[unitColumn, ...columns]}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('cockpit.noChildren') }}
          pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showSizeChanger: true }}
        />
      </div>
    </Card>
  );
}

/** Year picker: this Shanghai year and the four before. */
function YearSelect({ year, onChange }: { year: string; onChange: (year: string) => void }) {
  const { t } = useLocale();
  const current = Number(shanghaiDate().slice(0, 4));
  const options = Array.from({ length: 5 }, (_, i) => String(current - i)).map((y) => ({ value: y, label: y }));
  return <Select value={year} onChange={onChange} options={options} style={{ width: 110 }} aria-label={t('cockpit.year')} data-testid="cockpit-year" />;
}

type ServiceChild = RequestFigures['children'][number];

/** 服务 (机制二): requests received, on-time share, satisfaction, overdue now; positions by kind and 验收. */
export function ServicesTab({ orgId }: { orgId: number }) {
  const { t, locale, pick } = useLocale();
  const state = useApi(`cockpit-services:${orgId}`, (signal) => fetchRequestFigures(orgId, signal));
  const count = (n: number) => formatCount(n, locale);
  const columns: TableColumnsType<ServiceChild> = [
    { key: 'received', title: t('cockpit.services.received'), align: 'right', sorter: byNumber((r) => r.received), defaultSortOrder: 'descend', render: (_, r) => count(r.received) },
    { key: 'resolved', title: t('cockpit.services.resolved'), align: 'right', sorter: byNumber((r) => r.resolved), render: (_, r) => count(r.resolved) },
    { key: 'onTime', title: t('cockpit.services.onTime'), align: 'right', sorter: byNumber((r) => r.onTimeRate), render: (_, r) => percent(r.onTimeRate) },
    { key: 'median', title: t('cockpit.services.median'), align: 'right', sorter: byNumber((r) => r.medianWorkingDays), render: (_, r) => r.medianWorkingDays ?? '—' },
    { key: 'satisfaction', title: t('cockpit.services.satisfaction'), align: 'right', sorter: byNumber((r) => r.satisfaction), render: (_, r) => r.satisfaction?.toFixed(2) ?? '—' },
    {
      key: 'overdue', title: t('cockpit.services.overdue'), align: 'right', sorter: byNumber((r) => r.overdueNow),
      render: (_, r) => <Typography.Text type={r.overdueNow > 0 ? 'danger' : undefined}>{count(r.overdueNow)}</Typography.Text>,
    },
    { key: 'positions', title: t('cockpit.services.positions'), align: 'right', sorter: byNumber((r) => r.positions), render: (_, r) => count(r.positions) },
    { key: 'accepted', title: t('cockpit.services.accepted'), align: 'right', sorter: byNumber((r) => r.acceptedPositions), render: (_, r) => count(r.acceptedPositions) },
  ];
  return (
    <TabState state={state} isCurrent={(d) => d.orgId === orgId}>
      {(d) => (
        <div data-testid="cockpit-services">
          <div className="kpi-grid">
            <Kpi title={t('cockpit.services.received')} value={count(d.received)} testId="cockpit-services-received" />
            <Kpi title={t('cockpit.services.onTime')} value={percent(d.onTimeRate)} />
            <Kpi title={t('cockpit.services.satisfaction')} value={d.satisfaction?.toFixed(2) ?? '—'} />
            <Kpi title={t('cockpit.services.overdue')} value={<Typography.Text type={d.overdueNow > 0 ? 'danger' : undefined} style={{ fontSize: 'inherit' }}>{count(d.overdueNow)}</Typography.Text>} />
            <Kpi title={t('cockpit.services.median')} value={d.medianWorkingDays ?? '—'} />
            <Kpi title={t('cockpit.services.positions')} value={`${count(d.positions.byAcceptance.accepted)} / ${count(d.positions.total)}`} testId="cockpit-services-positions" />
          </div>
          <Card size="small" style={{ marginTop: 16 }}>
            <Space orientation="vertical">
              <Space wrap>
                <Typography.Text type="secondary">{t('cockpit.services.byLevel')}</Typography.Text>
                {stationLevels.map((level) => <Tag key={level}>{pick(stationLevelLabels[level])} {count(d.positions.byLevel[level])}</Tag>)}
              </Space>
              <Space wrap>
                <Typography.Text type="secondary">{t('cockpit.services.byAcceptance')}</Typography.Text>
                {acceptanceStates.map((a) => (
                  <Tag key={a} color={a === 'accepted' ? 'green' : a === 'failed' ? 'red' : 'gold'}>{pick(acceptanceStateLabels[a])} {count(d.positions.byAcceptance[a])}</Tag>
                ))}
              </Space>
            </Space>
          </Card>
          <ChildrenCard tab="services" rows={d.children} columns={columns} loading={state.loading} testId="cockpit-services-children" />
          <div style={{ marginTop: 12 }}><Link to="/requests">{t('cockpit.services.open')}</Link></div>
        </div>
      )}
    </TabState>
  );
}

/** 经费 (机制四): assessed, collected, collection rate, arrears, returned and return rate for a year. */
export function FundsTab({ orgId }: { orgId: number }) {
  const { t } = useLocale();
  const [year, setYear] = useState(shanghaiDate().slice(0, 4));
  const state = useApi(`cockpit-funds:${orgId}:${year}`, (signal) => fetchFundsSummary(orgId, year, signal));
  // fen → "¥1,234.56" for display only (the API's figures are integer fen), as everywhere else in the console
  const yuan = formatFen;
  const columns: TableColumnsType<FundsFigures> = [
    { key: 'assessed', title: t('cockpit.funds.assessed'), align: 'right', sorter: byNumber((r) => r.assessedFen), defaultSortOrder: 'descend', render: (_, r) => yuan(r.assessedFen) },
    { key: 'collected', title: t('cockpit.funds.collected'), align: 'right', sorter: byNumber((r) => r.collectedFen), render: (_, r) => yuan(r.collectedFen) },
    { key: 'collectionRate', title: t('cockpit.funds.collectionRate'), align: 'right', sorter: byNumber((r) => r.collectionRate), render: (_, r) => (r.assessedFen > 0 ? percent(r.collectionRate) : '—') },
    {
      key: 'arrears', title: t('cockpit.funds.arrears'), align: 'right', sorter: byNumber((r) => r.arrearsFen),
      render: (_, r) => <Typography.Text type={r.arrearsFen > 0 ? 'danger' : undefined}>{yuan(r.arrearsFen)}</Typography.Text>,
    },
    { key: 'returned', title: t('cockpit.funds.returned'), align: 'right', sorter: byNumber((r) => r.returnedFen), render: (_, r) => yuan(r.returnedFen) },
    { key: 'returnRate', title: t('cockpit.funds.returnRate'), align: 'right', sorter: byNumber((r) => r.returnRate), render: (_, r) => (r.grassrootsFen > 0 ? percent(r.returnRate) : '—') },
  ];
  return (
    <div data-testid="cockpit-funds">
      <Space style={{ marginBottom: 12 }} wrap>
        <YearSelect year={year} onChange={setYear} />
        <Typography.Text type="secondary">{t('cockpit.funds.hint')}</Typography.Text>
      </Space>
      <TabState state={state} isCurrent={(d) => d.org.id === orgId && d.year === year}>
        {(d) => (
          <>
            <div className="kpi-grid">
              <Kpi title={t('cockpit.funds.assessed')} value={yuan(d.assessedFen)} testId="cockpit-funds-assessed" />
              <Kpi title={t('cockpit.funds.collected')} value={yuan(d.collectedFen)} />
              <Kpi title={t('cockpit.funds.collectionRate')} value={d.assessedFen > 0 ? percent(d.collectionRate) : '—'} testId="cockpit-funds-rate" />
              <Kpi title={t('cockpit.funds.arrears')} value={yuan(d.arrearsFen)} />
              <Kpi title={t('cockpit.funds.returned')} value={yuan(d.returnedFen)} />
              <Kpi title={t('cockpit.funds.returnRate')} value={d.grassrootsFen > 0 ? percent(d.returnRate) : '—'} />
            </div>
            <ChildrenCard tab="funds" rows={d.children} columns={columns} loading={state.loading} testId="cockpit-funds-children" />
            <div style={{ marginTop: 12 }}><Link to={`/funds?orgId=${orgId}`}>{t('cockpit.funds.open')}</Link></div>
          </>
        )}
      </TabState>
    </div>
  );
}

type StarsChild = EvaluationSummary['children'][number];

/** Five tags, 5 stars first: how many evaluated units have each. */
function StarTags({ stars }: { stars: readonly number[] }) {
  const { t, locale } = useLocale();
  return (
    <Space wrap size={4}>
      {[5, 4, 3, 2, 1].map((n) => (
        <Tag key={n} color={n >= 4 ? 'gold' : n === 3 ? 'blue' : undefined}>{t('cockpit.stars.count', { stars: n })} {formatCount(stars[n - 1] ?? 0, locale)}</Tag>
      ))}
    </Space>
  );
}

/** 星级 (机制五): the evaluated units by stars and their average combined score for a year. */
export function StarsTab({ orgId }: { orgId: number }) {
  const { t, locale } = useLocale();
  const [year, setYear] = useState(shanghaiDate().slice(0, 4));
  const state = useApi(`cockpit-stars:${orgId}:${year}`, (signal) => fetchEvaluationSummary(Number(year), orgId, signal));
  const count = (n: number) => formatCount(n, locale);
  const columns: TableColumnsType<StarsChild> = [
    { key: 'evaluated', title: t('cockpit.stars.evaluated'), align: 'right', sorter: byNumber((r) => r.evaluated), render: (_, r) => count(r.evaluated) },
    { key: 'average', title: t('cockpit.stars.average'), align: 'right', sorter: byNumber((r) => r.averageScore), defaultSortOrder: 'descend', render: (_, r) => r.averageScore?.toFixed(1) ?? '—' },
    ...[5, 4, 3, 2, 1].map((n): TableColumnsType<StarsChild>[number] => ({
      key: `stars${n}`, title: t('cockpit.stars.count', { stars: n }), align: 'right', sorter: byNumber((r) => r.stars[n - 1] ?? 0), render: (_, r) => count(r.stars[n - 1] ?? 0),
    })),
  ];
  return (
    <div data-testid="cockpit-stars">
      <Space style={{ marginBottom: 12 }}>
        <YearSelect year={year} onChange={setYear} />
      </Space>
      <TabState state={state} isCurrent={(d) => d.org.id === orgId && String(d.year) === year}>
        {(d) => (
          <>
            <div className="kpi-grid">
              <Kpi title={t('cockpit.stars.evaluated')} value={count(d.evaluated)} testId="cockpit-stars-evaluated" />
              <Kpi title={t('cockpit.stars.average')} value={d.averageScore?.toFixed(1) ?? '—'} />
              <Kpi title={t('cockpit.stars.ratings')} value={count(d.ratings)} />
            </div>
            <Card size="small" style={{ marginTop: 16 }} title={t('cockpit.stars.distribution')}>
              <StarTags stars={d.stars} />
            </Card>
            <ChildrenCard tab="stars" rows={d.children} columns={columns} loading={state.loading} testId="cockpit-stars-children" />
            <div style={{ marginTop: 12 }}><Link to="/congress">{t('cockpit.stars.open')}</Link></div>
          </>
        )}
      </TabState>
    </div>
  );
}
