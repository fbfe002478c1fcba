import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Progress, Select, Space, Table, Tag } from 'antd';
import {
  budgetAccountCodes, budgetKindLabels, budgetKinds, fundAccountLabels, parseYuan, shanghaiDate, type BudgetLine, type BudgetKind, type BudgetAccountCode,
} from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { formatFen } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { LoadErrorAlert } from '../../components/error-result.tsx';
import { useCurrentUser } from '../auth/session-context.tsx';
import { addBudgetLine, fetchBudget, fetchSpendings, newIdempotencyKey, postSpending, reverseSpending } from './funds-api.ts';

const percent = (r: number) => Math.round(r * 1000) / 10;

/**
 * 预算: a unit's budget lines of a year (基本支出 / 项目支出) with budget, spent, remaining and execution rate; a
 * payment against a line (posted through the ledger; more than remains is refused with the line and the amount
 * left), its payments with a reversal each, and a new line.
 */
export function BudgetsTab({ orgId }: { orgId: number }) {
  const { t, pick } = useLocale();
  const user = useCurrentUser();
  const [year, setYear] = useState(Number(shanghaiDate().slice(0, 4)));
  const [open, setOpen] = useState<number | null>(null);
  const [paying, setPaying] = useState<BudgetLine | null>(null);
  const budget = useApi(`budget:${orgId}:${year}`, (signal) => fetchBudget(orgId, year, signal));
  const spendings = useApi(open ? `spendings:${open}` : null, (signal) => fetchSpendings(open!, signal));
  const changed = () => {
    budget.reload();
    spendings.reload();
  };
  if (budget.error) return <LoadErrorAlert error={budget.error} onRetry={budget.reload} />;
  const totals = budget.data?.totals;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space>
        {t('funds.year')}
        <InputNumber min={2000} max={2199} value={year} onChange={(v) => v && setYear(v)} data-testid="budget-year" />
      </Space>
      <Table
        rowKey="id" size="small" pagination={false} dataSource={budget.data?.items ?? []} loading={budget.loading} data-testid="budget-table"
        expandable={{
          expandedRowKeys: open ? [open] : [],
          onExpand: (expanded, r) => setOpen(expanded ? r.id : null),
          expandedRowRender: () => <Spendings items={spendings.data?.items ?? []} canWrite={user.canWrite} onChanged={changed} />,
        }}
        columns={[
          { title: t('funds.budgetKind'), render: (_, r) => <Tag color={r.kind === 'basic' ? 'blue' : 'purple'}>{pick(budgetKindLabels[r.kind])}</Tag> },
          { title: t('funds.budgetName'), dataIndex: 'name' },
          { title: t('funds.account'), render: (_, r) => `${r.accountCode} ${(budgetAccountCodes as readonly string[]).includes(r.accountCode) ? pick(fundAccountLabels[r.accountCode as BudgetAccountCode]) : ''}` },
          { title: t('funds.budgetAmount'), align: 'right', render: (_, r) => formatFen(r.amountFen) },
          { title: t('funds.budgetSpent'), align: 'right', render: (_, r) => formatFen(r.spentFen) },
          { title: t('funds.budgetRemaining'), align: 'right', render: (_, r) => <span data-testid="budget-remaining">{formatFen(r.remainingFen)}</span> },
          { title: t('funds.budgetRate'), width: 160, render: (_, r) => <Progress percent={percent(r.executionRate)} size="small" /> },
          ...(user.canWrite ? [{
            title: '', render: (_: unknown, r: BudgetLine) => <Button size="small" onClick={() => setPaying(r)} data-testid="budget-pay">{t('funds.budgetPay')}</Button>,
          }] : []),
        ]}
        summary={() => totals && (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={4}>{t('funds.total')}</Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">{formatFen(totals.amountFen)}</Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right">{formatFen(totals.spentFen)}</Table.Summary.Cell>
            <Table.Summary.Cell index={6} align="right">{formatFen(totals.remainingFen)}</Table.Summary.Cell>
            <Table.Summary.Cell index={7}><Progress percent={percent(totals.executionRate)} size="small" /></Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      {user.canWrite && <NewLine orgId={orgId} year={year} onAdded={budget.reload} />}
      {paying && <PayModal line={paying} onClose={() => setPaying(null)} onPaid={() => { setPaying(null); setOpen(paying.id); changed(); }} />}
    </Space>
  );
}

function Spendings({ items, canWrite, onChanged }: { items: { id: number; spentOn: string; payee: string; purpose: string; amountFen: number; period: string; reversalEntryId: number | null; reverseReason: string | null }[]; canWrite: boolean; onChanged: () => void }) {
  const { t, labelled } = useLocale();
  const { message, modal } = App.useApp();
  const reverse = (id: number) => {
    let reason = '';
    void modal.confirm({
      title: t('funds.spendingReverse'),
      content: <Input placeholder={t('funds.spendingReverseReason')} onChange={(e) => { reason = e.target.value; }} data-testid="spending-reverse-reason" />,
      onOk: async () => {
        try {
          await reverseSpending(id, reason);
          void message.success(t('funds.spendingReversed'));
          onChanged();
        } catch (e) {
          void message.error(isApiError(e) ? Object.values(e.fields)[0] ?? e.message : t('app.networkError'));
          throw e;
        }
      },
    });
  };
  return (
    <Table
      rowKey="id" size="small" pagination={{ pageSize: 12, showSizeChanger: false }} dataSource={items} data-testid="spending-table"
      columns={[
        { title: t('funds.spentOn'), dataIndex: 'spentOn' },
        { title: t('funds.payee'), dataIndex: 'payee' },
        { title: t('funds.purpose'), dataIndex: 'purpose' },
        { title: t('funds.amountShort'), align: 'right', render: (_, r) => (r.reversalEntryId ? <s>{formatFen(r.amountFen)}</s> : formatFen(r.amountFen)) },
        { title: t('funds.postedPeriod'), dataIndex: 'period' },
        {
          title: '',
          render: (_, r) => r.reversalEntryId
            ? <Tag>{labelled(t('funds.spendingReversed'), r.reverseReason ?? '')}</Tag>
            : canWrite && <Button size="small" danger onClick={() => reverse(r.id)} data-testid="spending-reverse">{t('funds.spendingReverse')}</Button>,
        },
      ]}
    />
  );
}

interface PayForm { spentOn: string; payee: string; purpose: string; amount: string }

function PayModal({ line, onClose, onPaid }: { line: BudgetLine; onClose: () => void; onPaid: () => void }) {
  const { t } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<PayForm>();
  // one key per opened form: a double submit or a retry posts once
  const [key] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const submit = async (v: PayForm) => {
    setBusy(true);
    try {
      const s = await postSpending(line.id, { spentOn: v.spentOn, payee: v.payee, purpose: v.purpose, amountFen: parseYuan(v.amount) ?? 0, idempotencyKey: key });
      void message.success(t('funds.spendingDone', { amount: formatFen(s.amountFen), period: s.period }));
      onPaid();
    } catch (e) {
      if (isApiError(e)) {
        form.setFields(Object.entries(e.fields).map(([name, msg]) => ({ name: (name === 'amountFen' ? 'amount' : name) as keyof PayForm, errors: [msg] })));
        void message.error(Object.values(e.fields)[0] ?? e.message);
      } else void message.error(t('app.networkError'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('funds.budgetPayTitle', { line: line.name, remaining: formatFen(line.remainingFen) })} onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>{t('funds.cancel')}</Button>,
        <Button key="ok" type="primary" loading={busy} onClick={() => form.submit()} data-testid="spending-submit">{t('funds.budgetPay')}</Button>,
      ]}
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ spentOn: shanghaiDate() }} data-testid="spending-form">
        <Form.Item name="spentOn" label={t('funds.spentOn')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}><Input data-testid="spending-date" /></Form.Item>
        <Form.Item name="payee" label={t('funds.payee')} rules={[{ required: true, max: 100 }]}><Input data-testid="spending-payee" /></Form.Item>
        <Form.Item name="purpose" label={t('funds.purpose')} rules={[{ required: true, max: 200 }]}><Input data-testid="spending-purpose" /></Form.Item>
        <Form.Item name="amount" label={t('funds.amount')} rules={[{ validator: async (_, v: string) => { if (parseYuan(v ?? '') === null) throw new Error(t('funds.amountInvalid')); } }]}>
          <Input inputMode="decimal" data-testid="spending-amount" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface LineForm { kind: BudgetKind; name: string; accountCode: BudgetAccountCode; amount: string }

function NewLine({ orgId, year, onAdded }: { orgId: number; year: number; onAdded: () => void }) {
  const { t, pick } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<LineForm>();
  const submit = async (v: LineForm) => {
    try {
      await addBudgetLine({ orgId, year, kind: v.kind, name: v.name, accountCode: v.accountCode, amountFen: parseYuan(v.amount) ?? 0 });
      void message.success(t('funds.budgetAdded', { name: v.name }));
      form.resetFields();
      onAdded();
    } catch (e) {
      if (isApiError(e)) {
        form.setFields(Object.entries(e.fields).map(([name, msg]) => ({ name: (name === 'amountFen' ? 'amount' : name) as keyof LineForm, errors: [msg] })));
        void message.error(e.message);
      } else void message.error(t('app.networkError'));
    }
  };
  return (
    <Card size="small" title={t('funds.budgetNew', { year })}>
      <Form form={form} layout="inline" onFinish={submit} initialValues={{ kind: 'project', accountCode: '501' }} data-testid="budget-form">
        <Form.Item name="kind" label={t('funds.budgetKind')}>
          <Select style={{ width: 120 }} options={budgetKinds.map((k) => ({ value: k, label: pick(budgetKindLabels[k]) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('funds.budgetName')} rules={[{ required: true, max: 100 }]}><Input style={{ width: 180 }} data-testid="budget-name" /></Form.Item>
        <Form.Item name="accountCode" label={t('funds.account')}>
          <Select style={{ width: 180 }} options={budgetAccountCodes.map((c) => ({ value: c, label: `${c} ${pick(fundAccountLabels[c])}` }))} />
        </Form.Item>
        <Form.Item name="amount" label={t('funds.budgetAmountYuan')} rules={[{ validator: async (_, v: string) => { if (parseYuan(v ?? '') === null) throw new Error(t('funds.amountInvalid')); } }]}>
          <Input style={{ width: 140 }} inputMode="decimal" data-testid="budget-amount" />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="budget-submit">{t('funds.budgetAdd')}</Button>
      </Form>
    </Card>
  );
}
