import { Link } from 'react-router-dom';
import { Table, Tooltip, type TableColumnsType } from 'antd';
import { industrySectionLabels, type EnterpriseListItem } from '@lianxin/contracts';
import { formatCount } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { UnionStatusTag } from './union-status-tag.tsx';
import { serverPagination } from '../../components/server-pagination.ts';

interface EnterpriseTableProps {
  items: EnterpriseListItem[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  onPageChange: (page: number, pageSize: number) => void;
}

/** Server-side paginated enterprise list. */
export function EnterpriseTable({ items, total, page, pageSize, loading, onPageChange }: EnterpriseTableProps) {
  const { t, locale } = useLocale();
  const columns: TableColumnsType<EnterpriseListItem> = [
    {
      key: 'name',
      title: t('enterprises.col.name'),
      render: (_, e) => <Link to={`/enterprises/${e.id}`}>{e.name}</Link>,
    },
    { key: 'creditCode', title: t('enterprises.col.creditCode'), dataIndex: 'creditCode', width: 190, className: 'mono' },
    { key: 'region', title: t('enterprises.col.region'), dataIndex: 'regionName', width: 140 },
    {
      key: 'industry',
      title: t('enterprises.col.industry'),
      width: 180,
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
      width: 100,
      render: (_, e) => formatCount(e.employeeCount, locale),
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
      ellipsis: true,
      render: (_, e) => (e.coveringOrg ? <Link to={`/orgs?org=${e.coveringOrg.id}`}>{e.coveringOrg.name}</Link> : t('app.none')),
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
        scroll={{ x: 1100 }}
        pagination={serverPagination({
          page, pageSize, total, showTotal: (n) => t('enterprises.total', { total: formatCount(n, locale) }), onChange: onPageChange,
        })}
      />
    </div>
  );
}
