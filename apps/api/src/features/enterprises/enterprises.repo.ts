import { and, eq, gte, lte, or, sql, type SQL } from 'drizzle-orm';
import { enterprises, orgs, regionName, type Database, type Tx } from '@lianxin/db';
import {
  isNonPublic, sizeBandRanges, type Enterprise, type NearDuplicate, type EnterpriseListItem, type enterpriseListQuerySchema, type enterpriseSortKeys,
} from '@lianxin/contracts';
import type { z } from 'zod';
import { withinScope, type Scope } from '../../access/access.ts';
import { pagedList, type ListOrder } from '../../lib/paged-list.ts';
import { creditCodePrefixOf, nameMatches } from '../../lib/name-search.ts';
import { escapeLike } from '../../lib/sql-text.ts';

type ListFilter = z.output<typeof enterpriseListQuerySchema>;

export const listColumns = {
  id: enterprises.id,
  creditCode: enterprises.creditCode,
  name: enterprises.name,
  regionCode: enterprises.regionCode,
  industry: enterprises.industry,
  ownership: enterprises.ownership,
  dualReal: enterprises.dualReal,
  employeeCount: enterprises.employeeCount,
  unionStatus: enterprises.unionStatus,
  orgId: enterprises.orgId,
  orgName: orgs.name,
  registeredOn: enterprises.registeredOn,
};

export type ListRow = {
  [K in keyof typeof listColumns]: (typeof listColumns)[K]['_']['notNull'] extends true
    ? (typeof listColumns)[K]['_']['data']
    : (typeof listColumns)[K]['_']['data'] | null;
};

function toListItem(row: ListRow): EnterpriseListItem {
  const { orgId, orgName, ...rest } = row;
  return {
    ...rest,
    regionName: regionName(row.regionCode),
    coveringOrg: row.unionStatus === 'none' ? null : { id: orgId, name: orgName },
  };
}

/** Enterprises whose name or pinyin initials contain `q` (by search key), or whose credit code starts with it. */
export function enterpriseMatches(q: string): SQL {
  const codePrefix = creditCodePrefixOf(q);
  return or(
    nameMatches({ grams: enterprises.searchGrams, key: enterprises.searchKey, initials: enterprises.nameInitials }, q),
    codePrefix === null ? undefined : sql`${enterprises.creditCode} like ${`${escapeLike(codePrefix)}%`}`,
  ) as SQL;
}

export function listConditions(scope: Scope, filter: ListFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [withinScope(scope, enterprises.orgPath)];
  if (filter.q) conditions.push(enterpriseMatches(filter.q));
  if (filter.regionCode && filter.regionCode !== '310000') {
    conditions.push(
      filter.regionCode.length === 9
        ? eq(enterprises.regionCode, filter.regionCode)
        : sql`${enterprises.regionCode} like ${`${filter.regionCode}%`}`,
    );
  }
  if (filter.unionStatus) conditions.push(eq(enterprises.unionStatus, filter.unionStatus));
  if (filter.industry) conditions.push(eq(enterprises.industry, filter.industry));
  if (filter.dualReal !== undefined) conditions.push(eq(enterprises.dualReal, filter.dualReal));
  if (filter.orgId !== undefined) {
    conditions.push(sql`${enterprises.orgPath} <@ (select path from orgs where id = ${filter.orgId})`);
  }
  if (filter.target !== undefined) conditions.push(eq(enterprises.isTarget, filter.target));
  if (filter.covered !== undefined) conditions.push(filter.covered ? sql`${enterprises.unionStatus} <> 'none'` : eq(enterprises.unionStatus, 'none'));
  if (filter.sizeBand) {
    const { min, max } = sizeBandRanges[filter.sizeBand];
    conditions.push(gte(enterprises.employeeCount, min));
    if (max !== null) conditions.push(lte(enterprises.employeeCount, max));
  }
  return and(...conditions);
}

export const listOrder: ListOrder<(typeof enterpriseSortKeys)[number]> = {
  default: sql`${enterprises.id} desc`,
  keys: {
    name: sql`${enterprises.name}`,
    employeeCount: sql`${enterprises.employeeCount}`,
    registeredOn: { expr: sql`${enterprises.registeredOn}`, nullsLast: true },
  },
  tiebreaker: sql`${enterprises.id}`,
};

/**
 * The same orders, but by name through an expression the name index cannot serve: the matches are sorted
 * (top-N), at a cost that does not grow with the page. For the pages after the first of a search sorted by name:
 * walking the (name, id) index tests ~55 rows per match of `物流` at city scale, so page 1 takes ~1,100 rows
 * (a few ms) but page 11 read 35,090 rows in name order (0.3–1.3 s), more than sorting all 9,150 matches (docs/PERFORMANCE.md).
 */
const sortedMatchesOrder: ListOrder<(typeof enterpriseSortKeys)[number]> = {
  ...listOrder,
  keys: { ...listOrder.keys, name: sql`(${enterprises.name} || '')` },
};

/** A page of the enterprises in the scope matching the filter (newest first unless sorted), with a bounded total. */
export async function listEnterprises(db: Database, scope: Scope, filter: ListFilter) {
  const where = listConditions(scope, filter);
  const page = await pagedList(db, {
    query: filter,
    order: filter.q && filter.sort === 'name' && filter.page > 1 ? sortedMatchesOrder : listOrder,
    rows: (orderBy, limit, offset) =>
      db.select(listColumns).from(enterprises).innerJoin(orgs, eq(orgs.id, enterprises.orgId)).where(where).orderBy(orderBy).limit(limit).offset(offset),
    count: { from: sql`${enterprises}`, where },
  });
  return { ...page, items: page.items.map(toListItem) };
}

export async function findEnterprise(db: Database | Tx, scope: Scope, id: number): Promise<Enterprise | undefined> {
  const [row] = await db
    .select({
      ...listColumns,
      orgPath: enterprises.orgPath,
      address: enterprises.address,
      latitude: enterprises.latitude,
      longitude: enterprises.longitude,
      openedOn: enterprises.openedOn,
      createdAt: enterprises.createdAt,
      updatedAt: enterprises.updatedAt,
      workersJoinedOutside: sql<number>`(select count(*)::int from members m
        where m.enterprise_id = ${enterprises.id} and m.join_channel = 'out_of_enterprise' and m.status = 'active')`,
    })
    .from(enterprises)
    .innerJoin(orgs, eq(orgs.id, enterprises.orgId))
    .where(and(eq(enterprises.id, id), withinScope(scope, enterprises.orgPath)));
  if (!row) return undefined;
  const { orgPath: _orgPath, address, latitude, longitude, openedOn, createdAt, updatedAt, workersJoinedOutside, ...list } = row;
  return {
    ...toListItem(list),
    address,
    latitude,
    longitude,
    openedOn,
    nonPublic: isNonPublic(row.ownership),
    workersJoinedOutside,
    createdAt: new Date(createdAt).toISOString(),
    updatedAt: new Date(updatedAt).toISOString(),
  };
}

/** The enterprise holding a credit code anywhere in the city (codes are unique citywide). */
export async function findByCreditCode(db: Database | Tx, creditCode: string) {
  const [row] = await db
    .select({ id: enterprises.id, name: enterprises.name, orgPath: enterprises.orgPath })
    .from(enterprises)
    .where(eq(enterprises.creditCode, creditCode));
  return row;
}

/**
 * Enterprises anywhere in the city whose name has the same search key as `name` (differing only in bracket width,
 * spaces, full-width forms, case or dots), at most 5: the near-duplicate warning on create. Names and credit codes
 * are public registry data (the credit-code conflict names the holder the same way).
 */
export function findNearDuplicates(db: Database | Tx, name: string): Promise<NearDuplicate[]> {
  return db
    .select({ id: enterprises.id, name: enterprises.name, creditCode: enterprises.creditCode, regionCode: enterprises.regionCode })
    .from(enterprises)
    .where(sql`${enterprises.searchKey} = search_key(${name}::text)`)
    .orderBy(enterprises.id)
    .limit(5);
}
