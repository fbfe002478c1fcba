import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { App, Button, DatePicker, Form, Input, Modal, Segmented, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { requestChannelLabels, requestChannels, requestStatusLabels, requestStatuses, serviceRequestCreateSchema, type RequestStatus, type ServiceRequestListItem } from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { validateWith } from '../../../shared/schema-errors.ts';
import { patchParams } from '../../../shared/search-params.ts';
import { useApi } from '../../../shared/use-api.ts';
import { LoadErrorAlert } from '../../components/error-result.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useCurrentUser } from '../auth/session-context.tsx';
import { CalendarAlert } from './calendar-alert.tsx';
import { FiguresBar } from './figures-bar.tsx';
import { RequestDrawer } from './request-drawer.tsx';
import { createRequest, fetchCategories, fetchRequests, type RequestQuery } from './requests-api.ts';
import { EnterpriseSelect } from '../rights/enterprise-select.tsx';

type View = 'all' | 'mine' | 'overdue';

/** 诉求办理: the requests of the scope, due first (so overdue first), with 首问负责 actions in the drawer. */
export default function RequestsPage() {
  const { t, pick, locale } = useLocale();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<Record<string, unknown>>();
  const view: View = params.get('mine') === 'true' ? 'mine' : params.get('overdue') === 'true' ? 'overdue' : 'all';
  const status = (requestStatuses as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as RequestStatus) : undefined;
  const query: RequestQuery = { status, ...(view === 'mine' ? { mine: true } : {}), ...(view === 'overdue' ? { overdue: true } : {}) };
  const key = JSON.stringify(query);
  const { data, error, loading, reload } = useApi(key, (signal) => fetchRequests(JSON.parse(key) as RequestQuery, signal));
  const categories = useApi('categories', (signal) => fetchCategories(signal)).data?.items ?? [];
  const openId = Number(params.get('request')) || null;

  const save = async () => {
    const values = form.getFieldsValue(true) as Record<string, unknown>;
    const receivedAt = values.receivedAt as { toISOString(): string } | undefined;
    const checked = validateWith(serviceRequestCreateSchema, { ...values, receivedAt: receivedAt ? receivedAt.toISOString() : undefined }, locale);
    if (!checked.ok) {
      form.setFields(Object.entries(checked.fields).map(([name, e]) => ({ name, errors: [e] })));
      return;
    }
    try {
      const created = await createRequest(checked.data);
      setCreating(false);
      form.resetFields();
      reload();
      setParams((prev) => patchParams(prev, { request: created.id }));
    } catch (e) {
      if (isApiError(e) && Object.keys(e.fields).length > 0) form.setFields(Object.entries(e.fields).map(([name, err]) => ({ name, errors: [err] })));
      else void message.error(isApiError(e) ? e.message : t('app.networkError'));
    }
  };

  const columns: TableColumnsType<ServiceRequestListItem> = [
    { key: 'id', title: t('requests.col.id'), width: 80, fixed: 'left', render: (_, r) => <Typography.Link data-testid="request-link" onClick={() => setParams((p) => patchParams(p, { request: r.id }))}>#{r.id}</Typography.Link> },
    { key: 'category', title: t('requests.col.category'), width: 110, render: (_, r) => pick({ 'zh-CN': r.categoryName, en: r.categoryNameEn }) },
    { key: 'description', title: t('requests.col.description'), width: 280, ellipsis: true, render: (_, r) => r.description },
    { key: 'requester', title: t('requests.col.requester'), width: 150, render: (_, r) => `${r.requesterName} ${r.requesterPhone}` },
    { key: 'org', title: t('requests.col.org'), width: 180, ellipsis: true, render: (_, r) => r.orgName },
    { key: 'owner', title: t('requests.col.owner'), width: 110, render: (_, r) => r.ownerName ?? '—' },
    {
      key: 'due', title: t('requests.col.due'), width: 170,
      render: (_, r) => (
        <Space size={4}>
          <span style={r.overdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>{r.dueOn ?? '—'}</span>
          {r.overdue && <Tag color="red">{t('requests.overdueTag')}</Tag>}
          {r.provisional && <Tag color="gold" title={t('requests.provisionalHint')}>{t('requests.provisional')}</Tag>}
        </Space>
      ),
    },
    { key: 'status', title: t('requests.col.status'), width: 130, render: (_, r) => <Tag>{pick(requestStatusLabels[r.status])}</Tag> },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div className="page-header" style={{ marginBottom: 0 }}><Typography.Title level={4}>{t('requests.title')}</Typography.Title></div>
      <CalendarAlert />
      <FiguresBar orgId={user.org.id} />
      <Space wrap>
        <Segmented<View>
          value={view}
          options={(['all', 'mine', 'overdue'] as const).map((v) => ({ value: v, label: t(`requests.filter.${v}`) }))}
          onChange={(v) => setParams((p) => patchParams(p, { mine: v === 'mine' ? 'true' : null, overdue: v === 'overdue' ? 'true' : null }))}
        />
        <Select allowClear style={{ width: 180 }} placeholder={t('requests.col.status')} value={status}
          options={requestStatuses.map((s) => ({ value: s, label: pick(requestStatusLabels[s]) }))}
          onChange={(v?: string) => setParams((p) => patchParams(p, { status: v ?? null }))} />
        {user.canWrite && <Button type="primary" onClick={() => setCreating(true)} data-testid="request-new">{t('requests.new')}</Button>}
      </Space>
      {error !== undefined && <LoadErrorAlert error={error} onRetry={reload} />}
      <Table<ServiceRequestListItem> rowKey="id" size="small" loading={loading} columns={columns} dataSource={data?.items ?? []} scroll={{ x: 1210 }} pagination={{ pageSize: 20, showSizeChanger: false }} />
      <RequestDrawer id={openId} onClose={() => setParams((p) => patchParams(p, { request: null }))} onChanged={reload} />
      <Modal open={creating} title={t('requests.new')} onCancel={() => setCreating(false)} onOk={() => void save()} okText={t('requests.ok')} cancelText={t('requests.cancel')}>
        <Form form={form} layout="vertical" initialValues={{ channel: 'station', categoryCode: 'general', orgId: user.org.id }}>
          <Form.Item name="categoryCode" label={t('requests.field.category')} required>
            <Select options={categories.map((c) => ({ value: c.code, label: `${c.name}（${c.workingDays}）` }))} />
          </Form.Item>
          <Form.Item name="orgId" label={t('requests.field.org')} required><OrgTreeSelect valueLabel={user.org.name} /></Form.Item>
          <Form.Item name="channel" label={t('requests.field.channel')} required>
            <Select options={requestChannels.map((c) => ({ value: c, label: pick(requestChannelLabels[c]) }))} />
          </Form.Item>
          <Form.Item name="description" label={t('requests.field.description')} required><Input.TextArea maxLength={2000} /></Form.Item>
          <Form.Item name="requesterName" label={t('requests.field.requesterName')} required><Input maxLength={40} /></Form.Item>
          <Form.Item name="requesterPhone" label={t('requests.field.requesterPhone')} required><Input maxLength={20} /></Form.Item>
          <Form.Item name="receivedAt" label={t('requests.field.receivedAt')}><DatePicker showTime /></Form.Item>
          <Form.Item name="enterpriseId" label={t('requests.enterprise')} extra={t('requests.enterpriseHint')}><EnterpriseSelect /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
