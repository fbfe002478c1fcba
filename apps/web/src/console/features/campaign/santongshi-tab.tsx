import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Popconfirm, Segmented, Table, Typography, type TableColumnsType } from 'antd';
import { santongshiPhaseLabels, type SantongshiTask } from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { formatDate } from '../../../shared/format.ts';
import type { ListSort } from '../../../shared/search-params.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { LoadErrorAlert } from '../../components/error-result.tsx';
import { useCurrentUser } from '../auth/session-context.tsx';
import { completeSantongshi, fetchSantongshi, type SantongshiQuery, type SantongshiStatus } from './campaign-api.ts';
import { TaskStateTag } from './task-state-tag.tsx';
import { onTableSort, sortableColumn, useServerPagination } from '../../components/server-pagination.ts';

interface SantongshiTabProps {
  query: SantongshiQuery;
  onQueryChange: (patch: { status?: SantongshiStatus; page?: number; pageSize?: number }) => void;
  onSortChange: (sort: ListSort<string>) => void;
}

const statuses: SantongshiStatus[] = ['open', 'done', 'all'];

/** 三同时: a new enterprise's union agreed at registration, prepared during construction, running at opening. */
export function SantongshiTab({ query, onQueryChange, onSortChange }: SantongshiTabProps) {
  const { t, pick } = useLocale();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const key = JSON.stringify(query);
  const { data, error, loading, reload } = useApi(`santongshi:${key}`, (signal) => fetchSantongshi(JSON.parse(key) as SantongshiQuery, signal));
  const [busyId, setBusyId] = useState<number | null>(null);
  const pagination = useServerPagination({
    page: query.page,
    pageSize: query.pageSize,
    list: data,
    onChange: (page, pageSize) => onQueryChange({ page: pageSize === query.pageSize ? page : 1, pageSize }),
  });

  const complete = async (task: SantongshiTask) => {
    setBusyId(task.id);
    try {
      await completeSantongshi(task.id);
      void message.success(t('santongshi.completed', { name: task.enterprise.name }));
      reload();
    } catch (e) {
      void message.error(isApiError(e) ? e.message : t('app.networkError'));
      if (isApiError(e) && e.status === 409) reload();
    } finally {
      setBusyId(null);
    }
  };

  const columns: TableColumnsType<SantongshiTask> = [
    { key: 'enterprise', title: t('enterprises.col.name'), render: (_, r) => <Link to={`/enterprises/${r.enterprise.id}`}>{r.enterprise.name}</Link> },
    { key: 'creditCode', title: t('enterprises.col.creditCode'), width: 190, className: 'mono', render: (_, r) => r.enterprise.creditCode },
    { key: 'phase', title: t('santongshi.col.phase'), width: 180, render: (_, r) => pick(santongshiPhaseLabels[r.phase]) },
    { key: 'dueOn', title: t('santongshi.col.dueOn'), width: 120, ...sortableColumn('dueOn', query), render: (_, r) => formatDate(r.dueOn) },
    { key: 'state', title: t('santongshi.col.state'), width: 150, render: (_, r) => <TaskStateTag task={r} /> },
    ...(user.canWrite
      ? [
          {
            key: 'actions',
            title: t('applications.col.actions'),
            width: 90,
            render: (_: unknown, r: SantongshiTask) =>
              r.doneOn ? null : (
                <Popconfirm title={t('santongshi.completeConfirm', { phase: pick(santongshiPhaseLabels[r.phase]) })} onConfirm={() => complete(r)}>
                  <Button size="small" loading={busyId === r.id} data-testid="task-complete">
                    {t('santongshi.complete')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]
      : []),
  ];

  return (
    <div data-testid="santongshi">
      <div className="list-toolbar" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('santongshi.hint')}</Typography.Text>
        <Segmented<SantongshiStatus>
          value={query.status}
          onChange={(status) => onQueryChange({ status, page: 1 })}
          options={statuses.map((s) => ({ value: s, label: t(`santongshi.status.${s}`) }))}
        />
      </div>
      {error !== undefined && <LoadErrorAlert error={error} onRetry={reload} />}
      <Table<SantongshiTask>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        scroll={{ x: 1000 }}
        pagination={pagination}
        onChange={onTableSort(onSortChange)}
      />
    </div>
  );
}
