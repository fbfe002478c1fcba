import { Link } from 'react-router-dom';
import { Progress, Segmented, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import {
  coverageChildKinds, type CoverageChild, type CoverageChildKind, type CoverageChildSortKey, type SortOrder,
} from '@lianxin/contracts';
import { formatCount } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { coverageRateHex, formatRate, formatTargetRate, shownStatus, toPercent } from './coverage-format.ts';
import { UnitStatusTag } from './unit-status-tag.tsx';

/** Which page of the children, of which kind, in which order: the server pages and sorts them. */
export interface ChildrenView {
  kind: CoverageChildKind;
  page: number;
  pageSize: number;
  sort?: CoverageChildSortKey | undefined;
  order?: SortOrder | undefined;
}

export const defaultChildrenView: ChildrenView = { kind: 'all', page: 1, pageSize: 20 };

interface ChildrenTableProps {
  /** one page, as the API sent it */
  items: CoverageChild[];
  /** the children of the kind shown, all pages */
  total: number;
  byKind: { federations: number; enterpriseUnions: number };
  view: ChildrenView;
  onView: (view: ChildrenView) => void;
  /** where a child's name leads: its own cockpit, with the drill path */
  drillTo: (child: CoverageChild) => string;
}

const sortKeys: Record<string, CoverageChildSortKey> = {
  name: 'name', target: 'targetEnterprises', covered: 'coveredTargetEnterprises', rate: 'coverageRate', status: 'status',
  members: 'members', membershipRate: 'membershipRate',
};

/** The units directly below, one page at a time, sorted and filtered by kind on the server; a name drills down. */
export function ChildrenTable({ items, total, byKind, view, onView, drillTo }: ChildrenTableProps) {
  const { t, locale } = useLocale();
  const count = (n: number) => formatCount(n, locale);
  const sortOrderOf = (key: string) =>
    view.sort !== undefined && sortKeys[key] === view.sort ? (view.order === 'desc' ? 'descend' as const : 'ascend' as const) : null;
  const columns: TableColumnsType<CoverageChild> = [
    {
      key: 'name',
      title: t('coverage.col.unit'),
      sorter: true,
      render: (_, c) => {
        return (
          <Link to={drillTo(c)} data-testid="child-link">
            {c.org.name}
          </Link>
        );
      },
    },
    {
      key: 'target',
      title: t('coverage.kpi.target'),
      align: 'right',
      width: 110,
      sorter: true,
      render: (_, c) => count(c.targetEnterprises),
    },
    {
      key: 'covered',
      title: t('coverage.kpi.covered'),
      align: 'right',
      width: 130,
      sorter: true,
      render: (_, c) => count(c.coveredTargetEnterprises),
    },
    {
      key: 'rate',
      title: t('coverage.kpi.rate'),
      width: 170,
      sorter: true,
      render: (_, c) =>
        c.targetEnterprises === 0 ? (
          t('app.none')
        ) : (
          <Progress percent={toPercent(c.coverageRate)} size="small" strokeColor={coverageRateHex(c)} format={() => formatRate(c.coverageRate)} />
        ),
    },
    {
      key: 'goal',
      title: t('coverage.col.target'),
      width: 110,
      render: (_, c) => {
        if (!c.target) return t('app.none');
        const text = formatTargetRate(c.target.coverageRate);
        return c.target.inheritedFrom ? (
          <Tooltip title={t('coverage.inheritedFrom', { name: c.target.inheritedFrom.name })}>
            <Typography.Text type="secondary">{text}</Typography.Text>
          </Tooltip>
        ) : (
          text
        );
      },
    },
    {
      key: 'status',
      title: t('coverage.col.status'),
      width: 100,
      sorter: true,
      render: (_, c) => {
        const status = shownStatus(c);
        return status ? <UnitStatusTag status={status} rates={c} target={c.target} /> : t('app.none');
      },
    },
    {
      key: 'members',
      title: t('coverage.kpi.members'),
      align: 'right',
      width: 100,
      sorter: true,
      render: (_, c) => count(c.members),
    },
    {
      key: 'membershipRate',
      title: t('coverage.kpi.membershipRate'),
      align: 'right',
      width: 100,
      sorter: true,
      render: (_, c) => formatRate(c.membershipRate),
    },
  ];

  for (const column of columns) {
    if (column.sorter) column.sortOrder = sortOrderOf(String(column.key));
  }
  const kindCount: Record<CoverageChildKind, number> = {
    all: byKind.federations + byKind.enterpriseUnions, federations: byKind.federations, enterprise_unions: byKind.enterpriseUnions,
  };

  return (
    <div data-testid="children-table">
      <Segmented<CoverageChildKind>
        value={view.kind}
        onChange={(kind) => onView({ ...view, kind, page: 1 })}
        options={coverageChildKinds.map((kind) => ({ value: kind, label: t(`coverage.childKind.${kind}`, { count: count(kindCount[kind]) }) }))}
        style={{ marginBottom: 12 }}
        data-testid="child-kind"
      />
      <Table<CoverageChild>
        rowKey={(c) => c.org.id}
        size="middle"
        columns={columns}
        dataSource={items}
        scroll={{ x: 960 }}
        onChange={(pagination, _filters, sorter) => {
          const one = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<CoverageChild> | undefined;
          const key = one?.order ? sortKeys[String(one.columnKey)] : undefined;
          const pageSize = pagination.pageSize ?? view.pageSize;
          const sortChanged = key !== view.sort || (key !== undefined && (one?.order === 'descend' ? 'desc' : 'asc') !== view.order);
          onView({
            kind: view.kind,
            pageSize,
            page: sortChanged || pageSize !== view.pageSize ? 1 : (pagination.current ?? 1),
            sort: key,
            order: key === undefined ? undefined : one?.order === 'descend' ? 'desc' : 'asc',
          });
        }}
        pagination={{
          current: view.page, pageSize: view.pageSize, total, showSizeChanger: true, pageSizeOptions: [20, 50, 100], hideOnSinglePage: total <= 20,
        }}
      />
    </div>
  );
}
