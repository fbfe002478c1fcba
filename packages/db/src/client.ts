import { mkdirSync } from 'node:fs';
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
import { RemotePglite } from './pglite-remote.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** The Drizzle handle the app uses; the same API on PGlite and on PostgreSQL. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle (what `db.transaction` passes to its callback). */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
export type DbKind = 'pglite' | 'postgres';
/**
 * Where PGlite runs: `worker` (default) — a worker thread owns it, so queries never stop the HTTP thread;
 * `inline` — on the calling thread, as PGlite runs by itself (the escape hatch: LIANXIN_PGLITE_ENGINE=inline).
 */
export type PgliteEngine = 'worker' | 'inline';

export function pgliteEngineFromEnv(env: NodeJS.ProcessEnv = process.env): PgliteEngine {
  const value = env.LIANXIN_PGLITE_ENGINE || 'worker';
  if (value !== 'worker' && value !== 'inline') throw new Error(`LIANXIN_PGLITE_ENGINE must be worker or inline, not ${value}`);
  return value;
}

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
  const engine = options.engine ?? pgliteEngineFromEnv();
  if (engine === 'worker') {
    const client = await RemotePglite.create({ dataDir: options.dataDir, loadDataDir: options.loadDataDir });
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

/** Applies the committed SQL migrations; the same files on PGlite and PostgreSQL. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === 'postgres') {
    await migratePg(handle.db as never, { migrationsFolder });
  } else {
    await migratePglite(handle.db as never, { migrationsFolder });
  }
}

/** Runs a raw Drizzle `sql` query and returns its rows (the same shape on both drivers). */
export async function queryRows<Row>(db: Database | Tx, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
