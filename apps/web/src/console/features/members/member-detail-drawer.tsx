import { useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Empty, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { can, genderLabels, joinChannelLabels, occupationLabels, transferStatusLabels, type MemberDetail } from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { formatDate, formatDateTime, formatFen } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { ErrorResult } from '../../components/error-result.tsx';
import { ReasonModal } from '../../components/reason-modal.tsx';
import { useCurrentUser } from '../auth/session-context.tsx';
import { MemberEditModal } from './member-edit-modal.tsx';
import { MemberCategoryTag, MemberStatusTag } from './member-tags.tsx';
import { fetchMember, leaveMember, revealMember } from './members-api.ts';
import { TransferModal } from './transfer-modal.tsx';

interface MemberDetailDrawerProps {
  id: number | null;
  onClose: () => void;
  /** the list should reload (after an edit, a leave or a transfer request) */
  onChanged: () => void;
}

export function MemberDetailDrawer({ id, onClose, onChanged }: MemberDetailDrawerProps) {
  const { t } = useLocale();
  return (
    <Drawer open={id !== null} onClose={onClose} title={t('members.detail')} size={720} destroyOnHidden>
      {id !== null && <MemberDetailBody key={id} id={id} onChanged={onChanged} />}
    </Drawer>
  );
}

type Dialog = 'edit' | 'leave' | 'transfer' | null;

function MemberDetailBody({ id, onChanged }: { id: number; onChanged: () => void }) {
  const { t, pick } = useLocale();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const { data, error, reload } = useApi(`member:${id}`, (signal) => fetchMember(id, signal));
  const [revealed, setRevealed] = useState<{ idNumber: string; phone: string } | null>(null);
  const [revealing, setRevealing] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);

  if (error !== undefined && !data) return <ErrorResult error={error} onRetry={reload} />;
  if (!data) return <Skeleton active />;
  const member: MemberDetail = data;
  const active = member.status === 'active';

  const reveal = async () => {
    setRevealing(true);
    try {
      setRevealed(await revealMember(member.id));
    } catch (e) {
      void message.error(isApiError(e) ? e.message : t('app.networkError'));
    } finally {
      setRevealing(false);
    }
  };

  const changed = (text: string) => {
    setDialog(null);
    void message.success(text);
    setRevealed(null);
    reload();
    onChanged();
  };

  const pendingTransfer = member.transfers.find((tr) => tr.status === 'pending');

  return (
    <div data-testid="member-detail">
      <Space style={{ marginBottom: 16 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {member.name}
        </Typography.Title>
        <MemberStatusTag status={member.status} />
        <MemberCategoryTag category={member.category} />
      </Space>
      {user.canWrite && (
        <Space style={{ display: 'flex', marginBottom: 16 }} wrap>
          {!revealed && can(user, 'members.reveal') && (
            <Button icon={<EyeOutlined />} loading={revealing} onClick={() => void reveal()} data-testid="member-reveal">
              {t('members.reveal')}
            </Button>
          )}
          {active && (
            <>
              <Button onClick={() => setDialog('edit')} data-testid="member-edit">
                {t('enterprise.edit')}
              </Button>
              <Button onClick={() => setDialog('transfer')} disabled={pendingTransfer !== undefined} data-testid="member-transfer">
                {t('members.transfer.action')}
              </Button>
              <Button danger onClick={() => setDialog('leave')} data-testid="member-leave">
                {t('members.leave.action')}
              </Button>
            </>
          )}
        </Space>
      )}
      {revealed && <Alert type="warning" showIcon title={t('members.revealedNotice')} style={{ marginBottom: 12 }} />}
      {pendingTransfer && (
        <Alert type="info" showIcon title={t('members.transfer.pending', { to: pendingTransfer.to.name })} style={{ marginBottom: 12 }} />
      )}
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'idNumber',
            label: t('members.col.idNumber'),
            children: <span className="mono" data-testid="member-id-number">{revealed?.idNumber ?? member.idNumber}</span>,
          },
          {
            key: 'phone',
            label: t('members.col.phone'),
            children: <span className="mono" data-testid="member-phone">{revealed?.phone ?? member.phone}</span>,
          },
          { key: 'gender', label: t('members.gender'), children: pick(genderLabels[member.gender]) },
          { key: 'birthDate', label: t('members.birthDate'), children: formatDate(member.birthDate) },
          { key: 'occupation', label: t('members.col.occupation'), children: pick(occupationLabels[member.occupation]) },
          { key: 'enterprise', label: t('members.col.enterprise'), children: member.enterprise?.name ?? t('app.none') },
          { key: 'union', label: t('members.col.union'), children: member.union.name },
          { key: 'cardNumber', label: t('members.col.cardNumber'), children: <span className="mono">{member.cardNumber}</span> },
          { key: 'joinChannel', label: t('members.col.joinChannel'), children: pick(joinChannelLabels[member.joinChannel]) },
          { key: 'joinedOn', label: t('members.col.joinedOn'), children: formatDate(member.joinedOn) },
          ...(member.leftOn ? [{ key: 'leftOn', label: t('members.leftOn'), children: formatDate(member.leftOn) }] : []),
        ]}
      />

      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('members.transfers')}
      </Typography.Title>
      {member.transfers.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('members.noTransfers')} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={member.transfers}
          columns={[
            { key: 'from', title: t('transfers.col.from'), render: (_, tr) => tr.from.name },
            { key: 'to', title: t('transfers.col.to'), render: (_, tr) => tr.to.name },
            { key: 'status', title: t('transfers.col.status'), width: 90, render: (_, tr) => <Tag>{pick(transferStatusLabels[tr.status])}</Tag> },
            { key: 'requestedAt', title: t('transfers.col.requestedAt'), width: 170, render: (_, tr) => formatDateTime(tr.requestedAt) },
          ]}
        />
      )}

      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('members.subsidies')}
      </Typography.Title>
      {member.subsidies.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('members.noSubsidies')} />
      ) : (
        <Table
          rowKey={(s) => `${s.level}-${s.org.id}`}
          size="small"
          pagination={false}
          dataSource={member.subsidies}
          columns={[
            { key: 'level', title: t('members.subsidy.level'), width: 90, render: (_, s) => (s.level === 'district' ? t('members.subsidy.district') : t('members.subsidy.street')) },
            { key: 'org', title: t('members.subsidy.org'), render: (_, s) => s.org.name },
            { key: 'amount', title: t('members.subsidy.amount'), align: 'right', width: 110, render: (_, s) => formatFen(s.amountFen) },
            { key: 'status', title: t('members.subsidy.status'), width: 90, render: (_, s) => (s.status === 'paid' ? t('members.subsidy.paid') : t('members.subsidy.pending')) },
          ]}
        />
      )}

      {user.canWrite && active && (
        <>
          <MemberEditModal member={member} open={dialog === 'edit'} onClose={() => setDialog(null)} onSaved={() => changed(t('enterprise.saved'))} />
          <TransferModal member={member} open={dialog === 'transfer'} onClose={() => setDialog(null)} onDone={() => changed(t('members.transfer.requested'))} />
          <ReasonModal
            open={dialog === 'leave'}
            title={t('members.leave.title', { name: member.name })}
            label={t('members.leave.reason')}
            okText={t('members.leave.action')}
            testId="member-leave"
            onSubmit={async (reason) => {
              await leaveMember(member.id, reason);
              changed(t('members.leave.done', { name: member.name }));
            }}
            onClose={() => setDialog(null)}
          />
        </>
      )}
    </div>
  );
}
