/**
 * Bulk writes: one `INSERT … SELECT * FROM unnest($1::int[], …)` per batch through handle.query. No explicit
 * transaction (a pg pool would not keep BEGIN and COMMIT on one connection); each statement is atomic.
 */
import { getTableName } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { DatabaseHandle } from '../client.ts';
import type { CoverageColumns, EnterpriseColumns, OrgColumns, UserSpec } from './generate.ts';

export const DEFAULT_BATCH_SIZE = 20_000;

// Parameters are array literals (see arrayLiteral); ltree values travel as text[] and are cast per row.
export const ORG_INSERT_SQL = `INSERT INTO orgs (id, parent_id, path, kind, name, region_code, sector, established_on, chair_name, status)
SELECT id, parent_id, path::ltree, kind, name, region_code, sector, established_on, chair_name, status
FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::date[], $9::text[], $10::text[])
  AS t(id, parent_id, path, kind, name, region_code, sector, established_on, chair_name, status)`;

export const ENTERPRISE_INSERT_SQL = `INSERT INTO enterprises (id, credit_code, name, name_initials, ownership, dual_real, employee_count,
  industry, address, region_code, latitude, longitude, registered_on, opened_on, union_status, org_id, org_path)
SELECT id, credit_code, name, name_initials, ownership, dual_real, employee_count, industry, address, region_code,
  latitude, longitude, registered_on, opened_on, union_status, org_id, org_path::ltree
FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bool[], $7::int[], $8::text[], $9::text[],
  $10::text[], $11::float8[], $12::float8[], $13::date[], $14::date[], $15::text[], $16::int[], $17::text[])
  AS t(id, credit_code, name, name_initials, ownership, dual_real, employee_count, industry, address, region_code,
  latitude, longitude, registered_on, opened_on, union_status, org_id, org_path)`;

export const COVERAGE_INSERT_SQL = `INSERT INTO org_coverage (org_id, enterprise_id, since)
SELECT * FROM unnest($1::int[], $2::int[], $3::date[])`;

export const USER_INSERT_SQL = `INSERT INTO users (id, username, display_name, password_hash, role, org_id)
SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[])`;

/**
 * A PostgreSQL array literal ('{1,2,NULL}', '{"a","b\\"c"}') for a `$n::type[]` parameter. Built here rather than
 * by the driver: node-pg's generic array serialisation costs about three times as much CPU, and PGlite cannot
 * serialise arrays of extension types.
 */
export function arrayLiteral(values: readonly unknown[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    const v = values[i];
    if (v === null || v === undefined) out += 'NULL';
    else if (typeof v === 'string') out += `"${/["\\]/.test(v) ? v.replace(/["\\]/g, '\\$&') : v}"`;
    else out += String(v);
  }
  return `${out}}`;
}

function literals(columns: readonly (readonly unknown[])[], start: number, end: number): string[] {
  return columns.map((column) => arrayLiteral(column.slice(start, end)));
}

/** The 10 parameters of ORG_INSERT_SQL for rows [start, end). */
export function orgParams(c: OrgColumns, start: number, end: number): string[] {
  return literals([c.id, c.parentId, c.path, c.kind, c.name, c.regionCode, c.sector, c.establishedOn, c.chairName, c.status], start, end);
}

/** The 17 parameters of ENTERPRISE_INSERT_SQL for rows [start, end) (array literals). */
export function enterpriseParams(c: EnterpriseColumns, start: number, end: number): string[] {
  return literals([
    c.id, c.creditCode, c.name, c.nameInitials, c.ownership, c.dualReal, c.employeeCount, c.industry, c.address, c.regionCode,
    c.latitude, c.longitude, c.registeredOn, c.openedOn, c.unionStatus, c.orgId, c.orgPath,
  ], start, end);
}

/** The 3 parameters of COVERAGE_INSERT_SQL for rows [start, end). */
export function coverageParams(c: CoverageColumns, start: number, end: number): string[] {
  return literals([c.orgId, c.enterpriseId, c.since], start, end);
}

export interface InsertOptions {
  batchSize?: number;
  /** statements in flight at once (PostgreSQL pool only; PGlite runs one at a time) */
  concurrency?: number;
  onBatch?: (done: number, total: number) => void;
}

/** Runs `sql` over rows [0, total) in batches, `concurrency` at a time. */
export async function insertBatches(
  handle: DatabaseHandle, sql: string, total: number, params: (start: number, end: number) => unknown[], options: InsertOptions = {},
): Promise<void> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const concurrency = handle.kind === 'postgres' ? Math.max(1, options.concurrency ?? 1) : 1;
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < total) {
      const start = next;
      const end = Math.min(total, start + batchSize);
      next = end;
      await handle.query(sql, params(start, end));
      done += end - start;
      options.onBatch?.(done, total);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.ceil(total / batchSize)) }, worker));
}

export async function insertOrgs(handle: DatabaseHandle, c: OrgColumns, options: InsertOptions = {}): Promise<void> {
  // sequential: a child's parent must be in an earlier (or the same) statement; ids grow down the tree
  await insertBatches(handle, ORG_INSERT_SQL, c.id.length, (s, e) => orgParams(c, s, e), { ...options, concurrency: 1 });
}

export async function insertEnterprises(handle: DatabaseHandle, c: EnterpriseColumns, options: InsertOptions = {}): Promise<void> {
  await insertBatches(handle, ENTERPRISE_INSERT_SQL, c.id.length, (s, e) => enterpriseParams(c, s, e), options);
}

export async function insertCoverage(handle: DatabaseHandle, c: CoverageColumns, options: InsertOptions = {}): Promise<void> {
  await insertBatches(handle, COVERAGE_INSERT_SQL, c.orgId.length, (s, e) => coverageParams(c, s, e), options);
}

export async function insertUsers(handle: DatabaseHandle, users: readonly UserSpec[], passwordHash: string): Promise<void> {
  await insertBatches(handle, USER_INSERT_SQL, users.length, (s, e) => {
    const slice = users.slice(s, e);
    return [
      slice.map((u) => u.id), slice.map((u) => u.username), slice.map((u) => u.displayName),
      slice.map(() => passwordHash), slice.map((u) => u.role), slice.map((u) => u.orgId),
    ].map(arrayLiteral);
  });
}

/** Moves the identity sequences past the explicit ids. */
export async function resetSequences(handle: DatabaseHandle): Promise<void> {
  for (const table of ['orgs', 'enterprises', 'users']) {
    await handle.query(
      `SELECT setval(pg_get_serial_sequence('${table}', 'id'), GREATEST((SELECT max(id) FROM ${table}), 1), (SELECT max(id) IS NOT NULL FROM ${table}))`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// Foreign keys during the bulk load (PostgreSQL only)
//
// Every inserted row runs one `SELECT … FOR KEY SHARE` per foreign key; with two statements in flight on a few
// hot parent rows (a street union, a region) that costs more than the insert itself (MultiXact churn). As the
// PostgreSQL manual advises for populating a database, the seed drops the foreign keys of the table it fills
// (only while that table is empty) and adds them back afterwards, which validates all rows in one join.
// Should a run die in between, restoreForeignKeys() puts back whatever the Drizzle schema declares; the seed
// calls it first on every run.

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Runs `fn` with the foreign keys of `table` dropped, then adds them back (validating every row). */
export async function withForeignKeysDropped<T>(handle: DatabaseHandle, table: string, fn: () => Promise<T>): Promise<T> {
  if (handle.kind !== 'postgres') return fn();
  const [row] = await handle.query<{ empty: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM ${ident(table)}) AS empty`);
  if (!row?.empty) return fn();
  const fks = await handle.query<{ name: string; def: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE conrelid = $1::regclass AND contype = 'f' ORDER BY conname`,
    [table],
  );
  for (const fk of fks) await handle.query(`ALTER TABLE ${ident(table)} DROP CONSTRAINT ${ident(fk.name)}`);
  const addBack = async (quiet: boolean) => {
    for (const fk of fks) {
      try {
        await handle.query(`ALTER TABLE ${ident(table)} ADD CONSTRAINT ${ident(fk.name)} ${fk.def}`);
      } catch (error) {
        // after a failed load the load's error is the one to report; restoreForeignKeys() repairs on the next run
        if (!quiet) throw error;
      }
    }
  };
  let result: T;
  try {
    result = await fn();
  } catch (error) {
    await addBack(true);
    throw error;
  }
  await addBack(false);
  return result;
}

/** Adds foreign keys the Drizzle schema declares for `tables` but the database lacks (after an interrupted seed). */
export async function restoreForeignKeys(handle: DatabaseHandle, tables: readonly PgTable[]): Promise<string[]> {
  if (handle.kind !== 'postgres') return [];
  const restored: string[] = [];
  for (const table of tables) {
    const config = getTableConfig(table);
    const present = new Set(
      (await handle.query<{ name: string }>(
        `SELECT conname AS name FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'`,
        [config.name],
      )).map((r) => r.name),
    );
    for (const fk of config.foreignKeys) {
      const name = fk.getName();
      if (present.has(name)) continue;
      const ref = fk.reference();
      const cols = ref.columns.map((c) => ident(c.name)).join(', ');
      const foreignCols = ref.foreignColumns.map((c) => ident(c.name)).join(', ');
      await handle.query(
        `ALTER TABLE ${ident(config.name)} ADD CONSTRAINT ${ident(name)} FOREIGN KEY (${cols})
         REFERENCES ${ident(getTableName(ref.foreignTable))} (${foreignCols})
         ON DELETE ${fk.onDelete ?? 'no action'} ON UPDATE ${fk.onUpdate ?? 'no action'}`,
      );
      restored.push(name);
    }
  }
  return restored;
}
