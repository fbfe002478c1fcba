import { Link } from 'react-router-dom';
import { Breadcrumb, Card, Col, Descriptions, Empty, Row, Skeleton, Space, Statistic, Table, Timeline, Typography } from 'antd';
import type { OrgDetail as OrgDetailData } from '@lianxin/contracts';
import { formatCount, formatDate, formatDateTime, formatPercent } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { useRegions } from '../../../shared/use-regions.ts';
import { ErrorResult } from '../../components/error-result.tsx';
import { OrgKindTag, OrgStatusTag } from './org-kind-tag.tsx';
import { fetchOrg } from './orgs-api.ts';

interface OrgDetailProps {
  id: number;
  onSelect: (id: number) => void;
}

export function OrgDetail({ id, onSelect }: OrgDetailProps) {
  const { data, error, loading, reload } = useApi(`org:${id}`, (signal) => fetchOrg(id, signal));
  if (error) return <Card><ErrorResult error={error} onRetry={reload} /></Card>;
  if (!data || (loading && data.id !== id)) return <Card><Skeleton active /></Card>;
  return <OrgDetailCard org={data} onSelect={onSelect} />;
}

function OrgDetailCard({ org, onSelect }: { org: OrgDetailData; onSelect: (id: number) => void }) {
  const { t, locale } = useLocale();
  const { regionNameWithCode } = useRegions();
  const none = t('app.none');
  const parent = org.parent;

  return (
    <Card
      data-testid="org-detail"
      title={
        <Space wrap>
          <span>{org.name}</span>
          <OrgKindTag kind={org.kind} />
          <OrgStatusTag status={org.status} />
        </Space>
      }
    >
      {org.ancestors.length > 0 && (
        <Breadcrumb
          style={{ marginBottom: 16 }}
          items={[
            ...org.ancestors.map((a) => ({
              key: a.id,
              title: (
                <Typography.Link onClick={() => onSelect(a.id)}>
                  {a.name}
                </Typography.Link>
              ),
            })),
            { key: org.id, title: org.name },
          ]}
        />
      )}
      <Row gutter={[16, 16]} align="bottom" style={{ marginBottom: 16 }}>
        <Col xs={12} md={4}><Statistic title={t('orgs.childCount')} value={formatCount(org.childCount, locale)} /></Col>
        <Col xs={12} md={4}><Statistic title={t('orgs.enterprises')} value={formatCount(org.enterprises, locale)} data-testid="org-enterprises" /></Col>
        <Col xs={12} md={4}><Statistic title={t('orgs.enterprisesCovered')} value={formatCount(org.enterprisesCovered, locale)} data-testid="org-enterprises-covered" /></Col>
        <Col xs={12} md={4}><Statistic title={t('orgs.employees')} value={formatCount(org.employees, locale)} /></Col>
        <Col xs={12} md={4}><Statistic title={t('orgs.members')} value={formatCount(org.members, locale)} /></Col>
        <Col xs={12} md={4}><Statistic title={t('orgs.membershipRate')} value={formatPercent(org.members, org.employees)} /></Col>
      </Row>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'region', label: t('orgs.region'), children: regionNameWithCode(org.regionCode) },
          { key: 'sector', label: t('orgs.sector'), children: org.sector ?? none },
          { key: 'establishedOn', label: t('orgs.establishedOn'), children: formatDate(org.establishedOn) },
          { key: 'chairName', label: t('orgs.chairName'), children: org.chairName ?? none },
          { key: 'contactPhone', label: t('orgs.contactPhone'), children: org.contactPhone ?? none },
          {
            key: 'parent',
            label: t('orgs.parent'),
            children: parent ? <Typography.Link onClick={() => onSelect(parent.id)}>{parent.name}</Typography.Link> : none,
          },
        ]}
      />

      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('orgs.coveredEnterprises')} ({formatCount(org.coveredEnterprises.length, locale)})
      </Typography.Title>
      {org.coveredEnterprises.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orgs.noEnterprises')} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          dataSource={org.coveredEnterprises}
          pagination={org.coveredEnterprises.length > 10 ? { pageSize: 10, showSizeChanger: false, size: 'small' } : false}
          columns={[
            {
              key: 'name',
              title: t('enterprises.col.name'),
              render: (_, e) => <Link to={`/enterprises/${e.id}`}>{e.name}</Link>,
            },
            {
              key: 'employeeCount',
              title: t('enterprises.col.employees'),
              align: 'right',
              width: 120,
              render: (_, e) => formatCount(e.employeeCount, locale),
            },
          ]}
        />
      )}

      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('orgs.history')}
      </Typography.Title>
      {org.history.length === 0 ? (
        <Typography.Text type="secondary">{t('orgs.noHistory')}</Typography.Text>
      ) : (
        <Timeline
          items={org.history.map((h, i) => ({
            key: i,
            title: formatDateTime(h.movedAt),
            content: (
              <>
                <div>{t('orgs.historyItem', { from: h.fromParent?.name ?? none, to: h.toParent.name })}</div>
                {h.byUser && <Typography.Text type="secondary">{t('orgs.historyBy', { user: h.byUser })}</Typography.Text>}
              </>
            ),
          }))}
        />
      )}
    </Card>
  );
}
