import { Link } from 'react-router-dom';
import { Progress, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { targetStatuses, type CoverageFigures } from '@lianxin/contracts';
import { formatCount } from '../../../shared/format.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { formatRate, formatTargetRate, shownStatus, statusHex, toPercent } from './coverage-format.ts';
import { TargetStatusTag } from './target-status-tag.tsx';

interface ChildrenTableProps {
  items: CoverageFigures[];
  /** where a child's name leads: its own cockpit, with the drill path */
  drillTo: (child: CoverageFigures) => string;
}

const statusOrder = (c: CoverageFigures) => {
  const status = shownStatus(c);
  return status ? targetStatuses.indexOf(status) : targetStatuses.length;
};

const byNumber = (pick: (c: CoverageFigures) => number) => (a: CoverageFigures, b: CoverageFigures) => pick(a) - pick(b);

/** The units directly below, sortable; a name drills down. */
export function ChildrenTable({ items, drillTo }: ChildrenTableProps) {
  const { t, locale } = useLocale();
  const count = (n: number) => formatCount(n, locale);
  const columns: TableColumnsType<CoverageFigures> = [
    {
      key: 'name',
      title: t('coverage.col.unit'),
      sorter: (a, b) => a.org.name.localeCompare(b.org.name, 'zh-CN'),
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
      sorter: byNumber((c) => c.targetEnterprises),
      render: (_, c) => count(c.targetEnterprises),
    },
    {
      key: 'covered',
      title: t('coverage.kpi.covered'),
      align: 'right',
      width: 130,
      sorter: byNumber((c) => c.coveredTargetEnterprises),
      render: (_, c) => count(c.coveredTargetEnterprises),
    },
    {
      key: 'rate',
      title: t('coverage.kpi.rate'),
      width: 170,
      sorter: byNumber((c) => c.coverageRate),
      render: (_, c) =>
        c.targetEnterprises === 0 ? (
          t('app.none')
        ) : (
          <Progress percent={toPercent(c.coverageRate)} size="small" strokeColor={statusHex[c.status]} format={() => formatRate(c.coverageRate)} />
        ),
    },
    {
      key: 'goal',
      title: t('coverage.col.target'),
      width: 110,
      sorter: byNumber((c) => c.target?.coverageRate ?? -1),
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
      filters: targetStatuses.map((s) => ({ value: s, text: <TargetStatusTag status={s} /> })),
      onFilter: (value, c) => shownStatus(c) === value,
      sorter: (a, b) => statusOrder(a) - statusOrder(b),
      render: (_, c) => {
        const status = shownStatus(c);
        return status ? <TargetStatusTag status={status} /> : t('app.none');
      },
    },
    {
      key: 'members',
      title: t('coverage.kpi.members'),
      align: 'right',
      width: 100,
      sorter: byNumber((c) => c.members),
      render: (_, c) => count(c.members),
    },
    {
      key: 'membershipRate',
      title: t('coverage.kpi.membershipRate'),
      align: 'right',
      width: 100,
      sorter: byNumber((c) => c.membershipRate),
      render: (_, c) => formatRate(c.membershipRate),
    },
  ];

  return (
    <div data-testid="children-table">
      <Table<CoverageFigures>
        rowKey={(c) => c.org.id}
        size="middle"
        columns={columns}
        dataSource={items}
        scroll={{ x: 960 }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, pageSizeOptions: [20, 50, 100], hideOnSinglePage: true }}
      />
    </div>
  );
}
