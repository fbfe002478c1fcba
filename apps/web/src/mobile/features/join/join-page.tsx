import { useState } from 'react';
import { Button, Form, Input, NoticeBar, Selector, Switch } from 'antd-mobile';
import {
  applicationCreateSchema,
  chinaMobileSchema,
  otpCodeSchema,
  ID_NUMBER_INPUT_MAX,
  PHONE_INPUT_MAX,
  idNumberSchema,
  occupationLabels,
  occupations,
  translate,
  type ApplicationCreate,
  type ApplicationCreated,
} from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { checkValue, splitFieldErrors, validateWith, type SafeParser } from '../../../shared/schema-errors.ts';
import { MobilePage } from '../../components/mobile-page.tsx';
import { EmployerPicker } from './employer-picker.tsx';
import { formFieldFor, toApplicationBody, type JoinFormValues } from './join-form-values.ts';
import { useSendCode } from '../auth/use-send-code.ts';
import { requestApplicationCode, submitApplication } from './join-api.ts';
import { JoinResult } from './join-result.tsx';
import { RegionPicker } from '../../components/region-picker.tsx';

/** 入会申请: the online application of DOMAIN.md §2, checked on the phone with the API's own schemas. */
export default function JoinPage() {
  const { t } = useLocale();
  const [created, setCreated] = useState<{ result: ApplicationCreated; phone: string } | null>(null);
  return (
    <MobilePage title={t('join.title')} data-testid="m-join">
      {created ? <JoinResult created={created.result} phone={created.phone} /> : <JoinForm onCreated={(result, phone) => setCreated({ result, phone })} />}
    </MobilePage>
  );
}

function JoinForm({ onCreated }: { onCreated: (created: ApplicationCreated, phone: string) => void }) {
  const { t, locale, pick, clauses } = useLocale();
  const [form] = Form.useForm<JoinFormValues>();
  const [noEmployer, setNoEmployer] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  /** The code step: the phone is checked here, then the code comes by SMS (again after 60 s). */
  const { sendCode, sending, left } = useSendCode(requestApplicationCode, t('join.codeSent'), {
    phone: () => form.getFieldValue('phone') as string | undefined,
    phoneError: (text) => form.setFields([{ name: 'phone', errors: [text] }]),
    problem: setProblem,
  });

  const rule = (schema: SafeParser<unknown>, normalise: (v: string) => string = (v) => v) => ({
    validator: (_: unknown, value: string | undefined) => {
      const text = checkValue(schema, normalise(value ?? ''), locale);
      return text ? Promise.reject(new Error(text)) : Promise.resolve();
    },
  });

  /** Puts messages under their fields; returns those with no field on the form. */
  const showFieldErrors = (fields: Record<string, string>): string[] => {
    const { placed, unplaced } = splitFieldErrors(fields, (path) => formFieldFor(path, noEmployer));
    form.setFields(placed);
    const first = placed[0];
    if (first) document.querySelector(`[data-field="${first.name}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    return unplaced;
  };

  const onFinish = async (values: JoinFormValues) => {
    setProblem(null);
    const body = toApplicationBody(values, noEmployer);
    const checked = validateWith<ApplicationCreate>(applicationCreateSchema, body, locale);
    if (!checked.ok) {
      const unplaced = showFieldErrors(checked.fields);
      if (unplaced.length > 0) setProblem(clauses(unplaced));
      return;
    }
    setSubmitting(true);
    try {
      const result = await submitApplication(checked.data);
      onCreated(result, checked.data.phone);
    } catch (error) {
      setSubmitting(false);
      if (!isApiError(error)) {
        setProblem(t('app.networkError'));
        return;
      }
      const unplaced = showFieldErrors(error.fields);
      if (error.code === 'conflict' || Object.keys(error.fields).length === 0 || unplaced.length > 0) {
        setProblem(clauses([error.message, ...unplaced.filter((m) => m !== error.message)]));
        window.scrollTo({ top: 0, behavior: 'smooth' });
      }
    }
  };

  const required = (message: string) => ({ required: true, message });

  return (
    <>
      <p className="m-intro">{t('join.intro')}</p>
      {problem && (
        <NoticeBar className="m-form-problem" color="error" wrap content={problem} data-testid="join-error" />
      )}
      <Form
        form={form}
        layout="vertical"
        mode="card"
        disabled={submitting}
        onFinish={onFinish}
        onFinishFailed={({ errorFields }) => {
          const first = errorFields[0]?.name[0];
          if (first !== undefined) document.querySelector(`[data-field="${String(first)}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
        }}
        footer={
          <>
            <p className="m-privacy">{t('join.privacy')}</p>
            <Button block type="submit" color="primary" size="large" loading={submitting} data-testid="join-submit">
              {t('join.submit')}
            </Button>
          </>
        }
      >
        <Form.Header>{t('join.personal')}</Form.Header>
        <Form.Item
          name="name"
          label={t('join.name')}
          data-field="name"
          validateTrigger="onBlur"
          rules={[required(translate('person.nameInvalid', locale)), rule(applicationCreateSchema.shape.name, (v) => v.trim())]}
        >
          <Input id="join-name" placeholder={t('join.namePlaceholder')} autoComplete="name" maxLength={30} clearable data-testid="join-name" />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('join.idNumber')}
          data-field="idNumber"
          validateTrigger="onBlur"
          rules={[required(translate('required', locale)), rule(idNumberSchema)]}
        >
          <Input id="join-id-number" placeholder={t('join.idNumberPlaceholder')} autoComplete="off" maxLength={ID_NUMBER_INPUT_MAX} clearable data-testid="join-id-number" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('join.phone')}
          data-field="phone"
          validateTrigger="onBlur"
          rules={[required(translate('required', locale)), rule(chinaMobileSchema)]}
        >
          <Input id="join-phone" type="tel" inputMode="tel" placeholder={t('join.phonePlaceholder')} autoComplete="tel" maxLength={PHONE_INPUT_MAX} clearable data-testid="join-phone" />
        </Form.Item>
        <Form.Item
          name="phoneCode"
          label={t('join.phoneCode')}
          data-field="phoneCode"
          validateTrigger="onBlur"
          rules={[required(translate('required', locale)), rule(otpCodeSchema, (v) => v.trim())]}
          extra={
            <Button size="small" color="primary" fill="none" disabled={left > 0 || sending} loading={sending} onClick={() => void sendCode()} data-testid="join-send-code">
              {left > 0 ? t('join.resendIn', { seconds: left }) : t('join.sendCode')}
            </Button>
          }
        >
          <Input id="join-phone-code" inputMode="numeric" maxLength={6} autoComplete="one-time-code" placeholder={t('join.phoneCodePlaceholder')} data-testid="join-phone-code" />
        </Form.Item>

        <Form.Header>{t('join.work')}</Form.Header>
        <Form.Item
          name="occupation"
          label={t('join.occupation')}
          data-field="occupation"
          rules={[{ required: true, type: 'array', min: 1, message: t('join.occupationRequired') }]}
        >
          <Selector
            className="m-occupations"
            columns={3}
            options={occupations.map((o) => ({ value: o, label: pick(occupationLabels[o]) }))}
            data-testid="join-occupation"
          />
        </Form.Item>
        <Form.Item
          label={t('join.noEmployer')}
          layout="horizontal"
          childElementPosition="right"
          description={noEmployer ? t('join.noEmployerHint') : undefined}
        >
          <Switch
            checked={noEmployer}
            onChange={(checked) => {
              setNoEmployer(checked);
              form.setFields([
                { name: 'employer', errors: [] },
                { name: 'regionCode', errors: [] },
              ]);
            }}
            data-testid="join-no-employer"
          />
        </Form.Item>
        {noEmployer ? (
          <Form.Item
            key="regionCode"
            name="regionCode"
            label={t('join.region')}
            data-field="regionCode"
            rules={[required(translate('application.regionRequired', locale))]}
          >
            <RegionPicker title={t('join.region')} placeholder={t('join.regionPlaceholder')} testId="join-region" />
          </Form.Item>
        ) : (
          <Form.Item
            key="employer"
            name="employer"
            label={t('join.employer')}
            data-field="employer"
            rules={[required(t('join.employerRequired'))]}
          >
            <EmployerPicker />
          </Form.Item>
        )}
      </Form>
    </>
  );
}
