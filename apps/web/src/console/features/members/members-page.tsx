import { useCallback } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Tabs, Typography } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { ExportButton } from '../../components/export-button.tsx';
import { memberSortKeys } from '@lianxin/contracts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { useCurrentUser } from '../auth/session-context.tsx';
import { MemberDetailDrawer } from './member-detail-drawer.tsx';
import { MemberFilters } from './member-filters.tsx';
import { MemberTable } from './member-table.tsx';
import { exportUrl, fetchMembers, MEMBER_FILTER_KEYS, type MemberFilterKey, type MemberFilters as Filters } from './members-api.ts';
import { TransfersTab } from './transfers-tab.tsx';
import { LoadErrorAlert } from '../../components/error-result.tsx';
import { patchParams, pagePatch, sortFromParams, sortPatch } from '../../../shared/search-params.ts';

const DEFAULT_PAGE_SIZE = 20;

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** 会员管理: the member list of the scope (filters in the URL), a detail drawer (?member=id) and the transfer queue. */
export default function MembersPage() {
  const { t } = useLocale();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'transfers' ? 'transfers' : 'list';

  const setTab = (next: string) =>
    setParams((prev) => patchParams(prev, { tab: next === 'transfers' ? next : undefined }));

  return (
    <>
      <div className="page-header">
        <Typography.Title level={4}>{t('members.title')}</Typography.Title>
        {user.canWrite && (
          <Link to="/members/import">
            <Button icon={<ImportOutlined />} data-testid="member-import-link">
              {t('nav.import')}
            </Button>
          </Link>
        )}
      </div>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'list', label: t('members.tab.list'), children: tab === 'list' ? <MemberList /> : null },
          { key: 'transfers', label: t('members.tab.transfers'), children: tab === 'transfers' ? <TransfersTab /> : null },
        ]}
      />
    </>
  );
}

function MemberList() {
  const [params, setParams] = useSearchParams();
  const filters: Filters = {
    page: positiveInt(params.get('page'), 1),
    pageSize: positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE),
    ...sortFromParams(params, memberSortKeys),
  };
  for (const key of MEMBER_FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const requestKey = JSON.stringify(filters);
  const { data, error, loading, reload } = useApi(requestKey, (signal) => fetchMembers(JSON.parse(requestKey) as Filters, signal));
  const openId = positiveInt(params.get('member'), 0) || null;

  const changeFilters = useCallback(
    (patch: Partial<Record<MemberFilterKey, string | undefined>>) => {
      setParams((prev) => patchParams(prev, { ...patch, page: undefined }));
    },
    [setParams],
  );

  const setParam = (name: string, value: string | undefined) =>
    setParams((prev) => patchParams(prev, { [name]: value }));

  return (
    <>
      <div className="list-toolbar">
        <MemberFilters filters={filters} onChange={changeFilters} onReset={() => setParams(new URLSearchParams())} />
        <ExportButton url={exportUrl(filters)} testId="member-export" fallbackName="members.xlsx" />
      </div>
      {error !== undefined && <LoadErrorAlert error={error} onRetry={reload} />}
      <MemberTable
        items={data?.items ?? []}
        list={data}
        page={filters.page}
        pageSize={filters.pageSize}
        sort={filters}
        loading={loading}
        onOpen={(id) => setParam('member', String(id))}
        onSortChange={(sort) => setParams((prev) => patchParams(prev, sortPatch(sort)))}
        onPageChange={(page, pageSize) =>
          setParams((prev) => patchParams(prev, pagePatch(page, pageSize, { pageSize: filters.pageSize, defaultPageSize: DEFAULT_PAGE_SIZE })))
        }
      />
      <MemberDetailDrawer id={openId} onClose={() => setParam('member', undefined)} onChanged={reload} />
    </>
  );
}
