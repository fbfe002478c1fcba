/**
 * `npm start`: opens the database (embedded PGlite under ./data unless DATABASE_URL is set), applies migrations,
 * fills a fresh embedded database with the demo data (a copy of the pre-built image, startup/demo-image.ts), runs
 * the features' jobs and serves the API with the web bundle. Prints where the start-up time went.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pgliteEngineFromEnv, RemotePglite } from '@lianxin/db/pglite-remote';
import { loadConfig } from './config.ts';
import { loadPiiKey } from './security/pii-cipher.ts';
import { StartupTimeline } from './startup/timeline.ts';

// Only what starts the database thread is imported up front: on a restart the thread opens the database (compiles
// PostgreSQL's WebAssembly, starts it) on the other core while everything else loads below — the database modules,
// Fastify, the zod schemas, every feature.
const timeline = new StartupTimeline();
timeline.mark('node + entry modules');

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  console.error(`连心 Lianxin cannot start: ${(error as Error).message}`);
  process.exit(1);
}
const embedded = !config.databaseUrl;
const pgDir = join(config.dataDir, 'pglite');
const keyFile = join(config.dataDir, 'pii.key');
const loginsFile = join(config.dataDir, 'demo-logins.txt');

if (process.env.LIANXIN_PREPARE_ONLY === 'true') {
  // npm install's postinstall (scripts/start.mjs --prepare): only the demo image, so that the first start copies it
  if (embedded) await (await import('./startup/demo-image.ts')).ensureDemoImage(config);
  process.exit(0);
}

const loadKey = () => {
  try {
    // before anything opens: a missing or malformed key stops the start with what to set
    return loadPiiKey(config, keyFile);
  } catch (error) {
    console.error(`连心 Lianxin cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
};

// A restart of the embedded database (its data directory exists) starts the database thread now; a fresh one first
// copies the demo image below, so its thread starts after the copy.
let piiKey: Buffer | null = null;
let started: Promise<RemotePglite> | undefined;
if (embedded && existsSync(join(pgDir, 'PG_VERSION')) && pgliteEngineFromEnv() === 'worker') {
  piiKey = loadKey();
  started = RemotePglite.create({ dataDir: pgDir });
  started.catch(() => {}); // awaited below; a failure must not count as unhandled while the modules load
  timeline.mark('database thread started');
}

const [{ loadRegions, migrateDatabase, openDatabase, orgs }, { adoptImageKey, copyImageData, ensureDemoImage }] = await Promise.all([
  import('@lianxin/db'), import('./startup/demo-image.ts'),
]);
timeline.mark('database modules');

// A fresh embedded database starts as a copy of the demo image (built here first when the code changed).
let image: Awaited<ReturnType<typeof ensureDemoImage>> | null = null;
if (embedded && !started && !existsSync(join(pgDir, 'PG_VERSION')) && process.env.LIANXIN_DEMO_IMAGE !== 'off') {
  try {
    image = await ensureDemoImage(config);
    if (!adoptImageKey(image, keyFile)) {
      console.log(`${keyFile} holds another key than the demo image; seeding instead.`);
      image = null;
    }
  } catch (error) {
    console.warn(`No demo image (${(error as Error).message}); seeding instead.`);
    image = null;
  }
  timeline.mark('demo image');
}

piiKey ??= loadKey();

if (image) {
  copyImageData(image, pgDir);
  timeline.mark('image copied');
}
const opening = openDatabase({ url: config.databaseUrl, dataDir: pgDir, started });
opening.catch(() => {}); // awaited below; a failure must not count as unhandled while the modules load
const [{ buildApp }, { features }, { startJobs }, { seedDemo }] = await Promise.all([
  import('./app.ts'), import('./features/index.ts'), import('./jobs.ts'), import('./startup/demo-data.ts'),
]);
timeline.mark('app modules (while the database opens)');
const handle = await opening;
timeline.mark(`database open (${handle.kind}, ${handle.engine ?? 'pool'})`);
timeline.mark(`migrations (${await migrateDatabase(handle)})`);
timeline.mark(`regions (${(await loadRegions(handle)).written ? 'loaded' : 'up-to-date'})`);

const app = await buildApp({ handle, config, piiKey, logger: { level: config.logLevel } });
timeline.mark('app');

if (image) {
  writeFileSync(loginsFile, image.logins, { mode: 0o600 });
} else if (embedded && (await handle.db.select({ id: orgs.id }).from(orgs).limit(1)).length === 0) {
  // Only the embedded database is seeded on its own; a DATABASE_URL is seeded by `npm run seed` when asked.
  const demoPassword = process.env.DEMO_PASSWORD || randomBytes(9).toString('base64url');
  console.log('Seeding demo data into the embedded database…');
  const seedingStarted = Date.now();
  const { logins, counts } = await seedDemo(handle, app, features, demoPassword);
  writeFileSync(loginsFile, logins, { mode: 0o600 });
  console.log(`Seeded ${counts.orgs} unions, ${counts.enterprises} enterprises and each feature's demo data in ${Date.now() - seedingStarted} ms.`);
  timeline.mark('demo data seeded');
}

// every feature's jobs: figures housekeeping, outbox retries…
app.addHook('onClose', startJobs(app, features));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => handle.close()).finally(() => process.exit(0));
  });
}

await app.listen({ port: config.port, host: config.host });
timeline.mark('listening');
const url = `http://localhost:${config.port}`;
console.log(`\n连心 Lianxin is running: ${url} (staff console)  ${url}/m/ (member site)  database: ${handle.kind}`);
console.log(timeline.summary());
if (existsSync(loginsFile)) console.log(readFileSync(loginsFile, 'utf8'));
