import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Skeleton, Space, Table, Tag, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { caseOutcomeLabels, caseStatusLabels, caseTypeLabels, type CaseItem } from '@lianxin/contracts';
import { formatFen } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { isApiError } from '../../../shared/api-client.ts';
import { useCurrentUser } from '../auth/session-context.tsx';
import { ErrorResult } from '../../components/error-result.tsx';
import { NotFound } from '../../components/not-found.tsx';
import { agreementUrl, fetchCase, revealPartyPhone } from './rights-api.ts';

/**
 * A dispute case (/rights/cases/:id): parties with masked phones, the stages as a timeline with their days, the
 * art. 14 clock while in mediation, claimed and recovered amounts, the service request it came from and the
 * 调解协议书 once settled.
 */
export default function CaseDetailPage() {
  const { id: rawId } = useParams();
  const id = Number(rawId);
  if (!Number.isInteger(id) || id <= 0) return <NotFound />;
  return <CaseDetail key={id} id={id} />;
}

function CaseDetail({ id }: { id: number }) {
  const { t, pick, aside } = useLocale();
  const navigate = useNavigate();
  const location = useLocation();
  const { data: c, error, reload } = useApi(`rights-case-${id}`, (signal) => fetchCase(id, signal));
  const { message } = App.useApp();
  const user = useCurrentUser();
  /** parties' phones in clear, by party id, as asked for one by one (each reveal is audit-logged by the API) */
  const [revealed, setRevealed] = useState<Record<number, string>>({});
  const reveal = async (partyId: number) => {
    try {
      const { phone } = await revealPartyPhone(id, partyId);
      setRevealed((shown) => ({ ...shown, [partyId]: phone }));
      void message.info(t('rights.case.revealedNotice'));
    } catch (e) {
      void message.error(isApiError(e) ? e.message : t('app.networkError'));
    }
  };
  const header = (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => (location.key === 'default' ? navigate('/rights') : navigate(-1))} style={{ paddingLeft: 0 }}>
      {t('app.back')}
    </Button>
  );
  if (error && !c) return <>{header}<Card><ErrorResult error={error} onRetry={reload} /></Card></>;
  if (!c) return <>{header}<Card><Skeleton active /></Card></>;
  const settled = c.outcome === 'success' || c.outcome === 'partial';

  return (
    <>
      {header}
      <Card
        data-testid="rights-case-detail"
        title={
          <Space wrap>
            <span>{c.caseNumber}</span>
            <Tag>{pick(caseStatusLabels[c.status])}</Tag>
            {c.outcome && <Tag color={settled ? 'green' : undefined}>{pick(caseOutcomeLabels[c.outcome])}</Tag>}
            {c.isGroup && <Tag color="red">{t('rights.group')}</Tag>}
          </Space>
        }
        extra={settled && <a href={agreementUrl(c.id)} target="_blank" rel="noreferrer" data-testid="rights-case-agreement">{t('rights.agreement')}</a>}
      >
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
          <Descriptions.Item label={t('rights.col.enterprise')}><Link to={`/enterprises/${c.enterprise.id}`}>{c.enterprise.name}</Link></Descriptions.Item>
          <Descriptions.Item label={t('rights.col.type')}>{pick(caseTypeLabels[c.type])}</Descriptions.Item>
          <Descriptions.Item label={t('rights.col.received')}>{c.receivedOn}</Descriptions.Item>
          <Descriptions.Item label={t('rights.col.claim')}><span data-testid="rights-case-claim">{formatFen(c.claimFen)}</span></Descriptions.Item>
          <Descriptions.Item label={t('rights.col.recovered')}>
            <span data-testid="rights-case-recovered">{c.status === 'closed' ? formatFen(c.recoveredFen) : '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('rights.col.clock')}>
            <span data-testid="rights-case-clock">
              {c.clock ? (c.clock.mayArbitrate ? <Tag color="red">{t('rights.clock.passed')}</Tag> : t('rights.clock.left', { n: c.clock.daysLeft, date: c.clock.deadline })) : '—'}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('rights.case.mediation')}>{[c.mediationOrg, c.mediator].filter(Boolean).join(' · ') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('rights.case.lawyer')}>{c.lawyer || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('rights.case.request')}>
            {c.requestId ? <Link to={`/requests?request=${c.requestId}`} data-testid="rights-case-request">{t('rights.case.openRequest')}</Link> : '—'}
          </Descriptions.Item>
        </Descriptions>
        {c.description && <Typography.Paragraph style={{ marginTop: 12 }}>{c.description}</Typography.Paragraph>}
      </Card>
      <Card title={t('rights.case.parties', { n: c.workerCount })} style={{ marginTop: 16 }}>
        <Table<CaseItem['workers'][number]>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={c.workers}
          data-testid="rights-case-workers"
          columns={[
            {
              title: t('rights.case.worker'),
              render: (_, w) => <>{w.name}{w.isMember && <Tag color="red" style={{ marginLeft: 8 }} data-testid="rights-party-member">{t('rights.case.isMember')}</Tag>}</>,
            },
            {
              title: t('rights.case.phone'),
              render: (_, w) => (
                <Space size={4}>
                  <span data-testid="rights-party-phone">{revealed[w.id] ?? w.phone ?? '—'}</span>
                  {w.phone && user.canWrite && revealed[w.id] === undefined && (
                    <Button size="small" type="link" onClick={() => void reveal(w.id)} data-testid="rights-party-reveal">{t('rights.case.revealPhone')}</Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('rights.case.stages')} style={{ marginTop: 16 }}>
        <Timeline
          data-testid="rights-case-timeline"
          items={[
            { content: `${c.receivedOn} ${pick(caseStatusLabels.accepted)}` },
            ...(c.history ?? []).map((h) => ({
              color: h.to === 'closed' ? (settled ? 'green' : 'gray') : 'blue',
              content: `${h.on} ${h.to === 'closed' && c.outcome ? aside(pick(caseStatusLabels[h.to]), pick(caseOutcomeLabels[c.outcome])) : pick(caseStatusLabels[h.to])}${h.note ? ` · ${h.note}` : ''}`,
            })),
          ]}
        />
      </Card>
    </>
  );
}
