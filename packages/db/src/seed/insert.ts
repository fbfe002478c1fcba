/**
 * Bulk writes: one `INSERT … SELECT * FROM unnest($1::int[], …)` per batch through handle.query. No explicit
 * transaction (a pg pool would not keep BEGIN and COMMIT on one connection); each statement is atomic.
 */
import { getTableName } from 'drizzle-orm';
import { IndexedColumn, getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { arrayLiteral } from '../array-literal.ts';
import type { DatabaseHandle } from '../client.ts';
import type { CoverageColumns, EnterpriseColumns, OrgColumns, UserSpec } from './generate.ts';

export const DEFAULT_BATCH_SIZE = 20_000;

// Parameters are array literals (see arrayLiteral); ltree values travel as text[] and are cast per row.
export const ORG_INSERT_SQL = `INSERT INTO orgs (id, parent_id, path, kind, name, region_code, sector, established_on, chair_name, status)
SELECT id, parent_id, path::ltree, kind, name, region_code, sector, established_on, chair_name, status
FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::date[], $9::text[], $10::text[])
  AS t(id, parent_id, path, kind, name, region_code, sector, established_on, chair_name, status)`;

export const ENTERPRISE_INSERT_SQL = `INSERT INTO enterprises (id, credit_code, name, name_initials, ownership, dual_real, employee_count,
  industry, address, region_code, latitude, longitude, registered_on, opened_on, union_status, is_target, org_id, org_path)
SELECT id, credit_code, name, name_initials, ownership, dual_real, employee_count, industry, address, region_code,
  latitude, longitude, registered_on, opened_on, union_status, is_target, org_id, org_path::ltree
FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bool[], $7::int[], $8::text[], $9::text[],
  $10::text[], $11::float8[], $12::float8[], $13::date[], $14::date[], $15::text[], $16::bool[], $17::int[], $18::text[])
  AS t(id, credit_code, name, name_initials, ownership, dual_real, employee_count, industry, address, region_code,
  latitude, longitude, registered_on, opened_on, union_status, is_target, org_id, org_path)`;

export const COVERAGE_INSERT_SQL = `INSERT INTO org_coverage (org_id, enterprise_id, since)
SELECT * FROM unnest($1::int[], $2::int[], $3::date[])`;

export const USER_INSERT_SQL = `INSERT INTO users (id, username, display_name, password_hash, role, org_id)
SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[])`;

function literals(columns: readonly (readonly unknown[])[], start: number, end: number): string[] {
  return columns.map((column) => arrayLiteral(column.slice(start, end)));
}

/** The 10 parameters of ORG_INSERT_SQL for rows [start, end). */
export function orgParams(c: OrgColumns, start: number, end: number): string[] {
  return literals([c.id, c.parentId, c.path, c.kind, c.name, c.regionCode, c.sector, c.establishedOn, c.chairName, c.status], start, end);
}

/** The 18 parameters of ENTERPRISE_INSERT_SQL for rows [start, end) (array literals). */
export function enterpriseParams(c: EnterpriseColumns, start: number, end: number): string[] {
  return literals([
    c.id, c.creditCode, c.name, c.nameInitials, c.ownership, c.dualReal, c.employeeCount, c.industry, c.address, c.regionCode,
    c.latitude, c.longitude, c.registeredOn, c.openedOn, c.unionStatus, c.isTarget, c.orgId, c.orgPath,
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
// Bulk-load mode (PostgreSQL only)
//
// Every inserted row runs one `SELECT … FOR KEY SHARE` per foreign key and updates every index. With two
// statements in flight on a few hot parent rows (a street union, a region) the key checks cost more than the
// insert itself (MultiXact churn), and maintaining two trigram GIN indexes and a GiST index row by row costs
// more than building them once. As the PostgreSQL manual advises for populating a database, the seed drops the
// foreign keys and secondary indexes of the table it fills (only while that table is empty), loads it, then
// builds the indexes (two at a time) and adds the keys back, which validates all rows in one join.
// Should a run die in between, restoreSchemaObjects() puts back whatever the Drizzle schema declares; the seed
// calls it first on every run.

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Runs `fn` on an empty table without its foreign keys and secondary indexes, then restores them. */
export async function withBulkLoadMode<T>(
  handle: DatabaseHandle, table: string, fn: () => Promise<T>, onProgress?: (msg: string) => void,
): Promise<T> {
  const [row] = await handle.query<{ empty: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM ${ident(table)}) AS empty`);
  if (!row?.empty) return fn();
  const fks = await handle.query<{ name: string; def: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE conrelid = $1::regclass AND contype = 'f' ORDER BY conname`,
    [table],
  );
  // indexes that do not back a constraint (primary key, unique constraint) and that the schema can rebuild
  const rebuildable = new Set(schemaIndexes(table).map((i) => i.name));
  const indexes = (await handle.query<{ name: string; def: string }>(
    `SELECT indexname AS name, indexdef AS def FROM pg_indexes
     WHERE schemaname = current_schema() AND tablename = $1
       AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass)
     ORDER BY indexname`,
    [table],
  )).filter((i) => rebuildable.has(i.name));

  for (const fk of fks) await handle.query(`ALTER TABLE ${ident(table)} DROP CONSTRAINT ${ident(fk.name)}`);
  for (const index of indexes) await handle.query(`DROP INDEX ${ident(index.name)}`);
  const restore = async (quiet: boolean) => {
    const run = async (sql: string) => {
      try {
        await handle.query(sql);
      } catch (error) {
        // after a failed load the load's error is the one to report; restoreSchemaObjects() repairs on the next run
        if (!quiet) throw error;
      }
    };
    const started = performance.now();
    // the costly GIN / GiST builds first, two at a time
    const queue = [...indexes].sort((a, b) => Number(/USING (gin|gist)/.test(b.def)) - Number(/USING (gin|gist)/.test(a.def)));
    await Promise.all([0, 1].map(async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await run(next.def);
    }));
    for (const fk of fks) await run(`ALTER TABLE ${ident(table)} ADD CONSTRAINT ${ident(fk.name)} ${fk.def}`);
    onProgress?.(`${table}: ${indexes.length} indexes built and ${fks.length} foreign keys validated in ${Math.round(performance.now() - started)} ms`);
  };
  let result: T;
  try {
    result = await fn();
  } catch (error) {
    await restore(true);
    throw error;
  }
  await restore(false);
  return result;
}

const tablesByName = new Map<string, PgTable>();

/** Registers the Drizzle tables whose indexes withBulkLoadMode() may drop (it drops only what the schema can rebuild). */
export function registerBulkLoadTables(tables: readonly PgTable[]): void {
  for (const table of tables) tablesByName.set(getTableConfig(table).name, table);
}

interface SchemaIndex {
  name: string;
  sql: string;
}

/** CREATE INDEX statements for the plain indexes the Drizzle schema declares on `table` (column lists, no WHERE). */
function schemaIndexes(tableName: string): SchemaIndex[] {
  const table = tablesByName.get(tableName);
  if (!table) return [];
  const out: SchemaIndex[] = [];
  for (const index of getTableConfig(table).indexes) {
    const c = index.config;
    if (!c.name || c.where || c.columns.some((col) => !(col instanceof IndexedColumn) || !col.name)) continue;
    const columns = (c.columns as IndexedColumn[])
      .map((col) => `${ident(col.name as string)}${col.indexConfig.opClass ? ` ${col.indexConfig.opClass}` : ''}`)
      .join(', ');
    out.push({
      name: c.name,
      sql: `CREATE ${c.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${ident(c.name)} ON ${ident(tableName)} USING ${c.method ?? 'btree'} (${columns})`,
    });
  }
  return out;
}

/**
 * Adds the foreign keys and plain indexes the Drizzle schema declares for `tables` but the database lacks
 * (left so by an interrupted seed). Returns their names.
 */
export async function restoreSchemaObjects(handle: DatabaseHandle, tables: readonly PgTable[]): Promise<string[]> {
  registerBulkLoadTables(tables);
  const restored: string[] = [];
  for (const table of tables) {
    const config = getTableConfig(table);
    const presentFks = new Set(
      (await handle.query<{ name: string }>(
        `SELECT conname AS name FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'`,
        [config.name],
      )).map((r) => r.name),
    );
    for (const fk of config.foreignKeys) {
      const name = fk.getName();
      if (presentFks.has(name)) continue;
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
    const presentIndexes = new Set(
      (await handle.query<{ name: string }>(
        `SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1`,
        [config.name],
      )).map((r) => r.name),
    );
    for (const index of schemaIndexes(config.name)) {
      if (presentIndexes.has(index.name)) continue;
      await handle.query(index.sql);
      restored.push(index.name);
    }
  }
  return restored;
}
