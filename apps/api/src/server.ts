/**
 * `npm start`: opens the database (embedded PGlite under ./data unless DATABASE_URL is set), applies migrations,
 * seeds demo data into an empty embedded database, runs the features' jobs and serves the API with the web bundle.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRegions, migrateDatabase, openDatabase, orgs } from '@lianxin/db';
import { seedDatabase } from '@lianxin/db/seed';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { features } from './features/index.ts';
import { DEMO_MEMBER_PHONE } from './features/members/demo-members.ts';
import { startJobs } from './jobs.ts';
import { loadPiiKey } from './security/pii-cipher.ts';

let config: ReturnType<typeof loadConfig>;
let piiKey: Buffer;
try {
  config = loadConfig();
  // before anything opens: a missing or malformed key stops the start with what to set
  piiKey = loadPiiKey(config, join(config.dataDir, 'pii.key'));
} catch (error) {
  console.error(`连心 Lianxin cannot start: ${(error as Error).message}`);
  process.exit(1);
}
const embedded = !config.databaseUrl;
const handle = await openDatabase({ url: config.databaseUrl, dataDir: join(config.dataDir, 'pglite') });
await migrateDatabase(handle);
await loadRegions(handle);

const app = await buildApp({ handle, config, piiKey, logger: { level: config.logLevel } });

const loginsFile = join(config.dataDir, 'demo-logins.txt');
// Only the embedded database is seeded on its own; a DATABASE_URL is seeded by `npm run seed` when asked.
if (embedded && (await handle.db.select({ id: orgs.id }).from(orgs).limit(1)).length === 0) {
  const demoPassword = process.env.DEMO_PASSWORD || randomBytes(9).toString('base64url');
  console.log('Seeding demo data into the embedded database…');
  const started = Date.now();
  const result = await seedDatabase(handle, { scale: 'demo', demoPassword });
  // each feature's demo data, in the registry's order, through the app's keys and writers
  for (const feature of features) await feature.demo?.(app);
  const lines = [
    `Demo logins (password: ${demoPassword}):`,
    ...result.logins.map((l) => `  ${l.username.padEnd(22)} ${l.role.padEnd(17)} ${l.orgName}`),
    `Member site /m/login: phone ${DEMO_MEMBER_PHONE}; the one-time code appears in this server's log.`,
  ];
  writeFileSync(loginsFile, lines.join('\n') + '\n', { mode: 0o600 });
  console.log(`Seeded ${result.counts.orgs} unions, ${result.counts.enterprises} enterprises and each feature's demo data in ${Date.now() - started} ms.`);
}

// every feature's jobs: figures housekeeping, outbox retries…
app.addHook('onClose', startJobs(app, features));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void app.close().then(() => handle.close()).finally(() => process.exit(0));
  });
}

await app.listen({ port: config.port, host: config.host });
const url = `http://localhost:${config.port}`;
console.log(`\n连心 Lianxin is running: ${url} (staff console)  ${url}/m/ (member site)  database: ${handle.kind}`);
if (existsSync(loginsFile)) console.log(readFileSync(loginsFile, 'utf8'));
