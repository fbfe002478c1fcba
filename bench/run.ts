/**
 * `npm run bench [-- names…]`: benchmarks against PostgreSQL (BENCH_DATABASE_URL, default the local server). Creates a
 * scratch database (`BENCH_DB_NAME`, default `lianxin_bench`: two people benchmarking on one server pick
 * different names so that neither drops the other's database), seeds the city scale, measures, and drops it (`BENCH_KEEP_DB=1` keeps it for EXPLAIN). Each
 * figure is printed with its raw baseline measured in the same run; copy the summary into docs/PERFORMANCE.md.
 * Names (seed, subtree, applications, import, coverage, search, rights) pick which run after the seed; none = all (the
 * seed's raw baselines run only when "seed" is named or no name is given). `h5`, `office`, `startup` and
 * `roster-read` need no PostgreSQL and run alone when only they are named; `services` (机制二) builds its own scratch
 * database and data, no city seed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { migrateDatabase, openDatabase } from '@lianxin/db';
import { benchApplications } from './applications.bench.ts';
import { benchCoverage } from './coverage.bench.ts';
import { benchFunds } from './funds.bench.ts';
import { benchH5Network } from './h5-network.bench.ts';
import { benchOfficeLoad } from './office-load.bench.ts';
import { benchStartup } from './startup.bench.ts';
import { benchImport } from './import.bench.ts';
import { benchSearch } from './search.bench.ts';
import { benchRosterRead } from './roster-read.bench.ts';
import { benchRights } from './rights.bench.ts';
import { benchSeed } from './seed.bench.ts';
import { benchServices } from './services.bench.ts';
import { benchSubtreeCount } from './subtree-count.bench.ts';
import { benchVotes } from './votes.bench.ts';

/** Benchmarks that need no PostgreSQL: the embedded database, the browser, start-up, reading rosters. `npm run bench -- h5 office startup` */
const standalone = { h5: benchH5Network, office: benchOfficeLoad, startup: benchStartup, 'roster-read': benchRosterRead, services: benchServices };
const asked = process.argv.slice(2);
if (asked.length > 0 && asked.every((name) => name in standalone)) {
  const results: Record<string, unknown> = {};
  for (const name of asked) results[name] = await standalone[name as keyof typeof standalone]();
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(
    new URL(`./results/${new Date().toISOString().slice(0, 19).replaceAll(':', '')}-${asked.join('-')}.json`, import.meta.url),
    JSON.stringify({ at: new Date().toISOString(), ...results }, null, 2),
  );
  process.exit(0);
}

/**
 * `npm run bench -- votes`: the idea contest needs no city seed, only its own voters (written by the benchmark on
 * top of the demo seed), so it runs alone on its own scratch database.
 */
if (asked.length === 1 && asked[0] === 'votes') {
  const { seedDatabase } = await import('@lianxin/db/seed');
  const { loadRegions } = await import('@lianxin/db');
  const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const database = process.env.BENCH_DB_NAME || 'lianxin_bench_votes';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) throw new Error(`BENCH_DB_NAME must be a lower-case identifier, not ${JSON.stringify(database)}`);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: 16 });
  try {
    await migrateDatabase(handle);
    await loadRegions(handle);
    await seedDatabase(handle, { scale: 'demo', demoPassword: 'bench-password-8Kq' });
    const votes = await benchVotes(handle);
    mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
    writeFileSync(
      new URL(`./results/${new Date().toISOString().slice(0, 19).replaceAll(':', '')}-votes.json`, import.meta.url),
      JSON.stringify({ at: new Date().toISOString(), votes }, null, 2),
    );
  } finally {
    await handle.close();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
  process.exit(0);
}

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const database = process.env.BENCH_DB_NAME || 'lianxin_bench';
// the name goes into DROP/CREATE DATABASE unquoted: a plain identifier only
if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) throw new Error(`BENCH_DB_NAME must be a lower-case identifier, not ${JSON.stringify(database)}`);

const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${database}`);
const url = new URL(serverUrl);
url.pathname = `/${database}`;
const handle = await openDatabase({ url: url.toString(), poolSize: 16 });
try {
  await migrateDatabase(handle);
  const only = new Set(process.argv.slice(2));
  const wanted = (name: string) => only.size === 0 || only.has(name);
  // the seed always runs (every benchmark reads the city scale); its raw-insert baselines only when wanted
  const seed = await benchSeed(handle, { baselines: wanted('seed') });
  const subtree = wanted('subtree') ? await benchSubtreeCount(handle) : null;
  const applications = wanted('applications') ? await benchApplications(handle) : null;
  // after the import, so the cockpit and its baseline also count 200,000 more members
  const importing = wanted('import') ? await benchImport(handle) : null;
  const coverage = wanted('coverage') ? await benchCoverage(handle) : null;
  const search = wanted('search') ? await benchSearch(handle) : null;
  const funds = wanted('funds') ? await benchFunds(handle) : null;
  const rights = wanted('rights') ? await benchRights(handle) : null;
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(
    new URL(`./results/${new Date().toISOString().slice(0, 19).replaceAll(':', '')}.json`, import.meta.url),
    JSON.stringify({ at: new Date().toISOString(), seed, subtree, applications, import: importing, coverage, search, funds, rights }, null, 2),
  );
} finally {
  await handle.close();
  // BENCH_KEEP_DB=1 keeps the seeded database for EXPLAIN ANALYZE afterwards (drop it by hand)
  if (process.env.BENCH_KEEP_DB === '1') console.log(`Kept the database ${database} (BENCH_KEEP_DB=1).`);
  else await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
}
