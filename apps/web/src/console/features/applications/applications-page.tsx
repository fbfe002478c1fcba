import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { App, Button, Descriptions, Drawer, Input, Popconfirm, Segmented, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ExportButton } from '../../components/export-button.tsx';
import {
  applicationSortKeys, applicationStatuses, applicationStatusLabels, occupationLabels, routingReasonLabels, type ApplicationItem,
  type ApplicationStatus,
} from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { applicationStatusColors } from '../../../shared/tag-colors.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { useRegions } from '../../../shared/use-regions.ts';
import { useCurrentUser } from '../auth/session-context.tsx';
import { applicationExportUrl, approveApplication, fetchApplications, rejectApplication, type ApplicationQuery } from './applications-api.ts';
import { ReasonModal, testIdProps } from '../../components/reason-modal.tsx';
import { LoadErrorAlert } from '../../components/error-result.tsx';
import { onTableSort, sortableColumn, useServerPagination } from '../../components/server-pagination.ts';
import { patchParams, pagePatch, sortFromParams, sortPatch } from '../../../shared/search-params.ts';

const DEFAULT_PAGE_SIZE = 20;

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function statusParam(value: string | null): ApplicationStatus {
  return (applicationStatuses as readonly string[]).includes(value ?? '') ? (value as ApplicationStatus) : 'pending';
}

/** 入会审批: the applications routed to the user's scope; approve creates the member, reject needs a reason. */
export default function ApplicationsPage() {
  const { t, pick } = useLocale();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const { regionName } = useRegions();
  const [params, setParams] = useSearchParams();
  const [rejecting, setRejecting] = useState<ApplicationItem | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);

  const query: ApplicationQuery = {
    status: statusParam(params.get('status')),
    q: params.get('q') ?? undefined,
    page: positiveInt(params.get('page'), 1),
    pageSize: positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE),
    ...sortFromParams(params, applicationSortKeys),
  };
  const key = JSON.stringify(query);
  const { data, error, loading, reload } = useApi(key, (signal) => fetchApplications(JSON.parse(key) as ApplicationQuery, signal));
  const openId = Number(params.get('application'));
  const openItem = data?.items.find((a) => a.id === openId) ?? null;
  const canDecide = user.canWrite && query.status === 'pending';
  const pagination = useServerPagination({
    page: query.page,
    pageSize: query.pageSize,
    list: data,
    onChange: (page, pageSize) =>
      setParams((prev) => patchParams(prev, pagePatch(page, pageSize, { pageSize: query.pageSize, defaultPageSize: DEFAULT_PAGE_SIZE }))),
  });

  const approve = async (item: ApplicationItem) => {
    setBusyId(item.id);
    try {
      const done = await approveApplication(item.id);
      void message.success(t('applications.approved', { name: done.name }));
      reload();
    } catch (e) {
      void message.error(isApiError(e) ? e.message : t('app.networkError'));
      if (isApiError(e) && e.status === 409) reload();
    } finally {
      setBusyId(null);
    }
  };

  const reject = async (item: ApplicationItem, reason: string) => {
    await rejectApplication(item.id, reason);
    void message.success(t('applications.rejected', { name: item.name }));
    reload();
  };

  const columns: TableColumnsType<ApplicationItem> = [
    {
      key: 'name',
      title: t('applications.col.name'),
      width: 110,
      fixed: 'left',
      render: (_, a) => (
        <Typography.Link onClick={() => setParam({ application: String(a.id) })} data-testid="application-name">
          {a.name}
        </Typography.Link>
      ),
    },
    {
      key: 'idNumber',
      title: t('applications.col.idNumber'),
      width: 180,
      render: (_, a) => (
        <Tooltip title={a.phone}>
          <span className="mono">{a.idNumber}</span>
        </Tooltip>
      ),
    },
    { key: 'occupation', title: t('applications.col.occupation'), width: 110, render: (_, a) => pick(occupationLabels[a.occupation]) },
    {
      key: 'employer',
      title: t('applications.col.employer'),
      width: 200,
      ellipsis: true,
      render: (_, a) =>
        a.employer ? a.employer.name : (
          <Typography.Text type="secondary">
            {t('applications.noEmployer')}
            {a.regionCode ? ` · ${regionName(a.regionCode)}` : ''}
          </Typography.Text>
        ),
    },
    {
      key: 'reason',
      title: t('applications.col.reason'),
      width: 300,
      ellipsis: { showTitle: false },
      render: (_, a) => (
        <Tooltip title={a.reason}>
          <Tag color="blue">{pick(routingReasonLabels[a.reasonCode])}</Tag>
          <span>{a.routedTo.name}</span>
        </Tooltip>
      ),
    },
    {
      key: 'submittedAt',
      title: t('applications.col.submittedAt'),
      width: 165,
      ...sortableColumn('submittedAt', query),
      render: (_, a) => formatDateTime(a.submittedAt),
    },
  ];
  if (query.status !== 'pending') {
    columns.push(
      {
        key: 'status',
        title: t('applications.col.status'),
        width: 90,
        render: (_, a) => <Tag color={applicationStatusColors[a.status]}>{pick(applicationStatusLabels[a.status])}</Tag>,
      },
      { key: 'decidedAt', title: t('applications.col.decidedAt'), width: 170, render: (_, a) => formatDateTime(a.decidedAt) },
      {
        key: 'rejectReason',
        title: t('applications.col.rejectReason'),
        ellipsis: true,
        render: (_, a) => a.rejectReason ?? t('app.none'),
      },
    );
  }
  if (canDecide) {
    columns.push({
      key: 'actions',
      title: t('applications.col.actions'),
      fixed: 'right',
      width: 150,
      render: (_, a) => (
        <Space size="small">
          <Popconfirm
            title={t('applications.approveConfirm', { name: a.name })}
            description={t('applications.approveHint', { org: a.routedTo.name })}
            okText={t('applications.approve')}
            okButtonProps={testIdProps({}, 'application-approve-confirm')}
            onConfirm={() => approve(a)}
          >
            <Button type="primary" size="small" loading={busyId === a.id} data-testid="application-approve">
              {t('applications.approve')}
            </Button>
          </Popconfirm>
          <Button danger size="small" disabled={busyId === a.id} onClick={() => setRejecting(a)} data-testid="application-reject">
            {t('applications.reject')}
          </Button>
        </Space>
      ),
    });
  }

  const setParam = (patch: Record<string, string | undefined>) =>
    setParams((prev) => patchParams(prev, patch));

  return (
    <>
      <div className="page-header">
        <Typography.Title level={4}>{t('applications.title')}</Typography.Title>
      </div>
      <div className="filters">
        <Segmented<ApplicationStatus>
          value={query.status}
          onChange={(status) => setParam({ status: status === 'pending' ? undefined : status, page: undefined })}
          options={applicationStatuses.map((s) => ({ value: s, label: pick(applicationStatusLabels[s]) }))}
          data-testid="application-status"
        />
        <Input.Search
          allowClear
          defaultValue={query.q}
          key={query.q ?? ''}
          placeholder={t('applications.search')}
          onSearch={(q) => setParam({ q: q.trim() || undefined, page: undefined })}
          style={{ width: 240 }}
          data-testid="application-search"
        />
        <ExportButton url={applicationExportUrl(query)} testId="application-export" fallbackName="applications.xlsx" />
      </div>
      {error !== undefined && <LoadErrorAlert error={error} onRetry={reload} />}
      <div data-testid="application-table">
        <Table<ApplicationItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: query.status === 'pending' ? t('applications.emptyPending') : undefined }}
          pagination={pagination}
          onChange={onTableSort((sort) => setParam(sortPatch(sort)))}
        />
      </div>
      <ApplicationDrawer item={openItem} onClose={() => setParam({ application: undefined })} />
      <ReasonModal
        open={rejecting !== null}
        title={t('applications.rejectTitle', { name: rejecting?.name ?? '' })}
        label={t('applications.rejectReason')}
        okText={t('applications.reject')}
        testId="application-reject"
        onSubmit={(reason) => (rejecting ? reject(rejecting, reason) : Promise.resolve())}
        onClose={() => setRejecting(null)}
      />
    </>
  );
}

/** One application in full: who, where they work, where it went and why, and how it was decided. */
function ApplicationDrawer({ item, onClose }: { item: ApplicationItem | null; onClose: () => void }) {
  const { t, pick } = useLocale();
  const { regionName } = useRegions();
  return (
    <Drawer open={item !== null} onClose={onClose} title={item ? `${t('applications.detail')} · ${item.name}` : ''} size="large" destroyOnHidden>
      {item && (
        <Descriptions column={1} bordered size="small" data-testid="application-detail">
          <Descriptions.Item label={t('applications.col.reference')}>
            <span className="mono">{item.reference}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('applications.col.name')}>{item.name}</Descriptions.Item>
          <Descriptions.Item label={t('applications.col.idNumber')}>
            <span className="mono">{item.idNumber}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('applications.col.phone')}>
            <span className="mono">{item.phone}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('applications.col.occupation')}>{pick(occupationLabels[item.occupation])}</Descriptions.Item>
          <Descriptions.Item label={t('applications.col.employer')}>{item.employer?.name ?? t('applications.noEmployer')}</Descriptions.Item>
          <Descriptions.Item label={t('applications.col.region')}>{item.regionCode ? regionName(item.regionCode) : t('app.none')}</Descriptions.Item>
          <Descriptions.Item label={t('applications.col.routedTo')}>
            <Tag color="blue">{pick(routingReasonLabels[item.reasonCode])}</Tag>
            {item.routedTo.name}
          </Descriptions.Item>
          <Descriptions.Item label={t('applications.col.reasonText')}>{item.reason}</Descriptions.Item>
          <Descriptions.Item label={t('applications.col.submittedAt')}>{formatDateTime(item.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('applications.col.status')}>
            <Tag color={applicationStatusColors[item.status]}>{pick(applicationStatusLabels[item.status])}</Tag>
          </Descriptions.Item>
          {item.decidedAt && <Descriptions.Item label={t('applications.col.decidedAt')}>{formatDateTime(item.decidedAt)}</Descriptions.Item>}
          {item.rejectReason && <Descriptions.Item label={t('applications.col.rejectReason')}>{item.rejectReason}</Descriptions.Item>}
        </Descriptions>
      )}
    </Drawer>
  );
}
