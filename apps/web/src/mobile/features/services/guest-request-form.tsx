import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Form, Input, NoticeBar, Selector, TextArea } from 'antd-mobile';
import { normalizePhone, type ServiceCategory } from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { RegionPicker } from '../../components/region-picker.tsx';
import { useSendCode } from '../auth/use-send-code.ts';
import { requestRequestCode, submitGuestRequest } from './services-api.ts';

interface GuestValues { regionCode?: string; requesterName?: string; phone?: string; phoneCode?: string }

/**
 * A request without signing in: name, phone and its one-time code, the problem. It lands in the position's union
 * queue — or, when the rider is not at a position, in the queue of the street union of the street or town they pick
 * (district → street, `regionCode`); the answer's follow link opens the request's page (/m/follow/<token>), which
 * the rider keeps.
 */
export function GuestRequestForm({ stationId, stationName, categories, initialCategory = 'general', next }: {
  stationId?: number | undefined; stationName: string | null; categories: ServiceCategory[]; initialCategory?: string; next: string;
}) {
  const { t } = useLocale();
  const navigate = useNavigate();
  const [form] = Form.useForm<GuestValues>();
  const [category, setCategory] = useState(initialCategory);
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { sendCode, sending, left } = useSendCode(requestRequestCode, t('mrequests.codeSent'), {
    phone: () => form.getFieldValue('phone') as string | undefined,
    phoneError: (text) => form.setFields([{ name: 'phone', errors: [text] }]),
    problem: setProblem,
  });

  const submit = async () => {
    setProblem(null);
    const v = form.getFieldsValue();
    setBusy(true);
    try {
      const created = await submitGuestRequest({
        categoryCode: category, description, requesterName: v.requesterName ?? '', phone: normalizePhone(v.phone ?? ''), phoneCode: v.phoneCode ?? '',
        ...(stationId ? { stationId } : v.regionCode ? { regionCode: v.regionCode } : {}),
      });
      void navigate(`/follow/${created.followToken}`);
    } catch (e) {
      if (isApiError(e)) {
        // the union asked for (none picked, or a street without a union) is the street picker's problem
        const fields = Object.entries(e.fields).map(([name, text]) => [!stationId && name === 'orgId' ? 'regionCode' : name, text] as const);
        const placed = fields.filter(([name]) => ['regionCode', 'requesterName', 'phone', 'phoneCode'].includes(name));
        form.setFields(placed.map(([name, text]) => ({ name: name as keyof GuestValues, errors: [text] })));
        const rest = fields.filter(([name]) => !placed.some(([p]) => p === name)).map(([, text]) => text);
        setProblem(placed.length > 0 && rest.length === 0 ? null : rest[0] ?? e.message);
      } else setProblem(t('app.networkError'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      data-testid="m-guest-request"
      footer={(
        <>
          {problem && <NoticeBar className="m-form-problem" color="error" wrap content={problem} data-testid="m-guest-problem" />}
          <Button block color="primary" loading={busy} onClick={() => void submit()} data-testid="m-guest-submit">{t('mrequests.submit')}</Button>
          <p><Link to={`/login?next=${encodeURIComponent(next)}`}>{t('mrequests.signInInstead')}</Link></p>
        </>
      )}
    >
      <Form.Header>{t('mrequests.new')}{stationName ? ` · ${t('mrequests.atStation', { name: stationName })}` : ''}</Form.Header>
      {!stationId && <Form.Header>{t('mrequests.pickStation')}</Form.Header>}
      {!stationId && (
        <Form.Item name="regionCode" label={t('mrequests.street')} description={t('mrequests.streetHint')}>
          <RegionPicker title={t('mrequests.street')} placeholder={t('mrequests.streetPlaceholder')} testId="m-guest-region" />
        </Form.Item>
      )}
      <Form.Item label={t('mrequests.category')}>
        <Selector columns={3} value={[category]} onChange={([c]) => c && setCategory(c)} options={categories.map((c) => ({ label: c.name, value: c.code }))} />
      </Form.Item>
      <Form.Item label={t('mrequests.description')}>
        <TextArea value={description} onChange={setDescription} maxLength={2000} rows={3} data-testid="m-guest-description" />
      </Form.Item>
      <Form.Item name="requesterName" label={t('mrequests.name')}>
        <Input maxLength={40} autoComplete="name" data-testid="m-guest-name" />
      </Form.Item>
      <Form.Item name="phone" label={t('mrequests.phone')}>
        <Input type="tel" inputMode="tel" autoComplete="tel" maxLength={20} data-testid="m-guest-phone" />
      </Form.Item>
      <Form.Item
        name="phoneCode"
        label={t('mrequests.phoneCode')}
        extra={(
          <Button size="small" color="primary" fill="none" disabled={left > 0 || sending} loading={sending} onClick={() => void sendCode()} data-testid="m-guest-send-code">
            {left > 0 ? t('mrequests.resendIn', { seconds: left }) : t('mrequests.sendCode')}
          </Button>
        )}
      >
        <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" data-testid="m-guest-code" />
      </Form.Item>
    </Form>
  );
}
