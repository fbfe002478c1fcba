import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Skeleton, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { sizeBandOf, industryLabel, ownershipLabels, sizeBandLabels, type Enterprise } from '@lianxin/contracts';
import { formatCount, formatDate, formatDateTime } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { useRegions } from '../../../shared/use-regions.ts';
import { ErrorResult } from '../../components/error-result.tsx';
import { NotFound } from '../../components/not-found.tsx';
import { useCurrentUser } from '../auth/session-context.tsx';
import { EnterpriseFormDrawer } from './enterprise-form.tsx';
import { fetchEnterprise } from './enterprises-api.ts';
import { UnionStatusTag } from './union-status-tag.tsx';

export default function EnterpriseDetailPage() {
  const { id: rawId } = useParams();
  const id = Number(rawId);
  if (!Number.isInteger(id) || id <= 0) return <NotFound />;
  return <EnterpriseDetail key={id} id={id} />;
}

function EnterpriseDetail({ id }: { id: number }) {
  const { t } = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const user = useCurrentUser();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<Enterprise | null>(null);
  const { data, error, reload } = useApi(`enterprise:${id}`, (signal) => fetchEnterprise(id, signal));
  const enterprise = saved ?? data;

  const header = (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => (location.key === 'default' ? navigate('/enterprises') : navigate(-1))} style={{ paddingLeft: 0 }}>
      {t('app.back')}
    </Button>
  );

  if (error && !enterprise) return <>{header}<Card><ErrorResult error={error} onRetry={reload} /></Card></>;
  if (!enterprise) return <>{header}<Card><Skeleton active /></Card></>;

  return (
    <>
      {header}
      <Card
        data-testid="enterprise-detail"
        title={
          <Space wrap>
            <span>{enterprise.name}</span>
            <UnionStatusTag status={enterprise.unionStatus} />
          </Space>
        }
        extra={
          user.canWrite && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="enterprise-edit">
              {t('enterprise.edit')}
            </Button>
          )
        }
      >
        <EnterpriseDescriptions enterprise={enterprise} />
      </Card>
      {user.canWrite && (
        <EnterpriseFormDrawer
          open={editing}
          enterprise={enterprise}
          scopeCode={user.org.regionCode}
          onClose={() => setEditing(false)}
          onSaved={(next) => {
            setSaved(next);
            setEditing(false);
            void message.success(t('enterprise.saved'));
          }}
        />
      )}
    </>
  );
}

function EnterpriseDescriptions({ enterprise: e }: { enterprise: Enterprise }) {
  const { t, locale, pick } = useLocale();
  const { regionNameWithCode } = useRegions();
  const none = t('app.none');
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, lg: 2 }}
      items={[
        { key: 'creditCode', label: t('enterprise.creditCode'), children: <Typography.Text copyable className="mono">{e.creditCode}</Typography.Text> },
        { key: 'region', label: t('enterprise.region'), children: regionNameWithCode(e.regionCode, e.regionName) },
        { key: 'address', label: t('enterprise.address'), children: e.address || none, span: 2 },
        { key: 'industry', label: t('enterprise.industry'), children: industryLabel(e.industry, locale) },
        {
          key: 'ownership',
          label: t('enterprise.ownership'),
          children: (
            <Space>
              {pick(ownershipLabels[e.ownership])}
              {e.nonPublic && <Tag>{t('enterprise.nonPublic')}</Tag>}
            </Space>
          ),
        },
        {
          key: 'employeeCount',
          label: t('enterprise.employeeCount'),
          children: `${formatCount(e.employeeCount, locale)}（${pick(sizeBandLabels[sizeBandOf(e.employeeCount)])}）`,
        },
        { key: 'dualReal', label: t('enterprise.dualReal'), children: e.dualReal ? t('app.yes') : t('app.no') },
        { key: 'unionStatus', label: t('enterprise.unionStatus'), children: <UnionStatusTag status={e.unionStatus} /> },
        {
          key: 'coveringOrg',
          label: t('enterprise.coveringOrg'),
          children: e.coveringOrg ? <Link to={`/orgs?org=${e.coveringOrg.id}`}>{e.coveringOrg.name}</Link> : none,
        },
        { key: 'workersJoinedOutside', label: t('enterprise.workersJoinedOutside'), children: e.workersJoinedOutside },
        { key: 'registeredOn', label: t('enterprise.registeredOn'), children: formatDate(e.registeredOn) },
        { key: 'openedOn', label: t('enterprise.openedOn'), children: formatDate(e.openedOn) },
        {
          key: 'location',
          label: t('enterprise.location'),
          children: e.latitude !== null && e.longitude !== null ? `${e.latitude.toFixed(6)}, ${e.longitude.toFixed(6)}` : none,
          span: 2,
        },
        { key: 'createdAt', label: t('enterprise.createdAt'), children: formatDateTime(e.createdAt) },
        { key: 'updatedAt', label: t('enterprise.updatedAt'), children: formatDateTime(e.updatedAt) },
      ]}
    />
  );
}
