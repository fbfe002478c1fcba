import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Form, Input, Modal, Row, Select, Space, Statistic, Switch, Table, Tabs, Tag, Typography } from 'antd';
import {
  caseOutcomeLabels, caseOutcomes, caseStatuses, caseStatusLabels, caseTypeLabels, caseTypes, contractKindLabels, contractStatusLabels,
  warningLevelLabels, warningLevels, warningSignalLabels, warningSignals, warningSourceLabels, can,
  type CaseItem, type CaseOutcome, type CaseStatus, type CaseType, type ContractItem, type WarningItem, type WarningLevel, type WarningSignal,
} from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { formatCount, formatDate, formatFen, formatPercent } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { patchParams } from '../../../shared/search-params.ts';
import { useApi } from '../../../shared/use-api.ts';
import { LoadErrorAlert } from '../../components/error-result.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useCurrentUser } from '../auth/session-context.tsx';
import {
  agreementUrl, closeWarning, createCase, createWarning, fetchCases, fetchContracts, fetchSummary, fetchWarnings, letterUrl, moveCase,
} from './rights-api.ts';
import { formatBp, parseWorkers, yuanToFen } from './rights-format.ts';
import { fetchRequest } from '../requests/requests-api.ts';
import { RegionalContractModal } from './regional-contract-form.tsx';
import { EnterpriseSelect } from './enterprise-select.tsx';
import { MemberSelect } from './member-select.tsx';
import type { MemberHit } from './rights-api.ts';
import { BargainingTab } from './bargaining-tab.tsx';
import { ConsultationsTab } from './consultations-tab.tsx';
import { MeetingModal, VetoModal } from './rights-forms.tsx';

const PAGE_SIZE = 20;
const positiveInt = (value: string | null, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};
function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return (values as readonly string[]).includes(value ?? '') ? (value as T) : undefined;
}
const levelColor: Record<WarningLevel, string> = { general: 'gold', serious: 'orange', major: 'red' };

/**
 * 维权服务: the rights figures of a unit (?orgId=), then its cases (/rights), warnings (/rights/warnings) and
 * collective contracts (/rights/contracts) and 恳谈会 (/rights/consultations), each filtered through the URL so the workbench can link to them.
 */
export default function RightsPage() {
  const { t } = useLocale();
  const user = useCurrentUser();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const orgId = positiveInt(params.get('orgId'), user.org.id);
  const tab = pathname.endsWith('/warnings') ? 'warnings' : pathname.endsWith('/contracts') ? 'contracts' : pathname.endsWith('/consultations') ? 'consultations'
    : pathname.endsWith('/bargaining') ? 'bargaining' : 'cases';
  const update = (patch: Record<string, string | number | undefined>) => setParams((prev) => patchParams(prev, patch));
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);

  return (
    <>
      <div className="page-header">
        <Typography.Title level={4}>{t('rights.title')}</Typography.Title>
      </div>
      <div className="filters">
        <OrgTreeSelect
          value={orgId}
          onChange={(id) => update({ orgId: id === undefined || id === user.org.id ? undefined : id, page: undefined })}
          placeholder={t('rights.filter.org')}
          style={{ minWidth: 260 }}
          data-testid="rights-org"
        />
      </div>
      <SummaryCards orgId={orgId} version={version} />
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate({ pathname: key === 'cases' ? '/rights' : `/rights/${key}`, search: orgId === user.org.id ? '' : `?orgId=${orgId}` })}
        items={[
          { key: 'cases', label: t('rights.tab.cases'), children: tab === 'cases' ? <CasesTab orgId={orgId} version={version} onChanged={changed} /> : null },
          { key: 'warnings', label: t('rights.tab.warnings'), children: tab === 'warnings' ? <WarningsTab orgId={orgId} version={version} onChanged={changed} /> : null },
          { key: 'contracts', label: t('rights.tab.contracts'), children: tab === 'contracts' ? <ContractsTab orgId={orgId} /> : null },
          { key: 'bargaining', label: t('rights.tab.bargaining'), children: tab === 'bargaining' ? <BargainingTab /> : null },
          { key: 'consultations', label: t('rights.tab.consultations'), children: tab === 'consultations' ? <ConsultationsTab orgId={orgId} /> : null },
        ]}
      />
    </>
  );
}

function SummaryCards({ orgId, version }: { orgId: number; version: number }) {
  const { t, locale } = useLocale();
  const { data, error, reload } = useApi(`rights-summary-${orgId}-${version}`, (signal) => fetchSummary(orgId, signal));
  if (error) return <LoadErrorAlert error={error} onRetry={reload} />;
  return (
    <Row gutter={16} style={{ marginBottom: 16 }} data-testid="rights-summary">
      <Col span={4}><Card><Statistic title={t('rights.kpi.cases')} value={data?.cases ?? '—'} /></Card></Col>
      <Col span={5}>
        <Card>
          <div data-testid="rights-success-rate" data-value={data ? String(data.successRate) : ''}>
            <Statistic title={t('rights.kpi.successRate')} value={data ? formatPercent(data.succeeded, data.closed) : '—'} valueStyle={{ color: '#3f8600' }} />
          </div>
        </Card>
      </Col>
      <Col span={5}>
        <Card>
          <div data-testid="rights-recovered" data-value={data ? String(data.recoveredFen) : ''}>
            <Statistic title={t('rights.kpi.recovered')} value={data ? formatFen(data.recoveredFen) : '—'} />
          </div>
        </Card>
      </Col>
      <Col span={5}>
        <Card>
          <Statistic title={t('rights.kpi.warnings')} value={data ? `${data.openWarnings.general} / ${data.openWarnings.serious} / ${data.openWarnings.major}` : '—'} />
        </Card>
      </Col>
      <Col span={5}>
        <Card>
          <Statistic title={t('rights.kpi.coverage')} value={data ? `${formatCount(data.contractCoverage.enterprises, locale)} / ${formatCount(data.contractCoverage.employees, locale)}` : '—'} />
        </Card>
      </Col>
    </Row>
  );
}

function CasesTab({ orgId, version, onChanged }: { orgId: number; version: number; onChanged: () => void }) {
  const { t, pick } = useLocale();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const status = oneOf(caseStatuses, params.get('status'));
  const type = oneOf(caseTypes, params.get('type'));
  const page = positiveInt(params.get('page'), 1);
  const query = { orgId, page, pageSize: PAGE_SIZE, ...(status ? { status } : {}), ...(type ? { type } : {}) };
  const { data, error, loading, reload } = useApi(`rights-cases-${JSON.stringify(query)}-${version}`, (signal) => fetchCases(query, signal));
  const [creating, setCreating] = useState(false);
  const [moving, setMoving] = useState<CaseItem | null>(null);
  const update = (patch: Record<string, string | number | undefined>) => setParams((prev) => patchParams(prev, patch));
  // ?fromRequest=<id>: the request drawer's 转为维权案件 opens the new-case form prefilled from that request
  const fromRequest = positiveInt(params.get('fromRequest'), 0) || undefined;
  const closeForm = () => { setCreating(false); if (fromRequest) update({ fromRequest: undefined }); };
  const writer = can(user, 'records.write');

  return (
    <>
      <div className="filters">
        <Select<CaseStatus> allowClear value={status} placeholder={t('rights.filter.status')} style={{ minWidth: 120 }} data-testid="rights-status-filter"
          onChange={(s) => update({ status: s, page: undefined })} options={caseStatuses.map((s) => ({ value: s, label: pick(caseStatusLabels[s]) }))} />
        <Select<CaseType> allowClear value={type} placeholder={t('rights.filter.type')} style={{ minWidth: 120 }}
          onChange={(v) => update({ type: v, page: undefined })} options={caseTypes.map((v) => ({ value: v, label: pick(caseTypeLabels[v]) }))} />
        {writer && <Button type="primary" onClick={() => setCreating(true)} data-testid="rights-new-case">{t('rights.new')}</Button>}
      </div>
      {error ? <LoadErrorAlert error={error} onRetry={reload} /> : null}
      <Table<CaseItem>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        data-testid="rights-cases"
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: (p) => update({ page: p === 1 ? undefined : p }), showSizeChanger: false }}
        columns={[
          { title: t('rights.col.number'), className: 'nowrap', render: (_, c) => <Link to={`/rights/cases/${c.id}`} data-testid={`rights-case-link-${c.id}`}>{c.caseNumber}</Link> },
          { title: t('rights.col.enterprise'), width: 200, render: (_, c) => <>{c.enterprise.name} {c.isGroup && <Tag color="red">{t('rights.group')}</Tag>}</> },
          { title: t('rights.col.type'), render: (_, c) => pick(caseTypeLabels[c.type]) },
          { title: t('rights.col.workers'), dataIndex: 'workerCount' },
          { title: t('rights.col.claim'), className: 'nowrap', render: (_, c) => formatFen(c.claimFen) },
          { title: t('rights.col.status'), render: (_, c) => <Tag>{pick(caseStatusLabels[c.status])}</Tag> },
          { title: t('rights.col.outcome'), render: (_, c) => (c.outcome ? pick(caseOutcomeLabels[c.outcome]) : '—') },
          { title: t('rights.col.recovered'), className: 'nowrap', render: (_, c) => (c.status === 'closed' ? formatFen(c.recoveredFen) : '—') },
          { title: t('rights.col.received'), dataIndex: 'receivedOn', className: 'nowrap' },
          {
            title: t('rights.col.clock'),
            render: (_, c) => (c.clock ? (c.clock.mayArbitrate ? <Tag color="red">{t('rights.clock.passed')}</Tag> : t('rights.clock.left', { n: c.clock.daysLeft, date: c.clock.deadline })) : '—'),
          },
          {
            title: '',
            render: (_, c) => (
              <Space>
                {writer && c.status !== 'closed' && <Button size="small" onClick={() => setMoving(c)} data-testid={`rights-stage-${c.id}`}>{t('rights.stage.next')}</Button>}
                {(c.outcome === 'success' || c.outcome === 'partial') && <a href={agreementUrl(c.id)} target="_blank" rel="noreferrer">{t('rights.agreement')}</a>}
              </Space>
            ),
          },
        ]}
      />
      {(creating || fromRequest) && <NewCaseModal requestId={fromRequest} onClose={closeForm} onSaved={() => { closeForm(); onChanged(); }} />}
      {moving && <StageModal item={moving} onClose={() => setMoving(null)} onSaved={() => { setMoving(null); onChanged(); }} />}
    </>
  );
}

interface NewCaseValues { enterpriseId?: number; type: CaseType; members?: MemberHit[]; workers?: string; claim: string; mediationOrg?: string; mediator?: string; lawyer?: string; description?: string }

function NewCaseModal({ requestId, onClose, onSaved }: { requestId?: number; onClose: () => void; onSaved: () => void }) {
  const { t, pick, clauses } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewCaseValues>();
  const [problem, setProblem] = useState<string | null>(null);
  // the request's requester and description as a start (its phone is masked here, so the name only)
  const source = useApi(requestId ? `rights-from-request-${requestId}` : null, (signal) => fetchRequest(requestId!, signal));
  useEffect(() => {
    if (source.data) form.setFieldsValue({ workers: source.data.requesterName, description: source.data.description });
  }, [source.data, form]);
  const submit = async (v: NewCaseValues) => {
    const claimFen = yuanToFen(v.claim ?? '');
    if (claimFen === null) return form.setFields([{ name: 'claim', errors: [t('rights.amountInvalid')] }]);
    // picked members by id (name and phone come from the member record), then the workers typed in (零门槛)
    const workers = [...(v.members ?? []).map((m) => ({ name: m.name, memberId: m.id })), ...parseWorkers(v.workers ?? '')];
    if (workers.length === 0) return form.setFields([{ name: 'workers', errors: [t('rights.workers.required')] }]);
    try {
      await createCase({
        enterpriseId: v.enterpriseId ?? 0, type: v.type, workers, claimFen,
        mediationOrg: v.mediationOrg ?? '', mediator: v.mediator ?? '', lawyer: v.lawyer ?? '', description: v.description ?? '',
        ...(requestId ? { requestId } : {}),
      });
      void message.success(t('rights.saved'));
      onSaved();
    } catch (error) {
      setProblem(isApiError(error) ? clauses([error.message, ...Object.entries(error.fields).map(([k, m]) => `${k}: ${m}`)]) : t('app.networkError'));
    }
  };
  return (
    <Modal open title={t('rights.new')} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden data-testid="rights-case-modal">
      {requestId && <Alert type="info" showIcon title={t('rights.fromRequest', { id: requestId })} style={{ marginBottom: 16 }} />}
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form<NewCaseValues> form={form} layout="vertical" initialValues={{ type: 'wage_arrears' }} onFinish={(v) => void submit(v)}>
        <Form.Item name="enterpriseId" label={t('rights.enterprise')} rules={[{ required: true }]}><EnterpriseSelect /></Form.Item>
        <Form.Item name="type" label={t('rights.col.type')}><Select options={caseTypes.map((v) => ({ value: v, label: pick(caseTypeLabels[v]) }))} /></Form.Item>
        <Form.Item name="members" label={t('rights.workers.members')}><MemberSelect /></Form.Item>
        <Form.Item name="workers" label={t('rights.workers.others')}><Input.TextArea rows={3} data-testid="rights-workers" /></Form.Item>
        <Form.Item name="claim" label={t('rights.claimYuan')} rules={[{ required: true }]}><Input data-testid="rights-claim" /></Form.Item>
        <Form.Item name="mediationOrg" label={t('rights.mediationOrg')}><Input /></Form.Item>
        <Form.Item name="mediator" label={t('rights.mediator')}><Input /></Form.Item>
        <Form.Item name="lawyer" label={t('rights.lawyer')}><Input /></Form.Item>
        <Form.Item name="description" label={t('rights.description')}><Input.TextArea rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}

interface StageValues { to: 'investigating' | 'mediating' | 'closed'; outcome?: CaseOutcome; recovered?: string; agreementText?: string }

function StageModal({ item, onClose, onSaved }: { item: CaseItem; onClose: () => void; onSaved: () => void }) {
  const { t, pick, clauses } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<StageValues>();
  const [problem, setProblem] = useState<string | null>(null);
  const to = Form.useWatch('to', form);
  const outcome = Form.useWatch('outcome', form);
  const next = item.status === 'accepted' ? 'investigating' : item.status === 'investigating' ? 'mediating' : 'closed';
  const agreed = outcome === 'success' || outcome === 'partial';
  const submit = async (v: StageValues) => {
    const recoveredFen = agreed ? yuanToFen(v.recovered ?? '') : undefined;
    if (recoveredFen === null) return form.setFields([{ name: 'recovered', errors: [t('rights.amountInvalid')] }]);
    try {
      await moveCase(item.id, { to: v.to, ...(v.to === 'closed' ? { outcome: v.outcome } : {}), ...(recoveredFen !== undefined ? { recoveredFen } : {}), ...(agreed && v.agreementText ? { agreementText: v.agreementText } : {}) });
      void message.success(t('rights.saved'));
      onSaved();
    } catch (error) {
      setProblem(isApiError(error) ? clauses([error.message, ...Object.values(error.fields)]) : t('app.networkError'));
    }
  };
  return (
    <Modal open title={`${t('rights.stage.next')} · ${item.caseNumber}`} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden data-testid="rights-stage-modal">
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} data-testid="rights-stage-error" />}
      <Form<StageValues> form={form} layout="vertical" initialValues={{ to: next }} onFinish={(v) => void submit(v)}>
        <Form.Item name="to" label={t('rights.stage.to')}>
          <Select data-testid="rights-stage-to" options={[...new Set([next, 'closed'] as const)].map((s) => ({ value: s, label: pick(caseStatusLabels[s]) }))} />
        </Form.Item>
        {to === 'closed' && (
          <Form.Item name="outcome" label={t('rights.stage.outcome')} rules={[{ required: true }]}>
            <Select<CaseOutcome> data-testid="rights-stage-outcome" options={caseOutcomes.map((o) => ({ value: o, label: pick(caseOutcomeLabels[o]) }))} />
          </Form.Item>
        )}
        {to === 'closed' && agreed && (
          <>
            <Form.Item name="recovered" label={t('rights.recoveredYuan')} rules={[{ required: true }]}><Input data-testid="rights-stage-recovered" /></Form.Item>
            <Form.Item name="agreementText" label={t('rights.stage.agreement')}><Input.TextArea rows={2} /></Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

function WarningsTab({ orgId, version, onChanged }: { orgId: number; version: number; onChanged: () => void }) {
  const { t, pick } = useLocale();
  const user = useCurrentUser();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const level = oneOf(warningLevels, params.get('level'));
  const status = oneOf(['open', 'closed'] as const, params.get('status'));
  const page = positiveInt(params.get('page'), 1);
  const query = { orgId, page, pageSize: PAGE_SIZE, ...(level ? { level } : {}), ...(status ? { status } : {}) };
  const { data, error, loading, reload } = useApi(`rights-warnings-${JSON.stringify(query)}-${version}`, (signal) => fetchWarnings(query, signal));
  const [creating, setCreating] = useState(false);
  const [meeting, setMeeting] = useState<WarningItem | null>(null);
  const [form] = Form.useForm<{ enterpriseId?: number; signal: Exclude<WarningSignal, 'case_cluster'>; level: WarningLevel; description?: string }>();
  const update = (patch: Record<string, string | number | undefined>) => setParams((prev) => patchParams(prev, patch));
  const writer = can(user, 'records.write');
  const today = formatDate(new Date().toISOString());
  const close = async (w: WarningItem) => {
    try {
      await closeWarning(w.id);
      onChanged();
    } catch (error) {
      void message.error(isApiError(error) ? error.message : t('app.networkError'));
    }
  };
  return (
    <>
      <div className="filters">
        <Select<WarningLevel> allowClear value={level} placeholder={t('rights.filter.level')} style={{ minWidth: 120 }}
          onChange={(v) => update({ level: v, page: undefined })} options={warningLevels.map((v) => ({ value: v, label: pick(warningLevelLabels[v]) }))} />
        <Select<'open' | 'closed'> allowClear value={status} placeholder={t('rights.filter.warningStatus')} style={{ minWidth: 120 }}
          onChange={(v) => update({ status: v, page: undefined })}
          options={[{ value: 'open', label: t('rights.warning.status.open') }, { value: 'closed', label: t('rights.warning.status.closed') }]} />
        {writer && <Button type="primary" onClick={() => setCreating(true)}>{t('rights.warning.new')}</Button>}
      </div>
      {error ? <LoadErrorAlert error={error} onRetry={reload} /> : null}
      <Table<WarningItem>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        data-testid="rights-warnings"
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: (p) => update({ page: p === 1 ? undefined : p }), showSizeChanger: false }}
        columns={[
          { title: t('rights.col.enterprise'), render: (_, w) => w.enterprise.name },
          { title: t('rights.filter.level'), render: (_, w) => <Tag color={levelColor[w.level]}>{pick(warningLevelLabels[w.level])}</Tag> },
          { title: t('rights.warning.signal'), render: (_, w) => pick(warningSignalLabels[w.signal]) },
          { title: t('rights.warning.source'), render: (_, w) => pick(warningSourceLabels[w.source]) },
          { title: t('rights.warning.raised'), dataIndex: 'raisedOn' },
          {
            title: t('rights.warning.deadline'),
            // an open warning past its rectification deadline is the one to act on (紧急约见, escalation)
            render: (_, w) => (
              <Space size={4} wrap>
                {w.deadline}
                {w.status === 'open' && w.deadline < today && <Tag color="red" data-testid="rights-warning-overdue">{t('rights.warning.overdue')}</Tag>}
              </Space>
            ),
          },
          { title: '', render: (_, w) => (w.meetings.length > 0 ? t('rights.warning.meetings', { n: w.meetings.length }) : '') },
          {
            title: '',
            render: (_, w) => (
              <Space>
                <a href={letterUrl(w.id)} target="_blank" rel="noreferrer">{t('rights.warning.letter')}</a>
                {writer && w.status === 'open' && (
                  <Button size="small" danger={w.level === 'major'} onClick={() => setMeeting(w)} data-testid={`rights-meeting-${w.id}`}>{t('rights.meeting.title')}</Button>
                )}
                {writer && w.status === 'open' ? <Button size="small" onClick={() => void close(w)}>{t('rights.warning.close')}</Button> : <Tag>{t(`rights.warning.status.${w.status}`)}</Tag>}
              </Space>
            ),
          },
        ]}
      />
      {meeting && <MeetingModal warning={meeting} onClose={() => setMeeting(null)} onSaved={() => { setMeeting(null); onChanged(); }} />}
      {creating && (
        <Modal open title={t('rights.warning.new')} onCancel={() => setCreating(false)} onOk={() => form.submit()} destroyOnHidden>
          <Form form={form} layout="vertical" initialValues={{ signal: 'wage_arrears', level: 'general' }} onFinish={(v) => {
            createWarning({ enterpriseId: v.enterpriseId ?? 0, signal: v.signal, level: v.level, description: v.description ?? '' })
              .then(() => { setCreating(false); onChanged(); }, (error: unknown) => void message.error(isApiError(error) ? error.message : t('app.networkError')));
          }}>
            <Form.Item name="enterpriseId" label={t('rights.enterprise')} rules={[{ required: true }]}><EnterpriseSelect /></Form.Item>
            <Form.Item name="signal" label={t('rights.warning.signal')}>
              <Select options={warningSignals.filter((s) => s !== 'case_cluster').map((s) => ({ value: s, label: pick(warningSignalLabels[s]) }))} />
            </Form.Item>
            <Form.Item name="level" label={t('rights.filter.level')}><Select options={warningLevels.map((v) => ({ value: v, label: pick(warningLevelLabels[v]) }))} /></Form.Item>
            <Form.Item name="description" label={t('rights.description')}><Input.TextArea rows={2} /></Form.Item>
          </Form>
        </Modal>
      )}
    </>
  );
}

function ContractsTab({ orgId }: { orgId: number }) {
  const { t, pick } = useLocale();
  const user = useCurrentUser();
  const [vetoing, setVetoing] = useState<ContractItem | null>(null);
  const [regional, setRegional] = useState(false);
  const [version, setVersion] = useState(0);
  const mayVeto = can(user, 'congress.jointCouncil');
  const [params, setParams] = useSearchParams();
  const expiring = params.get('expiringWithinDays') !== null;
  const page = positiveInt(params.get('page'), 1);
  const query = { orgId, page, pageSize: PAGE_SIZE, ...(expiring ? { expiringWithinDays: 90 } : {}) };
  const { data, error, loading, reload } = useApi(`rights-contracts-${JSON.stringify(query)}-${version}`, (signal) => fetchContracts(query, signal));
  const update = (patch: Record<string, string | number | undefined>) => setParams((prev) => patchParams(prev, patch));
  return (
    <>
      <div className="filters">
        <Space>
          <Switch checked={expiring} onChange={(on) => update({ expiringWithinDays: on ? 90 : undefined, page: undefined })} data-testid="rights-expiring" />
          {t('rights.filter.expiring')}
          <Button onClick={() => setRegional(true)} data-testid="rights-regional-new">{t('rights.regional.action')}</Button>
        </Space>
      </div>
      {error ? <LoadErrorAlert error={error} onRetry={reload} /> : null}
      <Table<ContractItem>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        data-testid="rights-contracts"
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: (p) => update({ page: p === 1 ? undefined : p }), showSizeChanger: false }}
        columns={[
          {
            title: t('rights.col.enterprise'),
            render: (_, c) => (c.regional
              ? <>{c.enterprise.name} <Tag>{t('rights.regional.covered', { org: c.regional.org.name, n: c.regional.coveredEnterprises })}</Tag></>
              : c.enterprise.name),
          },
          { title: t('rights.contract.kind'), render: (_, c) => pick(contractKindLabels[c.kind]) },
          { title: t('rights.contract.status'), render: (_, c) => <Tag color={c.status === 'vetoed' ? 'red' : undefined}>{pick(contractStatusLabels[c.status])}</Tag> },
          { title: t('rights.contract.term'), render: (_, c) => `${c.validFrom} ~ ${c.validTo}` },
          { title: t('rights.contract.increase'), render: (_, c) => formatBp(c.increaseBp) },
          { title: t('rights.contract.minimumWage'), render: (_, c) => formatFen(c.minimumWageFen) },
          { title: t('rights.contract.employees'), dataIndex: 'coveredEmployees' },
          { title: t('rights.contract.expiry'), render: (_, c) => (c.daysToExpiry >= 0 ? t('rights.contract.days', { n: c.daysToExpiry }) : '—') },
          { title: '', render: (_, c) => (c.checks.length > 0 ? t('rights.contract.checks', { n: c.checks.length }) : '') },
          {
            title: '',
            render: (_, c) => (mayVeto && c.kind === 'wage_specific' && c.status !== 'vetoed'
              ? <Button size="small" danger onClick={() => setVetoing(c)} data-testid={`rights-veto-${c.id}`}>{t('rights.veto.action')}</Button>
              : c.status === 'vetoed' && c.vetoReason ? <Typography.Text type="secondary">{c.vetoReason}</Typography.Text> : null),
          },
        ]}
      />
      {regional && <RegionalContractModal onClose={() => setRegional(false)} onSaved={() => { setRegional(false); setVersion((v) => v + 1); }} />}
      {vetoing && <VetoModal contract={vetoing} onClose={() => setVetoing(null)} onSaved={() => { setVetoing(null); setVersion((v) => v + 1); }} />}
    </>
  );
}
