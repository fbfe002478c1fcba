import { App, Form, Input, Modal } from 'antd';
import { shanghaiDate, type ContractItem, type WarningItem } from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { DateInput } from '../../components/date-input.tsx';
import { addMeeting, vetoContract } from './rights-api.ts';

interface MeetingValues { heldOn?: string; participants?: string; minutes?: string; commitments?: string; followUpOn?: string }

/** 紧急约见 with the enterprise over a major warning or a group dispute: day, participants, minutes, commitments, follow-up. */
export function MeetingModal({ warning, onClose, onSaved }: { warning: WarningItem; onClose: () => void; onSaved: () => void }) {
  const { t } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<MeetingValues>();
  const heldOn = Form.useWatch('heldOn', form);
  return (
    <Modal open title={`${t('rights.meeting.title')} · ${warning.enterprise.name}`} onCancel={onClose} onOk={() => form.submit()} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ heldOn: shanghaiDate() }} data-testid="rights-meeting-form" onFinish={(v) => {
        addMeeting(warning.id, {
          heldOn: v.heldOn ?? shanghaiDate(), participants: v.participants ?? '', minutes: v.minutes ?? '', commitments: v.commitments ?? '',
          ...(v.followUpOn ? { followUpOn: v.followUpOn } : {}),
        }).then(onSaved, (error: unknown) => void message.error(isApiError(error) ? error.message : t('app.networkError')));
      }}>
        <Form.Item name="heldOn" label={t('rights.meeting.heldOn')} rules={[{ required: true }]}><DateInput max={shanghaiDate()} testId="rights-meeting-held" /></Form.Item>
        <Form.Item name="participants" label={t('rights.meeting.participants')} rules={[{ required: true }]}><Input data-testid="rights-meeting-participants" /></Form.Item>
        <Form.Item name="minutes" label={t('rights.meeting.minutes')}><Input.TextArea rows={3} /></Form.Item>
        <Form.Item name="commitments" label={t('rights.meeting.commitments')}><Input.TextArea rows={2} /></Form.Item>
        <Form.Item name="followUpOn" label={t('rights.meeting.followUpOn')}><DateInput min={heldOn} /></Form.Item>
      </Form>
    </Modal>
  );
}

/** The workers' congress joint council vetoes a wage agreement (职代会联席会议否决), with its reason. */
export function VetoModal({ contract, onClose, onSaved }: { contract: ContractItem; onClose: () => void; onSaved: () => void }) {
  const { t } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string }>();
  return (
    <Modal open title={`${t('rights.veto.title')} · ${contract.enterprise.name}`} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ danger: true }} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => {
        vetoContract(contract.id, v.reason ?? '').then(onSaved, (error: unknown) => void message.error(isApiError(error) ? error.message : t('app.networkError')));
      }}>
        <Form.Item name="reason" label={t('rights.veto.reason')} rules={[{ required: true }]}><Input.TextArea rows={3} data-testid="rights-veto-reason" /></Form.Item>
      </Form>
    </Modal>
  );
}
