import { Table, Typography, type TableColumnsType } from 'antd';
import { joinChannelLabels, occupationLabels, type MemberListItem } from '@lianxin/contracts';
import { formatCount, formatDate } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { MemberCategoryTag, MemberStatusTag } from './member-tags.tsx';
import { serverPagination } from '../../components/server-pagination.ts';

interface MemberTableProps {
  items: MemberListItem[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  onPageChange: (page: number, pageSize: number) => void;
  onOpen: (id: number) => void;
}

/** Server-side paginated member list; personal data arrives masked. */
export function MemberTable({ items, total, page, pageSize, loading, onPageChange, onOpen }: MemberTableProps) {
  const { t, locale, pick } = useLocale();
  const columns: TableColumnsType<MemberListItem> = [
    {
      key: 'name',
      title: t('members.col.name'),
      width: 110,
      fixed: 'left',
      render: (_, m) => (
        <Typography.Link onClick={() => onOpen(m.id)} data-testid="member-open">
          {m.name}
        </Typography.Link>
      ),
    },
    { key: 'idNumber', title: t('members.col.idNumber'), dataIndex: 'idNumber', width: 190, className: 'mono' },
    { key: 'phone', title: t('members.col.phone'), dataIndex: 'phone', width: 130, className: 'mono' },
    { key: 'cardNumber', title: t('members.col.cardNumber'), dataIndex: 'cardNumber', width: 170, className: 'mono' },
    { key: 'occupation', title: t('members.col.occupation'), width: 110, render: (_, m) => pick(occupationLabels[m.occupation]) },
    { key: 'category', title: t('members.col.category'), width: 140, render: (_, m) => <MemberCategoryTag category={m.category} /> },
    { key: 'union', title: t('members.col.union'), ellipsis: true, width: 220, render: (_, m) => m.union.name },
    { key: 'enterprise', title: t('members.col.enterprise'), ellipsis: true, width: 220, render: (_, m) => m.enterprise?.name ?? t('app.none') },
    { key: 'joinChannel', title: t('members.col.joinChannel'), width: 120, render: (_, m) => pick(joinChannelLabels[m.joinChannel]) },
    { key: 'joinedOn', title: t('members.col.joinedOn'), width: 110, render: (_, m) => formatDate(m.joinedOn) },
    { key: 'status', title: t('members.col.status'), width: 90, render: (_, m) => <MemberStatusTag status={m.status} /> },
  ];

  return (
    <div data-testid="member-table">
      <Table<MemberListItem>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={loading}
        scroll={{ x: 1600 }}
        pagination={serverPagination({
          page, pageSize, total, showTotal: (n) => t('members.total', { total: formatCount(n, locale) }), onChange: onPageChange,
        })}
      />
    </div>
  );
}
