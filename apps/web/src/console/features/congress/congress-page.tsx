import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  App, Button, Checkbox, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Modal, Popconfirm, Progress, Rate, Select, Space, Statistic, Switch,
  Table, Tabs, Tag, Timeline, Typography, Upload,
} from 'antd';
import {
  can, evaluationPartLabels, indicatorItems, scoredParts, passRules, passRuleLabels, proposalRatingLabels, proposalStates, proposalStateLabels, shanghaiDate,
  voteMethods, voteMethodLabels, voteOptionText, voteStateLabels, type Proposal, type ProposalState, type Vote, type VoteMethod,
} from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { LoadErrorAlert } from '../../components/error-result.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useCurrentUser } from '../auth/session-context.tsx';
import {
  answerProposal, createVote, postGrant, fetchEvaluation, fetchEvaluationSummary, fetchProposals, fetchSessions, fetchVoteResult, fetchVotes, fileProposal,
  evidenceUrl, fetchEvidence, fetchRatingQuestions, markBest, uploadEvidence, postProgress, returnProposal, saveRatingQuestions, voteStep,
} from './congress-api.ts';

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Runs an action, shows its error as a message; true when it succeeded. */
function useAction() {
  const { t } = useLocale();
  const { message } = App.useApp();
  return async (run: () => Promise<unknown>): Promise<boolean> => {
    try {
      await run();
      void message.success(t('congress.done'));
      return true;
    } catch (e) {
      void message.error(isApiError(e) ? e.message : t('app.networkError'));
      return false;
    }
  };
}

/**
 * 民主管理: the workers' congress of a unit (sessions, the proposal committee's queue), its votes (create, start,
 * finish, publish, result with the chain head) and the yearly evaluation with stars. ?orgId=, ?tab=.
 */
export default function CongressPage() {
  const { t } = useLocale();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const orgId = positiveInt(params.get('orgId'), user.org.id);
  const tab = params.get('tab') ?? 'proposals';
  const update = (patch: Record<string, string | undefined>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined) next.delete(k);
        else next.set(k, v);
      }
      return next;
    });

  return (
    <>
      <div className="page-header">
        <Typography.Title level={4}>{t('congress.title')}</Typography.Title>
      </div>
      <div className="filters">
        <OrgTreeSelect
          value={orgId}
          onChange={(id) => update({ orgId: id === undefined || id === user.org.id ? undefined : String(id), session: undefined })}
          placeholder={t('congress.filter.org')}
          style={{ minWidth: 260 }}
          data-testid="congress-org"
        />
      </div>
      <Tabs
        activeKey={tab}
        onChange={(key) => update({ tab: key === 'proposals' ? undefined : key })}
        items={[
          { key: 'proposals', label: t('congress.tab.proposals'), children: tab === 'proposals' ? <ProposalsTab orgId={orgId} /> : null },
          { key: 'votes', label: t('congress.tab.votes'), children: tab === 'votes' ? <VotesTab orgId={orgId} /> : null },
          { key: 'evaluation', label: t('congress.tab.evaluation'), children: tab === 'evaluation' ? <EvaluationTab orgId={orgId} /> : null },
        ]}
      />
    </>
  );
}

// ---- sessions and proposals -----------------------------------------------------------------------------------

function ProposalsTab({ orgId }: { orgId: number }) {
  const { t, pick, list, aside } = useLocale();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const sessions = useApi(`sessions:${orgId}`, (signal) => fetchSessions(orgId, signal));
  const sessionId = positiveInt(params.get('session'), sessions.data?.[0]?.id ?? 0) || null;
  const state = (proposalStates as readonly string[]).includes(params.get('state') ?? '') ? (params.get('state') as ProposalState) : undefined;
  const bestOnly = params.get('best') === '1';
  const proposals = useApi(sessionId ? `proposals:${sessionId}:${state ?? ''}:${bestOnly}` : null, (signal) => fetchProposals(sessionId!, state, bestOnly, signal));
  const session = sessions.data?.find((s) => s.id === sessionId);
  const [acting, setActing] = useState<{ kind: 'file' | 'return' | 'answer'; proposal: Proposal } | null>(null);
  const [open, setOpen] = useState<Proposal | null>(null);
  const committee = session ? can(user, 'congress.fileProposals', undefined) : false;
  const set = (k: string, v: string | undefined) => setParams((prev) => {
    const next = new URLSearchParams(prev);
    if (v === undefined) next.delete(k);
    else next.set(k, v);
    return next;
  });

  return (
    <>
      {sessions.error !== undefined && <LoadErrorAlert error={sessions.error} onRetry={sessions.reload} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          value={sessionId ?? undefined}
          placeholder={t('congress.sessionPlaceholder')}
          notFoundContent={t('congress.noSessions')}
          options={(sessions.data ?? []).map((s) => ({ value: s.id, label: aside(s.title, s.org.name, s.heldOn) }))}
          onChange={(id: number) => set('session', String(id))}
          style={{ minWidth: 360 }}
          data-testid="congress-session"
        />
        <Select<ProposalState>
          allowClear
          value={state}
          placeholder={t('congress.filter.state')}
          options={proposalStates.map((s) => ({ value: s, label: pick(proposalStateLabels[s]) }))}
          onChange={(s) => set('state', s)}
          style={{ minWidth: 160 }}
          data-testid="congress-state"
        />
        <Space size={4}>
          <Switch size="small" checked={bestOnly} onChange={(on) => set('best', on ? '1' : undefined)} data-testid="congress-best-only" />
          <span>{t('congress.bestOnly')}</span>
        </Space>
      </Space>
      {session && (
        <Space wrap style={{ marginBottom: 12 }} data-testid="congress-quorum">
          <Tag color={session.quorum.met ? 'green' : 'orange'}>{session.quorum.met ? t('congress.quorumMet') : t('congress.quorumNotMet')}</Tag>
          <span>{t('congress.quorum', { present: session.quorum.present, total: session.quorum.total, needed: session.quorum.needed })}</span>
          <span>{t('congress.window', { from: session.proposalsOpenOn, to: session.proposalsCloseOn })}</span>
        </Space>
      )}
      {proposals.error !== undefined && <LoadErrorAlert error={proposals.error} onRetry={proposals.reload} />}
      <Table<Proposal>
        rowKey="id"
        size="middle"
        loading={proposals.loading}
        dataSource={proposals.data ?? []}
        pagination={false}
        data-testid="proposals-table"
        onRow={(p) => ({ onClick: () => setOpen(p), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('congress.col.subject'), dataIndex: 'subject' },
          { title: t('congress.col.proposer'), render: (_, p) => p.proposer.name },
          { title: t('congress.col.seconders'), render: (_, p) => `${p.seconders.length} / ${p.secondersNeeded}` },
          {
            title: t('congress.col.state'),
            render: (_, p) => (
              <Space size={4}>
                <Tag>{pick(proposalStateLabels[p.state])}</Tag>
                {p.voteId !== null && <Tag color="purple">{t('congress.frozen')}</Tag>}
                {p.best && <Tag color="gold">{t('congress.best')}</Tag>}
              </Space>
            ),
          },
          { title: t('congress.col.department'), render: (_, p) => p.department ?? '—' },
          { title: t('congress.col.dueOn'), render: (_, p) => p.dueOn ?? '—' },
          { title: t('congress.col.rating'), render: (_, p) => (p.rating ? pick(proposalRatingLabels[p.rating]) : '—') },
          {
            title: '',
            render: (_, p) =>
              p.voteId === null && user.canWrite ? (
                <Space onClick={(e) => e.stopPropagation()}>
                  {p.state === 'submitted' && committee && (
                    <>
                      <Button size="small" type="primary" onClick={() => setActing({ kind: 'file', proposal: p })} data-testid={`file-${p.id}`}>
                        {t('congress.file')}
                      </Button>
                      <Button size="small" onClick={() => setActing({ kind: 'return', proposal: p })} data-testid={`return-${p.id}`}>
                        {t('congress.return')}
                      </Button>
                    </>
                  )}
                  {p.state === 'filed' && (
                    <Button size="small" type="primary" onClick={() => setActing({ kind: 'answer', proposal: p })} data-testid={`answer-${p.id}`}>
                      {t('congress.answer')}
                    </Button>
                  )}
                </Space>
              ) : null,
          },
        ]}
      />
      <ProposalActionModal acting={acting} onClose={() => setActing(null)} onDone={() => { setActing(null); proposals.reload(); }} />
      <Drawer open={open !== null} onClose={() => setOpen(null)} title={open?.subject} width={520}>
        {open && (
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('congress.reasons')}>{open.reasons}</Descriptions.Item>
            <Descriptions.Item label={t('congress.measures')}>{open.measures}</Descriptions.Item>
            <Descriptions.Item label={t('congress.col.proposer')}>{open.proposer.name}</Descriptions.Item>
            <Descriptions.Item label={t('congress.col.seconders')}>{list(open.seconders.map((s) => s.name)) || '—'}</Descriptions.Item>
            {open.returnReason && <Descriptions.Item label={t('congress.returnReason')}>{open.returnReason}</Descriptions.Item>}
            {open.answer && (
              <Descriptions.Item label={t('congress.answerText')}>
                {aside(open.answer.text, open.answer.leader, open.answer.answeredOn)}
              </Descriptions.Item>
            )}
          </Descriptions>
        )}
        {open && (
          <ProposalFollowUp
            proposal={open}
            committee={committee}
            canWrite={user.canWrite}
            onChanged={(p) => { setOpen(p); proposals.reload(); }}
          />
        )}
      </Drawer>
    </>
  );
}

/**
 * In the proposal drawer, once answered: the department's progress notes (办理进展) with a form for the next one
 * until a note says 落实完成, and the committee's 优秀提案 mark.
 */
function ProposalFollowUp({ proposal, committee, canWrite, onChanged }: { proposal: Proposal; committee: boolean; canWrite: boolean; onChanged: (p: Proposal) => void }) {
  const { t } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string; done: boolean }>();
  const [busy, setBusy] = useState(false);
  const answered = proposal.state === 'answered' || proposal.state === 'done';
  const writable = answered && canWrite && proposal.voteId === null;
  const run = async (call: () => Promise<Proposal>) => {
    setBusy(true);
    try {
      const next = await call();
      void message.success(t('congress.done'));
      form.resetFields();
      onChanged(next);
    } catch (e) {
      void message.error(isApiError(e) ? e.message : t('app.networkError'));
    } finally {
      setBusy(false);
    }
  };
  if (!answered) return null;
  return (
    <div style={{ marginTop: 16 }} data-testid="proposal-follow-up">
      <Space style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>{t('congress.progress')}</Typography.Title>
        {proposal.best && <Tag color="gold" data-testid="proposal-best-tag">{t('congress.best')}</Tag>}
        {proposal.progressDoneOn && <Tag color="green">{t('congress.progressDoneOn', { date: proposal.progressDoneOn })}</Tag>}
      </Space>
      {proposal.progress.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('congress.progressNone')}</Typography.Paragraph>
      ) : (
        <Timeline
          data-testid="proposal-progress"
          items={proposal.progress.map((g) => ({ key: g.id, color: g.done ? 'green' : 'blue', content: `${g.postedOn} ${g.note}` }))}
        />
      )}
      {writable && proposal.progressDoneOn === null && (
        <Form form={form} layout="vertical" initialValues={{ done: false }} data-testid="proposal-progress-form"
          onFinish={(v) => void run(() => postProgress(proposal.id, { note: v.note, done: v.done }))}>
          <Form.Item name="note" label={t('congress.progressNote')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="done" valuePropName="checked">
            <Checkbox>{t('congress.progressDone')}</Checkbox>
          </Form.Item>
          <Button htmlType="submit" loading={busy} data-testid="proposal-progress-post">{t('congress.progressPost')}</Button>
        </Form>
      )}
      {writable && committee && (
        <Button style={{ marginTop: 12 }} loading={busy} onClick={() => void run(() => markBest(proposal.id, !proposal.best))} data-testid="proposal-best">
          {proposal.best ? t('congress.unmarkBest') : t('congress.markBest')}
        </Button>
      )}
    </div>
  );
}

function ProposalActionModal({ acting, onClose, onDone }: { acting: { kind: 'file' | 'return' | 'answer'; proposal: Proposal } | null; onClose: () => void; onDone: () => void }) {
  const { t, labelled } = useLocale();
  const act = useAction();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  if (!acting) return null;
  const { kind, proposal } = acting;
  const submit = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    const day = (d: unknown) => (d && typeof (d as { format?: unknown }).format === 'function' ? (d as { format: (f: string) => string }).format('YYYY-MM-DD') : '');
    setBusy(true);
    const ok = await act(() =>
      kind === 'file'
        ? fileProposal(proposal.id, { department: String(v.department ?? ''), dueOn: day(v.dueOn) })
        : kind === 'return'
          ? returnProposal(proposal.id, String(v.reason ?? ''))
          : answerProposal(proposal.id, { text: String(v.text ?? ''), leader: String(v.leader ?? ''), answeredOn: day(v.answeredOn) || shanghaiDate() }));
    setBusy(false);
    if (ok) {
      form.resetFields();
      onDone();
    }
  };
  return (
    <Modal open title={labelled(t(`congress.${kind}`), proposal.subject)} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" data-testid={`proposal-${kind}-form`}>
        {kind === 'file' && (
          <>
            <Form.Item name="department" label={t('congress.department')} rules={[{ required: true }]}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name="dueOn" label={t('congress.dueOn')} rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
          </>
        )}
        {kind === 'return' && (
          <Form.Item name="reason" label={t('congress.returnReason')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        )}
        {kind === 'answer' && (
          <>
            <Form.Item name="text" label={t('congress.answerText')} rules={[{ required: true }]}>
              <Input.TextArea rows={4} maxLength={4000} />
            </Form.Item>
            <Form.Item name="leader" label={t('congress.leader')} rules={[{ required: true }]}>
              <Input maxLength={30} />
            </Form.Item>
            <Form.Item name="answeredOn" label={t('congress.answeredOn')}>
              <DatePicker />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

// ---- votes ----------------------------------------------------------------------------------------------------

function VotesTab({ orgId }: { orgId: number }) {
  const { t, pick } = useLocale();
  const user = useCurrentUser();
  const act = useAction();
  const votes = useApi(`votes:${orgId}`, (signal) => fetchVotes(orgId, signal));
  const [creating, setCreating] = useState(false);
  const [resultOf, setResultOf] = useState<Vote | null>(null);
  const step = async (vote: Vote, s: 'start' | 'finish' | 'publish') => {
    if (await act(() => voteStep(vote.id, s))) votes.reload();
  };
  return (
    <>
      {votes.error !== undefined && <LoadErrorAlert error={votes.error} onRetry={votes.reload} />}
      {user.canWrite && (
        <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setCreating(true)} data-testid="vote-create">
          {t('votes.create')}
        </Button>
      )}
      <Table<Vote>
        rowKey="id"
        size="middle"
        loading={votes.loading}
        dataSource={votes.data ?? []}
        pagination={false}
        data-testid="votes-table"
        columns={[
          { title: t('votes.col.title'), render: (_, v) => <span data-testid={`vote-title-${v.id}`}>{v.title}</span> },
          { title: t('votes.col.method'), render: (_, v) => pick(voteMethodLabels[v.method]) },
          { title: t('votes.col.state'), render: (_, v) => <Tag data-testid={`vote-state-${v.id}`}>{pick(voteStateLabels[v.state])}</Tag> },
          { title: t('votes.col.turnout'), render: (_, v) => `${v.cast} / ${v.entitled ?? '—'}` },
          {
            title: '',
            render: (_, v) => (
              <Space>
                {user.canWrite && v.state === 'created' && (
                  <Popconfirm title={t('votes.confirmStart')} onConfirm={() => step(v, 'start')}>
                    <Button size="small" type="primary" data-testid={`vote-start-${v.id}`}>{t('votes.start')}</Button>
                  </Popconfirm>
                )}
                {user.canWrite && v.state === 'started' && (
                  <Popconfirm title={t('votes.confirmFinish')} onConfirm={() => step(v, 'finish')}>
                    <Button size="small" danger data-testid={`vote-finish-${v.id}`}>{t('votes.finish')}</Button>
                  </Popconfirm>
                )}
                {user.canWrite && v.state === 'finished' && (
                  <Button size="small" type="primary" onClick={() => void step(v, 'publish')} data-testid={`vote-publish-${v.id}`}>{t('votes.publish')}</Button>
                )}
                {(v.state === 'finished' || v.state === 'published') && (
                  <Button size="small" onClick={() => setResultOf(v)} data-testid={`vote-result-${v.id}`}>{t('votes.result')}</Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <CreateVoteModal orgId={orgId} open={creating} onClose={() => setCreating(false)} onCreated={() => { setCreating(false); votes.reload(); }} />
      <VoteResultDrawer vote={resultOf} onClose={() => setResultOf(null)} />
    </>
  );
}

function CreateVoteModal({ orgId, open, onClose, onCreated }: { orgId: number; open: boolean; onClose: () => void; onCreated: () => void }) {
  const { t, pick } = useLocale();
  const act = useAction();
  const [form] = Form.useForm();
  const method = Form.useWatch<VoteMethod | undefined>('method', form);
  const sessions = useApi(open ? `vote-sessions:${orgId}` : null, (signal) => fetchSessions(orgId, signal));
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = (await form.validateFields()) as { title: string; method: VoteMethod; options?: string; cap?: number; seats?: number; secret: boolean; passRule: (typeof passRules)[number]; sessionId?: number };
    setBusy(true);
    const ok = await act(() => createVote({
      orgId, title: v.title, method: v.method, secret: v.secret, passRule: v.passRule,
      options: (v.options ?? '').split('\n').map((s) => s.trim()).filter(Boolean),
      ...(v.cap ? { cap: v.cap } : {}), ...(v.seats ? { seats: v.seats } : {}), ...(v.sessionId ? { sessionId: v.sessionId } : {}),
    }));
    setBusy(false);
    if (ok) {
      form.resetFields();
      onCreated();
    }
  };
  return (
    <Modal open={open} title={t('votes.create')} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ method: 'yes_no_abstain', secret: true, passRule: 'half_of_all' }} data-testid="vote-form">
        <Form.Item name="title" label={t('votes.title')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="method" label={t('votes.method')}>
          <Select options={voteMethods.map((m) => ({ value: m, label: pick(voteMethodLabels[m]) }))} />
        </Form.Item>
        {method !== 'yes_no_abstain' && (
          <Form.Item name="options" label={t('votes.options')} rules={[{ required: true }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
        )}
        {method === 'approval' && (
          <Form.Item name="cap" label={t('votes.cap')} rules={[{ required: true }]}>
            <InputNumber min={1} max={200} />
          </Form.Item>
        )}
        {method === 'election' && (
          <Form.Item name="seats" label={t('votes.seats')} rules={[{ required: true }]}>
            <InputNumber min={1} max={200} />
          </Form.Item>
        )}
        {method === 'yes_no_abstain' && (
          <Form.Item name="passRule" label={t('votes.passRule')}>
            <Select options={passRules.map((r) => ({ value: r, label: pick(passRuleLabels[r]) }))} />
          </Form.Item>
        )}
        <Form.Item name="sessionId" label={t('votes.session')}>
          <Select allowClear options={(sessions.data ?? []).map((s) => ({ value: s.id, label: s.title }))} />
        </Form.Item>
        <Form.Item name="secret" label={t('votes.secret')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function VoteResultDrawer({ vote, onClose }: { vote: Vote | null; onClose: () => void }) {
  const { t, locale } = useLocale();
  const result = useApi(vote ? `vote-result:${vote.id}` : null, (signal) => fetchVoteResult(vote!.id, signal));
  const r = result.data;
  const max = Math.max(1, ...(r?.options.map((o) => o.votes) ?? [1]));
  return (
    <Drawer open={vote !== null} onClose={onClose} title={vote?.title} width={560}>
      {result.error !== undefined && <LoadErrorAlert error={result.error} onRetry={result.reload} />}
      {r && (
        <div data-testid="vote-result">
          <Space size="large" wrap>
            <Statistic title={t('votes.entitled')} value={r.entitled} />
            <Statistic title={t('votes.cast')} value={r.cast} />
            <Statistic title={t('votes.valid')} value={r.valid} />
            <Statistic title={t('votes.invalid')} value={r.invalid} />
          </Space>
          {r.passed !== null && <Tag color={r.passed ? 'green' : 'red'} style={{ marginTop: 12 }}>{r.passed ? t('votes.passed') : t('votes.notPassed')}</Tag>}
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            style={{ marginTop: 12 }}
            dataSource={r.options}
            columns={[
              { title: t('votes.option'), width: 200, render: (_, o) => <>{voteOptionText(o, locale)} {r.elected.includes(o.id) && <Tag color="red">{t('votes.elected')}</Tag>}</> },
              { title: t('votes.votes'), render: (_, o) => <Progress percent={Math.round((o.votes / max) * 100)} format={() => o.votes} /> },
            ]}
          />
          <Typography.Paragraph style={{ marginTop: 16 }}>
            <Typography.Text strong>{t('votes.chainHead')}</Typography.Text>
            <br />
            <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="vote-chain-head">{r.chainHead}</Typography.Text>
            <br />
            <Typography.Text type="secondary">{t('votes.chainHint')}</Typography.Text>
          </Typography.Paragraph>
        </div>
      )}
    </Drawer>
  );
}

// ---- evaluation -----------------------------------------------------------------------------------------------

/**
 * 会员评家 questions of the page's union for a year: the set in use (its own, the nearest above — the city's
 * default — or the built-in one), editable until a member below has rated that year.
 */
function RatingQuestionsModal({ year, orgId, canWrite, onClose }: { year: number; orgId: number; canWrite: boolean; onClose: () => void }) {
  const { t, pick } = useLocale();
  const act = useAction();
  const current = useApi(`rating-questions:${year}:${orgId}`, (signal) => fetchRatingQuestions(year, orgId, signal));
  const [form] = Form.useForm<{ questions: string[] }>();
  const [busy, setBusy] = useState(false);
  const data = current.data;
  const editable = canWrite && data !== undefined && !data.frozen;
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    const ok = await act(() => saveRatingQuestions(year, orgId, v.questions.map((q) => q.trim())));
    setBusy(false);
    if (ok) onClose();
  };
  return (
    <Modal open title={t('evaluation.questionsOf', { year })} onCancel={onClose} onOk={editable ? () => void save() : onClose} confirmLoading={busy} destroyOnHidden>
      {current.error !== undefined && <LoadErrorAlert error={current.error} onRetry={current.reload} />}
      {data && (
        <div data-testid="rating-questions">
          <Typography.Paragraph type="secondary">
            {data.source ? t('evaluation.questionsSource', { name: data.source.name }) : t('evaluation.questionsBuiltIn')}
          </Typography.Paragraph>
          {data.frozen && <Typography.Paragraph type="warning">{t('evaluation.questionsFrozen')}</Typography.Paragraph>}
          {editable ? (
            <Form form={form} layout="vertical" initialValues={{ questions: data.questions.map((q) => pick({ 'zh-CN': q.zh, en: q.en })) }} data-testid="rating-questions-form">
              <Form.List name="questions">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((field, i) => (
                      <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                        <Form.Item name={field.name} label={t('evaluation.questionN', { n: i + 1 })} rules={[{ required: true, whitespace: true }]} style={{ width: 380 }}>
                          <Input maxLength={100} />
                        </Form.Item>
                        {fields.length > 1 && <Button size="small" onClick={() => remove(field.name)}>−</Button>}
                      </Space>
                    ))}
                    {fields.length < 10 && <Button onClick={() => add('')} data-testid="rating-question-add">{t('evaluation.questionAdd')}</Button>}
                  </>
                )}
              </Form.List>
            </Form>
          ) : (
            <ol>{data.questions.map((q) => <li key={q.code}>{pick({ 'zh-CN': q.zh, en: q.en })}</li>)}</ol>
          )}
        </div>
      )}
    </Modal>
  );
}

/** 工会自查 evidence files of a union and year: listed with their download links; staff who write upload one per item. */
function EvidenceSection({ year, orgId, canWrite }: { year: number; orgId: number; canWrite: boolean }) {
  const { t, pick, aside } = useLocale();
  const { message } = App.useApp();
  const files = useApi(`evidence:${year}:${orgId}`, (signal) => fetchEvidence(year, orgId, signal));
  const [item, setItem] = useState<string>(indicatorItems[0]!.code);
  const [busy, setBusy] = useState(false);
  const label = (code: string) => {
    const found = indicatorItems.find((i) => i.code === code);
    return found ? `${code} ${pick({ 'zh-CN': found.zh, en: found.en })}` : code;
  };
  const send = async (file: File) => {
    setBusy(true);
    try {
      await uploadEvidence(year, orgId, item, file);
      void message.success(t('congress.done'));
      files.reload();
    } catch (e) {
      void message.error(isApiError(e) ? e.message : t('app.networkError'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ marginTop: 16 }} data-testid="evaluation-evidence">
      <Typography.Title level={5}>{t('evaluation.evidence')}</Typography.Title>
      {files.error !== undefined && <LoadErrorAlert error={files.error} onRetry={files.reload} />}
      {files.data && files.data.length === 0 && <Typography.Paragraph type="secondary">{t('evaluation.evidenceNone')}</Typography.Paragraph>}
      <ul>
        {(files.data ?? []).map((f) => (
          <li key={f.id}>
            {label(f.itemCode)} · <a href={evidenceUrl(f.id)} download={f.filename}>{f.filename}</a>
            <Typography.Text type="secondary">{aside('', `${Math.ceil(f.size / 1024)} KB`, f.uploadedBy)}</Typography.Text>
          </li>
        ))}
      </ul>
      {canWrite && (
        <Space wrap>
          <Select value={item} onChange={setItem} style={{ minWidth: 260 }} aria-label={t('evaluation.evidenceItem')}
            options={indicatorItems.map((i) => ({ value: i.code, label: label(i.code) }))} data-testid="evidence-item" />
          <Upload accept=".pdf,.jpg,.jpeg,.png,.xlsx,.docx" showUploadList={false} beforeUpload={(file) => { void send(file); return false; }}>
            <Button loading={busy} data-testid="evidence-upload">{t('evaluation.evidenceUpload')}</Button>
          </Upload>
          <Typography.Text type="secondary">{t('evaluation.evidenceHint')}</Typography.Text>
        </Space>
      )}
    </div>
  );
}

function EvaluationTab({ orgId }: { orgId: number }) {
  const { t, pick, aside } = useLocale();
  const thisYear = Number(shanghaiDate().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [unit, setUnit] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const summary = useApi(`evaluation:${year}:${orgId}`, (signal) => fetchEvaluationSummary(year, orgId, signal));
  const detail = useApi(unit ? `evaluation-unit:${year}:${unit}` : null, (signal) => fetchEvaluation(year, unit!, signal));
  const s = summary.data;
  const user = useCurrentUser();
  const { message } = App.useApp();
  // 机制四: the stars' incentive grant goes to the funds ledger once per unit and year
  const grant = async () => {
    if (unit === null) return;
    try {
      await postGrant(year, unit);
      detail.reload();
    } catch (e) {
      void message.error(isApiError(e) ? e.message : t('app.networkError'));
    }
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('evaluation.year')}</span>
        <Select value={year} onChange={setYear} options={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: String(y) }))} data-testid="evaluation-year" />
        <Button onClick={() => setEditing(true)} data-testid="evaluation-questions">{t('evaluation.questions')}</Button>
      </Space>
      {editing && <RatingQuestionsModal year={year} orgId={orgId} canWrite={user.canWrite} onClose={() => setEditing(false)} />}
      {summary.error !== undefined && <LoadErrorAlert error={summary.error} onRetry={summary.reload} />}
      {s && (
        <div data-testid="evaluation-summary">
          <Space size="large" wrap style={{ marginBottom: 16 }}>
            <Statistic title={t('evaluation.evaluated')} value={s.evaluated} />
            <Statistic title={t('evaluation.average')} value={s.averageScore ?? '—'} />
            <Statistic title={t('evaluation.ratings')} value={s.ratings} />
            <Statistic title={t('evaluation.sampled')} value={aside(String(s.sampled), String(s.spotChecked))} />
            {[5, 4, 3, 2, 1].map((n) => (
              <Statistic key={n} title={t('evaluation.starsCount', { stars: n })} value={s.stars[n - 1]} />
            ))}
          </Space>
          <Typography.Paragraph type="secondary">{t('evaluation.ledger')}</Typography.Paragraph>
          <Table
            rowKey="id"
            size="middle"
            dataSource={s.units}
            pagination={{ pageSize: 20 }}
            onRow={(u) => ({ onClick: () => setUnit(u.id), style: { cursor: 'pointer' } })}
            data-testid="evaluation-units"
            columns={[
              { title: t('evaluation.col.unit'), dataIndex: 'name' },
              { title: t('evaluation.col.combined'), dataIndex: 'combined' },
              { title: t('evaluation.col.stars'), render: (_, u) => <Rate disabled value={u.stars} /> },
            ]}
          />
        </div>
      )}
      <Drawer open={unit !== null} onClose={() => setUnit(null)} title={detail.data ? `${detail.data.org.name} · ${t('evaluation.detail')}` : t('evaluation.detail')} width={520}>
        {detail.data && (
          <Descriptions column={1} bordered size="small" data-testid="evaluation-detail">
            {scoredParts.map((p) => {
              const score = detail.data!.parts[p].score;
              return (
                <Descriptions.Item key={p} label={pick(evaluationPartLabels[p])}>
                  {score === null ? t('evaluation.noScore') : score}
                </Descriptions.Item>
              );
            })}
            <Descriptions.Item label={t('evaluation.col.combined')}>{detail.data.combined ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('evaluation.col.stars')}>
              <Rate disabled value={detail.data.stars ?? 0} />
            </Descriptions.Item>
            <Descriptions.Item label={t('evaluation.grant')}>
              {detail.data.ledgerPosting
                ? t('evaluation.grantPosted', { yuan: (detail.data.ledgerPosting.amountFen / 100).toFixed(2), id: detail.data.ledgerPosting.entryId })
                : (detail.data.stars ?? 0) >= 2 && can(user, 'records.write')
                  ? <Button size="small" onClick={() => void grant()} data-testid="evaluation-grant">{t('evaluation.grantPost')}</Button>
                  : '—'}
            </Descriptions.Item>
          </Descriptions>
        )}
        {unit !== null && <EvidenceSection year={year} orgId={unit} canWrite={user.canWrite} />}
      </Drawer>
    </>
  );
}
