import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadRegions, migrateDatabase, openDatabase, type DatabaseHandle } from '@lianxin/db';
import { seedDatabase } from '@lianxin/db/seed';
import { TEST_PASSWORD } from './constants.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string | null;
    pgliteTemplate: string | null;
  }
}

export function databaseUrlFor(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function prepare(handle: DatabaseHandle) {
  await migrateDatabase(handle);
  await loadRegions(handle);
  await seedDatabase(handle, { scale: 'demo', demoPassword: TEST_PASSWORD });
}

/** Builds one migrated, demo-seeded template; each test file starts from a copy of it. */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const template = `lianxin_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${template}`);
    const handle = await openDatabase({ url: databaseUrlFor(url, template), poolSize: 4 });
    await prepare(handle);
    await handle.close();
    project.provide('pgTemplate', template);
    project.provide('pgliteTemplate', null);
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin.end();
    };
  }
  const handle = await openDatabase();
  await prepare(handle);
  if (!handle.dumpDataDir) throw new Error('the embedded database cannot dump its data directory');
  const dump = await handle.dumpDataDir();
  const dir = mkdtempSync(join(tmpdir(), 'lianxin-test-'));
  const file = join(dir, 'template.tar.gz');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide('pgTemplate', null);
  project.provide('pgliteTemplate', file);
  return () => rmSync(dir, { recursive: true, force: true });
}
