import { Link } from 'react-router-dom';
import { Table, Tooltip, type TableColumnsType } from 'antd';
import { industrySectionLabels, type EnterpriseListItem } from '@lianxin/contracts';
import { formatCount, formatDate } from '../../../shared/format.ts';
import type { ListSort } from '../../../shared/search-params.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { useRegions } from '../../../shared/use-regions.ts';
import { UnionStatusTag } from './union-status-tag.tsx';
import { onTableSort, sortableColumn, useServerPagination } from '../../components/server-pagination.ts';
import type { EnterpriseSortKey } from './enterprises-api.ts';

interface EnterpriseTableProps {
  items: EnterpriseListItem[];
  list: { total: number; totalExact: boolean } | undefined;
  page: number;
  pageSize: number;
  sort: ListSort<EnterpriseSortKey>;
  loading: boolean;
  onPageChange: (page: number, pageSize: number) => void;
  onSortChange: (sort: ListSort<string>) => void;
}

/** Server-side paginated and sorted enterprise list. */
export function EnterpriseTable({ items, list, page, pageSize, sort, loading, onPageChange, onSortChange }: EnterpriseTableProps) {
  const { t, locale } = useLocale();
  const { regionName } = useRegions();
  const pagination = useServerPagination({ page, pageSize, list, totalKey: 'enterprises.total', onChange: onPageChange });
  const columns: TableColumnsType<EnterpriseListItem> = [
    {
      key: 'name',
      title: t('enterprises.col.name'),
      width: 210,
      fixed: 'left',
      ellipsis: { showTitle: false },
      ...sortableColumn('name', sort),
      render: (_, e) => (
        <Tooltip title={e.name} placement="topLeft">
          <Link to={`/enterprises/${e.id}`}>{e.name}</Link>
        </Tooltip>
      ),
    },
    { key: 'creditCode', title: t('enterprises.col.creditCode'), dataIndex: 'creditCode', width: 180, className: 'mono' },
    { key: 'region', title: t('enterprises.col.region'), width: 105, ellipsis: true, render: (_, e) => regionName(e.regionCode, e.regionName) },
    {
      key: 'industry',
      title: t('enterprises.col.industry'),
      width: 125,
      ellipsis: { showTitle: false },
      render: (_, e) => (
        <Tooltip title={industrySectionLabels[e.industry][locale]}>
          {e.industry} {industrySectionLabels[e.industry][locale]}
        </Tooltip>
      ),
    },
    {
      key: 'employeeCount',
      title: t('enterprises.col.employees'),
      align: 'right',
      width: 110,
      ...sortableColumn('employeeCount', sort),
      render: (_, e) => formatCount(e.employeeCount, locale),
    },
    {
      key: 'registeredOn',
      title: t('enterprises.col.registeredOn'),
      width: 125,
      ...sortableColumn('registeredOn', sort),
      render: (_, e) => formatDate(e.registeredOn),
    },
    {
      key: 'dualReal',
      title: t('enterprises.col.dualReal'),
      width: 80,
      render: (_, e) => (e.dualReal ? t('app.yes') : t('app.no')),
    },
    {
      key: 'unionStatus',
      title: t('enterprises.col.unionStatus'),
      width: 120,
      render: (_, e) => <UnionStatusTag status={e.unionStatus} />,
    },
    {
      key: 'coveringOrg',
      title: t('enterprises.col.coveringOrg'),
      ellipsis: { showTitle: false },
      render: (_, e) =>
        e.coveringOrg ? (
          <Tooltip title={e.coveringOrg.name} placement="topLeft">
            <Link to={`/orgs?org=${e.coveringOrg.id}`}>{e.coveringOrg.name}</Link>
          </Tooltip>
        ) : (
          t('app.none')
        ),
    },
  ];

  return (
    <div data-testid="enterprise-table">
      <Table<EnterpriseListItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={loading}
        scroll={{ x: 1150 }}
        pagination={pagination}
        onChange={onTableSort(onSortChange)}
      />
    </div>
  );
}
