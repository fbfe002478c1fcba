import { useState } from 'react';
import { Form, Input, Modal, type ButtonProps } from 'antd';
import { applicationRejectSchema } from '@lianxin/contracts';
import { isApiError } from '../../shared/api-client.ts';
import { useLocale } from '../../shared/i18n/locale-context.tsx';
import { validateWith } from '../../shared/schema-errors.ts';

interface ReasonModalProps {
  open: boolean;
  title: string;
  label: string;
  okText: string;
  /** prefix of the testids: `${testId}-reason`, `${testId}-submit` */
  testId: string;
  danger?: boolean;
  onSubmit: (reason: string) => Promise<void>;
  onClose: () => void;
}

/**
 * A confirmation that needs a reason (reject an application or a transfer, a member leaving): checked with the
 * API's schema (2–200 characters), server messages shown under the field.
 */
export function ReasonModal({ open, title, label, okText, testId, danger = true, onSubmit, onClose }: ReasonModalProps) {
  const { locale } = useLocale();
  const [form] = Form.useForm<{ reason?: string }>();
  const [submitting, setSubmitting] = useState(false);

  const submit = async () => {
    const reason = (form.getFieldValue('reason') as string | undefined) ?? '';
    const checked = validateWith(applicationRejectSchema, { reason }, locale);
    if (!checked.ok) {
      form.setFields([{ name: 'reason', errors: [checked.fields.reason ?? Object.values(checked.fields)[0] ?? ''] }]);
      return;
    }
    setSubmitting(true);
    try {
      await onSubmit(checked.data.reason);
      form.resetFields();
      onClose();
    } catch (error) {
      form.setFields([{ name: 'reason', errors: [isApiError(error) ? (error.fields.reason ?? error.message) : String(error)] }]);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={testIdProps({ danger, loading: submitting }, `${testId}-submit`)}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label={label} required>
          <Input.TextArea rows={3} maxLength={200} showCount autoFocus data-testid={`${testId}-reason`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Button props with a data-testid (antd forwards it to the <button>). */
export function testIdProps(props: ButtonProps, testId: string): ButtonProps {
  const withId: ButtonProps & { 'data-testid': string } = { ...props, 'data-testid': testId };
  return withId;
}
