import { z } from 'zod';

/**
 * Rows a list counts exactly: past it the server stops counting, `total` is this bound and `totalExact` false, so
 * counting a city-wide list costs at most this many row visits.
 */
export const LIST_COUNT_BOUND = 10_000;

export const sortOrders = ['asc', 'desc'] as const;
export type SortOrder = (typeof sortOrders)[number];

/**
 * The page fields of a list's query, to spread into its `z.object`: `page` (1-based, at most 100,000) and
 * `pageSize` (1–200, `defaultPageSize` when absent). Query-string numbers are coerced.
 */
export function pageQuery(defaultPageSize = 20) {
  return {
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(defaultPageSize),
  };
}

/**
 * The sort fields of a list's query, to spread into its `z.object`: `sort`, one of `keys` (anything else fails
 * validation on the field `sort`, a 400), and `order`, `asc` (default) or `desc`. Without `sort` the list keeps
 * its own default order and `order` is ignored. Each key means one column of the list's items; the API maps it to
 * SQL and ends the order with the row's id, so equal values keep a stable page.
 */
export function sortQuery<const K extends readonly [string, ...string[]]>(keys: K) {
  return {
    sort: z.enum(keys).optional(),
    order: z.enum(sortOrders).optional(),
  };
}

/**
 * A page of a list: its `items`, and `total`, the rows matching the filters — exact (`totalExact: true`) up to
 * {@link LIST_COUNT_BOUND}, beyond which `total` is the bound and `totalExact` is false ("10,000+").
 */
export function pagedResponse<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int().min(0), totalExact: z.boolean() });
}

/** The type of a {@link pagedResponse}. */
export interface Paged<T> {
  items: T[];
  total: number;
  totalExact: boolean;
}
