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
export async function benchSeed(handle: DatabaseHandle, options: { baselines?: boolean } = {}) {
  const seeded = await timeMs(() => seedDatabase(handle, { scale: 'city', demoPassword: 'bench-password' }));
  const counts = seeded.result.counts;
  if (options.baselines === false) {
    console.log(`\nSeed, city scale, on ${handle.kind}: ${fmt(seeded.ms / 1000)} s (baselines not run: name "seed" to run them)`);
    return { counts, seedMs: seeded.ms };
  }
  const seedRows = counts.orgs + counts.enterprises + counts.coverage + counts.users;

  const data = generateSeedData({ scale: 'city' });
  const rawRows = data.orgs.id.length + data.enterprises.id.length + data.coverage.orgId.length;
  const tables: [string, string, number, (s: number, e: number) => unknown[]][] = [
    ['orgs', ORG_INSERT_SQL, data.orgs.id.length, (s, e) => orgParams(data.orgs, s, e)],
    ['enterprises', ENTERPRISE_INSERT_SQL, data.enterprises.id.length, (s, e) => enterpriseParams(data.enterprises, s, e)],
    ['org_coverage', COVERAGE_INSERT_SQL, data.coverage.orgId.length, (s, e) => coverageParams(data.coverage, s, e)],
  ];
  /** The same rows, pre-generated, through the same unnest statements into copies of the tables. */
  const rawLoad = async (indexesFirst: boolean) => {
    for (const [table] of tables) {
      await handle.query(`DROP TABLE IF EXISTS bench_raw_${table}`);
      await handle.query(`CREATE TABLE bench_raw_${table} (LIKE ${table} INCLUDING DEFAULTS INCLUDING GENERATED${indexesFirst ? ' INCLUDING INDEXES' : ''})`);
    }
    const timed = await timeMs(async () => {
      for (const [table, sql, total, params] of tables) {
        const target = sql.replace(`INSERT INTO ${table} `, `INSERT INTO bench_raw_${table} `);
        for (let start = 0; start < total; start += RAW_BATCH) {
          await handle.query(target, params(start, Math.min(total, start + RAW_BATCH)));
        }
        if (!indexesFirst) {
          // bulk-load order: rows first, then the table's indexes built once
          const indexes = await handle.query<{ def: string }>(
            `SELECT indexdef AS def FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1`, [table],
          );
          for (const { def } of indexes) {
            await handle.query(
              def.replace(/^CREATE (UNIQUE )?INDEX (\S+) ON (\S+)/, (_m, unique: string | undefined, name: string, on: string) =>
                `CREATE ${unique ?? ''}INDEX bench_raw_${name} ON ${on.replace(table, `bench_raw_${table}`)}`),
            );
          }
        }
      }
    });
    for (const [table] of tables) await handle.query(`DROP TABLE bench_raw_${table}`);
    return timed.ms;
  };
  const rawIndexedMs = await rawLoad(true);
  const rawBulkMs = await rawLoad(false);

  const seedRate = seedRows / (seeded.ms / 1000);
  const rate = (ms: number) => rawRows / (ms / 1000);
  console.log(`\nSeed, city scale, on ${handle.kind}`);
  console.log(`  seed (generate + hash + insert + index + analyze)  ${seedRows} rows in ${fmt(seeded.ms / 1000)} s = ${Math.round(seedRate)} rows/s`);
  console.log(`  raw unnest into indexed tables (baseline A)        ${rawRows} rows in ${fmt(rawIndexedMs / 1000)} s = ${Math.round(rate(rawIndexedMs))} rows/s`);
  console.log(`  raw unnest, then build indexes (baseline B)        ${rawRows} rows in ${fmt(rawBulkMs / 1000)} s = ${Math.round(rate(rawBulkMs))} rows/s`);
  console.log(`  ratio seed / A: ${fmt(seedRate / rate(rawIndexedMs))}   seed / B: ${fmt(seedRate / rate(rawBulkMs))}`);
  return { counts, seedMs: seeded.ms, seedRate, rawIndexedMs, rawBulkMs, rawRateIndexed: rate(rawIndexedMs), rawRateBulk: rate(rawBulkMs) };
}
