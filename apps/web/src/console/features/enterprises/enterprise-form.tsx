import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Col, Drawer, Form, Input, InputNumber, Row, Select, Space, Switch } from 'antd';
import {
  creditCodeProblem, industrySections, nearDuplicateSchema, ownershipTypes, translate, industryLabel, ownershipLabels, type Enterprise,
  type NearDuplicate,
} from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { RegionCascader } from '../../components/region-cascader.tsx';
import {
  createBody,
  emptyEnterpriseValues,
  toFormValues,
  updateBody,
  validateCreate,
  validateUpdate,
  type EnterpriseFormValues,
} from './enterprise-form-values.ts';
import { createEnterprise, updateEnterprise } from './enterprises-api.ts';
import { DateInput } from '../../components/date-input.tsx';

interface EnterpriseFormDrawerProps {
  open: boolean;
  /** present when editing */
  enterprise?: Enterprise;
  scopeCode: string;
  onClose: () => void;
  onSaved: (enterprise: Enterprise) => void;
}

/** Create / edit drawer; the form is rebuilt on every opening. */
export function EnterpriseFormDrawer({ open, enterprise, scopeCode, onClose, onSaved }: EnterpriseFormDrawerProps) {
  const { t } = useLocale();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={enterprise ? t('enterprise.editTitle') : t('enterprise.newTitle')}
      size={640}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <EnterpriseForm enterprise={enterprise} scopeCode={scopeCode} onCancel={onClose} onSaved={onSaved} />
    </Drawer>
  );
}

const FIELD_NAMES: readonly (keyof EnterpriseFormValues)[] = [
  'creditCode', 'name', 'regionCode', 'address', 'industry', 'ownership',
  'employeeCount', 'dualReal', 'registeredOn', 'openedOn', 'latitude', 'longitude',
];

function isFieldName(name: string): name is keyof EnterpriseFormValues {
  return (FIELD_NAMES as readonly string[]).includes(name);
}

/** The registered enterprises a near-duplicate warning lists (409 enterprise.nearDuplicate). */
function nearDuplicatesOf(details: Record<string, unknown>): NearDuplicate[] {
  const parsed = nearDuplicateSchema.array().safeParse(details.nearDuplicates);
  return parsed.success ? parsed.data : [];
}

interface FormProblem {
  message: string;
  existingId?: number;
}

interface EnterpriseFormProps {
  enterprise?: Enterprise;
  scopeCode: string;
  onCancel: () => void;
  onSaved: (enterprise: Enterprise) => void;
}

export function EnterpriseForm({ enterprise, scopeCode, onCancel, onSaved }: EnterpriseFormProps) {
  const { t, locale, pick } = useLocale();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<EnterpriseFormValues>();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const initial = useMemo(() => (enterprise ? toFormValues(enterprise) : emptyEnterpriseValues), [enterprise]);

  /** Puts each message under its field; returns the messages whose field is not on this form. */
  const showFieldErrors = (fields: Record<string, string>): string[] => {
    const unplaced: string[] = [];
    const entries = Object.entries(fields);
    form.setFields(
      entries.filter(([path]) => isFieldName(path)).map(([path, text]) => ({ name: path as keyof EnterpriseFormValues, errors: [text] })),
    );
    for (const [path, text] of entries) if (!isFieldName(path)) unplaced.push(text);
    const first = entries.find(([path]) => isFieldName(path));
    if (first) form.scrollToField(first[0] as keyof EnterpriseFormValues);
    return unplaced;
  };

  const reportInvalid = (fields: Record<string, string>) => {
    const unplaced = showFieldErrors(fields);
    if (unplaced.length > 0) setProblem({ message: unplaced.join('；') });
  };

  const onFinish = async (values: EnterpriseFormValues) => {
    setProblem(null);
    const body = enterprise ? updateBody(initial, values) : createBody(values);
    if (enterprise && Object.keys(body).length === 0) {
      void message.info(t('enterprise.noChanges'));
      return;
    }
    let save: (confirmNearDuplicate?: boolean) => Promise<Enterprise>;
    if (enterprise) {
      const checked = validateUpdate(body, locale);
      if (!checked.ok) return reportInvalid(checked.fields);
      save = () => updateEnterprise(enterprise.id, checked.data);
    } else {
      const checked = validateCreate(body, locale);
      if (!checked.ok) return reportInvalid(checked.fields);
      save = (confirmNearDuplicate) => createEnterprise(confirmNearDuplicate ? { ...checked.data, confirmNearDuplicate } : checked.data);
    }
    await attempt(save, false);
  };

  /** Saves; a near-duplicate name asks for confirmation (listing the registered ones) and saves again if given. */
  const attempt = async (save: (confirmNearDuplicate?: boolean) => Promise<Enterprise>, confirmed: boolean) => {
    setSubmitting(true);
    try {
      onSaved(await save(confirmed));
    } catch (error) {
      setSubmitting(false);
      if (!isApiError(error)) {
        setProblem({ message: t('app.networkError') });
        return;
      }
      const near = nearDuplicatesOf(error.details);
      if (error.code === 'conflict' && near.length > 0 && !confirmed) {
        modal.confirm({
          title: t('enterprise.nearDuplicateTitle'),
          content: (
            <div data-testid="near-duplicate-list">
              <p>{t('enterprise.nearDuplicateIntro')}</p>
              <ul>
                {near.map((e) => (
                  <li key={e.id}>{e.name} · <span className="mono">{e.creditCode}</span></li>
                ))}
              </ul>
            </div>
          ),
          okText: t('enterprise.nearDuplicateConfirm'),
          cancelText: t('enterprise.nearDuplicateCancel'),
          onOk: () => attempt(save, true),
        });
        return;
      }
      const unplaced = showFieldErrors(error.fields);
      if (error.code === 'conflict') {
        if (!error.fields.creditCode) form.setFields([{ name: 'creditCode', errors: [error.message] }]);
        const existingId = typeof error.details.existingId === 'number' ? error.details.existingId : undefined;
        setProblem({ message: error.message, existingId });
      } else {
        setProblem({ message: [error.message, ...unplaced].join('；') });
      }
    }
  };

  const required = { required: true, message: translate('required', locale) };

  return (
    <Form<EnterpriseFormValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={onFinish}
      disabled={submitting}
      scrollToFirstError
    >
      {problem && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="enterprise-form-error"
          title={problem.message}
          description={
            problem.existingId !== undefined ? (
              <Link to={`/enterprises/${problem.existingId}`} onClick={onCancel}>
                {t('enterprise.viewExisting')}
              </Link>
            ) : undefined
          }
        />
      )}
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="creditCode"
            label={t('enterprise.creditCode')}
            normalize={(v: string) => v.toUpperCase()}
            validateTrigger="onBlur"
            rules={[
              required,
              {
                validator: (_, value: string | undefined) => {
                  const problemKey = value ? creditCodeProblem(value.trim()) : null;
                  return problemKey ? Promise.reject(new Error(translate(`creditCode.${problemKey}`, locale))) : Promise.resolve();
                },
              },
            ]}
          >
            <Input maxLength={18} autoComplete="off" className="mono" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="name" label={t('enterprise.name')} rules={[required]}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="regionCode" label={t('enterprise.region')} rules={[required]}>
            <RegionCascader scopeCode={scopeCode} streetOnly placeholder={t('enterprise.regionPlaceholder')} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="industry" label={t('enterprise.industry')} rules={[required]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={industrySections.map((s) => ({ value: s, label: industryLabel(s, locale) }))}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="address" label={t('enterprise.address')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="ownership" label={t('enterprise.ownership')} rules={[required]}>
            <Select options={ownershipTypes.map((o) => ({ value: o, label: pick(ownershipLabels[o]) }))} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="employeeCount" label={t('enterprise.employeeCount')} rules={[required]}>
            <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="dualReal" label={t('enterprise.dualReal')} valuePropName="checked" tooltip={t('enterprise.dualRealHint')}>
            <Switch />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="registeredOn" label={t('enterprise.registeredOn')}>
            <DateInput width={220} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="openedOn" label={t('enterprise.openedOn')}>
            <DateInput width={220} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="latitude" label={t('enterprise.latitude')}>
            <InputNumber step={0.000001} placeholder="31.23" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="longitude" label={t('enterprise.longitude')}>
            <InputNumber step={0.000001} placeholder="121.47" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Space>
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="enterprise-submit">
          {t('enterprise.save')}
        </Button>
        <Button onClick={onCancel} disabled={false}>
          {t('enterprise.cancel')}
        </Button>
      </Space>
    </Form>
  );
}
