import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Card, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import {
  acceptanceStateLabels, acceptanceStates, stationFacilityLabels, stationLevelLabels, stationLevels, type AcceptanceState, type Station,
  type StationLevel,
} from '@lianxin/contracts';
import { formatCount } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { patchParams } from '../../../shared/search-params.ts';
import { useApi } from '../../../shared/use-api.ts';
import { LoadErrorAlert } from '../../components/error-result.tsx';
import { useCurrentUser } from '../auth/session-context.tsx';
import { ServiceListsCard } from './service-lists-card.tsx';
import { StationForm } from './station-form.tsx';
import { levelColours, StationMap } from './station-map.tsx';
import { fetchStationGaps, fetchStations, type StationGap, type StationQuery } from './stations-api.ts';

const pickEnum = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  (values as readonly string[]).includes(value ?? '') ? (value as T) : undefined;

/** 服务阵地: every position of the scope on the offline map and in a table, filtered by level and acceptance. */
export default function StationsPage() {
  const { t, pick, list, locale } = useLocale();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<Station | 'new' | null>(null);
  const query: StationQuery = {
    level: pickEnum<StationLevel>(stationLevels, params.get('level')),
    acceptance: pickEnum<AcceptanceState>(acceptanceStates, params.get('acceptance')),
  };
  const key = JSON.stringify(query);
  const { data, error, loading, reload } = useApi(key, (signal) => fetchStations(JSON.parse(key) as StationQuery, signal));
  const stations = data?.items ?? [];
  const gaps = useApi(`gaps-${user.org.id}`, (signal) => fetchStationGaps(user.org.id, signal)).data?.items ?? [];
  const open = (id: number) => setEditing(stations.find((s) => s.id === id) ?? null);

  const columns: TableColumnsType<Station> = [
    {
      key: 'name', title: t('stations.col.name'), width: 240, fixed: 'left', ellipsis: true,
      render: (_, s) => user.canWrite ? <Typography.Link onClick={() => setEditing(s)}>{s.name}</Typography.Link> : s.name,
    },
    { key: 'level', title: t('stations.col.level'), width: 140, render: (_, s) => <Tag color={levelColours[s.level]}>{pick(stationLevelLabels[s.level])}</Tag> },
    { key: 'org', title: t('stations.col.org'), width: 200, ellipsis: true, render: (_, s) => s.orgName },
    { key: 'address', title: t('stations.col.address'), width: 240, ellipsis: true, render: (_, s) => s.address },
    { key: 'facilities', title: t('stations.col.facilities'), width: 240, render: (_, s) => list(s.facilities.map((f) => pick(stationFacilityLabels[f]))) },
    {
      key: 'acceptance', title: t('stations.col.acceptance'), width: 120,
      render: (_, s) => <Tag color={s.acceptance === 'accepted' ? 'green' : s.acceptance === 'failed' ? 'red' : 'default'}>{pick(acceptanceStateLabels[s.acceptance])}</Tag>,
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div className="page-header" style={{ marginBottom: 0 }}><Typography.Title level={4}>{t('stations.title')}</Typography.Title></div>
      <Space wrap>
        <Select
          allowClear placeholder={t('stations.filter.level')} style={{ width: 180 }} value={query.level} data-testid="station-level-filter"
          options={stationLevels.map((l) => ({ value: l, label: pick(stationLevelLabels[l]) }))}
          onChange={(v?: string) => setParams((prev) => patchParams(prev, { level: v ?? null }))}
        />
        <Select
          allowClear placeholder={t('stations.filter.acceptance')} style={{ width: 160 }} value={query.acceptance}
          options={acceptanceStates.map((a) => ({ value: a, label: pick(acceptanceStateLabels[a]) }))}
          onChange={(v?: string) => setParams((prev) => patchParams(prev, { acceptance: v ?? null }))}
        />
        {user.canWrite && <Button type="primary" onClick={() => setEditing('new')} data-testid="station-add">{t('stations.add')}</Button>}
        <Typography.Text type="secondary">{t('stations.count', { n: data?.total ?? 0 })}</Typography.Text>
      </Space>
      {error !== undefined && <LoadErrorAlert error={error} onRetry={reload} />}
      <Card size="small" extra={<Typography.Text type="secondary">{t('stations.mapNote')}</Typography.Text>}>
        <StationMap stations={stations} onPick={user.canWrite ? open : undefined} />
      </Card>
      {gaps.length > 0 && (
        <Card size="small" title={t('stations.gaps')} data-testid="station-gaps">
          <Table<StationGap> rowKey="orgId" size="small" pagination={false} dataSource={gaps} columns={[
            { key: 'name', title: t('stations.gaps.street'), render: (_, g) => g.name },
            { key: 'stations', title: t('stations.gaps.stations'), width: 120, render: (_, g) => g.stations },
            { key: 'workers', title: t('stations.gaps.workers'), width: 140, render: (_, g) => formatCount(g.workers, locale) },
            { key: 'per10k', title: t('stations.gaps.per10k'), width: 160, render: (_, g) => g.per10k ?? '—' },
          ]} />
        </Card>
      )}
      <Table<Station> rowKey="id" size="small" loading={loading} columns={columns} dataSource={stations} scroll={{ x: 1180 }} pagination={{ pageSize: 20, showSizeChanger: false }} />
      <ServiceListsCard orgId={user.org.id} canWrite={user.canWrite} />
      <StationForm open={editing !== null} station={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={reload} />
    </Space>
  );
}
