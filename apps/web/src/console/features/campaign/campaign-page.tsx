import { Link, useSearchParams } from 'react-router-dom';
import { Button, Select, Tabs, Typography } from 'antd';
import { DashboardOutlined } from '@ant-design/icons';
import { campaignStages, campaignStageLabels, santongshiSortKeys, worklistSortKeys, type CampaignStage } from '@lianxin/contracts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { LoadErrorAlert } from '../../components/error-result.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useCurrentUser } from '../auth/session-context.tsx';
import { cockpitLink } from '../coverage/coverage-links.ts';
import { fetchWorklist, type SantongshiStatus, type WorklistQuery } from './campaign-api.ts';
import { CampaignDrawer } from './campaign-drawer.tsx';
import { SantongshiTab } from './santongshi-tab.tsx';
import { WorklistTable } from './worklist-table.tsx';
import { patchParams, sortFromParams, sortPatch } from '../../../shared/search-params.ts';

const DEFAULT_PAGE_SIZE = 20;

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return (values as readonly string[]).includes(value ?? '') ? (value as T) : undefined;
}

/**
 * 建会攻坚: the worklist of a unit's uncovered target enterprises (?orgId=, default the user's own unit; ?stage=),
 * the drawer of one (?item=enterpriseId), and the 三同时 tasks (?tab=santongshi).
 */
export default function CampaignPage() {
  const { t, pick } = useLocale();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const orgId = positiveInt(params.get('orgId'), user.org.id);
  const tab = params.get('tab') === 'santongshi' ? 'santongshi' : 'worklist';
  const openId = positiveInt(params.get('item'), 0) || null;

  const update = (patch: Record<string, string | number | undefined>) =>
    setParams((prev) => patchParams(prev, patch));

  return (
    <>
      <div className="page-header">
        <Typography.Title level={4}>{t('campaign.title')}</Typography.Title>
        <Link to={cockpitLink(orgId)}>
          <Button icon={<DashboardOutlined />} data-testid="cockpit-link">
            {t('campaign.toCockpit')}
          </Button>
        </Link>
      </div>
      <div className="filters">
        <OrgTreeSelect
          value={orgId}
          onChange={(id) => update({ orgId: id === undefined || id === user.org.id ? undefined : id, page: undefined })}
          placeholder={t('campaign.filter.org')}
          style={{ minWidth: 260 }}
          data-testid="campaign-org"
        />
        {tab === 'worklist' && (
          <Select<CampaignStage>
            allowClear
            value={oneOf(campaignStages, params.get('stage'))}
            onChange={(stage) => update({ stage, page: undefined })}
            placeholder={t('campaign.filter.stage')}
            options={campaignStages.filter((s) => s !== 'built').map((s) => ({ value: s, label: pick(campaignStageLabels[s]) }))}
            style={{ minWidth: 150 }}
            data-testid="campaign-stage-filter"
          />
        )}
      </div>
      <Tabs
        activeKey={tab}
        // the two tabs sort by different keys: a tab starts from its own default order
        onChange={(key) => update({ tab: key === 'santongshi' ? key : undefined, page: undefined, pageSize: undefined, sort: undefined, order: undefined })}
        items={[
          {
            key: 'worklist',
            label: t('campaign.tab.worklist'),
            children: tab === 'worklist' ? <Worklist orgId={orgId} openId={openId} update={update} /> : null,
          },
          {
            key: 'santongshi',
            label: t('santongshi.title'),
            children:
              tab === 'santongshi' ? (
                <SantongshiTab
                  query={{
                    orgId,
                    status: oneOf<SantongshiStatus>(['open', 'done', 'all'], params.get('status')) ?? 'open',
                    page: positiveInt(params.get('page'), 1),
                    pageSize: positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE),
                    ...sortFromParams(params, santongshiSortKeys),
                  }}
                  onQueryChange={(patch) =>
                    update({
                      ...(patch.status !== undefined ? { status: patch.status === 'open' ? undefined : patch.status } : {}),
                      page: patch.page === undefined || patch.page === 1 ? undefined : patch.page,
                      ...(patch.pageSize !== undefined ? { pageSize: patch.pageSize === DEFAULT_PAGE_SIZE ? undefined : patch.pageSize } : {}),
                    })
                  }
                  onSortChange={(sort) => update(sortPatch(sort))}
                />
              ) : null,
          },
        ]}
      />
    </>
  );
}

interface WorklistProps {
  orgId: number;
  openId: number | null;
  update: (patch: Record<string, string | number | undefined>) => void;
}

function Worklist({ orgId, openId, update }: WorklistProps) {
  const [params] = useSearchParams();
  const query: WorklistQuery = {
    orgId,
    stage: oneOf(campaignStages, params.get('stage')),
    page: positiveInt(params.get('page'), 1),
    pageSize: positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE),
    ...sortFromParams(params, worklistSortKeys),
  };
  const key = JSON.stringify(query);
  const { data, error, loading, reload } = useApi(`worklist:${key}`, (signal) => fetchWorklist(JSON.parse(key) as WorklistQuery, signal));

  return (
    <>
      {error !== undefined && <LoadErrorAlert error={error} onRetry={reload} />}
      <WorklistTable
        items={data?.items ?? []}
        list={data}
        page={query.page}
        pageSize={query.pageSize}
        sort={query}
        loading={loading}
        onOpen={(item) => update({ item: item.enterpriseId })}
        onSortChange={(sort) => update(sortPatch(sort))}
        onPageChange={(page, pageSize) =>
          update({ page: pageSize === query.pageSize ? page : 1, pageSize: pageSize === DEFAULT_PAGE_SIZE ? undefined : pageSize })
        }
      />
      <CampaignDrawer enterpriseId={openId} onClose={() => update({ item: undefined })} onChanged={reload} />
    </>
  );
}
