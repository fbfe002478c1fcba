import type { DatabaseHandle } from '@lianxin/db';
import {
  COVERAGE_INSERT_SQL, coverageParams, ENTERPRISE_INSERT_SQL, enterpriseParams, generateSeedData, ORG_INSERT_SQL, orgParams,
  seedDatabase,
} from '@lianxin/db/seed';
import { fmt, timeMs } from './stats.ts';

const RAW_BATCH = 20_000;

/**
 * Seeds the `city` scale (generation, hashing, inserts, ANALYZE: everything `npm run seed` does) and compares its
 * rows/s with a raw `INSERT … SELECT FROM unnest(...)` of the same, pre-generated rows into tables of the same
 * shape and indexes, in the same run on the same server.
 */
export async function benchSeed(handle: DatabaseHandle) {
  const seeded = await timeMs(() => seedDatabase(handle, { scale: 'city', demoPassword: 'bench-password' }));
  const counts = seeded.result.counts;
  const seedRows = counts.orgs + counts.enterprises + counts.coverage + counts.users;

  const data = generateSeedData({ scale: 'city' });
  for (const table of ['orgs', 'enterprises', 'org_coverage']) {
    await handle.query(`DROP TABLE IF EXISTS bench_raw_${table}`);
    await handle.query(`CREATE TABLE bench_raw_${table} (LIKE ${table} INCLUDING DEFAULTS INCLUDING INDEXES)`);
  }
  const rawInsert = async (sql: string, table: string, total: number, params: (s: number, e: number) => unknown[]) => {
    const target = sql.replace(`INSERT INTO ${table} `, `INSERT INTO bench_raw_${table} `);
    for (let start = 0; start < total; start += RAW_BATCH) {
      await handle.query(target, params(start, Math.min(total, start + RAW_BATCH)));
    }
  };
  const raw = await timeMs(async () => {
    await rawInsert(ORG_INSERT_SQL, 'orgs', data.orgs.id.length, (s, e) => orgParams(data.orgs, s, e));
    await rawInsert(ENTERPRISE_INSERT_SQL, 'enterprises', data.enterprises.id.length, (s, e) => enterpriseParams(data.enterprises, s, e));
    await rawInsert(COVERAGE_INSERT_SQL, 'org_coverage', data.coverage.orgId.length, (s, e) => coverageParams(data.coverage, s, e));
  });
  const rawRows = data.orgs.id.length + data.enterprises.id.length + data.coverage.orgId.length;
  for (const table of ['orgs', 'enterprises', 'org_coverage']) await handle.query(`DROP TABLE bench_raw_${table}`);

  const seedRate = seedRows / (seeded.ms / 1000);
  const rawRate = rawRows / (raw.ms / 1000);
  console.log(`\nSeed, city scale, on ${handle.kind}`);
  console.log(`  seed (generate + hash + insert + analyze)  ${seedRows} rows in ${fmt(seeded.ms / 1000)} s = ${Math.round(seedRate)} rows/s`);
  console.log(`  raw unnest insert of the same rows (baseline) ${rawRows} rows in ${fmt(raw.ms / 1000)} s = ${Math.round(rawRate)} rows/s`);
  console.log(`  ratio (seed / raw): ${fmt(seedRate / rawRate)}`);
  return { counts, seedMs: seeded.ms, seedRate, rawMs: raw.ms, rawRate };
}
