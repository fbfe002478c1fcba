import { Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { Ellipsis } from '../../components/ellipsis.tsx';
import { joinChannelLabels, occupationLabels, type MemberListItem } from '@lianxin/contracts';
import { formatDate } from '../../../shared/format.ts';
import type { ListSort } from '../../../shared/search-params.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { MemberCategoryTag, MemberStatusTag } from './member-tags.tsx';
import { onTableSort, sortableColumn, useServerPagination } from '../../components/server-pagination.ts';
import type { MemberSortKey } from './members-api.ts';

interface MemberTableProps {
  items: MemberListItem[];
  list: { total: number; totalExact: boolean } | undefined;
  page: number;
  pageSize: number;
  sort: ListSort<MemberSortKey>;
  loading: boolean;
  onPageChange: (page: number, pageSize: number) => void;
  onSortChange: (sort: ListSort<string>) => void;
  onOpen: (id: number) => void;
}

/** Server-side paginated and sorted member list; personal data arrives masked. */
export function MemberTable({ items, list, page, pageSize, sort, loading, onPageChange, onSortChange, onOpen }: MemberTableProps) {
  const { t, pick } = useLocale();
  const pagination = useServerPagination({ page, pageSize, list, totalKey: 'members.total', onChange: onPageChange });
  // fits 1,440 px without scrolling (the phone is in the ID number's tooltip and the detail drawer)
  const columns: TableColumnsType<MemberListItem> = [
    {
      key: 'name',
      title: t('members.col.name'),
      width: 100,
      fixed: 'left',
      ...sortableColumn('name', sort),
      render: (_, m) => (
        <Typography.Link onClick={() => onOpen(m.id)} data-testid="member-open">
          {m.name}
        </Typography.Link>
      ),
    },
    {
      key: 'idNumber',
      title: t('members.col.idNumber'),
      width: 170,
      render: (_, m) => (
        <Tooltip title={`${t('members.col.phone')} ${m.phone}`}>
          <span className="mono">{m.idNumber}</span>
        </Tooltip>
      ),
    },
    { key: 'cardNumber', title: t('members.col.cardNumber'), dataIndex: 'cardNumber', width: 160, className: 'mono' },
    { key: 'occupation', title: t('members.col.occupation'), width: 110, ellipsis: true, render: (_, m) => pick(occupationLabels[m.occupation]) },
    { key: 'category', title: t('members.col.category'), width: 120, ellipsis: true, render: (_, m) => <MemberCategoryTag category={m.category} /> },
    { key: 'union', title: t('members.col.union'), ellipsis: { showTitle: false }, render: (_, m) => <Ellipsis text={m.union.name} /> },
    {
      key: 'enterprise', title: t('members.col.enterprise'), ellipsis: { showTitle: false },
      render: (_, m) => (m.enterprise ? <Ellipsis text={m.enterprise.name} /> : t('app.none')),
    },
    { key: 'joinChannel', title: t('members.col.joinChannel'), width: 110, ellipsis: true, render: (_, m) => pick(joinChannelLabels[m.joinChannel]) },
    { key: 'joinedOn', title: t('members.col.joinedOn'), width: 110, ...sortableColumn('joinedOn', sort), render: (_, m) => formatDate(m.joinedOn) },
    { key: 'status', title: t('members.col.status'), width: 80, render: (_, m) => <MemberStatusTag status={m.status} /> },
  ];

  return (
    <div data-testid="member-table">
      <Table<MemberListItem>
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
