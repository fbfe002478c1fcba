import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, pgliteEngineFromEnv, queryRows, type DatabaseHandle, type PgliteEngine } from '../src/index.ts';

// The embedded database on its own thread (worker) and on the caller's (inline) must behave alike for the app:
// transactions commit and roll back, savepoints nest, errors keep PostgreSQL's code and constraint, types read the same.
describe.each<PgliteEngine>(['worker', 'inline'])('PGlite engine %s', (engine) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await openDatabase({ engine });
    await handle.query('create table t (id int primary key, name text not null unique, at timestamptz not null default now(), on_day date)');
  });
  afterAll(() => handle.close().catch(() => {})); // closed already by the last test

  it('reports its engine and answers a ping', async () => {
    expect(handle.kind).toBe('pglite');
    expect(handle.engine).toBe(engine);
    await expect(handle.ping()).resolves.toBeUndefined();
  });

  it('commits a transaction', async () => {
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`insert into t (id, name) values (1, 'one')`);
      await tx.execute(sql`insert into t (id, name) values (2, 'two')`);
    });
    expect(await handle.query('select id from t order by id')).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('rolls back every statement when the callback throws, and passes the error on', async () => {
    const failure = handle.db.transaction(async (tx) => {
      await tx.execute(sql`insert into t (id, name) values (3, 'three')`);
      throw new Error('changed my mind');
    });
    await expect(failure).rejects.toThrow('changed my mind');
    expect(await handle.query('select count(*)::int as n from t where id = 3')).toEqual([{ n: 0 }]);
  });

  it("rolls back on Drizzle's tx.rollback()", async () => {
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.execute(sql`insert into t (id, name) values (4, 'four')`);
        tx.rollback();
      }),
    ).rejects.toThrow();
    expect(await handle.query('select count(*)::int as n from t where id = 4')).toEqual([{ n: 0 }]);
  });

  it('keeps the outer transaction when a nested savepoint rolls back', async () => {
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`insert into t (id, name) values (5, 'five')`);
      await expect(
        tx.transaction(async (inner) => {
          await inner.execute(sql`insert into t (id, name) values (6, 'one')`); // duplicate name
        }),
      ).rejects.toThrow();
    });
    expect(await handle.query('select id from t where id in (5, 6) order by id')).toEqual([{ id: 5 }]);
  });

  it('maps a unique violation with its code and constraint, raw and through Drizzle', async () => {
    const raw = await handle.query("insert into t (id, name) values (7, 'one')").catch((e: unknown) => e);
    expect(raw).toBeInstanceOf(Error);
    expect(raw).toMatchObject({ code: '23505', constraint: 't_name_key' });
    const drizzled = await handle.db.execute(sql`insert into t (id, name) values (7, 'one')`).catch((e: unknown) => e);
    const code = (drizzled as { code?: string }).code ?? (drizzled as { cause?: { code?: string } }).cause?.code;
    expect(code).toBe('23505');
  });

  it('lets statements outside a transaction wait for it instead of joining it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const tx = handle.db.transaction(async (t) => {
      await t.execute(sql`insert into t (id, name) values (8, 'eight')`);
      await gate;
      throw new Error('undo');
    });
    // queued behind the open transaction; it must not see (or commit) the uncommitted row
    const outside = handle.query<{ n: number }>('select count(*)::int as n from t where id = 8');
    release();
    await expect(tx).rejects.toThrow('undo');
    expect(await outside).toEqual([{ n: 0 }]);
  });

  it('reads timestamps and dates as text through Drizzle and as the driver parses them raw', async () => {
    await handle.query("insert into t (id, name, on_day) values (9, 'nine', '2026-01-02')");
    const [row] = await queryRows<{ at: unknown; on_day: unknown }>(handle.db, sql`select at, on_day from t where id = 9`);
    expect(typeof row?.at).toBe('string');
    expect(row?.on_day).toBe('2026-01-02');
    const [raw] = await handle.query<{ at: unknown }>('select at from t where id = 9');
    expect(raw?.at).toBeInstanceOf(Date);
  });

  it('dumps its data directory and opens a copy from it', async () => {
    const dump = await handle.dumpDataDir!();
    const copy = await openDatabase({ engine, loadDataDir: dump });
    try {
      expect(await copy.query('select count(*)::int as n from t')).toEqual(await handle.query('select count(*)::int as n from t'));
    } finally {
      await copy.close();
    }
  }, 120_000);

  it('refuses queries and pings once closed', async () => {
    await handle.close();
    await expect(handle.query('select 1')).rejects.toThrow(/closed|stopped/i);
    await expect(handle.ping()).rejects.toThrow(/closed|stopped/i);
  });
});

describe('LIANXIN_PGLITE_ENGINE', () => {
  it('defaults to the worker thread, accepts inline, refuses anything else', () => {
    expect(pgliteEngineFromEnv({})).toBe('worker');
    expect(pgliteEngineFromEnv({ LIANXIN_PGLITE_ENGINE: 'inline' })).toBe('inline');
    expect(() => pgliteEngineFromEnv({ LIANXIN_PGLITE_ENGINE: 'threads' })).toThrow(/worker or inline/);
  });
});
