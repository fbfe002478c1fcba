import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Form, List, Rate, Selector, Tag, TextArea, Toast } from 'antd-mobile';
import { requestStatusLabels, type ServiceRequestListItem } from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { MobilePage } from '../../components/mobile-page.tsx';
import { SignInRequired } from '../card/card-api.ts';
import { GuestRequestForm } from './guest-request-form.tsx';
import { fetchCategories, fetchMyRequests, rateRequest, submitRequest } from './services-api.ts';

/**
 * 我的诉求: submit a request (at a position, from the station list, or to one's own union), follow it, rate it.
 * `?category=` preselects the category (the rights page links here with `legal_aid`).
 */
export default function RequestsPage() {
  const { t, pick } = useLocale();
  const [params] = useSearchParams();
  const stationId = Number(params.get('stationId')) || undefined;
  const { data, error, reload } = useApi('my-requests', (signal) => fetchMyRequests(signal));
  const categories = useApi('categories', (signal) => fetchCategories(signal)).data?.items ?? [];
  // `?category=legal_aid`: the rights page's 申请法律援助 opens this form with the category chosen
  const initialCategory = params.get('category') ?? 'general';
  const [category, setCategory] = useState(initialCategory);
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  if (error instanceof SignInRequired) {
    // not signed in: submit with a phone verified by one-time code, or sign in
    return (
      <MobilePage title={t('mrequests.new')} data-testid="m-requests-page">
        <GuestRequestForm stationId={stationId} stationName={params.get('station')} categories={categories} initialCategory={initialCategory} next={`/requests${params.size > 0 ? `?${params.toString()}` : ''}`} />
      </MobilePage>
    );
  }

  const submit = async () => {
    setBusy(true);
    try {
      const created = await submitRequest({ categoryCode: category, description, ...(stationId ? { stationId } : {}) });
      Toast.show({ content: t('mrequests.submitted', { id: created.id, due: created.dueOn ?? '' }) });
      setDescription('');
      reload();
    } catch (e) {
      Toast.show({ content: isApiError(e) ? Object.values(e.fields)[0] ?? e.message : t('app.networkError') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <MobilePage title={t('mrequests.title')} data-testid="m-requests-page">
      <Form layout="vertical" footer={<Button block color="primary" loading={busy} onClick={() => void submit()} data-testid="m-request-submit">{t('mrequests.submit')}</Button>}>
        <Form.Header>{t('mrequests.new')}{params.get('station') ? ` · ${t('mrequests.atStation', { name: params.get('station') ?? '' })}` : ''}</Form.Header>
        <Form.Item label={t('mrequests.category')}>
          <Selector columns={3} value={[category]} onChange={([v]) => v && setCategory(v)} options={categories.map((c) => ({ label: c.name, value: c.code }))} />
        </Form.Item>
        <Form.Item label={t('mrequests.description')}>
          <TextArea value={description} onChange={setDescription} maxLength={2000} rows={3} data-testid="m-request-description" />
        </Form.Item>
      </Form>
      <List header={t('mrequests.title')} data-testid="m-my-requests">
        {data?.items.length === 0 && <List.Item>{t('mrequests.none')}</List.Item>}
        {data?.items.map((r) => <RequestItem key={r.id} r={r} onRated={reload} label={pick(requestStatusLabels[r.status])} />)}
      </List>
    </MobilePage>
  );
}

function RequestItem({ r, label, onRated }: { r: ServiceRequestListItem; label: string; onRated: () => void }) {
  const { t, pick } = useLocale();
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const rate = async () => {
    try {
      await rateRequest(r.id, score, comment);
      Toast.show({ content: t('mrequests.rated') });
      onRated();
    } catch (e) {
      Toast.show({ content: isApiError(e) ? e.message : t('app.networkError') });
    }
  };
  return (
    <List.Item
      data-testid="m-request"
      description={(
        <>
          <div>{r.description}</div>
          {r.dueOn && r.status !== 'closed' && <div>{t('mrequests.due', { due: r.dueOn })}</div>}
          {r.result && <div>{t('mrequests.result', { result: r.result })}</div>}
          {r.status === 'resolved' && (
            <div>
              <Rate value={score} onChange={setScore} />
              <TextArea placeholder={t('mrequests.comment')} value={comment} onChange={setComment} maxLength={500} rows={2} />
              <Button size="small" color="primary" disabled={score === 0} onClick={() => void rate()} data-testid="m-request-rate">{t('mrequests.rate')}</Button>
            </div>
          )}
          {r.rating !== null && <div>{'★'.repeat(r.rating)}</div>}
        </>
      )}
    >
      #{r.id} {pick({ 'zh-CN': r.categoryName, en: r.categoryNameEn })} <Tag data-testid="m-request-status">{label}</Tag>
    </List.Item>
  );
}
