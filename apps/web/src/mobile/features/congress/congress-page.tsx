import { useState } from 'react';
import { Navigate } from 'react-router-dom';
import { Button, Card, Checkbox, Dialog, ErrorBlock, Input, List, Radio, Rate, Selector, Space, Tag, Toast } from 'antd-mobile';
import {
  maxChoices, memberRatingQuestions, proposalRatings, proposalRatingLabels, proposalStateLabels, shanghaiDate, voteOptionText, voteStateLabels,
  type MyCongress, type Proposal, type ProposalRating, type VoteResult,
} from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { MobilePage } from '../../components/mobile-page.tsx';
import { PageLoading } from '../../components/page-loading.tsx';
import { SignInRequired } from '../card/card-api.ts';
import { castBallot, loadMyCongress, myRatingQuestions, myVoteResult, rateAnswer, rateMyUnion, secondProposal } from './congress-api.ts';

type MyVote = MyCongress['votes'][number];

/**
 * 职代会与投票 on the H5: a representative votes (receipt code shown once), seconds a proposal with one click,
 * rates the answer to their own proposal, checks a published result with their receipt, and rates their union
 * (会员评家).
 */
export default function CongressPage() {
  const { t } = useLocale();
  const { data, error, reload } = useApi('my-congress', (signal) => loadMyCongress(signal));
  if (error instanceof SignInRequired) return <Navigate to="/login?next=/congress" replace />;
  return (
    <MobilePage title={t('mcongress.title')} data-testid="m-congress-page">
      {error !== undefined && !data ? (
        <ErrorBlock status="default" title={isApiError(error) ? error.message : t('app.networkError')} description={<Button size="small" onClick={reload}>{t('app.retry')}</Button>} />
      ) : !data ? (
        <PageLoading />
      ) : (
        <>
          <List header={t('mcongress.votes')}>
            {data.votes.length === 0 && <List.Item>{t('mcongress.noVotes')}</List.Item>}
            {data.votes.map((v) => (
              <List.Item key={v.id}>
                <VoteCard vote={v} onVoted={reload} />
              </List.Item>
            ))}
          </List>
          <List header={t('mcongress.proposals')}>
            {data.proposals.length === 0 && <List.Item>{t('mcongress.noProposals')}</List.Item>}
            {data.proposals.map((p) => (
              <List.Item key={p.id}>
                <ProposalCard proposal={p} memberId={data.memberId} onChanged={reload} />
              </List.Item>
            ))}
          </List>
          <UnionRating />
        </>
      )}
    </MobilePage>
  );
}

function VoteCard({ vote, onVoted }: { vote: MyVote; onVoted: () => void }) {
  const { t, pick, locale, list } = useLocale();
  const [choices, setChoices] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<VoteResult | null>(null);
  const [receipt, setReceipt] = useState('');
  const max = maxChoices(vote.method, vote.cap, vote.seats);

  const cast = async () => {
    if (choices.length === 0 && !(await Dialog.confirm({ content: t('mcongress.blankConfirm') }))) return;
    setBusy(true);
    try {
      const { receipt: code } = await castBallot(vote.id, choices);
      await Dialog.alert({ title: t('mcongress.receiptTitle'), content: <span data-testid="m-receipt">{t('mcongress.receipt', { receipt: code })}</span> });
      onVoted();
    } catch (e) {
      Toast.show({ content: isApiError(e) ? e.message : t('app.networkError') });
    } finally {
      setBusy(false);
    }
  };
  const showResult = async (code?: string) => {
    try {
      setResult(await myVoteResult(vote.id, code));
    } catch (e) {
      Toast.show({ content: isApiError(e) ? e.message : t('app.networkError') });
    }
  };
  const label = (id: number) => {
    const option = vote.options.find((o) => o.id === id);
    return option ? voteOptionText(option, locale) : String(id);
  };

  return (
    <Card title={vote.title} extra={<Tag color={vote.voted ? 'success' : 'primary'}>{vote.voted ? t('mcongress.voted') : pick(voteStateLabels[vote.state])}</Tag>} data-testid={`m-vote-${vote.id}`}>
      {vote.state === 'started' && !vote.voted && (
        <Space direction="vertical" block>
          {max === 1 ? (
            <Radio.Group value={choices[0] ?? null} onChange={(v) => setChoices(v === null ? [] : [Number(v)])}>
              <Space direction="vertical">
                {vote.options.map((o) => <Radio key={o.id} value={o.id}>{voteOptionText(o, locale)}</Radio>)}
              </Space>
            </Radio.Group>
          ) : (
            <>
              <span className="m-hint">{t('mcongress.chooseUpTo', { max })}</span>
              <Checkbox.Group value={choices} onChange={(v) => setChoices((v as number[]).slice(0, max))}>
                <Space direction="vertical">
                  {vote.options.map((o) => (
                    <Checkbox key={o.id} value={o.id} disabled={!choices.includes(o.id) && choices.length >= max}>{voteOptionText(o, locale)}</Checkbox>
                  ))}
                </Space>
              </Checkbox.Group>
            </>
          )}
          <Button color="primary" block loading={busy} onClick={() => void cast()} data-testid={`m-cast-${vote.id}`}>{t('mcongress.vote')}</Button>
        </Space>
      )}
      {vote.state === 'published' && (
        <Space direction="vertical" block>
          <Button size="small" onClick={() => void showResult()} data-testid={`m-result-${vote.id}`}>{t('mcongress.result')}</Button>
          {result && (
            <div data-testid={`m-result-body-${vote.id}`}>
              <div>{t('mcongress.resultLine', { entitled: result.entitled, cast: result.cast, valid: result.valid, invalid: result.invalid })}</div>
              {result.options.map((o) => <div key={o.id}>{t('mcongress.optionVotes', { option: voteOptionText(o, locale), votes: o.votes })}</div>)}
              <div className="m-hint" style={{ wordBreak: 'break-all' }}>SHA-256 {result.chainHead}</div>
              <Input placeholder={t('mcongress.receiptInput')} value={receipt} onChange={(v) => setReceipt(v.trim().toUpperCase())} />
              <Button size="small" onClick={() => void showResult(receipt)}>{t('mcongress.check')}</Button>
              {receipt && result.ballot && <div>{t('mcongress.ballotFound', { position: result.ballot.position, choices: list(result.ballot.choices.map(label)) || '—' })}</div>}
              {receipt && result.ballot === null && <div>{t('mcongress.ballotNotFound')}</div>}
            </div>
          )}
        </Space>
      )}
    </Card>
  );
}

function ProposalCard({ proposal: p, memberId, onChanged }: { proposal: Proposal; memberId: number; onChanged: () => void }) {
  const { t, pick, aside } = useLocale();
  const [rating, setRating] = useState<ProposalRating | null>(null);
  const mine = p.proposer.memberId === memberId;
  const seconded = p.seconders.some((s) => s.memberId === memberId);
  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      Toast.show({ content: done });
      onChanged();
    } catch (e) {
      Toast.show({ content: isApiError(e) ? e.message : t('app.networkError') });
    }
  };
  return (
    <Card
      title={p.subject}
      extra={(
        <Space>
          {p.best && <Tag color="warning" data-testid={`m-best-${p.id}`}>{t('mcongress.best')}</Tag>}
          <Tag>{pick(proposalStateLabels[p.state])}</Tag>
        </Space>
      )}
      data-testid={`m-proposal-${p.id}`}
    >
      <div className="m-hint">
        {p.proposer.name}{mine ? t('mcongress.mine') : ''} · {t('mcongress.secondersCount', { count: p.seconders.length, needed: p.secondersNeeded })}
      </div>
      <div>{p.reasons}</div>
      {p.answer && <div>{t('mcongress.answer', { text: p.answer.text, leader: p.answer.leader, date: p.answer.answeredOn })}</div>}
      {p.progress.length > 0 && (
        <div className="m-hint" data-testid={`m-progress-${p.id}`}>
          {t('mcongress.progress')}
          {p.progress.map((g) => <div key={g.id}>{g.postedOn} {g.done ? aside(g.note, t('mcongress.progressDone')) : g.note}</div>)}
        </div>
      )}
      {p.state === 'submitted' && !mine && p.voteId === null && (
        seconded ? <Tag color="success">{t('mcongress.seconded')}</Tag> : (
          <Button size="small" color="primary" onClick={() => void run(() => secondProposal(p.id), t('mcongress.secondDone'))} data-testid={`m-second-${p.id}`}>
            {t('mcongress.second')}
          </Button>
        )
      )}
      {p.state === 'answered' && mine && (
        <Space direction="vertical" block>
          <Selector
            options={proposalRatings.map((r) => ({ value: r, label: pick(proposalRatingLabels[r]) }))}
            value={rating ? [rating] : []}
            onChange={(v) => setRating((v[0] as ProposalRating | undefined) ?? null)}
          />
          <Button size="small" color="primary" disabled={!rating} onClick={() => {
            if (rating) void run(() => rateAnswer(p.id, rating), t('mcongress.rated'));
          }} data-testid={`m-rate-${p.id}`}>
            {t('mcongress.rate')}
          </Button>
        </Space>
      )}
    </Card>
  );
}

function UnionRating() {
  const { t, pick } = useLocale();
  const year = Number(shanghaiDate().slice(0, 4));
  // the union's questions of the year (its own, the city's default, or the built-in set)
  const asked = useApi(`my-rating-questions:${year}`, (signal) => myRatingQuestions(year, signal));
  const questions = asked.data?.questions ?? memberRatingQuestions.map((q) => ({ code: q.code, zh: q.zh, en: q.en }));
  const [given, setAnswers] = useState<number[]>([]);
  const answers = questions.map((_, i) => given[i] ?? 0);
  const [done, setDone] = useState(false);
  const submit = async () => {
    try {
      await rateMyUnion(year, answers);
      setDone(true);
      Toast.show({ content: t('mcongress.thanks') });
    } catch (e) {
      Toast.show({ content: isApiError(e) ? e.message : t('app.networkError') });
    }
  };
  return (
    <List header={t('mcongress.evaluation')} data-testid="m-union-rating">
      <List.Item description={t('mcongress.evaluationHint')}>
        {questions.map((q, i) => (
          <div key={q.code}>
            <div>{pick({ 'zh-CN': q.zh, en: q.en })}</div>
            <Rate value={answers[i]} onChange={(v) => setAnswers(answers.map((x, j) => (j === i ? v : x)))} />
          </div>
        ))}
        <Button color="primary" size="small" disabled={done || asked.loading || answers.some((a) => a < 1)} onClick={() => void submit()}>{t('mcongress.submit')}</Button>
      </List.Item>
    </List>
  );
}
