/**
 * One way to serve a page of a list: the page in the requested order, and a bounded count beside it. A full
 * `count(*)` of a city-wide list visits every matching row on every page turn; the bounded count stops after
 * LIST_COUNT_BOUND + 1 rows, and the answer says whether its total is exact.
 */
import { is, SQL, sql } from 'drizzle-orm';
import { queryRows, type Database, type Tx } from '@lianxin/db';
import { LIST_COUNT_BOUND, type Paged, type SortOrder } from '@lianxin/contracts';

/** A sort key's SQL: an expression, or `{ expr, nullsLast: true }` for a nullable one (nulls last either way). */
export type SortExpression = SQL | { expr: SQL; nullsLast: true };

/** The orders a list offers. */
export interface ListOrder<K extends string> {
  /** the whole ORDER BY when the query names no sort key: the list's order as it has always been */
  default: SQL;
  /** each sort key (from the contracts' `sortQuery`) → its expression; the query's `order` applies to it */
  keys: Readonly<Record<K, SortExpression>>;
  /** a unique expression (the row's id) ending every keyed order, in the same direction, so pages are stable */
  tiebreaker: SQL;
}

/** The paging and sorting part of a list's parsed query (`pageQuery()` and `sortQuery()` in contracts). */
export interface PageQuery<K extends string> {
  /** 1-based */
  page: number;
  pageSize: number;
  sort?: K | undefined;
  order?: SortOrder | undefined;
}

/**
 * The ORDER BY for a query: `default` without a sort key, else `<key> <order> [nulls last], <tiebreaker> <order>`
 * (order `asc` unless `desc`). Keys come validated from the query schema, so an unknown key cannot reach here.
 */
export function orderBy<K extends string>(order: ListOrder<K>, query: Pick<PageQuery<K>, 'sort' | 'order'>): SQL {
  if (query.sort === undefined) return order.default;
  const key = order.keys[query.sort];
  const direction = query.order === 'desc' ? sql`desc` : sql`asc`;
  const expression = is(key, SQL) ? sql`${key} ${direction}` : sql`${key.expr} ${direction} nulls last`;
  return sql`${expression}, ${order.tiebreaker} ${direction}`;
}

export interface PagedListSpec<Row, K extends string> {
  query: PageQuery<K>;
  order: ListOrder<K>;
  /**
   * Reads one page: the list's own select (Drizzle builder or raw SQL) with this ORDER BY, LIMIT and OFFSET —
   * the items' columns and joins live with the list.
   */
  rows: (orderBy: SQL, limit: number, offset: number) => Promise<Row[]>;
  /**
   * The rows to count: `from`, the FROM items (`sql\`${enterprises}\``, or `sql\`enterprises e left join …\``),
   * and `where`, the page's condition. Leave out joins that only add columns: they cannot change the count.
   */
  count: { from: SQL; where: SQL | undefined };
  /** count this many rows exactly at most (default LIST_COUNT_BOUND; a test may pass a small one) */
  bound?: number;
}

/**
 * One page of a list and its bounded count, run concurrently: `select count(*) from (select 1 from … where …
 * limit bound + 1)`. `total` is the number of matching rows when it is at most `bound` (`totalExact: true`),
 * else `bound` (`totalExact: false`). Items are the rows as `rows` returned them; map them afterwards.
 */
export async function pagedList<Row, K extends string>(db: Database | Tx, spec: PagedListSpec<Row, K>): Promise<Paged<Row>> {
  const bound = spec.bound ?? LIST_COUNT_BOUND;
  const { page, pageSize } = spec.query;
  const where = spec.count.where ? sql`where ${spec.count.where}` : sql``;
  const [items, counted] = await Promise.all([
    spec.rows(orderBy(spec.order, spec.query), pageSize, (page - 1) * pageSize),
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from (select 1 from ${spec.count.from} ${where} limit ${bound + 1}) bounded`),
  ]);
  const n = counted[0]?.n ?? 0;
  return { items, total: Math.min(n, bound), totalExact: n <= bound };
}
