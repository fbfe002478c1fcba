import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { App, Button, Descriptions, Drawer, Form, Input, InputNumber, Modal, Space, Tag, Timeline, Typography } from 'antd';
import {
  can, closeBodySchema, extendBodySchema, pauseBodySchema, requestChannelLabels, requestStatusLabels, transferBodySchema, transferStateLabels,
  type ServiceRequest,
} from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { formatDateTime } from '../../../shared/format.ts';
import type { DictKey } from '../../../shared/i18n/dictionary.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { validateWith, type SafeParser } from '../../../shared/schema-errors.ts';
import { useApi } from '../../../shared/use-api.ts';
import { useCurrentUser } from '../auth/session-context.tsx';
import { OrgDirectorySelect } from '../members/org-directory-select.tsx';
import { fetchRequest, revealRequesterPhone, requestAction, type RequestAction } from './requests-api.ts';

/** The actions the actor may take on a request as it stands (the API decides again). */
export function actionsFor(r: Pick<ServiceRequest, 'status' | 'ownerUserId' | 'transfer' | 'extension'>, userId: number, mayExtend: boolean): RequestAction[] {
  const owner = r.ownerUserId === userId;
  const worker = owner || r.transfer?.handlerUserId === userId;
  const actions: RequestAction[] = [];
  if (r.status === 'received' || (r.transfer?.state === 'pending' && !owner)) actions.push('accept');
  if (owner && (r.status === 'in_progress' || r.status === 'paused') && r.transfer?.state !== 'pending') actions.push('transfer');
  if (worker && r.status === 'in_progress') actions.push('pause', 'close');
  if (worker && r.status === 'paused') actions.push('resume');
  if (mayExtend && r.extension === null && ['received', 'in_progress', 'paused'].includes(r.status)) actions.push('extend');
  return actions;
}

const bodySchemas: Partial<Record<RequestAction, SafeParser<unknown>>> = {
  transfer: transferBodySchema, pause: pauseBodySchema, extend: extendBodySchema, close: closeBodySchema,
};

/** An event's note for the reader: the 'received' event notes the channel by its code (h5, hotline, station). */
function eventNote(action: string, note: string, pick: (l: { 'zh-CN': string; en: string }) => string): string {
  if (action === 'received' && Object.hasOwn(requestChannelLabels, note)) return pick(requestChannelLabels[note as keyof typeof requestChannelLabels]);
  return note;
}

/** One request: its facts, history and the actions; each action with a body asks for it in a modal. */
export function RequestDrawer({ id, onClose, onChanged }: { id: number | null; onClose: () => void; onChanged: () => void }) {
  const { t, pick, locale } = useLocale();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const [asking, setAsking] = useState<RequestAction | null>(null);
  /** the phone in clear for the request it was asked for (each reveal is audit-logged by the API) */
  const [revealed, setRevealed] = useState<{ id: number; phone: string } | null>(null);
  const reveal = async (requestId: number) => {
    try {
      setRevealed({ id: requestId, ...(await revealRequesterPhone(requestId)) });
      void message.info(t('requests.revealedNotice'));
    } catch (e) {
      void message.error(isApiError(e) ? e.message : t('app.networkError'));
    }
  };
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Record<string, unknown>>();
  const { data: r, reload, replace } = useApi(id === null ? null : `request-${id}`, (signal) => fetchRequest(id!, signal));

  const run = async (action: RequestAction, body?: unknown) => {
    if (!r) return;
    setBusy(true);
    try {
      // the answer is the request as the action left it: shown at once, no second read
      const updated = await requestAction(r.id, action, body);
      void message.success(t('requests.done', { action: t(`requests.action.${action}`) }));
      setAsking(null);
      form.resetFields();
      replace(updated);
      onChanged();
    } catch (e) {
      if (isApiError(e) && Object.keys(e.fields).length > 0) form.setFields(Object.entries(e.fields).map(([name, error]) => ({ name, errors: [error] })));
      else void message.error(isApiError(e) ? e.message : t('app.networkError'));
      if (isApiError(e) && e.status === 409) reload();
    } finally {
      setBusy(false);
    }
  };

  const submitAsked = () => {
    if (!asking) return;
    const schema = bodySchemas[asking];
    if (!schema) return void run(asking);
    const checked = validateWith(schema, form.getFieldsValue(true), locale);
    if (!checked.ok) {
      form.setFields(Object.entries(checked.fields).map(([name, error]) => ({ name, errors: [error] })));
      return;
    }
    void run(asking, checked.data);
  };

  const navigate = useNavigate();
  const mayExtend = r ? can(user, 'requests.approveExtension', undefined) : false;
  // 机制三: a rights case opens from the request in one click (the rights page's form, prefilled, with requestId)
  const mayOpenCase = r ? r.rightsCaseId === null && can(user, 'records.write') : false;
  return (
    <Drawer open={id !== null} onClose={onClose} size="large" title={r ? t('requests.detail', { id: r.id }) : ''}>
      {r && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap>
            {actionsFor(r, user.id, mayExtend).map((a) => (
              <Button key={a} type={a === 'accept' || a === 'close' ? 'primary' : 'default'} loading={busy && asking === null}
                data-testid={`request-${a}`} onClick={() => (bodySchemas[a] ? setAsking(a) : void run(a))}>
                {t(`requests.action.${a}`)}
              </Button>
            ))}
            {mayOpenCase && r && (
              <Button data-testid="request-to-case" onClick={() => void navigate(`/rights?fromRequest=${r.id}`)}>{t('requests.toCase')}</Button>
            )}
          </Space>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('requests.col.status')}>
              <Tag data-testid="request-status">{pick(requestStatusLabels[r.status])}</Tag>
              {r.overdue && <Tag color="red">{t('requests.overdueTag')}</Tag>}
              {r.escalatedToOrgName && <Tag color="red">{t('requests.escalated', { org: r.escalatedToOrgName })}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('requests.col.category')}>{pick({ 'zh-CN': r.categoryName, en: r.categoryNameEn })} · {pick(requestChannelLabels[r.channel])}</Descriptions.Item>
            <Descriptions.Item label={t('requests.col.requester')}>
              {r.requesterName} <span data-testid="request-phone">{revealed?.id === r.id ? revealed.phone : r.requesterPhone}</span>{' '}
              {user.canWrite && revealed?.id !== r.id && (
                <Button size="small" type="link" onClick={() => void reveal(r.id)} data-testid="request-reveal-phone">{t('requests.revealPhone')}</Button>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('requests.col.description')}>{r.description}</Descriptions.Item>
            <Descriptions.Item label={t('requests.col.org')}>{r.orgName}</Descriptions.Item>
            {r.enterprise && <Descriptions.Item label={t('requests.enterprise')}>{r.enterprise.name}</Descriptions.Item>}
            <Descriptions.Item label={t('requests.col.owner')}>{r.ownerName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('requests.col.due')}>
              {r.dueOn ?? '—'} {r.provisional && <Tag color="gold" title={t('requests.provisionalHint')}>{t('requests.provisional')}</Tag>}
            </Descriptions.Item>
            {r.transfer && (
              <Descriptions.Item label={t('requests.action.transfer')}>
                {t('requests.transfer', { org: r.transfer.toOrgName, state: pick(transferStateLabels[r.transfer.state]) })}
              </Descriptions.Item>
            )}
            {r.extension && <Descriptions.Item label={t('requests.action.extend')}>{t('requests.extension', { n: r.extension.workingDays, reason: r.extension.reason })}</Descriptions.Item>}
            {r.result && <Descriptions.Item label={t('requests.result')}>{r.result}</Descriptions.Item>}
            {r.rightsCaseId !== null && (
              <Descriptions.Item label={t('requests.case')}>
                <Link to="/rights" data-testid="request-case-link">{t('requests.caseLink', { id: r.rightsCaseId })}</Link>
              </Descriptions.Item>
            )}
            {r.rating !== null && <Descriptions.Item label={t('requests.rating')}>{'★'.repeat(r.rating)} {r.ratingComment}</Descriptions.Item>}
          </Descriptions>
          <Typography.Title level={5}>{t('requests.events')}</Typography.Title>
          <Timeline items={r.events.map((e) => ({
            content: `${formatDateTime(e.at)} ${t(`requests.event.${e.action}` as DictKey)}${e.actorName ? ` · ${e.actorName}` : ''}${e.note ? ` · ${eventNote(e.action, e.note, pick)}` : ''}`,
          }))} />
        </Space>
      )}
      <Modal open={asking !== null} title={asking ? t(`requests.action.${asking}`) : ''} onCancel={() => setAsking(null)} onOk={submitAsked}
        confirmLoading={busy} okText={t('requests.ok')} cancelText={t('requests.cancel')} destroyOnHidden okButtonProps={{ id: 'request-action-ok' }}>
        <Form form={form} layout="vertical" preserve={false}>
          {asking === 'transfer' && <Form.Item name="toOrgId" label={t('requests.field.toOrg')} required><OrgDirectorySelect excludeId={r?.orgId} /></Form.Item>}
          {(asking === 'transfer' || asking === 'pause' || asking === 'extend') && (
            <Form.Item name="reason" label={t('requests.field.reason')} required><Input.TextArea maxLength={500} data-testid="request-reason" /></Form.Item>
          )}
          {asking === 'extend' && <Form.Item name="workingDays" label={t('requests.field.workingDays')} required><InputNumber min={1} max={30} /></Form.Item>}
          {asking === 'close' && <Form.Item name="result" label={t('requests.field.result')} required><Input.TextArea maxLength={2000} data-testid="request-result" /></Form.Item>}
        </Form>
      </Modal>
    </Drawer>
  );
}
