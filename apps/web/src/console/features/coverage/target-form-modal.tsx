import { useState } from 'react';
import { Alert, Form, Input, InputNumber, Modal } from 'antd';
import { coverageTargetInputSchema, shanghaiDate, type CoverageTarget, type OrgRef } from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { validateWith } from '../../../shared/schema-errors.ts';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { testIdProps } from '../../components/reason-modal.tsx';
import { createTarget, updateTarget } from './coverage-api.ts';
import { newTargetValues, targetBody, targetFormErrors, toTargetFormValues, type TargetFormValues } from './target-values.ts';
import { DateInput } from '../../components/date-input.tsx';

interface TargetFormModalProps {
  open: boolean;
  /** present when editing */
  target?: CoverageTarget;
  /** the unit a new target is for, unless changed */
  unit: OrgRef;
  onClose: () => void;
  onSaved: (target: CoverageTarget) => void;
}

/** Adds or edits a target: the unit, the due date, the 建会率 and (optional) 入会率 in percent, a note. */
export function TargetFormModal({ open, target, unit, onClose, onSaved }: TargetFormModalProps) {
  const { t, locale, clauses } = useLocale();
  const [form] = Form.useForm<TargetFormValues>();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const orgId = Form.useWatch('orgId', form);
  const orgLabel = target && orgId === target.orgId ? target.orgName : orgId === unit.id ? unit.name : undefined;

  const showErrors = (fields: Record<string, string>, fallback?: string) => {
    const { placed, unplaced } = targetFormErrors(fields);
    form.setFields(placed.map(([name, text]) => ({ name, errors: [text] })));
    const rest = [...unplaced, ...(placed.length === 0 && fallback ? [fallback] : [])];
    setProblem(rest.length > 0 ? clauses(rest) : null);
  };

  const submit = async () => {
    setProblem(null);
    const checked = validateWith(coverageTargetInputSchema, targetBody(form.getFieldsValue()), locale);
    if (!checked.ok) return showErrors(checked.fields);
    setSubmitting(true);
    try {
      onSaved(target ? await updateTarget(target.id, checked.data) : await createTarget(checked.data));
    } catch (error) {
      if (isApiError(error)) showErrors(error.fields, error.message);
      else setProblem(t('app.networkError'));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={target ? t('targets.editTitle') : t('targets.newTitle')}
      okText={t('enterprise.save')}
      okButtonProps={testIdProps({ loading: submitting }, 'target-submit')}
      onOk={() => void submit()}
      onCancel={onClose}
      afterOpenChange={(visible) => {
        if (!visible) setProblem(null);
      }}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form<TargetFormValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={target ? toTargetFormValues(target) : newTargetValues(unit.id, shanghaiDate())}
      >
        <Form.Item name="orgId" label={t('targets.unit')} required>
          <OrgTreeSelect valueLabel={orgLabel} data-testid="target-org" />
        </Form.Item>
        <Form.Item name="dueOn" label={t('targets.dueOn')} required>
          <DateInput width={180} testId="target-due-on" allowClear={false} />
        </Form.Item>
        <Form.Item name="coveragePercent" label={t('targets.coverageRate')} required>
          <InputNumber min={0} max={100} step={0.5} suffix="%" style={{ width: 180 }} data-testid="target-coverage" />
        </Form.Item>
        <Form.Item name="membershipPercent" label={t('targets.membershipRate')} extra={t('targets.membershipHint')}>
          <InputNumber min={0} max={100} step={0.5} suffix="%" style={{ width: 180 }} data-testid="target-membership" />
        </Form.Item>
        <Form.Item name="note" label={t('targets.note')}>
          <Input.TextArea rows={2} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
