/** Lookups the rights services share: an enterprise inside the scope, the city's settings, the issuing union. */
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Tx } from '@lianxin/db';
import { withinScope, type Scope } from '../../access/access.ts';
import { notFound } from '../../errors.ts';

export interface ScopedEnterprise {
  id: number;
  name: string;
  creditCode: string;
  address: string;
  employeeCount: number;
  orgPath: string;
}

/** The enterprise if inside the scope (locked for update inside a transaction when asked), else 404. */
export async function scopedEnterprise(db: Database | Tx, scope: Scope, id: number, lock = false): Promise<ScopedEnterprise> {
  const row = await scopedEnterpriseOrNull(db, scope, id, lock);
  if (!row) throw notFound();
  return row;
}

/** The enterprise if inside the scope (locked for update by default: callers are in a transaction), else null. */
export async function scopedEnterpriseOrNull(db: Database | Tx, scope: Scope, id: number, lock = true): Promise<ScopedEnterprise | null> {
  const [row] = await queryRows<ScopedEnterprise>(db, sql`
    select id, name, credit_code as "creditCode", address, employee_count as "employeeCount", org_path::text as "orgPath"
      from enterprises e where e.id = ${id} and ${withinScope(scope, sql`e.org_path`)}
      ${lock ? sql`for update` : sql``}`);
  return row ?? null;
}

/** A numeric city setting (`settings.value` is JSON), or the fallback when unset or not a positive integer. */
export async function numericSetting(db: Database | Tx, key: string, fallback: number): Promise<number> {
  const [row] = await queryRows<{ value: unknown }>(db, sql`select value from settings where key = ${key}`);
  const value = row?.value;
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback;
}

/** The territorial union above a path (street first): it signs the warning letters. */
export async function issuerOf(db: Database | Tx, orgPath: string): Promise<{ id: number; name: string }> {
  const [row] = await queryRows<{ id: number; name: string }>(db, sql`
    select id, name from orgs
     where id = any(string_to_array(${orgPath}, '.')::int[])
       and kind in ('street_federation', 'district_federation', 'city_federation')
     order by nlevel(path) desc limit 1`);
  if (!row) throw notFound();
  return row;
}

/** The unit a list or summary is about: `orgId` inside the scope, or the actor's own. */
export async function scopedOrgPath(db: Database, scope: Scope, orgId: number | undefined): Promise<string> {
  if (scope.kind !== 'subtree') throw notFound();
  const [row] = await queryRows<{ path: string }>(db, sql`
    select path::text as path from orgs o where o.id = ${orgId ?? scope.rootOrgId} and ${withinScope(scope, sql`o.path`)}`);
  if (!row) throw notFound();
  return row.path;
}
