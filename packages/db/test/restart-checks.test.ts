import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegions, migrateDatabase, migrationsFolder, openDatabase, type DatabaseHandle } from '../src/index.ts';
import { RemotePglite } from '../src/pglite-remote.ts';
import { shanghaiRegions } from '../src/reference/regions.ts';

interface Journal { entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[] }

// A restart skips the migrator and the regions' upsert when the database already holds them (issue 10's warm
// restart); the same checks must still migrate a data directory made before a new migration, and still refresh
// regions that differ from the reference.
describe('restart checks', () => {
  let folder: string;
  let dataDir: string;

  beforeAll(() => {
    const scratch = mkdtempSync(join(tmpdir(), 'lianxin-restart-'));
    folder = join(scratch, 'migrations');
    dataDir = join(scratch, 'pglite');
    cpSync(migrationsFolder, folder, { recursive: true });
  });
  afterAll(() => rmSync(join(folder, '..'), { recursive: true, force: true }));

  it('migrates a fresh database, then answers up-to-date without running the migrator', async () => {
    const handle = await openDatabase({ dataDir, engine: 'inline' });
    try {
      expect(await migrateDatabase(handle, folder)).toBe('migrated');
      const [before] = await handle.query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations');
      expect(await migrateDatabase(handle, folder)).toBe('up-to-date');
      const [after] = await handle.query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations');
      expect(after!.n).toBe(before!.n);
    } finally {
      await handle.close();
    }
  });

  it('applies a migration added after the data directory was made (reopened on a thread started early)', async () => {
    const journalFile = join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as Journal;
    const last = journal.entries.at(-1)!;
    const tag = `${String(last.idx + 1).padStart(4, '0')}_restart_probe`;
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag });
    writeFileSync(journalFile, JSON.stringify(journal, null, 2));
    writeFileSync(join(folder, `${tag}.sql`), 'CREATE TABLE restart_probe (id integer PRIMARY KEY);');

    // as server.ts does on a restart: the thread starts before anything else, openDatabase adopts it
    const started = RemotePglite.create({ dataDir });
    const handle: DatabaseHandle = await openDatabase({ dataDir, started });
    try {
      expect(handle.engine).toBe('worker');
      expect(await migrateDatabase(handle, folder)).toBe('migrated');
      expect(await handle.query(`select to_regclass('restart_probe')::text as t`)).toEqual([{ t: 'restart_probe' }]);
      expect(await migrateDatabase(handle, folder)).toBe('up-to-date');
    } finally {
      await handle.close();
    }
  });

  it('loads regions once, leaves equal rows alone and refreshes changed ones', async () => {
    const handle = await openDatabase({ dataDir, engine: 'inline' });
    try {
      expect(await loadRegions(handle)).toEqual({ rows: shanghaiRegions.length, written: true });
      expect(await loadRegions(handle)).toEqual({ rows: shanghaiRegions.length, written: false });
      await handle.query(`update regions set name = '顾村' where code = '310113109'`);
      expect((await loadRegions(handle)).written).toBe(true);
      expect(await handle.query(`select name from regions where code = '310113109'`)).toEqual([{ name: '顾村镇' }]);
      expect((await loadRegions(handle)).written).toBe(false);
    } finally {
      await handle.close();
    }
  });
});
