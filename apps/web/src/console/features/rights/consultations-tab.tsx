import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { App, Button, Form, Input, List, Modal, Steps, Table, Tag, Typography } from 'antd';
import {
  can, consultationStepLabels, consultationSteps, nextConsultationStep, shanghaiDate, type ConsultationItem, type ConsultationStep,
} from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { patchParams } from '../../../shared/search-params.ts';
import { useApi } from '../../../shared/use-api.ts';
import { DateInput } from '../../components/date-input.tsx';
import { LoadErrorAlert } from '../../components/error-result.tsx';
import { useCurrentUser } from '../auth/session-context.tsx';
import { createConsultation, fetchConsultation, fetchConsultations, moveConsultation } from './rights-api.ts';
import { EnterpriseSelect } from './enterprise-select.tsx';

const PAGE_SIZE = 20;

/**
 * 恳谈会 (/rights/consultations): the unit's consultation meetings, those under way first, each with its dated steps
 * (收集议题 → 确定参会人员 → 意见反馈 → 召开恳谈会 → 结果公开); staff open one and record the next step. A row opens
 * to the issues members raised on the H5 while it collected issues (anonymous ones without the name).
 */
export function ConsultationsTab({ orgId }: { orgId: number }) {
  const { t, pick } = useLocale();
  const user = useCurrentUser();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const pageParam = Number(params.get('page'));
  const page = Number.isInteger(pageParam) && pageParam > 0 ? pageParam : 1;
  const [version, setVersion] = useState(0);
  const query = { orgId, page, pageSize: PAGE_SIZE };
  const { data, error, loading, reload } = useApi(`rights-consultations-${JSON.stringify(query)}-${version}`, (signal) => fetchConsultations(query, signal));
  const [creating, setCreating] = useState(false);
  const [moving, setMoving] = useState<ConsultationItem | null>(null);
  const writer = can(user, 'records.write');
  const failed = (e: unknown) => void message.error(isApiError(e) ? e.message : t('app.networkError'));
  const saved = () => {
    setCreating(false);
    setMoving(null);
    setVersion((v) => v + 1);
  };
  const [createForm] = Form.useForm<{ enterpriseId?: number; collectedOn?: string; issues?: string }>();
  const [stepForm] = Form.useForm<{ on?: string; text?: string }>();
  const next = moving ? nextConsultationStep(moving.step) : null;

  return (
    <>
      <div className="filters">
        <Typography.Text type="secondary">{t('rights.consultation.rule')}</Typography.Text>
        {writer && <Button type="primary" onClick={() => setCreating(true)}>{t('rights.consultation.new')}</Button>}
      </div>
      {error ? <LoadErrorAlert error={error} onRetry={reload} /> : null}
      <Table<ConsultationItem>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        data-testid="rights-consultations"
        expandable={{ expandedRowRender: (k) => <MemberIssues id={k.id} /> }}
        pagination={{
          current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showSizeChanger: false,
          onChange: (p) => setParams((prev) => patchParams(prev, { page: p === 1 ? undefined : p })),
        }}
        columns={[
          { title: t('rights.col.enterprise'), render: (_, k) => k.enterprise.name },
          {
            title: t('rights.consultation.steps'),
            render: (_, k) => (
              <Steps
                size="small"
                current={consultationSteps.indexOf(k.step)}
                status={k.step === 'published' ? 'finish' : 'process'}
                items={consultationSteps.map((step) => {
                  const done = k.steps.find((s) => s.step === step);
                  return { title: pick(consultationStepLabels[step]), description: done ? <span title={done.text}>{done.on}</span> : undefined };
                })}
              />
            ),
          },
          {
            title: '',
            render: (_, k) => (k.step === 'published'
              ? <Tag color="green">{pick(consultationStepLabels.published)}</Tag>
              : writer && <Button size="small" onClick={() => { stepForm.resetFields(); setMoving(k); }}>{t('rights.consultation.next')}</Button>),
          },
        ]}
      />
      {creating && (
        <Modal open title={t('rights.consultation.new')} onCancel={() => setCreating(false)} onOk={() => createForm.submit()} destroyOnHidden>
          <Form form={createForm} layout="vertical" onFinish={(v) => {
            createConsultation({ enterpriseId: v.enterpriseId ?? 0, collectedOn: v.collectedOn ?? shanghaiDate(), issues: v.issues ?? '' })
              .then(saved, failed);
          }}>
            <Form.Item name="enterpriseId" label={t('rights.enterprise')} rules={[{ required: true }]}><EnterpriseSelect /></Form.Item>
            <Form.Item name="collectedOn" label={t('rights.consultation.collectedOn')} rules={[{ required: true }]}><DateInput max={shanghaiDate()} testId="consultation-collected-on" /></Form.Item>
            <Form.Item name="issues" label={pick(consultationStepLabels.collecting)} rules={[{ required: true }]}><Input.TextArea rows={3} /></Form.Item>
          </Form>
        </Modal>
      )}
      {moving && next && (
        <Modal open title={`${moving.enterprise.name} · ${pick(consultationStepLabels[next])}`} onCancel={() => setMoving(null)} onOk={() => stepForm.submit()} destroyOnHidden>
          <Form form={stepForm} layout="vertical" onFinish={(v) => {
            moveConsultation(moving.id, { to: next as Exclude<ConsultationStep, 'collecting'>, on: v.on ?? shanghaiDate(), text: v.text ?? '' })
              .then(saved, failed);
          }}>
            <Form.Item name="on" label={t('rights.consultation.on')} rules={[{ required: true }]}>
              <DateInput min={moving.steps.at(-1)?.on} max={shanghaiDate()} testId="consultation-step-on" />
            </Form.Item>
            <Form.Item name="text" label={t(`rights.consultation.text.${next as Exclude<ConsultationStep, 'collecting'>}`)} rules={[{ required: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </>
  );
}

/** The issues members raised on the H5 for one consultation, oldest first (loaded when the row opens). */
function MemberIssues({ id }: { id: number }) {
  const { t } = useLocale();
  const { data, error, loading, reload } = useApi(`rights-consultation-${id}`, (signal) => fetchConsultation(id, signal));
  if (error) return <LoadErrorAlert error={error} onRetry={reload} />;
  return (
    <List
      size="small"
      loading={loading}
      header={t('rights.consultation.memberIssues')}
      locale={{ emptyText: t('rights.consultation.noMemberIssues') }}
      dataSource={data?.memberIssues ?? []}
      data-testid={`consultation-member-issues-${id}`}
      renderItem={(issue) => (
        <List.Item>
          <Typography.Text type="secondary">{issue.submittedOn} · {issue.memberName ?? t('rights.consultation.anonymous')}</Typography.Text>
          <span style={{ marginLeft: 12 }}>{issue.text}</span>
        </List.Item>
      )}
    />
  );
}
