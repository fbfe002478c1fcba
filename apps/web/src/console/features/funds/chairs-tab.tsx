import { Alert, App, Button, Card, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { can, parseYuan, shanghaiDate } from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { formatFen } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { LoadErrorAlert } from '../../components/error-result.tsx';
import { useCurrentUser } from '../auth/session-context.tsx';
import { addChairSettings, fetchChairRegister, fetchChairSettings } from './funds-api.ts';

/**
 * 主席津贴: the register of a street's union chairs (members, last finished year's stars, this month's amount, paid
 * or not) and the dated city settings; city staff add a setting from today on (never before the latest run's month).
 */
export function ChairsTab({ orgId }: { orgId: number }) {
  const { t } = useLocale();
  const user = useCurrentUser();
  const period = shanghaiDate().slice(0, 7);
  const reg = useApi(`chairs:${orgId}:${period}`, (signal) => fetchChairRegister(orgId, period, signal));
  const notStreet = isApiError(reg.error) && reg.error.status === 400;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      {notStreet && <Alert type="info" showIcon title={t('funds.chairPickStreet')} data-testid="chair-pick-street" />}
      {Boolean(reg.error) && !notStreet && <LoadErrorAlert error={reg.error} onRetry={reg.reload} />}
      {reg.data && (
        <Table
          rowKey="orgId" size="small" pagination={{ pageSize: 20, showSizeChanger: false }} dataSource={reg.data.items} data-testid="chair-register"
          title={() => t('funds.chairRegister', { period, org: reg.data!.org.name, year: reg.data!.starsYear })}
          columns={[
            { title: t('funds.chairUnion'), dataIndex: 'name' },
            { title: t('funds.chairName'), dataIndex: 'chairName' },
            { title: t('funds.chairMembers'), align: 'right', dataIndex: 'members' },
            { title: t('funds.chairStars'), render: (_, r) => (r.stars === null ? <Tag>{t('funds.chairNoStars')}</Tag> : '★'.repeat(r.stars)) },
            { title: t('funds.chairAmount'), align: 'right', render: (_, r) => formatFen(r.amountFen) },
            { title: t('funds.chairPosted'), render: (_, r) => (r.entryId !== null ? <Tag color="green">{t('funds.chairPosted')}</Tag> : null) },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={4}>{t('funds.total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">{formatFen(reg.data!.totalFen)}</Table.Summary.Cell>
              <Table.Summary.Cell index={5} />
            </Table.Summary.Row>
          )}
        />
      )}
      <ChairSettings canAdd={can(user, 'funds.manage')} onAdded={reg.reload} />
    </Space>
  );
}

interface SettingsForm { validFrom: string; base: string; perStar: string; tiers: string; max: string }

/** "50:100, 200:200" (members:yuan) → tiers in fen; null when unreadable. */
function parseTiers(text: string): { minMembers: number; addFen: number }[] | null {
  const parts = text.split(/[,，;；\s]+/).filter(Boolean);
  const tiers = parts.map((p) => {
    const m = /^(\d{1,7})[:：](.+)$/.exec(p);
    const fen = m ? parseYuan(m[2]!) : null;
    return m && fen !== null ? { minMembers: Number(m[1]), addFen: fen } : null;
  });
  return tiers.every((x) => x !== null) ? tiers : null;
}

function ChairSettings({ canAdd, onAdded }: { canAdd: boolean; onAdded: () => void }) {
  const { t, list } = useLocale();
  const { message } = App.useApp();
  const { data, error, reload } = useApi('chair-settings', (signal) => fetchChairSettings(signal));
  const [form] = Form.useForm<SettingsForm>();
  const submit = async (v: SettingsForm) => {
    try {
      await addChairSettings({
        validFrom: v.validFrom, baseFen: parseYuan(v.base) ?? 0, perStarFen: parseYuan(v.perStar ?? '') ?? 0,
        sizeTiers: parseTiers(v.tiers ?? '') ?? [], maxFen: parseYuan(v.max) ?? 0,
      });
      void message.success(t('funds.chairSettingsAdded', { date: v.validFrom }));
      reload();
      onAdded();
    } catch (e) {
      if (isApiError(e)) {
        form.setFields(Object.entries(e.fields).map(([name, msg]) => ({ name: name === 'baseFen' ? 'base' : name === 'maxFen' ? 'max' : name as keyof SettingsForm, errors: [msg] })));
        void message.error(e.message);
      } else void message.error(t('app.networkError'));
    }
  };
  const yuan = (required: boolean) => [{ validator: async (_: unknown, v: string) => { if ((required || v) && parseYuan(v ?? '') === null) throw new Error(t('funds.amountInvalid')); } }];
  if (error) return <LoadErrorAlert error={error} onRetry={reload} />;
  return (
    <Card size="small" title={t('funds.chairSettings')} data-testid="chair-settings">
      {data?.latestPostedPeriod && <Typography.Paragraph type="secondary">{t('funds.chairLatestRun', { period: data.latestPostedPeriod })}</Typography.Paragraph>}
      <Table
        rowKey="id" size="small" pagination={false} dataSource={data?.items ?? []}
        columns={[
          { title: t('funds.chairValidFrom'), dataIndex: 'validFrom' },
          { title: t('funds.chairBase'), align: 'right', render: (_, r) => formatFen(r.baseFen) },
          { title: t('funds.chairPerStar'), align: 'right', render: (_, r) => formatFen(r.perStarFen) },
          { title: t('funds.chairTiers'), render: (_, r) => list(r.sizeTiers.map((x) => `≥${x.minMembers}: +${formatFen(x.addFen)}`)) },
          { title: t('funds.chairMax'), align: 'right', render: (_, r) => formatFen(r.maxFen) },
        ]}
      />
      {canAdd && (
        <Form form={form} layout="inline" onFinish={submit} initialValues={{ validFrom: shanghaiDate(), tiers: '50:100, 200:200, 500:300' }} style={{ marginTop: 16 }} data-testid="chair-settings-form">
          <Form.Item name="validFrom" label={t('funds.chairValidFrom')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}><Input style={{ width: 120 }} data-testid="chair-valid-from" /></Form.Item>
          <Form.Item name="base" label={t('funds.chairBase')} rules={yuan(true)}><Input style={{ width: 90 }} data-testid="chair-base" /></Form.Item>
          <Form.Item name="perStar" label={t('funds.chairPerStar')} rules={yuan(false)}><Input style={{ width: 90 }} /></Form.Item>
          <Form.Item name="tiers" label={t('funds.chairTiers')} rules={[{ validator: async (_, v: string) => { if (parseTiers(v ?? '') === null) throw new Error(t('funds.amountInvalid')); } }]}><Input style={{ width: 200 }} /></Form.Item>
          <Form.Item name="max" label={t('funds.chairMax')} rules={yuan(true)}><Input style={{ width: 90 }} data-testid="chair-max" /></Form.Item>
          <Button type="primary" htmlType="submit" data-testid="chair-settings-submit">{t('funds.chairAddSettings')}</Button>
        </Form>
      )}
    </Card>
  );
}
