/**
 * The pre-built demo data image: a fresh embedded database starts from a copy instead of being seeded.
 *
 * Seeding the demo data (union tree, 19,000 enterprises, argon2-hashed logins, every feature's demo members —
 * ≈ 370,000 —, applications, campaigns…) takes 50–110 s and grows with every module; loading a dumped PGlite data
 * directory takes about as long as opening one. The image is built once per version of the code that shapes the data and kept under
 * node_modules/.cache/lianxin/demo-images/<key>/:
 *   pgdata/          PGlite's data directory of the migrated, seeded database, copied as files into a fresh data
 *                    directory (a plain copy; loading PGlite's dumped tarball instead unpacks it through the WASM
 *                    file system, 5–30× slower)
 *   pii.key          the master key its personal data is encrypted with (absent when LIANXIN_PII_KEY was set)
 *   demo-logins.txt  the logins and their password
 * The key hashes every source file that decides the data (db schema, migrations, seed, contracts, the API's
 * features and their demo data), PGlite's version, and DEMO_PASSWORD / LIANXIN_PII_KEY when set, so that any change
 * makes a new image and later modules' demo data is in it without anyone remembering to rebuild.
 *
 * Demo dates are as of the day the image was built (a week-old image shows week-old applications as a week old).
 */
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadRegions, migrateDatabase, openDatabase, type DatabaseHandle } from '@lianxin/db';
import { repoRoot, type AppConfig } from '../config.ts';
import { loadPiiKey } from '../security/pii-cipher.ts';

export const demoImageRoot = join(repoRoot, 'node_modules/.cache/lianxin/demo-images');

/** Folders whose files decide what the demo database holds. */
const SOURCES = ['packages/db/src', 'packages/db/migrations', 'packages/contracts/src', 'apps/api/src'];

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

export function demoImageKey(config: Pick<AppConfig, 'piiKey'>, env: NodeJS.ProcessEnv = process.env): string {
  const hash = createHash('sha256');
  for (const folder of SOURCES) {
    for (const file of sourceFiles(join(repoRoot, folder))) {
      hash.update(relative(repoRoot, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  const pglite = JSON.parse(readFileSync(join(repoRoot, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string };
  hash.update(`pglite ${pglite.version}\0password ${env.DEMO_PASSWORD ?? ''}\0key ${config.piiKey ?? ''}`);
  return hash.digest('hex').slice(0, 24);
}

export interface DemoImage {
  dir: string;
  pgdata: string;
  /** null when the image was built with LIANXIN_PII_KEY */
  piiKeyFile: string | null;
  logins: string;
}

function readImage(dir: string): DemoImage | null {
  if (!existsSync(join(dir, 'ready'))) return null;
  const keyFile = join(dir, 'pii.key');
  return {
    dir,
    pgdata: join(dir, 'pgdata'),
    piiKeyFile: existsSync(keyFile) ? keyFile : null,
    logins: readFileSync(join(dir, 'demo-logins.txt'), 'utf8'),
  };
}

/** The image for this code and settings, built first when there is none (and older images removed). */
export async function ensureDemoImage(config: AppConfig, log: (line: string) => void = console.log): Promise<DemoImage> {
  const key = demoImageKey(config);
  const dir = join(demoImageRoot, key);
  const ready = readImage(dir);
  if (ready) return ready;

  log('Building the demo data image (once per version of the code; later fresh starts copy it)…');
  const started = Date.now();
  // the app only when building: a start that copies the image loads it while the database opens (server.ts)
  const [{ buildApp }, { features }, { MemorySmsTransport }, { seedDemo }] = await Promise.all([
    import('../app.ts'), import('../features/index.ts'), import('../features/notifications/outbox.ts'), import('./demo-data.ts'),
  ]);
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true, mode: 0o700 });
  // on this thread: nothing else runs while the image is built
  const handle = await openDatabase({ engine: 'inline', dataDir: join(building, 'pgdata') });
  let wal: WalRange | undefined;
  try {
    await migrateDatabase(handle);
    await loadRegions(handle);
    const piiKey = loadPiiKey({ piiKey: config.piiKey, databaseUrl: undefined }, join(building, 'pii.key'));
    const app = await buildApp({ handle, config: { ...config, webDist: null }, piiKey, logger: false, smsTransport: new MemorySmsTransport() });
    const password = process.env.DEMO_PASSWORD || randomBytes(9).toString('base64url');
    const { logins, counts } = await seedDemo(handle, app, features, password);
    await app.close();
    // everything on disk in the data files before the copy is taken
    await handle.query('checkpoint');
    wal = await walToKeep(handle);
    writeFileSync(join(building, 'demo-logins.txt'), logins, { mode: 0o600 });
    log(`Demo data image: ${counts.orgs} unions, ${counts.enterprises} enterprises and each feature's demo data in ${Date.now() - started} ms.`);
  } finally {
    await handle.close();
  }
  if (wal) dropSpareWal(join(building, 'pgdata', 'pg_wal'), wal);
  writeFileSync(join(building, 'ready'), `${new Date().toISOString()}\n`);
  // another start may have finished the same image meanwhile: either copy will do
  if (existsSync(dir)) rmSync(building, { recursive: true, force: true });
  else renameSync(building, dir);
  // older images (other versions of the code) go, unless built in the last hour (another checkout may use them)
  for (const entry of readdirSync(demoImageRoot)) {
    const path = join(demoImageRoot, entry);
    if (entry !== key && Date.now() - statSync(path).mtimeMs > 3600_000) rmSync(path, { recursive: true, force: true });
  }
  return readImage(dir)!;
}

/** The WAL segment files (names) a closed copy of the database needs: from the last checkpoint's redo point on. */
interface WalRange { first: string; last: string }

/**
 * The segments holding the last checkpoint's redo point up to the one after the current insert position (closing
 * the database writes its shutdown checkpoint there; segments are 16 MB, so it cannot reach further).
 */
async function walToKeep(handle: DatabaseHandle): Promise<WalRange | undefined> {
  const [row] = await handle.query<{ first: string; last: string }>(`
    select pg_walfile_name(redo_lsn) as first, pg_walfile_name(pg_current_wal_insert_lsn() + 16 * 1024 * 1024) as last
      from pg_control_checkpoint()`);
  return row;
}

/**
 * Removes the WAL segments outside `keep` from a closed data directory: the ones before the checkpoint (replayed
 * and no longer needed) and the recycled ones PostgreSQL keeps for reuse under future names (it makes new ones
 * when it needs them). After a checkpoint these are most of the WAL directory — 480 MB of the 910 MB image once
 * the demo held 370,000 members — and every fresh data directory would copy them. PGlite's single-user server has
 * no checkpointer to shrink them on a setting change. Names compare in log order (timeline, log, segment in hex).
 */
function dropSpareWal(dir: string, keep: WalRange): void {
  for (const name of readdirSync(dir)) {
    if (/^[0-9A-F]{24}$/.test(name) && (name < keep.first || name > keep.last)) rmSync(join(dir, name));
  }
}

/** Copies the image's data directory into a fresh one. */
export function copyImageData(image: DemoImage, pgDir: string): void {
  rmSync(pgDir, { recursive: true, force: true });
  cpSync(image.pgdata, pgDir, { recursive: true });
}

/**
 * Puts the image's key file in a fresh data directory (when the key comes from a file, not LIANXIN_PII_KEY).
 * False when the directory already has a different key: its data could not be read with the image's.
 */
export function adoptImageKey(image: DemoImage, keyFile: string): boolean {
  if (!image.piiKeyFile) return true;
  if (existsSync(keyFile)) return readFileSync(keyFile, 'utf8').trim() === readFileSync(image.piiKeyFile, 'utf8').trim();
  mkdirSync(join(keyFile, '..'), { recursive: true });
  copyFileSync(image.piiKeyFile, keyFile);
  return true;
}
