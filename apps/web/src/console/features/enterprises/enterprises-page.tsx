import { useCallback, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { App, Button, Space, Typography } from 'antd';
import { ExportButton } from '../../components/export-button.tsx';
import { PlusOutlined } from '@ant-design/icons';
import { enterpriseSortKeys, type Enterprise } from '@lianxin/contracts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useApi } from '../../../shared/use-api.ts';
import { useCurrentUser } from '../auth/session-context.tsx';
import { EnterpriseFilters } from './enterprise-filters.tsx';
import { ScopeFilterTags } from './scope-filter-tags.tsx';
import { EnterpriseFormDrawer } from './enterprise-form.tsx';
import { EnterpriseTable } from './enterprise-table.tsx';
import { enterpriseExportUrl, fetchEnterprises, type EnterpriseFilters as Filters } from './enterprises-api.ts';
import { LoadErrorAlert } from '../../components/error-result.tsx';
import { patchParams, pagePatch, sortFromParams, sortPatch } from '../../../shared/search-params.ts';

const FILTER_KEYS = ['q', 'regionCode', 'unionStatus', 'industry', 'sizeBand', 'dualReal', 'orgId', 'target', 'covered'] as const;
const DEFAULT_PAGE_SIZE = 20;

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** 企业名录: filters live in the URL so the browser's back button returns to the same page of results. */
export default function EnterprisesPage() {
  const { t } = useLocale();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);

  const filters: Filters = {
    page: positiveInt(params.get('page'), 1),
    pageSize: positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE),
    ...sortFromParams(params, enterpriseSortKeys),
  };
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const requestKey = JSON.stringify(filters);
  const { data, error, loading, reload } = useApi(requestKey, (signal) => fetchEnterprises(JSON.parse(requestKey) as Filters, signal));

  const changeFilters = useCallback(
    (patch: Partial<Record<(typeof FILTER_KEYS)[number], string | undefined>>) => {
      setParams((prev) => patchParams(prev, { ...patch, page: undefined }));
    },
    [setParams],
  );

  const resetFilters = useCallback(() => setParams(new URLSearchParams()), [setParams]);

  const changePage = (page: number, pageSize: number) => {
    setParams((prev) => patchParams(prev, pagePatch(page, pageSize, { pageSize: filters.pageSize, defaultPageSize: DEFAULT_PAGE_SIZE })));
  };

  const onCreated = (enterprise: Enterprise) => {
    setCreating(false);
    void message.success(t('enterprise.created', { name: enterprise.name }));
    void navigate(`/enterprises/${enterprise.id}`);
  };

  return (
    <>
      <div className="page-header">
        <Typography.Title level={4}>{t('enterprises.title')}</Typography.Title>
        <Space>
          <ExportButton url={enterpriseExportUrl(filters)} testId="enterprise-export" fallbackName="enterprises.xlsx" />
          {user.canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="enterprise-new">
              {t('enterprises.new')}
            </Button>
          )}
        </Space>
      </div>
      <EnterpriseFilters filters={filters} scopeCode={user.org.regionCode} onChange={changeFilters} onReset={resetFilters} />
      <ScopeFilterTags filters={filters} onRemove={(key) => changeFilters({ [key]: undefined })} />
      {error !== undefined && <LoadErrorAlert error={error} onRetry={reload} />}
      <EnterpriseTable
        items={data?.items ?? []}
        list={data}
        page={filters.page}
        pageSize={filters.pageSize}
        sort={filters}
        loading={loading}
        onPageChange={changePage}
        onSortChange={(sort) => setParams((prev) => patchParams(prev, sortPatch(sort)))}
      />
      {user.canWrite && (
        <EnterpriseFormDrawer open={creating} scopeCode={user.org.regionCode} onClose={() => setCreating(false)} onSaved={onCreated} />
      )}
    </>
  );
}
