import { useSearchParams } from 'react-router-dom';
import { Input, Select, Table, Typography, type TableColumnsType } from 'antd';
import { DateInput } from '../../components/date-input.tsx';
import { ExportButton } from '../../components/export-button.tsx';
import { auditActions, auditActionLabels, auditDetailPairs, auditObjectTypeLabels, auditSortKeys, type AuditEntry } from '@lianxin/contracts';
import { formatDateTime } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { isApiError } from '../../../shared/api-client.ts';
import { ErrorResult, LoadErrorAlert } from '../../components/error-result.tsx';
import { auditExportUrl, fetchAudit, type AuditQuery } from './audit-api.ts';
import { patchParams, pagePatch, sortFromParams, sortPatch } from '../../../shared/search-params.ts';
import { onTableSort, sortableColumn, useServerPagination } from '../../components/server-pagination.ts';

const DEFAULT_PAGE_SIZE = 50;

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}


/**
 * 审计日志: newest first as the API returns them, or by time either way; filters by dates, account, action and object
 * type; entries read as words (object names, translated kinds, details as label: value); export of what is shown.
 */
export default function AuditPage() {
  const { t, pick, locale } = useLocale();
  const [params, setParams] = useSearchParams();
  const query: AuditQuery = {
    action: params.get('action') ?? undefined,
    objectType: params.get('objectType') ?? undefined,
    actor: params.get('actor') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    page: positiveInt(params.get('page'), 1),
    pageSize: positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE),
    ...sortFromParams(params, auditSortKeys),
  };
  const key = JSON.stringify(query);
  const { data, error, loading, reload } = useApi(key, (signal) => fetchAudit(JSON.parse(key) as AuditQuery, signal));
  const pagination = useServerPagination({
    page: query.page,
    pageSize: query.pageSize,
    list: data,
    pageSizeOptions: [20, 50, 100, 200],
    onChange: (page, pageSize) =>
      setParams((prev) => patchParams(prev, pagePatch(page, pageSize, { pageSize: query.pageSize, defaultPageSize: DEFAULT_PAGE_SIZE }))),
  });

  const setParam = (name: string, value: string | undefined) =>
    setParams((prev) => patchParams(prev, { [name]: value, page: undefined }));

  const objectTypeLabel = (type: string) => {
    const label = auditObjectTypeLabels[type];
    return label ? pick(label) : type;
  };

  const columns: TableColumnsType<AuditEntry> = [
    { key: 'at', title: t('audit.at'), width: 170, fixed: 'left', ...sortableColumn('at', query), render: (_, e) => formatDateTime(e.at) },
    { key: 'actor', title: t('audit.actor'), width: 140, render: (_, e) => e.actor?.username ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text> },
    { key: 'action', title: t('audit.action'), width: 120, render: (_, e) => (e.action in auditActionLabels ? pick(auditActionLabels[e.action]) : e.action) },
    { key: 'objectType', title: t('audit.objectType'), width: 110, render: (_, e) => objectTypeLabel(e.objectType) },
    {
      key: 'object',
      title: t('audit.object'),
      width: 240,
      ellipsis: { showTitle: false },
      render: (_, e) => {
        const text = [e.objectName, e.objectId ? `#${e.objectId}` : null].filter(Boolean).join(' ');
        return text ? <Typography.Text ellipsis={{ tooltip: text }}>{text}</Typography.Text> : t('app.none');
      },
    },
    { key: 'ip', title: t('audit.ip'), width: 130, render: (_, e) => e.ip ?? t('app.none') },
    {
      key: 'detail',
      title: t('audit.detail'),
      ellipsis: { showTitle: false },
      render: (_, e) => {
        const pairs = auditDetailPairs(e.detail, locale);
        if (pairs.length === 0) return t('app.none');
        const text = pairs.map(([k, v]) => `${k}${locale === 'en' ? ': ' : '：'}${v}`).join(locale === 'en' ? '; ' : '；');
        return (
          <Typography.Text className="audit-detail" ellipsis={{ tooltip: text }}>
            {text}
          </Typography.Text>
        );
      },
    },
  ];

  if (error && isApiError(error) && error.status === 403) return <ErrorResult error={error} />;

  return (
    <>
      <div className="page-header">
        <Typography.Title level={4}>{t('audit.title')}</Typography.Title>
      </div>
      <div className="filters">
        <Select
          allowClear
          value={query.action}
          onChange={(v?: string) => setParam('action', v)}
          placeholder={t('audit.action')}
          options={auditActions.map((a) => ({ value: a, label: pick(auditActionLabels[a]) }))}
          data-testid="audit-action"
        />
        <Select
          allowClear
          value={query.objectType}
          onChange={(v?: string) => setParam('objectType', v)}
          placeholder={t('audit.objectType')}
          options={Object.keys(auditObjectTypeLabels).map((type) => ({ value: type, label: objectTypeLabel(type) }))}
          data-testid="audit-object-type"
          popupMatchSelectWidth={false}
        />
        <Input.Search
          allowClear
          key={query.actor ?? ''}
          defaultValue={query.actor}
          placeholder={t('audit.actorSearch')}
          onSearch={(v) => setParam('actor', v.trim() || undefined)}
          style={{ width: 200 }}
          data-testid="audit-actor"
        />
        <span className="date-range">
          <DateInput value={query.from} max={query.to} onChange={(v) => setParam('from', v)} placeholder={t('audit.from')} testId="audit-from" />
          <span className="date-range-sep">–</span>
          <DateInput value={query.to} min={query.from} onChange={(v) => setParam('to', v)} placeholder={t('audit.to')} testId="audit-to" />
        </span>
        <ExportButton url={auditExportUrl(query)} testId="audit-export" fallbackName="audit.xlsx" />
      </div>
      {error !== undefined && <LoadErrorAlert error={error} onRetry={reload} />}
      <div data-testid="audit-table">
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          scroll={{ x: 1100 }}
          pagination={pagination}
          onChange={onTableSort((sort) => setParams((prev) => patchParams(prev, sortPatch(sort))))}
        />
      </div>
    </>
  );
}
