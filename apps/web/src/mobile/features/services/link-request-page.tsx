import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Button, ErrorBlock, List, NoticeBar, Rate, Result, Tag, TextArea, Toast } from 'antd-mobile';
import { requestStatusLabels, type PublicRequest } from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { MobilePage } from '../../components/mobile-page.tsx';
import { PageLoading } from '../../components/page-loading.tsx';
import { fetchByLink, rateByLink } from './services-api.ts';

/**
 * A request by its link, without an account: `/m/follow/<token>` (given on submission) shows its progress;
 * `/m/rate/<token>` (sent by SMS when it is resolved) also rates it, once.
 */
export default function LinkRequestPage({ mode }: { mode: 'follow' | 'rate' }) {
  const { t, pick } = useLocale();
  const { token = '' } = useParams();
  const { data, error, loading, reload } = useApi(`link:${token}`, () => fetchByLink(token));
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [rated, setRated] = useState<PublicRequest | null>(null);
  const title = mode === 'rate' ? t('mrequests.rateTitle') : t('mrequests.followTitle');

  if (error) {
    return (
      <MobilePage title={title} data-testid="m-link-page">
        <ErrorBlock status="default" title={isApiError(error) ? error.message : t('app.networkError')} description="" data-testid="m-link-error" />
      </MobilePage>
    );
  }
  const r = rated ?? data;
  if (!r) return loading ? <PageLoading /> : null;

  const rate = async () => {
    setBusy(true);
    try {
      setRated(await rateByLink(token, score, comment));
    } catch (e) {
      Toast.show({ content: isApiError(e) ? e.message : t('app.networkError') });
      reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <MobilePage title={title} data-testid="m-link-page">
      {rated && <Result status="success" title={t('mrequests.rated')} data-testid="m-link-rated" />}
      <List header={`#${r.id} ${pick({ 'zh-CN': r.categoryName, en: r.categoryNameEn })}`}>
        <List.Item extra={<Tag data-testid="m-link-status">{pick(requestStatusLabels[r.status])}</Tag>}><span data-testid="m-link-org">{r.orgName}</span></List.Item>
        <List.Item description={r.description}>{t('mrequests.receivedOn', { date: r.receivedOn })}</List.Item>
        {r.dueOn && r.status !== 'closed' && <List.Item>{t('mrequests.due', { due: r.dueOn })}</List.Item>}
        {r.result && <List.Item data-testid="m-link-result">{t('mrequests.result', { result: r.result })}</List.Item>}
        {r.rating !== null && <List.Item>{'★'.repeat(r.rating)} {r.ratingComment}</List.Item>}
      </List>
      {mode === 'follow' && <NoticeBar color="info" wrap content={t('mrequests.keepLink')} data-testid="m-follow-hint" />}
      {r.canRate && !rated && (
        <List header={t('mrequests.rate')}>
          <List.Item><Rate value={score} onChange={setScore} data-testid="m-link-stars" /></List.Item>
          <List.Item><TextArea placeholder={t('mrequests.comment')} value={comment} onChange={setComment} maxLength={500} rows={2} /></List.Item>
          <List.Item>
            <Button block color="primary" disabled={score === 0} loading={busy} onClick={() => void rate()} data-testid="m-link-rate">{t('mrequests.rate')}</Button>
          </List.Item>
        </List>
      )}
    </MobilePage>
  );
}
