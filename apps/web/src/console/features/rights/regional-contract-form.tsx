import { useState } from 'react';
import { App, Checkbox, Form, Input, Modal, Select } from 'antd';
import { contractKindLabels, contractKinds, isMultiEnterpriseKind, shanghaiDate, type ContractKind } from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { DateInput } from '../../components/date-input.tsx';
import { fetchOrg, searchOrgs } from '../orgs/orgs-api.ts';
import { createContract } from './rights-api.ts';
import { percentToBp, yuanToFen } from './rights-format.ts';

interface RegionalValues {
  orgId?: number; coveredEnterpriseIds?: number[]; kind?: ContractKind; validFrom?: string; validTo?: string; signedOn?: string; increase?: string; minimumWage?: string;
}

/**
 * 区域性/行业性集体合同: the chair picks the regional or industry union, ticks the enterprises it covers, and enters
 * the term, increase (%) and minimum wage (yuan, read by its digits). Each ticked enterprise gets its own row.
 */
export function RegionalContractModal({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { t, pick, aside } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<RegionalValues>();
  const [q, setQ] = useState('');
  const orgId = Form.useWatch('orgId', form);
  const unions = useApi(q.trim() === '' ? null : `rights-regional-unions-${q}`, (signal) => searchOrgs(q, signal));
  const union = useApi(orgId ? `rights-regional-union-${orgId}` : null, (signal) => fetchOrg(orgId!, signal));
  const validFrom = Form.useWatch('validFrom', form);
  return (
    <Modal open title={t('rights.regional.title')} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: 'collective', signedOn: shanghaiDate(), validFrom: shanghaiDate() }} data-testid="rights-regional-form" onFinish={(v) => {
        const increaseBp = v.increase ? percentToBp(v.increase) : 0;
        const minimumWageFen = v.minimumWage ? yuanToFen(v.minimumWage) : null;
        if (increaseBp === null || minimumWageFen === null) {
          form.setFields([
            ...(increaseBp === null ? [{ name: 'increase' as const, errors: [t('rights.regional.badNumber')] }] : []),
            ...(minimumWageFen === null ? [{ name: 'minimumWage' as const, errors: [t('rights.regional.badNumber')] }] : []),
          ]);
          return;
        }
        createContract({
          orgId: v.orgId!, coveredEnterpriseIds: v.coveredEnterpriseIds ?? [], kind: v.kind ?? 'collective', validFrom: v.validFrom!, validTo: v.validTo!,
          signedOn: v.signedOn!, increaseBp, minimumWageFen,
        }).then(onSaved, (error: unknown) => void message.error(isApiError(error) ? error.message : t('app.networkError')));
      }}>
        <Form.Item name="orgId" label={t('rights.regional.union')} rules={[{ required: true }]}>
          <Select<number>
            showSearch={{ filterOption: false, onSearch: setQ }}
            placeholder={t('rights.regional.unionSearch')}
            options={(unions.data ?? []).filter((o) => isMultiEnterpriseKind(o.kind)).map((o) => ({ value: o.id, label: o.name }))}
            loading={unions.loading}
            onChange={() => form.setFieldValue('coveredEnterpriseIds', [])}
            data-testid="rights-regional-union"
          />
        </Form.Item>
        <Form.Item name="coveredEnterpriseIds" label={t('rights.regional.enterprises')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Checkbox.Group
            data-testid="rights-regional-enterprises"
            options={(union.data?.coveredEnterprises ?? []).map((e) => ({ value: e.id, label: aside(e.name, String(e.employeeCount)) }))}
          />
        </Form.Item>
        <Form.Item name="kind" label={t('rights.contract.kind')}>
          <Select<ContractKind> options={contractKinds.map((k) => ({ value: k, label: pick(contractKindLabels[k]) }))} />
        </Form.Item>
        <Form.Item name="signedOn" label={t('rights.regional.signedOn')} rules={[{ required: true }]}><DateInput max={shanghaiDate()} /></Form.Item>
        <Form.Item name="validFrom" label={t('rights.regional.validFrom')} rules={[{ required: true }]}><DateInput testId="rights-regional-from" /></Form.Item>
        <Form.Item name="validTo" label={t('rights.regional.validTo')} rules={[{ required: true }]}><DateInput min={validFrom} testId="rights-regional-to" /></Form.Item>
        <Form.Item name="increase" label={t('rights.contract.increase')}><Input suffix="%" /></Form.Item>
        <Form.Item name="minimumWage" label={t('rights.contract.minimumWage')} rules={[{ required: true }]}><Input suffix={t('rights.contract.yuan')} data-testid="rights-regional-wage" /></Form.Item>
      </Form>
    </Modal>
  );
}
