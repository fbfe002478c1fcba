import { useState } from 'react';
import { Alert, App, Button, Col, Input, Row, Segmented, Space, Statistic, Table, Tag } from 'antd';
import { can, previousMonth, shanghaiDate, subsidyStatusLabels, type SubsidyStatus } from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { formatFen } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { LoadErrorAlert } from '../../components/error-result.tsx';
import { useCurrentUser } from '../auth/session-context.tsx';
import { fetchSubsidies, runSubsidies } from './funds-api.ts';

/**
 * 补贴: the 两非一无 new-member subsidies a district or street federation owes its unions (pending) and has paid,
 * and the month's payment run (one ledger entry; the month's run again posts nothing).
 */
export function SubsidiesTab({ orgId }: { orgId: number }) {
  const { t, pick } = useLocale();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const [status, setStatus] = useState<SubsidyStatus | 'all'>('pending');
  const [page, setPage] = useState(1);
  const [period, setPeriod] = useState(previousMonth(shanghaiDate().slice(0, 7)));
  const [running, setRunning] = useState(false);
  const list = useApi(`subsidies:${orgId}:${status}:${page}`, (signal) => fetchSubsidies(orgId, status === 'all' ? undefined : status, page, signal));
  const notPayer = isApiError(list.error) && list.error.status === 400;
  const run = async () => {
    setRunning(true);
    try {
      const r = await runSubsidies(orgId, period);
      void message.success(r.created
        ? t('funds.subsidyRunDone', { count: r.count, unions: r.unions, amount: formatFen(r.amountFen), period: r.postedPeriod ?? period, date: r.postedOn ?? '' })
        : r.entryId ? t('funds.subsidyRunBefore', { period, count: r.count, amount: formatFen(r.amountFen) }) : t('funds.subsidyRunNothing', { period }));
      list.reload();
    } catch (e) {
      void message.error(isApiError(e) ? Object.values(e.fields)[0] ?? e.message : t('app.networkError'));
    } finally {
      setRunning(false);
    }
  };
  if (notPayer) return <Alert type="info" showIcon title={t('funds.subsidyPickPayer')} data-testid="subsidy-pick-payer" />;
  if (list.error) return <LoadErrorAlert error={list.error} onRetry={list.reload} />;
  const d = list.data;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {d && (
        <Row gutter={16} data-testid="subsidy-figures">
          <Col span={6}><Statistic title={t('funds.subsidyPending')} value={d.pendingCount} suffix={`· ${formatFen(d.pendingFen)}`} /></Col>
          <Col span={6}><Statistic title={t('funds.subsidyPaid')} value={d.paidCount} suffix={`· ${formatFen(d.paidFen)}`} /></Col>
        </Row>
      )}
      {can(user, 'funds.subsidies') && (
        <Space>
          {t('funds.period')}
          <Input value={period} onChange={(e) => setPeriod(e.target.value)} style={{ width: 110 }} data-testid="subsidy-period" />
          <Button type="primary" loading={running} disabled={!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)} onClick={() => void run()} data-testid="subsidy-run">
            {t('funds.subsidyRun')}
          </Button>
        </Space>
      )}
      <Segmented
        value={status}
        onChange={(v) => { setStatus(v as SubsidyStatus | 'all'); setPage(1); }}
        options={[
          { value: 'pending', label: pick(subsidyStatusLabels.pending) },
          { value: 'paid', label: pick(subsidyStatusLabels.paid) },
          { value: 'all', label: t('funds.subsidyAll') },
        ]}
      />
      <Table
        rowKey="id" size="small" dataSource={d?.items ?? []} loading={list.loading} data-testid="subsidy-table"
        pagination={{ current: page, total: d?.total ?? 0, pageSize: 20, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('funds.subsidyMember'), dataIndex: 'memberName' },
          { title: t('funds.subsidyJoined'), dataIndex: 'joinedOn' },
          { title: t('funds.subsidyUnion'), render: (_, r) => r.union.name },
          { title: t('funds.subsidyLevel'), render: (_, r) => (r.level === 'district' ? t('funds.subsidyDistrict') : t('funds.subsidyStreet')) },
          { title: t('funds.amountShort'), align: 'right', render: (_, r) => formatFen(r.amountFen) },
          { title: t('funds.subsidyStatus'), render: (_, r) => <Tag color={r.status === 'paid' ? 'green' : 'orange'}>{pick(subsidyStatusLabels[r.status])}{r.paidPeriod ? ` ${r.paidPeriod}` : ''}</Tag> },
        ]}
      />
    </Space>
  );
}
