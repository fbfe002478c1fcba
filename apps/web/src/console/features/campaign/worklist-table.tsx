import { Table, Typography, type TableColumnsType } from 'antd';
import { shanghaiDate, type WorklistItem } from '@lianxin/contracts';
import { formatCount, formatDate } from '../../../shared/format.ts';
import type { ListSort } from '../../../shared/search-params.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { StageTag } from './stage-tag.tsx';
import { onTableSort, sortableColumn, useServerPagination } from '../../components/server-pagination.ts';
import type { WorklistSortKey } from './campaign-api.ts';

interface WorklistTableProps {
  items: WorklistItem[];
  list: { total: number; totalExact: boolean } | undefined;
  page: number;
  pageSize: number;
  sort: ListSort<WorklistSortKey>;
  loading: boolean;
  onOpen: (item: WorklistItem) => void;
  onPageChange: (page: number, pageSize: number) => void;
  onSortChange: (sort: ListSort<string>) => void;
}

/**
 * 建会攻坚清单: uncovered target enterprises, largest first unless sorted (server order and pages); a row opens
 * the drawer.
 */
export function WorklistTable({ items, list, page, pageSize, sort, loading, onOpen, onPageChange, onSortChange }: WorklistTableProps) {
  const { t, locale } = useLocale();
  const pagination = useServerPagination({ page, pageSize, list, totalKey: 'campaign.total', onChange: onPageChange });
  const today = shanghaiDate();
  const columns: TableColumnsType<WorklistItem> = [
    {
      key: 'name',
      title: t('enterprises.col.name'),
      ...sortableColumn('name', sort),
      render: (_, w) => (
        // the whole row opens the drawer; the name looks like the link it acts as
        <Typography.Link data-testid="worklist-name">{w.name}</Typography.Link>
      ),
    },
    { key: 'creditCode', title: t('enterprises.col.creditCode'), dataIndex: 'creditCode', width: 190, className: 'mono' },
    {
      key: 'employeeCount',
      title: t('enterprises.col.employees'),
      align: 'right',
      width: 110,
      ...sortableColumn('employeeCount', sort),
      render: (_, w) => formatCount(w.employeeCount, locale),
    },
    { key: 'stage', title: t('campaign.stage'), width: 110, render: (_, w) => <StageTag stage={w.stage} /> },
    { key: 'assignee', title: t('campaign.assignee'), width: 110, render: (_, w) => w.assignee?.name ?? t('app.none') },
    {
      key: 'nextFollowUpOn',
      title: t('campaign.nextFollowUpOn'),
      width: 130,
      ...sortableColumn('nextFollowUpOn', sort),
      render: (_, w) =>
        w.nextFollowUpOn && w.nextFollowUpOn < today ? (
          <Typography.Text type="danger">{formatDate(w.nextFollowUpOn)}</Typography.Text>
        ) : (
          formatDate(w.nextFollowUpOn)
        ),
    },
    {
      key: 'outside',
      title: t('campaign.col.joinedOutside'),
      align: 'right',
      width: 120,
      render: (_, w) => formatCount(w.workersJoinedOutside, locale),
    },
    { key: 'responsibleOrg', title: t('campaign.col.responsibleOrg'), ellipsis: true, render: (_, w) => w.responsibleOrg.name },
  ];

  return (
    <div data-testid="worklist">
      <Table<WorklistItem>
        rowKey="enterpriseId"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={loading}
        scroll={{ x: 1150 }}
        onRow={(w) => ({ onClick: () => onOpen(w), className: 'clickable-row' })}
        pagination={pagination}
        onChange={onTableSort(onSortChange)}
      />
    </div>
  );
}
