import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { App, Button, Card, Checkbox, Col, Form, Input, Row, Space, Statistic, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { FileExcelOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import {
  can, dunningStepLabels, parseYuan, previousMonth, shanghaiDate, statementKindLabels, statementKinds, type ArrearsItem, type PayrollImportResult, type StatementKind,
} from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { formatFen } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { patchParams } from '../../../shared/search-params.ts';
import { useApi } from '../../../shared/use-api.ts';
import { LoadErrorAlert } from '../../components/error-result.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useCurrentUser } from '../auth/session-context.tsx';
import { BudgetsTab } from './budgets-tab.tsx';
import { ChairsTab } from './chairs-tab.tsx';
import { EnterpriseSelect } from './enterprise-select.tsx';
import { SubsidiesTab } from './subsidies-tab.tsx';
import {
  dunningPdfUrl, fetchArrears, fetchDunning, fetchStatement, fetchSummary, fetchTrialBalance, importPayroll, importStatement, newIdempotencyKey, postPayroll,
  postReceipt, reportUrl, runChairAllowances, runReturns, takeStep,
} from './funds-api.ts';

const rate = (r: number) => `${(r * 100).toFixed(1)}%`;
const tabs = ['overview', 'payroll', 'receipts', 'ledger', 'arrears', 'budgets', 'subsidies', 'chairs'] as const;

/**
 * 工会经费: figures of a unit (?orgId=), payroll entry and assessment, receipts by hand or bank statement, the books
 * (trial balance, statements) of a month (?period=), the arrears worklist with the steps of 依法催缴, budgets with
 * spending, the 两非一无 subsidies and the chairs' allowances (?tab=).
 */
export default function FundsPage() {
  const { t } = useLocale();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const orgId = Number(params.get('orgId')) || user.org.id;
  const tab = (tabs as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as (typeof tabs)[number]) : 'overview';
  const period = /^\d{4}-\d{2}$/.test(params.get('period') ?? '') ? params.get('period')! : previousMonth(shanghaiDate().slice(0, 7));
  const update = (patch: Record<string, string | number | undefined>) => setParams((prev) => patchParams(prev, patch));

  return (
    <>
      <div className="page-header">
        <Typography.Title level={4}>{t('funds.title')}</Typography.Title>
      </div>
      <div className="filters">
        <OrgTreeSelect value={orgId} onChange={(id) => update({ orgId: id === undefined || id === user.org.id ? undefined : id })} placeholder={t('funds.org')} style={{ minWidth: 260 }} data-testid="funds-org" />
      </div>
      <Tabs
        activeKey={tab}
        onChange={(key) => update({ tab: key === 'overview' ? undefined : key })}
        items={[
          { key: 'overview', label: t('funds.tab.overview'), children: <Overview orgId={orgId} /> },
          ...(user.canWrite ? [
            { key: 'payroll', label: t('funds.tab.payroll'), children: <Space orientation="vertical" size="large" style={{ width: '100%' }}><PayrollForm /><PayrollImport /></Space> },
            { key: 'receipts', label: t('funds.tab.receipts'), children: <Receipts orgId={orgId} period={period} /> },
          ] : []),
          { key: 'ledger', label: t('funds.tab.ledger'), children: <Books orgId={orgId} period={period} onPeriod={(p) => update({ period: p })} /> },
          { key: 'arrears', label: t('funds.tab.arrears'), children: <Arrears orgId={orgId} /> },
          { key: 'budgets', label: t('funds.tab.budgets'), children: <BudgetsTab orgId={orgId} /> },
          { key: 'subsidies', label: t('funds.tab.subsidies'), children: <SubsidiesTab orgId={orgId} /> },
          { key: 'chairs', label: t('funds.tab.chairs'), children: <ChairsTab orgId={orgId} /> },
        ]}
      />
    </>
  );
}

function Overview({ orgId }: { orgId: number }) {
  const { t } = useLocale();
  const year = shanghaiDate().slice(0, 4);
  const { data, error, reload } = useApi(`funds-summary:${orgId}:${year}`, (signal) => fetchSummary(orgId, year, signal));
  if (error) return <LoadErrorAlert error={error} onRetry={reload} />;
  if (!data) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Row gutter={16} data-testid="funds-figures">
        <Col span={4}><Statistic title={t('funds.assessed')} value={formatFen(data.assessedFen)} /></Col>
        <Col span={4}><Statistic title={t('funds.collected')} value={formatFen(data.collectedFen)} /></Col>
        <Col span={4}><Statistic title={t('funds.collectionRate')} value={rate(data.collectionRate)} data-testid="funds-collection-rate" /></Col>
        <Col span={4}><Statistic title={t('funds.arrears')} value={formatFen(data.arrearsFen)} /></Col>
        <Col span={4}><Statistic title={t('funds.returned')} value={formatFen(data.returnedFen)} /></Col>
        <Col span={4}><Statistic title={t('funds.returnRate')} value={rate(data.returnRate)} /></Col>
      </Row>
      <Table
        rowKey={(r) => r.org.id}
        size="small"
        pagination={false}
        dataSource={data.children.filter((c) => c.assessedFen > 0 || c.collectedFen > 0 || c.returnedFen > 0)}
        columns={[
          { title: t('funds.unit'), render: (_, r) => r.org.name },
          { title: t('funds.assessed'), align: 'right', render: (_, r) => formatFen(r.assessedFen) },
          { title: t('funds.collected'), align: 'right', render: (_, r) => formatFen(r.collectedFen) },
          { title: t('funds.collectionRate'), align: 'right', render: (_, r) => rate(r.collectionRate) },
          { title: t('funds.arrears'), align: 'right', render: (_, r) => formatFen(r.arrearsFen) },
          { title: t('funds.returned'), align: 'right', render: (_, r) => formatFen(r.returnedFen) },
        ]}
      />
    </Space>
  );
}

const useFail = () => {
  const { message } = App.useApp();
  const { t } = useLocale();
  return (e: unknown) => void message.error(isApiError(e) ? e.message : t('app.networkError'));
};

function PayrollForm() {
  const { t } = useLocale();
  const { message } = App.useApp();
  const fail = useFail();
  const [form] = Form.useForm<{ enterpriseId: number; period: string; payroll: string; estimated: boolean }>();
  const estimated = Form.useWatch('estimated', form);
  const submit = async (v: { enterpriseId: number; period: string; payroll?: string; estimated?: boolean }) => {
    try {
      const a = await postPayroll({ enterpriseId: v.enterpriseId, period: v.period, estimated: Boolean(v.estimated), ...(v.estimated ? {} : { payrollFen: parseYuan(v.payroll ?? '') ?? 0 }) });
      void message.success(t('funds.assessmentDone', { amount: formatFen(a.assessmentFen), grassroots: formatFen(a.grassrootsFen), upper: formatFen(a.upperFen) }));
    } catch (e) {
      fail(e);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ period: previousMonth(shanghaiDate().slice(0, 7)), estimated: false }} style={{ maxWidth: 520 }} data-testid="payroll-form">
      <Form.Item name="enterpriseId" label={t('funds.enterprise')} rules={[{ required: true }]}><EnterpriseSelect testId="payroll-enterprise" /></Form.Item>
      <Form.Item name="period" label={t('funds.period')} rules={[{ required: true, pattern: /^\d{4}-(0[1-9]|1[0-2])$/ }]}><Input placeholder="YYYY-MM" data-testid="payroll-period" /></Form.Item>
      <Form.Item name="estimated" valuePropName="checked"><Checkbox>{t('funds.estimated')}</Checkbox></Form.Item>
      {!estimated && (
        <Form.Item name="payroll" label={t('funds.payroll')} rules={[{ validator: async (_, v: string) => { if (parseYuan(v ?? '') === null) throw new Error(t('funds.amountInvalid')); } }]}>
          <Input inputMode="decimal" data-testid="payroll-amount" />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" data-testid="payroll-submit">{t('funds.submitPayroll')}</Button>
    </Form>
  );
}

function PayrollImport() {
  const { t } = useLocale();
  const { message } = App.useApp();
  const fail = useFail();
  const [period, setPeriod] = useState(previousMonth(shanghaiDate().slice(0, 7)));
  const [result, setResult] = useState<PayrollImportResult | null>(null);
  return (
    <Card size="small" title={t('funds.payrollImport')} data-testid="payroll-import">
      <Typography.Paragraph type="secondary">{t('funds.payrollImportHint')}</Typography.Paragraph>
      <Space>
        <Input value={period} onChange={(e) => setPeriod(e.target.value)} placeholder="YYYY-MM" style={{ width: 120 }} data-testid="payroll-import-period" />
        <Upload
          accept=".csv,.xlsx,.txt"
          showUploadList={false}
          customRequest={({ file }) => {
            setResult(null);
            importPayroll(file as File, period).then((r) => {
              setResult(r);
              if (r.posted) void message.success(t('funds.payrollImportDone', { total: r.rows.length, created: r.created, replaced: r.replaced, unchanged: r.unchanged }));
              else void message.error(t('funds.payrollImportRefused', { errors: r.errors.length }));
            }, fail);
          }}
        >
          <Button icon={<UploadOutlined />} data-testid="payroll-import-upload">{t('funds.payrollImport')}</Button>
        </Upload>
      </Space>
      {result && result.errors.length > 0 && (
        <Table
          rowKey={(r) => `${r.sheet}:${r.row}:${r.field}`} size="small" pagination={{ pageSize: 20 }} dataSource={result.errors} data-testid="payroll-import-errors"
          columns={[
            { title: t('funds.sheet'), dataIndex: 'sheet' },
            { title: t('funds.row'), dataIndex: 'row', align: 'right' },
            { title: t('funds.field'), dataIndex: 'field' },
            { title: t('funds.problem'), dataIndex: 'message' },
          ]}
        />
      )}
      {result && result.posted && (
        <Table
          rowKey={(r) => `${r.sheet}:${r.row}`} size="small" pagination={{ pageSize: 20 }} dataSource={result.rows} data-testid="payroll-import-rows"
          columns={[
            { title: t('funds.row'), dataIndex: 'row', align: 'right' },
            { title: t('funds.enterprise'), dataIndex: 'enterpriseName' },
            { title: t('funds.period'), dataIndex: 'period' },
            { title: t('funds.payroll'), align: 'right', render: (_, r) => formatFen(r.payrollFen) },
            { title: t('funds.assessed'), align: 'right', render: (_, r) => (r.assessmentFen === null ? '' : formatFen(r.assessmentFen)) },
          ]}
        />
      )}
    </Card>
  );
}

function Receipts({ orgId, period }: { orgId: number; period: string }) {
  const { t } = useLocale();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const fail = useFail();
  const [key, setKey] = useState(newIdempotencyKey);
  const [form] = Form.useForm<{ enterpriseId: number; amount: string; receivedOn: string }>();
  const submit = async (v: { enterpriseId: number; amount: string; receivedOn: string }) => {
    try {
      const r = await postReceipt({ enterpriseId: v.enterpriseId, amountFen: parseYuan(v.amount) ?? 0, receivedOn: v.receivedOn, idempotencyKey: key });
      void message.success(t('funds.receiptDone', { amount: formatFen(r.amountFen), period: r.period }));
      setKey(newIdempotencyKey());
      form.resetFields();
    } catch (e) {
      fail(e);
    }
  };
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Form form={form} layout="inline" onFinish={submit} initialValues={{ receivedOn: shanghaiDate() }} data-testid="receipt-form">
        <Form.Item name="enterpriseId" rules={[{ required: true }]}><EnterpriseSelect testId="receipt-enterprise" /></Form.Item>
        <Form.Item name="amount" rules={[{ validator: async (_, v: string) => { if (parseYuan(v ?? '') === null) throw new Error(t('funds.amountInvalid')); } }]}>
          <Input placeholder={t('funds.amount')} data-testid="receipt-amount" />
        </Form.Item>
        <Form.Item name="receivedOn" rules={[{ required: true }]}><Input placeholder="YYYY-MM-DD" data-testid="receipt-date" /></Form.Item>
        <Button type="primary" htmlType="submit" data-testid="receipt-submit">{t('funds.submitReceipt')}</Button>
      </Form>
      <Card size="small" title={t('funds.import')}>
        <Typography.Paragraph type="secondary">{t('funds.importHint')}</Typography.Paragraph>
        <Upload
          accept=".csv,.xlsx"
          showUploadList={false}
          customRequest={({ file }) => {
            importStatement(file as File).then(
              (r) => void message.success(t('funds.importDone', { total: r.total, matched: r.matched, queued: r.queued, duplicates: r.duplicates })),
              fail,
            );
          }}
        >
          <Button icon={<UploadOutlined />} data-testid="bank-import">{t('funds.import')}</Button>
        </Upload>
      </Card>
      {can(user, 'funds.returns') && (
        <Button
          data-testid="return-run"
          onClick={() => runReturns(orgId, period).then((r) => void message.success(t('funds.returnDone', { unions: r.unions, amount: formatFen(r.returnedFen) })), fail)}
        >
          {t('funds.returnRun')} {period}
        </Button>
      )}
      {can(user, 'funds.returns') && (
        <Button
          data-testid="chair-allowance-run"
          onClick={() => runChairAllowances(orgId, period).then((r) => void message.success(t('funds.chairDone', { unions: r.postedCount, amount: formatFen(r.postedFen), total: formatFen(r.totalFen) })), fail)}
        >
          {t('funds.chairRun')} {period}
        </Button>
      )}
    </Space>
  );
}

function Books({ orgId, period, onPeriod }: { orgId: number; period: string; onPeriod: (p: string) => void }) {
  const { t, pick } = useLocale();
  const [kind, setKind] = useState<StatementKind | 'trial'>('trial');
  const tb = useApi(kind === 'trial' ? `tb:${orgId}:${period}` : null, (signal) => fetchTrialBalance(orgId, period, signal));
  const st = useApi(kind !== 'trial' ? `st:${kind}:${orgId}:${period}` : null, (signal) => fetchStatement(kind as StatementKind, orgId, period, signal));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Input value={period} onChange={(e) => /^\d{4}-(0[1-9]|1[0-2])$/.test(e.target.value) && onPeriod(e.target.value)} style={{ width: 120 }} data-testid="books-period" />
        {(['trial', ...statementKinds] as const).map((k) => (
          <Button key={k} type={kind === k ? 'primary' : 'default'} onClick={() => setKind(k)}>{k === 'trial' ? t('funds.trialBalance') : pick(statementKindLabels[k])}</Button>
        ))}
        <Button icon={<FileExcelOutlined />} href={reportUrl(kind, orgId, period, 'xlsx')} data-testid="report-xlsx">xlsx</Button>
        <Button icon={<FilePdfOutlined />} href={reportUrl(kind, orgId, period, 'pdf')} target="_blank" rel="noopener noreferrer" data-testid="report-pdf">PDF</Button>
      </Space>
      {kind === 'trial' && tb.data && (
        <Table
          rowKey="code" size="small" pagination={false} dataSource={tb.data.accounts} data-testid="trial-balance"
          columns={[
            { title: t('funds.code'), dataIndex: 'code' },
            { title: t('funds.account'), dataIndex: 'name' },
            { title: t('funds.debit'), align: 'right', render: (_, r) => formatFen(r.debitFen) },
            { title: t('funds.credit'), align: 'right', render: (_, r) => formatFen(r.creditFen) },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}>{t('funds.total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">{formatFen(tb.data!.totalDebitFen)}</Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">{formatFen(tb.data!.totalCreditFen)}</Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      )}
      {kind !== 'trial' && st.data && (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="statement">
          {st.data.sections.map((s) => (
            <Table
              key={s.class} rowKey="code" size="small" pagination={false} dataSource={s.lines} title={() => `${s.class} · ${formatFen(s.totalFen)}`}
              columns={[{ title: t('funds.code'), dataIndex: 'code' }, { title: t('funds.account'), dataIndex: 'name' }, { title: '', align: 'right', render: (_, r) => formatFen(r.amountFen) }]}
            />
          ))}
          <Typography.Text strong>{t('funds.result')}: {formatFen(st.data.resultFen)}</Typography.Text>
        </Space>
      )}
      {Boolean(tb.error ?? st.error) && <LoadErrorAlert error={tb.error ?? st.error} onRetry={kind === 'trial' ? tb.reload : st.reload} />}
    </Space>
  );
}

function Arrears({ orgId }: { orgId: number }) {
  const { t, pick, labelled } = useLocale();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const fail = useFail();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const list = useApi(`arrears:${orgId}:${page}`, (signal) => fetchArrears(orgId, page, signal));
  const history = useApi(open ? `dunning:${open}` : null, (signal) => fetchDunning(open!, signal));
  const step = (item: ArrearsItem) => {
    if (!item.nextStep) return;
    takeStep(item.enterpriseId, item.nextStep).then(() => {
      void message.success(t('funds.stepDone', { step: pick(dunningStepLabels[item.nextStep!]) }));
      list.reload();
      setOpen(item.enterpriseId);
      history.reload();
    }, fail);
  };
  if (list.error) return <LoadErrorAlert error={list.error} onRetry={list.reload} />;
  return (
    <Table
      rowKey="enterpriseId" size="small" dataSource={list.data?.items ?? []} loading={list.loading} data-testid="arrears-table"
      pagination={{ current: page, total: list.data?.total ?? 0, pageSize: 20, onChange: setPage, showSizeChanger: false }}
      expandable={{
        expandedRowKeys: open ? [open] : [],
        onExpand: (expanded, r) => setOpen(expanded ? r.enterpriseId : null),
        expandedRowRender: () => (
          <Space wrap data-testid="dunning-letters">
            {(history.data?.items ?? []).filter((s) => s.hasLetter).map((s) => (
              <a key={s.id} href={dunningPdfUrl(s.id)} target="_blank" rel="noopener noreferrer" data-testid="dunning-pdf">
                <FilePdfOutlined /> {pick(dunningStepLabels[s.step])} {s.documentNumber}
              </a>
            ))}
            {history.data && history.data.items.every((s) => !s.hasLetter) && t('funds.none')}
          </Space>
        ),
      }}
      columns={[
        { title: t('funds.enterprise'), dataIndex: 'name' },
        { title: t('funds.arrears'), align: 'right', render: (_, r) => formatFen(r.arrearsFen) },
        { title: t('funds.oldest'), dataIndex: 'oldestUnpaidPeriod' },
        { title: t('funds.overdueMonths'), dataIndex: 'monthsOverdue', align: 'right' },
        { title: t('funds.steps'), render: (_, r) => r.stepsDone.map((s) => <Tag key={s}>{pick(dunningStepLabels[s])}</Tag>) },
        {
          title: t('funds.nextStep'),
          render: (_, r) => r.nextStep && (user.canWrite
            ? <Button size="small" onClick={() => step(r)} data-testid="dunning-step">{labelled(t('funds.takeStep'), pick(dunningStepLabels[r.nextStep]))}</Button>
            : pick(dunningStepLabels[r.nextStep])),
        },
      ]}
    />
  );
}
