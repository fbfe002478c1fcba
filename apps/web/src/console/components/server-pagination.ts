import type { TablePaginationConfig } from 'antd';

/**
 * The console lists' server-side pagination: 20 / 50 / 100 a page and a "共 n 条" line; `showTotal` words the
 * total in the reader's language.
 */
export function serverPagination(options: {
  page: number;
  pageSize: number;
  total: number;
  showTotal: (total: number) => string;
  onChange: (page: number, pageSize: number) => void;
}): TablePaginationConfig {
  return {
    current: options.page,
    pageSize: options.pageSize,
    total: options.total,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100],
    showTotal: options.showTotal,
    onChange: options.onChange,
  };
}
