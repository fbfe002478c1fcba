import { useState } from 'react';
import { App, Button, Popconfirm, Segmented, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { transferStatusLabels, type TransferItem } from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { ReasonModal, testIdProps } from '../../components/reason-modal.tsx';
import { useCurrentUser } from '../auth/session-context.tsx';
import { approveTransfer, fetchTransfers, rejectTransfer, type TransferDirection, type TransferStatus } from './members-api.ts';
import { LoadErrorAlert } from '../../components/error-result.tsx';

const statusColors: Record<TransferStatus, string> = { pending: 'processing', approved: 'success', rejected: 'error' };

/** 转接审批: members other unions want to move in (incoming), and the requests this scope sent (outgoing). */
export function TransfersTab() {
  const { t, pick } = useLocale();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const [direction, setDirection] = useState<TransferDirection>('incoming');
  const [status, setStatus] = useState<TransferStatus | undefined>('pending');
  const [rejecting, setRejecting] = useState<TransferItem | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);
  const key = `transfers:${direction}:${status ?? ''}`;
  const { data, error, loading, reload } = useApi(key, (signal) => fetchTransfers(direction, status, signal));
  const canDecide = user.canWrite && direction === 'incoming';

  const approve = async (item: TransferItem) => {
    setBusyId(item.id);
    try {
      await approveTransfer(item.id);
      void message.success(t('transfers.approved', { name: item.member.name }));
      reload();
    } catch (e) {
      void message.error(isApiError(e) ? e.message : t('app.networkError'));
    } finally {
      setBusyId(null);
    }
  };

  const columns: TableColumnsType<TransferItem> = [
    { key: 'name', title: t('members.col.name'), width: 100, render: (_, tr) => <span data-testid="transfer-member">{tr.member.name}</span> },
    { key: 'idNumber', title: t('members.col.idNumber'), width: 190, className: 'mono', render: (_, tr) => tr.member.idNumber },
    { key: 'from', title: t('transfers.col.from'), ellipsis: true, render: (_, tr) => tr.from.name },
    { key: 'to', title: t('transfers.col.to'), ellipsis: true, render: (_, tr) => tr.to.name },
    { key: 'reason', title: t('transfers.col.reason'), ellipsis: true, render: (_, tr) => tr.reason ?? t('app.none') },
    { key: 'status', title: t('transfers.col.status'), width: 90, render: (_, tr) => <Tag color={statusColors[tr.status]}>{pick(transferStatusLabels[tr.status])}</Tag> },
    { key: 'requestedAt', title: t('transfers.col.requestedAt'), width: 170, render: (_, tr) => formatDateTime(tr.requestedAt) },
    { key: 'decidedAt', title: t('transfers.col.decidedAt'), width: 170, render: (_, tr) => formatDateTime(tr.decidedAt) },
  ];
  if (canDecide) {
    columns.push({
      key: 'actions',
      title: t('applications.col.actions'),
      fixed: 'right',
      width: 150,
      render: (_, tr) =>
        tr.status === 'pending' ? (
          <Space size="small">
            <Popconfirm
              title={t('transfers.approveConfirm', { name: tr.member.name })}
              okText={t('transfers.approve')}
              okButtonProps={testIdProps({}, 'transfer-approve-confirm')}
              onConfirm={() => approve(tr)}
            >
              <Button type="primary" size="small" loading={busyId === tr.id} data-testid="transfer-approve">
                {t('transfers.approve')}
              </Button>
            </Popconfirm>
            <Button danger size="small" disabled={busyId === tr.id} onClick={() => setRejecting(tr)} data-testid="transfer-reject">
              {t('transfers.reject')}
            </Button>
          </Space>
        ) : null,
    });
  }

  return (
    <>
      <div className="filters">
        <Segmented<TransferDirection>
          value={direction}
          onChange={setDirection}
          options={[
            { value: 'incoming', label: t('transfers.incoming') },
            { value: 'outgoing', label: t('transfers.outgoing') },
          ]}
          data-testid="transfer-direction"
        />
        <Select<TransferStatus>
          allowClear
          value={status}
          onChange={(v) => setStatus(v)}
          placeholder={t('transfers.col.status')}
          options={(['pending', 'approved', 'rejected'] as const).map((s) => ({ value: s, label: pick(transferStatusLabels[s]) }))}
          style={{ minWidth: 120 }}
          data-testid="transfer-status"
        />
      </div>
      {error !== undefined && <LoadErrorAlert error={error} onRetry={reload} />}
      <div data-testid="transfer-table">
        <Table<TransferItem> rowKey="id" size="middle" columns={columns} dataSource={data ?? []} loading={loading} scroll={{ x: 1300 }} pagination={{ pageSize: 20, hideOnSinglePage: true }} />
      </div>
      <ReasonModal
        open={rejecting !== null}
        title={t('transfers.rejectTitle', { name: rejecting?.member.name ?? '' })}
        label={t('transfers.rejectReason')}
        okText={t('transfers.reject')}
        testId="transfer-reject"
        onSubmit={async (reason) => {
          if (!rejecting) return;
          await rejectTransfer(rejecting.id, reason);
          void message.success(t('transfers.rejected', { name: rejecting.member.name }));
          reload();
        }}
        onClose={() => setRejecting(null)}
      />
    </>
  );
}
