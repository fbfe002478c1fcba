import type { TablePaginationConfig, TableProps } from 'antd';
import type { SortOrder } from '@lianxin/contracts';
import { formatCount } from '../../shared/format.ts';
import type { DictKey } from '../../shared/i18n/dictionary.ts';
import { useLocale } from '../../shared/i18n/locale-context.tsx';
import type { ListSort } from '../../shared/search-params.ts';

/**
 * The console lists' server-side pagination: 20 / 50 / 100 a page (or `pageSizeOptions`) and the total line in
 * the reader's language — `totalKey` ("共 {total} 家企业", default "共 {total} 条") when the server counted
 * exactly, "共 10,000+ 条" when the list is longer than the server counts (`totalExact` false).
 */
export function useServerPagination(options: {
  page: number;
  pageSize: number;
  /** the list's answer; undefined while loading */
  list: { total: number; totalExact: boolean } | undefined;
  /** a dictionary text with a `{total}` placeholder */
  totalKey?: DictKey;
  pageSizeOptions?: number[];
  onChange: (page: number, pageSize: number) => void;
}): TablePaginationConfig {
  const { t, locale } = useLocale();
  const exact = options.list?.totalExact ?? true;
  return {
    current: options.page,
    pageSize: options.pageSize,
    total: options.list?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: options.pageSizeOptions ?? [20, 50, 100],
    showTotal: (total) => t(exact ? (options.totalKey ?? 'app.total') : 'app.totalAtLeast', { total: formatCount(total, locale) }),
    onChange: options.onChange,
  };
}

/** Column props for a column the server sorts by `key`: antd draws the arrow from the URL's sort. */
export function sortableColumn<K extends string>(key: K, sort: ListSort<K>): { sorter: true; sortOrder: 'ascend' | 'descend' | null } {
  return { sorter: true, sortOrder: sort.sort === key ? (sort.order === 'desc' ? 'descend' : 'ascend') : null };
}

/**
 * A Table `onChange` that reports only sorting (paging has the pagination's own `onChange`): the clicked
 * column's key and direction, or no sort when the user cycles back to the list's default order.
 */
export function onTableSort<Row>(onSort: (sort: { sort?: string; order?: SortOrder }) => void): NonNullable<TableProps<Row>['onChange']> {
  return (_pagination, _filters, sorter, extra) => {
    if (extra.action !== 'sort') return;
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    if (!one?.order || one.columnKey === undefined) onSort({});
    else onSort({ sort: String(one.columnKey), order: one.order === 'descend' ? 'desc' : 'asc' });
  };
}
