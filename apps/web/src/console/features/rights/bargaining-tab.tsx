import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Form, Input, InputNumber, Row, Select, Skeleton, Space, Table, Tag } from 'antd';
import {
  bargainingTopicLabels, bargainingTopics, can, shanghaiDate, type BargainingTopic, type CalendarItem, type Preparation, type RoundItem,
} from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { formatFen } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { DateInput } from '../../components/date-input.tsx';
import { LoadErrorAlert } from '../../components/error-result.tsx';
import { useCurrentUser } from '../auth/session-context.tsx';
import { EnterpriseSelect } from './enterprise-select.tsx';
import { addCalendarItem, createRound, fetchCalendar, fetchPreparation, fetchRounds, savePreparation } from './rights-api.ts';
import { formatBp, percentToBp, signedYuanToFen } from './rights-format.ts';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/**
 * 集体协商 (/rights/bargaining): for one enterprise and year — its bargaining calendar, the year's preparation data
 * (last year's profit, CPI, the wage guideline 基准线/上线/下线) and the rounds, with the form of the next round
 * showing the preparation data beside the demand and the offer.
 */
export function BargainingTab() {
  const { t } = useLocale();
  const [enterpriseId, setEnterpriseId] = useState<number | undefined>();
  const [year, setYear] = useState(Number(shanghaiDate().slice(0, 4)));
  return (
    <>
      <div className="filters">
        <div style={{ minWidth: 320 }}><EnterpriseSelect value={enterpriseId} onChange={setEnterpriseId} /></div>
        <InputNumber<number> value={year} min={1990} max={2199} onChange={(v) => v && setYear(v)} addonBefore={t('rights.bargaining.year')} data-testid="bargaining-year" />
      </div>
      {enterpriseId ? <Bargaining key={`${enterpriseId}-${year}`} enterpriseId={enterpriseId} year={year} /> : <Empty description={t('rights.bargaining.pick')} />}
    </>
  );
}

function Bargaining({ enterpriseId, year }: { enterpriseId: number; year: number }) {
  const { t, pick } = useLocale();
  const user = useCurrentUser();
  const { message } = App.useApp();
  const writer = can(user, 'records.write');
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  const failed = (e: unknown) => void message.error(isApiError(e) ? e.message : t('app.networkError'));
  const calendar = useApi(`bargaining-calendar-${enterpriseId}-${version}`, (signal) => fetchCalendar(enterpriseId, signal));
  const preparation = useApi(`bargaining-prep-${enterpriseId}-${year}-${version}`, (signal) => fetchPreparation(enterpriseId, year, signal));
  const rounds = useApi(`bargaining-rounds-${enterpriseId}-${year}-${version}`, (signal) => fetchRounds(enterpriseId, year, signal));
  const [lineForm] = Form.useForm<{ topic: BargainingTopic; month: number | 'monthly'; note?: string }>();
  const [prepForm] = Form.useForm<Record<'profit' | 'cpi' | 'base' | 'upper' | 'lower', string | undefined>>();
  const [roundForm] = Form.useForm<{ topic: BargainingTopic; heldOn?: string; attendees?: string; demand?: string; offer?: string; minutes?: string }>();
  const p = preparation.data;
  // the form appears once the year's data is in, filled from it (and again after each save)
  const bp = (v: number | null) => (v === null ? undefined : formatBp(v).replace('%', ''));
  const prepValues = p && {
    profit: p.lastYearProfitFen === null ? undefined : formatFen(p.lastYearProfitFen).replace('¥', ''),
    cpi: bp(p.cpiBp), base: bp(p.guidelineBaseBp), upper: bp(p.guidelineUpperBp), lower: bp(p.guidelineLowerBp),
  };

  const savePrep = (v: Record<'profit' | 'cpi' | 'base' | 'upper' | 'lower', string | undefined>) => {
    const parse = (field: string, text: string | undefined, read: (s: string) => number | null) => {
      if (!text) return null;
      const n = read(text);
      if (n === null) throw new Error(field);
      return n;
    };
    let body: Preparation;
    try {
      body = {
        enterpriseId, year, lastYearProfitFen: parse('profit', v.profit, signedYuanToFen), cpiBp: parse('cpi', v.cpi, percentToBp),
        guidelineBaseBp: parse('base', v.base, percentToBp), guidelineUpperBp: parse('upper', v.upper, percentToBp), guidelineLowerBp: parse('lower', v.lower, percentToBp),
      };
    } catch (error) {
      prepForm.setFields([{ name: (error as Error).message as 'profit', errors: [t('rights.amountInvalid')] }]);
      return;
    }
    savePreparation(body).then(() => { void message.success(t('rights.saved')); changed(); }, failed);
  };

  const addRound = (v: { topic: BargainingTopic; heldOn?: string; attendees?: string; demand?: string; offer?: string; minutes?: string }) => {
    const demand = v.demand ? percentToBp(v.demand) : null;
    const offer = v.offer ? percentToBp(v.offer) : null;
    if ((v.demand && demand === null) || (v.offer && offer === null)) {
      roundForm.setFields([{ name: v.demand && demand === null ? 'demand' : 'offer', errors: [t('rights.amountInvalid')] }]);
      return;
    }
    createRound({
      enterpriseId, topic: v.topic, year, heldOn: v.heldOn ?? shanghaiDate(), attendees: v.attendees ?? '', minutes: v.minutes ?? '',
      ...(demand !== null ? { unionDemandBp: demand } : {}), ...(offer !== null ? { companyOfferBp: offer } : {}),
    }).then(() => { roundForm.resetFields(['demand', 'offer', 'minutes']); changed(); }, failed);
  };

  const prepSummary = p && (
    <Descriptions size="small" column={2} data-testid="bargaining-prep-summary">
      <Descriptions.Item label={t('rights.bargaining.profit')}>{p.lastYearProfitFen === null ? '—' : formatFen(p.lastYearProfitFen)}</Descriptions.Item>
      <Descriptions.Item label="CPI">{p.cpiBp === null ? '—' : formatBp(p.cpiBp)}</Descriptions.Item>
      <Descriptions.Item label={t('rights.bargaining.guideline')} span={2}>
        {[p.guidelineLowerBp, p.guidelineBaseBp, p.guidelineUpperBp].map((v) => (v === null ? '—' : formatBp(v))).join(' / ')}
      </Descriptions.Item>
    </Descriptions>
  );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={10}>
        <Card size="small" title={t('rights.bargaining.calendar')}>
          {calendar.error ? <LoadErrorAlert error={calendar.error} onRetry={calendar.reload} /> : null}
          <Table<CalendarItem> rowKey="id" size="small" pagination={false} dataSource={calendar.data?.items ?? []} data-testid="bargaining-calendar"
            columns={[
              { title: t('rights.bargaining.month'), render: (_, c) => (c.month === null ? t('rights.bargaining.monthly') : t('rights.bargaining.monthN', { n: c.month })) },
              { title: t('rights.bargaining.topic'), render: (_, c) => pick(bargainingTopicLabels[c.topic]) },
              { title: '', dataIndex: 'note' },
            ]} />
          {writer && (
            <Form form={lineForm} layout="inline" style={{ marginTop: 12 }} initialValues={{ topic: 'wage', month: 'monthly' }}
              onFinish={(v) => addCalendarItem({ enterpriseId, topic: v.topic, month: v.month === 'monthly' ? null : v.month, note: v.note ?? '' }).then(changed, failed)}>
              <Form.Item name="month"><Select style={{ width: 100 }} options={[{ value: 'monthly', label: t('rights.bargaining.monthly') }, ...MONTHS.map((m) => ({ value: m, label: t('rights.bargaining.monthN', { n: m }) }))]} /></Form.Item>
              <Form.Item name="topic"><Select style={{ width: 110 }} options={bargainingTopics.map((v) => ({ value: v, label: pick(bargainingTopicLabels[v]) }))} /></Form.Item>
              <Form.Item name="note"><Input style={{ width: 140 }} placeholder={t('rights.description')} /></Form.Item>
              <Button htmlType="submit">{t('rights.bargaining.addLine')}</Button>
            </Form>
          )}
        </Card>
        <Card size="small" title={t('rights.bargaining.preparation', { year })} style={{ marginTop: 16 }}>
          {preparation.error ? <LoadErrorAlert error={preparation.error} onRetry={preparation.reload} /> : null}
          {!prepValues ? <Skeleton active /> : (
          <Form key={JSON.stringify(p)} form={prepForm} layout="vertical" initialValues={prepValues} onFinish={savePrep} disabled={!writer} data-testid="bargaining-prep-form">
            <Form.Item name="profit" label={t('rights.bargaining.profitYuan')}><Input data-testid="bargaining-profit" /></Form.Item>
            <Space wrap>
              <Form.Item name="cpi" label="CPI %"><Input style={{ width: 90 }} data-testid="bargaining-cpi" /></Form.Item>
              <Form.Item name="lower" label={t('rights.bargaining.lower')}><Input style={{ width: 90 }} data-testid="bargaining-lower" /></Form.Item>
              <Form.Item name="base" label={t('rights.bargaining.base')}><Input style={{ width: 90 }} data-testid="bargaining-base" /></Form.Item>
              <Form.Item name="upper" label={t('rights.bargaining.upper')}><Input style={{ width: 90 }} data-testid="bargaining-upper" /></Form.Item>
            </Space>
            {writer && <Button htmlType="submit" type="primary" data-testid="bargaining-prep-save">{t('rights.bargaining.savePrep')}</Button>}
          </Form>
          )}
        </Card>
      </Col>
      <Col xs={24} xl={14}>
        <Card size="small" title={t('rights.bargaining.rounds', { year })}>
          {rounds.error ? <LoadErrorAlert error={rounds.error} onRetry={rounds.reload} /> : null}
          <Table<RoundItem> rowKey="id" size="small" pagination={false} dataSource={rounds.data?.items ?? []} data-testid="bargaining-rounds"
            columns={[
              { title: t('rights.bargaining.topic'), render: (_, r) => pick(bargainingTopicLabels[r.topic]) },
              { title: '#', render: (_, r) => <Tag>{t('rights.bargaining.roundN', { n: r.roundNo })}</Tag> },
              { title: t('rights.bargaining.heldOn'), dataIndex: 'heldOn' },
              { title: t('rights.bargaining.demand'), render: (_, r) => (r.unionDemandBp === null ? '—' : formatBp(r.unionDemandBp)) },
              { title: t('rights.bargaining.offer'), render: (_, r) => (r.companyOfferBp === null ? '—' : formatBp(r.companyOfferBp)) },
              { title: t('rights.bargaining.minutes'), dataIndex: 'minutes' },
            ]} />
          {writer && (
            <Card size="small" type="inner" title={t('rights.bargaining.newRound')} style={{ marginTop: 12 }}>
              {prepSummary}
              <Form form={roundForm} layout="vertical" initialValues={{ topic: 'wage', heldOn: shanghaiDate() }} onFinish={addRound} data-testid="bargaining-round-form">
                <Space wrap>
                  <Form.Item name="topic" label={t('rights.bargaining.topic')}><Select style={{ width: 110 }} options={bargainingTopics.map((v) => ({ value: v, label: pick(bargainingTopicLabels[v]) }))} /></Form.Item>
                  <Form.Item name="heldOn" label={t('rights.bargaining.heldOn')} rules={[{ required: true }]}><DateInput max={shanghaiDate()} /></Form.Item>
                  <Form.Item name="demand" label={t('rights.bargaining.demand')}><Input style={{ width: 90 }} suffix="%" data-testid="bargaining-demand" /></Form.Item>
                  <Form.Item name="offer" label={t('rights.bargaining.offer')}><Input style={{ width: 90 }} suffix="%" data-testid="bargaining-offer" /></Form.Item>
                </Space>
                <Form.Item name="attendees" label={t('rights.bargaining.attendees')}><Input /></Form.Item>
                <Form.Item name="minutes" label={t('rights.bargaining.minutes')}><Input.TextArea rows={2} /></Form.Item>
                <Button htmlType="submit" type="primary" data-testid="bargaining-round-save">{t('rights.bargaining.saveRound')}</Button>
              </Form>
            </Card>
          )}
        </Card>
      </Col>
    </Row>
  );
}
