import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Select, Spin } from 'antd';
import {
  memberCategories, memberCategoryLabels, memberUpdateSchema, occupationLabels, occupations, type MemberCategory, type MemberDetail,
  type Occupation,
} from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { fieldsNamed, splitFieldErrors, validateWith } from '../../../shared/schema-errors.ts';
import { testIdProps } from '../../components/reason-modal.tsx';
import { fetchEnterprises } from '../enterprises/enterprises-api.ts';
import { updateMember } from './members-api.ts';

interface EditValues {
  name?: string;
  /** blank: unchanged (the stored number is only shown masked) */
  phone?: string;
  occupation?: Occupation;
  category?: MemberCategory;
  enterpriseId?: number | null;
}

const FIELDS = ['name', 'phone', 'occupation', 'category', 'enterpriseId'] as const;

/** The PATCH body: only what changed; a blank phone keeps the stored one. */
export function memberPatch(member: MemberDetail, values: EditValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const name = values.name?.trim();
  if (name !== undefined && name !== member.name) body.name = name;
  const phone = values.phone?.trim();
  if (phone) body.phone = phone;
  if (values.occupation && values.occupation !== member.occupation) body.occupation = values.occupation;
  if (values.category && values.category !== member.category) body.category = values.category;
  const enterpriseId = values.enterpriseId ?? null;
  if (enterpriseId !== (member.enterprise?.id ?? null)) body.enterpriseId = enterpriseId;
  return body;
}

function EnterpriseSelect({ value, onChange, initial }: { value?: number | null; onChange?: (v: number | null) => void; initial: MemberDetail['enterprise'] }) {
  const { t } = useLocale();
  const [text, setText] = useState('');
  const [found, setFound] = useState<{ q: string; items: { id: number; name: string }[] } | null>(null);
  const q = text.trim();

  useEffect(() => {
    if (!q) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetchEnterprises({ q, page: 1, pageSize: 10 }, controller.signal).then(
        (r) => setFound({ q, items: r.items.map((e) => ({ id: e.id, name: e.name })) }),
        () => {
          if (!controller.signal.aborted) setFound({ q, items: [] });
        },
      );
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);

  const options = (found && found.q === q ? found.items : []).map((e) => ({ value: e.id, label: e.name }));
  if (initial && !options.some((o) => o.value === initial.id)) options.unshift({ value: initial.id, label: initial.name });
  return (
    <Select<number>
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      placeholder={t('members.edit.noEnterprise')}
      notFoundContent={q && (!found || found.q !== q) ? <Spin size="small" /> : undefined}
      options={options}
      data-testid="member-edit-enterprise"
    />
  );
}

interface MemberEditModalProps {
  member: MemberDetail;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}

export function MemberEditModal({ member, open, onClose, onSaved }: MemberEditModalProps) {
  const { t, locale, pick } = useLocale();
  const [form] = Form.useForm<EditValues>();
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async () => {
    setProblem(null);
    const body = memberPatch(member, form.getFieldsValue());
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    const checked = validateWith(memberUpdateSchema, body, locale);
    if (!checked.ok) {
      form.setFields(Object.entries(checked.fields).map(([name, text]) => ({ name: name as keyof EditValues, errors: [text] })));
      return;
    }
    setSubmitting(true);
    try {
      await updateMember(member.id, body);
      onSaved();
    } catch (error) {
      if (!isApiError(error)) setProblem(t('app.networkError'));
      else {
        const { placed } = splitFieldErrors(error.fields, fieldsNamed(FIELDS));
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
      title={t('members.edit.title', { name: member.name })}
      okText={t('enterprise.save')}
      okButtonProps={testIdProps({ loading: submitting }, 'member-edit-submit')}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form<EditValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          name: member.name,
          phone: '',
          occupation: member.occupation,
          category: member.category,
          enterpriseId: member.enterprise?.id ?? null,
        }}
      >
        <Form.Item name="name" label={t('members.col.name')}>
          <Input maxLength={30} data-testid="member-edit-name" />
        </Form.Item>
        <Form.Item name="phone" label={t('members.col.phone')} extra={t('members.edit.phoneHint', { phone: member.phone })}>
          <Input maxLength={11} inputMode="numeric" placeholder={member.phone} data-testid="member-edit-phone" />
        </Form.Item>
        <Form.Item name="occupation" label={t('members.col.occupation')}>
          <Select options={occupations.map((o) => ({ value: o, label: pick(occupationLabels[o]) }))} />
        </Form.Item>
        <Form.Item name="category" label={t('members.col.category')}>
          <Select options={memberCategories.map((c) => ({ value: c, label: pick(memberCategoryLabels[c]) }))} />
        </Form.Item>
        <Form.Item name="enterpriseId" label={t('members.col.enterprise')}>
          <EnterpriseSelect initial={member.enterprise} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
