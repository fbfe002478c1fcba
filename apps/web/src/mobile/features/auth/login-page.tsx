import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Form, Input, NoticeBar } from 'antd-mobile';
import { otpLoginSchema, PHONE_INPUT_MAX, translate } from '@lianxin/contracts';
import { isApiError, setCsrfToken } from '../../../shared/api-client.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { validateWith } from '../../../shared/schema-errors.ts';
import { MobilePage } from '../../components/mobile-page.tsx';
import { loginWithCode, requestCode } from './member-auth-api.ts';
import { useSendCode } from './use-send-code.ts';

interface LoginFormValues {
  phone?: string;
  code?: string;
}

/** Only same-site paths of the H5 are followed after signing in. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/card';
}

/** 会员登录: phone → SMS code (60 s before it can be sent again) → signed in as a member. */
export default function LoginPage() {
  const { t, locale } = useLocale();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<LoginFormValues>();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { sendCode, sending, left } = useSendCode(requestCode, t('mlogin.codeSent'), {
    phone: () => form.getFieldValue('phone') as string | undefined,
    phoneError: (text) => form.setFields([{ name: 'phone', errors: [text] }]),
    problem: setProblem,
  });

  const onFinish = async (values: LoginFormValues) => {
    setProblem(null);
    const checked = validateWith(otpLoginSchema, { phone: values.phone?.trim() ?? '', code: values.code?.trim() ?? '' }, locale);
    if (!checked.ok) {
      form.setFields(Object.entries(checked.fields).map(([name, text]) => ({ name: name as keyof LoginFormValues, errors: [text] })));
      return;
    }
    setSubmitting(true);
    try {
      const { csrfToken } = await loginWithCode(checked.data.phone, checked.data.code);
      setCsrfToken(csrfToken);
      void navigate(safeNext(params.get('next')), { replace: true });
    } catch (error) {
      setSubmitting(false);
      if (!isApiError(error)) {
        setProblem(t('app.networkError'));
        return;
      }
      const fields = Object.entries(error.fields).filter(([name]) => name === 'phone' || name === 'code');
      if (fields.length > 0) form.setFields(fields.map(([name, text]) => ({ name: name as keyof LoginFormValues, errors: [text] })));
      else if (error.code === 'invalid_credentials' || error.code === 'unauthenticated') form.setFields([{ name: 'code', errors: [translate('otp.invalid', locale)] }]);
      else setProblem(error.message);
    }
  };

  return (
    <MobilePage title={t('mlogin.title')} data-testid="m-login">
      <p className="m-intro">{t('mlogin.intro')}</p>
      {problem && <NoticeBar className="m-form-problem" color="error" wrap content={problem} data-testid="login-error" />}
      <Form
        form={form}
        layout="horizontal"
        mode="card"
        onFinish={onFinish}
        disabled={submitting}
        footer={
          <Button block type="submit" color="primary" size="large" loading={submitting} data-testid="login-submit">
            {t('mlogin.submit')}
          </Button>
        }
      >
        <Form.Item name="phone" label={t('join.phone')}>
          <Input id="login-phone" type="tel" inputMode="tel" maxLength={PHONE_INPUT_MAX} autoComplete="tel" placeholder={t('join.phonePlaceholder')} clearable data-testid="login-phone" />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('mlogin.code')}
          extra={
            <Button size="small" color="primary" fill="none" disabled={left > 0 || sending} loading={sending} onClick={() => void sendCode()} data-testid="login-send-code">
              {left > 0 ? t('mlogin.resendIn', { seconds: left }) : t('mlogin.sendCode')}
            </Button>
          }
        >
          <Input id="login-code" inputMode="numeric" maxLength={6} autoComplete="one-time-code" placeholder={t('mlogin.codePlaceholder')} data-testid="login-code" />
        </Form.Item>
      </Form>
    </MobilePage>
  );
}
