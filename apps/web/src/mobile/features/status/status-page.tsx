import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { Button, Card, Form, Input, List, NoticeBar, Steps, Tag } from 'antd-mobile';
import {
  applicationStatusRequestSchema, applicationStatusLabels, chinaMobileSchema, normalizePhone, PHONE_INPUT_MAX, translate, type ApplicationStatusView,
} from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { checkValue } from '../../../shared/schema-errors.ts';
import { MobilePage } from '../../components/mobile-page.tsx';
import { fetchApplicationStatus } from '../join/join-api.ts';

interface StatusFormValues {
  reference?: string;
  phone?: string;
}

function initialValues(state: unknown): StatusFormValues {
  if (typeof state !== 'object' || state === null) return {};
  const { reference, phone } = state as Record<string, unknown>;
  return { reference: typeof reference === 'string' ? reference : undefined, phone: typeof phone === 'string' ? phone : undefined };
}

const statusTagColors = { pending: 'warning', approved: 'success', rejected: 'danger' } as const;

/** 查询进度: reference + phone → where the application stands. */
export default function StatusPage() {
  const { t, locale } = useLocale();
  const location = useLocation();
  const [initial] = useState(() => initialValues(location.state));
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<ApplicationStatusView | null>(null);

  const onFinish = async (values: StatusFormValues) => {
    setProblem(null);
    setLoading(true);
    try {
      setResult(await fetchApplicationStatus((values.reference ?? '').trim().toUpperCase(), normalizePhone(values.phone ?? '')));
    } catch (error) {
      setResult(null);
      setProblem(
        isApiError(error) ? (error.status === 404 ? t('status.notFound') : error.message) : t('app.networkError'),
      );
    } finally {
      setLoading(false);
    }
  };

  return (
    <MobilePage title={t('status.title')} data-testid="m-status">
      {problem && <NoticeBar className="m-form-problem" color="error" wrap content={problem} data-testid="status-error" />}
      <Form
        layout="horizontal"
        mode="card"
        initialValues={initial}
        onFinish={onFinish}
        footer={
          <Button block type="submit" color="primary" size="large" loading={loading} data-testid="status-submit">
            {t('status.submit')}
          </Button>
        }
      >
        <Form.Item
          name="reference"
          label={t('join.reference')}
          normalize={(v: string) => v.toUpperCase()}
          validateTrigger="onBlur"
          rules={[
            { required: true, message: translate('required', locale) },
            {
              validator: (_, v: string | undefined) =>
                checkValue(applicationStatusRequestSchema.shape.reference, v ?? '', locale)
                  ? Promise.reject(new Error(t('status.referenceInvalid')))
                  : Promise.resolve(),
            },
          ]}
        >
          <Input id="status-reference" placeholder={t('status.referencePlaceholder')} maxLength={10} autoComplete="off" clearable data-testid="status-reference" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('join.phone')}
          validateTrigger="onBlur"
          rules={[
            { required: true, message: translate('required', locale) },
            {
              validator: (_, v: string | undefined) => {
                const text = checkValue(chinaMobileSchema, (v ?? '').trim(), locale);
                return text ? Promise.reject(new Error(text)) : Promise.resolve();
              },
            },
          ]}
        >
          <Input id="status-phone" type="tel" inputMode="tel" maxLength={PHONE_INPUT_MAX} placeholder={t('join.phonePlaceholder')} clearable data-testid="status-phone" />
        </Form.Item>
      </Form>
      {result && <StatusCard status={result} />}
    </MobilePage>
  );
}

function StatusCard({ status }: { status: ApplicationStatusView }) {
  const { t, pick } = useLocale();
  const navigate = useNavigate();
  const step = status.status === 'pending' ? 1 : 2;
  return (
    <Card
      className="m-status-card"
      title={t('status.cardTitle')}
      extra={
        <Tag color={statusTagColors[status.status]} data-testid="status-value">
          {pick(applicationStatusLabels[status.status])}
        </Tag>
      }
      data-testid="status-card"
    >
      <Steps current={step}>
        <Steps.Step title={t('status.step.submitted')} status="finish" />
        <Steps.Step title={t('status.step.review')} status={status.status === 'pending' ? 'process' : 'finish'} />
        <Steps.Step
          title={status.status === 'rejected' ? t('status.step.rejected') : t('status.step.joined')}
          status={status.status === 'approved' ? 'finish' : status.status === 'rejected' ? 'error' : 'wait'}
        />
      </Steps>
      <List className="m-status-list">
        <List.Item extra={status.reference}>{t('join.reference')}</List.Item>
        <List.Item description={status.reason}>{status.routedTo.name}</List.Item>
        <List.Item extra={formatDateTime(status.submittedAt)}>{t('status.submittedAt')}</List.Item>
        {status.decidedAt && <List.Item extra={formatDateTime(status.decidedAt)}>{t('status.decidedAt')}</List.Item>}
        {status.rejectReason && <List.Item description={status.rejectReason}>{t('status.rejectReason')}</List.Item>}
        {status.cardNumber && <List.Item extra={<span className="m-reference">{status.cardNumber}</span>}>{t('card.number')}</List.Item>}
      </List>
      {status.status === 'approved' && (
        <Button block color="primary" fill="outline" onClick={() => void navigate('/card')} data-testid="status-open-card">
          {t('status.openCard')}
        </Button>
      )}
    </Card>
  );
}
