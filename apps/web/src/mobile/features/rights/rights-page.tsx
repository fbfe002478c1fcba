import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router-dom';
import { Button, Card, Checkbox, ErrorBlock, List, Space, Steps, Tag, TextArea, Toast } from 'antd-mobile';
import {
  caseOutcomeLabels, caseStatuses, caseStatusLabels, caseTypeLabels, consultationStepLabels, contractKindLabels,
  type MyCase, type MyConsultation, type MyContract,
} from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { formatFen } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { formatBp } from '../../../console/features/rights/rights-format.ts';
import { MobilePage } from '../../components/mobile-page.tsx';
import { PageLoading } from '../../components/page-loading.tsx';
import { SignInRequired } from '../card/card-api.ts';
import { fetchMyCase, loadMyRights, submitIssue } from './rights-api.ts';

/**
 * 我的维权 on the H5 (/m/rights): the member's own cases (stage, outcome, the art. 14 clock, amounts), a button into the
 * services flow for 法律援助 (a service request of category legal_aid), the collective contracts in force at their
 * enterprise, and its 恳谈会 collecting issues, where the member raises one (anonymously if they wish).
 */
export default function RightsPage() {
  const { t } = useLocale();
  const navigate = useNavigate();
  const { data, error, reload } = useApi('my-rights', (signal) => loadMyRights(signal));
  if (error instanceof SignInRequired) return <Navigate to="/login?next=/rights" replace />;
  return (
    <MobilePage title={t('mrights.title')} data-testid="m-rights-page">
      <Card>
        <Space direction="vertical" block>
          <Button block color="primary" onClick={() => void navigate('/requests?category=legal_aid')} data-testid="m-legal-aid">{t('mrights.legalAid')}</Button>
          <span className="m-hint">{t('mrights.legalAidHint')}</span>
        </Space>
      </Card>
      {error !== undefined && !data ? (
        <ErrorBlock status="default" title={isApiError(error) ? error.message : t('app.networkError')} description={<Button size="small" onClick={reload}>{t('app.retry')}</Button>} />
      ) : !data ? (
        <PageLoading />
      ) : (
        <>
          <List header={t('mrights.cases')} data-testid="m-my-cases">
            {data.cases.length === 0 && <List.Item>{t('mrights.noCases')}</List.Item>}
            {data.cases.map((c) => <List.Item key={c.id}><CaseCard c={c} /></List.Item>)}
          </List>
          <List header={t('mrights.contracts')} data-testid="m-my-contracts">
            {data.enterprise === null && <List.Item>{t('mrights.noEnterprise')}</List.Item>}
            {data.enterprise !== null && data.contracts.length === 0 && <List.Item>{t('mrights.noContracts')}</List.Item>}
            {data.contracts.map((k) => <List.Item key={k.id}><ContractCard k={k} /></List.Item>)}
          </List>
          {data.enterprise !== null && (
            <List header={t('mrights.consultations')} data-testid="m-my-consultations">
              {data.consultations.length === 0 && <List.Item>{t('mrights.noConsultations')}</List.Item>}
              {data.consultations.map((k) => <List.Item key={k.id}><ConsultationCard k={k} onSent={reload} /></List.Item>)}
            </List>
          )}
        </>
      )}
    </MobilePage>
  );
}

function CaseCard({ c }: { c: MyCase }) {
  const { t, pick } = useLocale();
  const [history, setHistory] = useState<MyCase['history']>(undefined);
  const showProgress = async () => {
    try {
      setHistory((await fetchMyCase(c.id)).history ?? []);
    } catch (e) {
      Toast.show({ content: isApiError(e) ? e.message : t('app.networkError') });
    }
  };
  const reached = caseStatuses.indexOf(c.status);
  // the day each stage was reached: from the history once loaded, else the case's own dates
  const dayOf = (status: MyCase['status']) => history?.find((h) => h.to === status)?.on
    ?? (status === 'accepted' ? c.receivedOn : status === 'mediating' ? c.mediationAppliedOn : status === 'closed' ? c.closedOn : null);
  return (
    <Card
      title={`${pick(caseTypeLabels[c.type])} · ${c.caseNumber}`}
      extra={<Tag color={c.status === 'closed' ? 'success' : 'primary'} data-testid="m-case-status">{c.outcome ? pick(caseOutcomeLabels[c.outcome]) : pick(caseStatusLabels[c.status])}</Tag>}
      data-testid={`m-case-${c.id}`}
    >
      <div className="m-hint">{c.enterprise.name}{c.isGroup ? ` · ${t('mrights.group', { count: c.workerCount })}` : ''}</div>
      <Steps current={reached}>
        {caseStatuses.map((s, i) => (
          // month-day under each of the four steps (a whole date breaks in two on a phone; the history below has it)
          <Steps.Step key={s} title={pick(caseStatusLabels[s])} description={i <= reached ? (dayOf(s) ?? '').slice(5) : ''} status={i < reached || c.status === 'closed' ? 'finish' : i === reached ? 'process' : 'wait'} />
        ))}
      </Steps>
      {c.clock && (
        <div className={c.clock.mayArbitrate ? 'm-warning' : 'm-hint'} data-testid="m-case-clock">
          {c.clock.mayArbitrate
            ? t('mrights.clockPassed', { appliedOn: c.clock.appliedOn })
            : t('mrights.clock', { appliedOn: c.clock.appliedOn, deadline: c.clock.deadline, days: c.clock.daysLeft })}
        </div>
      )}
      <div>
        {t('mrights.claim', { amount: formatFen(c.claimFen) })}
        {c.status === 'closed' && <> · <span data-testid="m-case-recovered">{t('mrights.recovered', { amount: formatFen(c.recoveredFen) })}</span></>}
      </div>
      {c.mediationOrg && <div className="m-hint">{t('mrights.mediationOrg', { name: c.mediationOrg })}</div>}
      {c.lawyer && <div className="m-hint">{t('mrights.lawyer', { name: c.lawyer })}</div>}
      {history === undefined ? (
        <Button size="small" fill="none" onClick={() => void showProgress()} data-testid={`m-case-progress-${c.id}`}>{t('mrights.progress')}</Button>
      ) : (
        <div className="m-hint" data-testid={`m-case-history-${c.id}`}>
          {history.map((h, i) => <div key={i}>{h.on} {pick(caseStatusLabels[h.to])}</div>)}
        </div>
      )}
    </Card>
  );
}

function ContractCard({ k }: { k: MyContract }) {
  const { t, pick } = useLocale();
  return (
    <Card title={pick(contractKindLabels[k.kind])} extra={<Tag>{k.regionalUnion ? t('mrights.regional', { name: k.regionalUnion.name }) : t('mrights.own')}</Tag>} data-testid={`m-contract-${k.id}`}>
      <div>{t('mrights.term', { from: k.validFrom, to: k.validTo })}</div>
      <div>{t('mrights.increase', { percent: formatBp(k.increaseBp) })} · {t('mrights.minimumWage', { amount: formatFen(k.minimumWageFen) })}</div>
      <div className="m-hint">{t('mrights.signed', { date: k.signedOn })} · {k.filedOn ? t('mrights.filed', { date: k.filedOn }) : t('mrights.notFiled')}</div>
    </Card>
  );
}

function ConsultationCard({ k, onSent }: { k: MyConsultation; onSent: () => void }) {
  const { t, pick, aside } = useLocale();
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    try {
      await submitIssue(k.id, { text, anonymous });
      Toast.show({ content: t('mrights.issueSent') });
      setText('');
      onSent();
    } catch (e) {
      Toast.show({ content: isApiError(e) ? Object.values(e.fields)[0] ?? e.message : t('app.networkError') });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('mrights.collectedOn', { date: k.collectedOn })} extra={<Tag>{pick(consultationStepLabels[k.step])}</Tag>} data-testid={`m-consultation-${k.id}`}>
      {k.heldOn && <div className="m-hint">{t('mrights.heldOn', { date: k.heldOn })}</div>}
      {k.results && <div>{t('mrights.results', { text: k.results })}</div>}
      {k.step === 'collecting' && (
        <Space direction="vertical" block>
          <TextArea placeholder={t('mrights.yourIssue')} value={text} onChange={setText} maxLength={1000} rows={3} data-testid="m-issue-text" />
          <Checkbox checked={anonymous} onChange={setAnonymous}>{t('mrights.anonymous')}</Checkbox>
          <Button block color="primary" loading={busy} disabled={text.trim() === ''} onClick={() => void send()} data-testid="m-issue-submit">{t('mrights.submitIssue')}</Button>
        </Space>
      )}
      {k.myIssues.length > 0 && (
        <div className="m-hint" data-testid={`m-my-issues-${k.id}`}>
          {t('mrights.myIssues')}
          {k.myIssues.map((i) => <div key={i.id}>{i.submittedOn} {i.anonymous ? aside(i.text, t('mrights.anonymous')) : i.text}</div>)}
        </div>
      )}
    </Card>
  );
}
