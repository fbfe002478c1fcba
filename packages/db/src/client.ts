import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { pgliteEngineFromEnv, RemotePglite, type PgliteEngine } from './pglite-remote.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The Drizzle handle the app uses; the same API on PGlite and on PostgreSQL. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle (what `db.transaction` passes to its callback). */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
export type DbKind = 'pglite' | 'postgres';
// in pglite-remote.ts, which the server's entry loads alone to start the database thread before anything else
export { pgliteEngineFromEnv, type PgliteEngine } from './pglite-remote.ts';

export interface DatabaseHandle {
  db: Database;
  kind: DbKind;
  /** PGlite only: the thread it runs on */
  engine?: PgliteEngine;
  /** Raw parameterised SQL for bulk paths (unnest inserts, benchmarks); arrays pass as PostgreSQL arrays. */
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
  /**
   * For health checks: resolves when the database answers. On the worker engine a statement answered in the last
   * 2 s counts, so that a busy database's health check does not wait behind the queue; elsewhere `select 1`.
   */
  ping(): Promise<void>;
  /** PGlite only: the data directory as a tarball (tests copy a migrated, seeded template this way) */
  dumpDataDir?: () => Promise<Blob>;
}

export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

export interface OpenOptions {
  /** postgres://… — use PostgreSQL through a pg pool; otherwise PGlite */
  url?: string | undefined;
  /** PGlite data directory; omitted = in memory */
  dataDir?: string | undefined;
  /** PGlite: start from a dumped data directory (a migrated template) */
  loadDataDir?: Blob | File | undefined;
  poolSize?: number;
  /** PGlite: its own thread or this one; default LIANXIN_PGLITE_ENGINE, else `worker` */
  engine?: PgliteEngine | undefined;
  /**
   * PGlite on the worker engine: a thread already started on `dataDir` (`RemotePglite.create`, called before the
   * rest of the server's modules load, so that the WebAssembly compile and PostgreSQL's start overlap them)
   */
  started?: Promise<RemotePglite> | undefined;
}

export async function openDatabase(options: OpenOptions = {}): Promise<DatabaseHandle> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // an idle client whose server connection ends (restart, a dropped test database) must not crash the process;
    // the pool replaces it on the next query
    pool.on('error', (error) => console.warn(`PostgreSQL idle client error: ${error.message}`));
    const db = drizzlePg({ client: pool, schema }) as unknown as Database;
    return {
      db,
      kind: 'postgres',
      async query<Row>(text: string, params: unknown[] = []) {
        const result = await pool.query(text, params);
        return result.rows as Row[];
      },
      close: () => pool.end(),
      ping: async () => void (await pool.query('select 1')),
    };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const engine = options.started ? 'worker' : (options.engine ?? pgliteEngineFromEnv());
  if (engine === 'worker') {
    const client = await (options.started ?? RemotePglite.create({ dataDir: options.dataDir, loadDataDir: options.loadDataDir }));
    // Drizzle's PGlite driver calls only query/exec/transaction, which RemotePglite forwards to the thread
    const db = drizzlePglite({ client: client as unknown as PGlite, schema }) as unknown as Database;
    return {
      db,
      kind: 'pglite',
      engine,
      async query<Row>(text: string, params: unknown[] = []) {
        return (await client.query<Row>(text, params)).rows;
      },
      close: () => client.close(),
      ping: () => client.ping(),
      dumpDataDir: () => client.dumpDataDir(),
    };
  }
  const client = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { ltree, pg_trgm },
  });
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    engine,
    async query<Row>(text: string, params: unknown[] = []) {
      const result = await client.query<Row>(text, params);
      return result.rows;
    },
    close: () => client.close(),
    ping: async () => void (await client.query('select 1')),
    dumpDataDir: async () => (await client.dumpDataDir('gzip')) as Blob,
  };
}

/**
 * Applies the committed SQL migrations (the same files on PGlite and PostgreSQL) from `folder` (default the
 * committed ones). Returns `up-to-date` when the database already holds the journal's newest migration — checked
 * with two small queries before Drizzle's migrator, which would read and hash every file first and open a
 * transaction (a warm restart's 0.2–0.3 s) to come to the same answer — else `migrated`.
 *
 * The check is Drizzle's own rule: the migrator applies each journal entry whose `when` (ms) is later than the
 * newest `created_at` in `drizzle.__drizzle_migrations`; so when that newest value is at least the journal's
 * largest `when`, there is nothing to apply. A migration added later carries a later `when` and still migrates.
 */
export async function migrateDatabase(handle: DatabaseHandle, folder: string = migrationsFolder): Promise<'up-to-date' | 'migrated'> {
  if (await holdsNewestMigration(handle, folder)) return 'up-to-date';
  if (handle.kind === 'postgres') {
    await migratePg(handle.db as never, { migrationsFolder: folder });
  } else {
    await migratePglite(handle.db as never, { migrationsFolder: folder });
  }
  return 'migrated';
}

async function holdsNewestMigration(handle: DatabaseHandle, folder: string): Promise<boolean> {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  if (journal.entries.length === 0) return false;
  const newest = Math.max(...journal.entries.map((e) => e.when));
  // to_regclass: a fresh database has no migrations table yet (no error, so nothing aborts on PostgreSQL)
  const [table] = await handle.query<{ t: string | null }>(`select to_regclass('drizzle.__drizzle_migrations')::text as t`);
  if (!table?.t) return false;
  const [row] = await handle.query<{ latest: string | null }>('select max(created_at)::text as latest from drizzle.__drizzle_migrations');
  return row?.latest != null && Number(row.latest) >= newest;
}

/** Runs a raw Drizzle `sql` query and returns its rows (the same shape on both drivers). */
export async function queryRows<Row>(db: Database | Tx, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}

/** What `queryPrepared` uses of Drizzle's database object (what its own `execute` does, with a statement name). */
interface PreparingDatabase {
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
  session: { prepareQuery(query: { sql: string; params: unknown[] }, fields: undefined, name: string, arrayMode: boolean): { execute(): Promise<unknown> } };
}

const statementNames = new Map<string, string>();

/**
 * `queryRows` as a named prepared statement: on PostgreSQL each pooled connection parses and plans the statement
 * once and then only binds and executes it. For the reads made on every request or many times a second (the
 * session lookup, a ballot, the cockpit's and the rights summary's figure rows) parsing and planning is most of
 * the statement's time: the district's rights figures take 0.44 ms p50 unnamed and 0.16 ms prepared
 * (docs/PERFORMANCE.md, fourth session). The name is a hash of the statement's text, so two texts never share a
 * name (node-postgres refuses that) and the caller names nothing. PGlite runs it as `queryRows` does (its driver
 * has no named statements). Same rows and type parsing as `queryRows`; the same errors as the statement raises.
 */
export async function queryPrepared<Row>(db: Database | Tx, query: SQL): Promise<Row[]> {
  const preparing = db as unknown as PreparingDatabase;
  const built = preparing.dialect.sqlToQuery(query);
  let name = statementNames.get(built.sql);
  if (name === undefined) {
    name = `lx_${createHash('sha1').update(built.sql).digest('hex').slice(0, 20)}`;
    // the texts come from the code, not from input: a few hundred at most; the bound only guards a mistake
    if (statementNames.size >= 2000) statementNames.clear();
    statementNames.set(built.sql, name);
  }
  const result = (await preparing.session.prepareQuery(built, undefined, name, false).execute()) as { rows: Row[] };
  return result.rows;
}
