import { useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { transferCreateSchema, translate, type MemberDetail } from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { fieldsNamed, splitFieldErrors, validateWith } from '../../../shared/schema-errors.ts';
import { testIdProps } from '../../components/reason-modal.tsx';
import { requestTransfer } from './members-api.ts';
import { OrgDirectorySelect } from './org-directory-select.tsx';

interface TransferValues {
  toOrgId?: number;
  reason?: string;
}

interface TransferModalProps {
  member: MemberDetail;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}

/** 组织关系转接: asks the receiving union to take the member; it approves on its side. */
export function TransferModal({ member, open, onClose, onDone }: TransferModalProps) {
  const { t, locale } = useLocale();
  const [form] = Form.useForm<TransferValues>();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async () => {
    setProblem(null);
    const values = form.getFieldsValue();
    const body: Record<string, unknown> = { toOrgId: values.toOrgId };
    if (values.reason?.trim()) body.reason = values.reason.trim();
    const checked = validateWith(transferCreateSchema, body, locale);
    if (!checked.ok) {
      form.setFields(Object.entries(checked.fields).map(([name, text]) => ({ name: name as keyof TransferValues, errors: [text] })));
      return;
    }
    setSubmitting(true);
    try {
      await requestTransfer(member.id, checked.data);
      form.resetFields();
      onDone();
    } catch (error) {
      if (!isApiError(error)) setProblem(t('app.networkError'));
      else {
        const { placed } = splitFieldErrors(error.fields, fieldsNamed(['toOrgId', 'reason'] as const));
        form.setFields(placed);
        if (placed.length === 0) setProblem(error.message);
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('members.transfer.title', { name: member.name })}
      okText={t('members.transfer.submit')}
      okButtonProps={testIdProps({ loading: submitting }, 'transfer-submit')}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} data-testid="transfer-error" />}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item label={t('members.transfer.from')}>{member.union.name}</Form.Item>
        <Form.Item name="toOrgId" label={t('members.transfer.to')} required rules={[{ required: true, message: translate('required', locale) }]}>
          <OrgDirectorySelect excludeId={member.union.id} data-testid="transfer-org" />
        </Form.Item>
        <Form.Item name="reason" label={t('members.transfer.reason')}>
          <Input.TextArea rows={3} maxLength={200} showCount data-testid="transfer-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
