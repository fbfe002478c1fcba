/**
 * Deterministic demo data: the union tree of Shanghai (city → districts → streets/towns → federations →
 * enterprise unions), the enterprise registry with coverage, and demo logins. See DOMAIN.md §1.
 *
 *   const { logins, counts } = await seedDatabase(handle, { scale: 'demo', demoPassword });
 *
 * generateSeedData() builds the same rows as column arrays without a database (for benchmarks);
 * ENTERPRISE_INSERT_SQL + enterpriseParams() are the unnest insert the seed uses.
 */
import { hash } from '@node-rs/argon2';
import { shanghaiDate, type Role } from '@lianxin/contracts';
import type { DatabaseHandle } from '../client.ts';
import { loadRegions } from '../reference/load-regions.ts';
import { generateSeedData, type SeedLogin } from './generate.ts';
import { enterprises, orgCoverage, orgs, users } from '../schema/index.ts';
import {
  insertCoverage, insertEnterprises, insertOrgs, insertUsers, resetSequences, restoreSchemaObjects, withBulkLoadMode,
} from './insert.ts';
import type { SeedScale } from './plan.ts';

export * from './generate.ts';
export * from './insert.ts';
export { nameInitials } from '../pinyin.ts';
export {
  SEED_REFERENCE_DATE, SONGJIANG_ZONE_FIGURES, OUYANGLU_FIGURES, BAOSHAN_DUAL_REAL_EMPLOYEES, CITY_TOTAL_ENTERPRISES,
  seedScales, type SeedScale,
} from './plan.ts';

export interface SeedOptions {
  scale: SeedScale;
  demoPassword: string;
  onProgress?: (msg: string) => void;
}

export interface SeedResult {
  logins: { username: string; role: Role; orgName: string }[];
  /** rows written; `coverage` = org_coverage rows */
  counts: { orgs: number; enterprises: number; users: number; coverage: number };
}

/** Seeds an empty, migrated database (regions are loaded here). Throws if the orgs table holds rows. */
export async function seedDatabase(handle: DatabaseHandle, options: SeedOptions): Promise<SeedResult> {
  const progress = options.onProgress ?? (() => {});
  await loadRegions(handle);
  const existing = await handle.query<{ n: number }>('SELECT count(*)::int AS n FROM orgs');
  if ((existing[0]?.n ?? 0) > 0) {
    throw new Error('seedDatabase: the orgs table is not empty; seed only an empty database (or run `npm run seed -- --reset`)');
  }

  const restored = await restoreSchemaObjects(handle, [orgs, enterprises, orgCoverage, users]);
  if (restored.length > 0) progress(`restored keys and indexes lost by an interrupted seed: ${restored.join(', ')}`);

  let t = performance.now();
  const data = generateSeedData({ scale: options.scale, targetDate: shanghaiDate(), onProgress: progress });
  const passwordHash = await hash(options.demoPassword, { algorithm: 2 });
  progress(`generated ${data.enterprises.id.length} enterprises, ${data.orgs.id.length} unions in ${ms(t)}`);

  // two statements in flight keep PostgreSQL busy while node serialises the next batch
  const concurrency = handle.kind === 'postgres' ? 2 : 1;
  t = performance.now();
  await insertOrgs(handle, data.orgs);
  progress(`orgs: ${data.orgs.id.length} rows in ${ms(t)}`);
  t = performance.now();
  await withBulkLoadMode(
    handle,
    'enterprises',
    () =>
      insertEnterprises(handle, data.enterprises, {
        concurrency,
        batchSize: handle.kind === 'postgres' ? 10_000 : 20_000,
        onBatch: (done, total) => progress(`enterprises: ${done}/${total}`),
      }),
    progress,
  );
  progress(`enterprises: ${data.enterprises.id.length} rows in ${ms(t)}`);
  t = performance.now();
  await withBulkLoadMode(handle, 'org_coverage', () => insertCoverage(handle, data.coverage, { concurrency }), progress);
  progress(`org_coverage: ${data.coverage.orgId.length} rows in ${ms(t)}`);
  await insertUsers(handle, data.users, passwordHash);
  await resetSequences(handle);
  t = performance.now();
  // the triggers appended the figures of every batch as deltas; fold them once
  await handle.query('SELECT compact_org_figures()');
  // the folded deltas leave dead rows that every cockpit read would otherwise step over until autovacuum
  await handle.query('VACUUM org_figure_deltas');
  progress(`coverage figures compacted in ${ms(t)}`);
  t = performance.now();
  await handle.query('ANALYZE orgs, enterprises, org_coverage, users, org_figures');
  progress(`analyze in ${ms(t)}`);

  const logins: SeedLogin[] = data.logins;
  return {
    logins,
    counts: {
      orgs: data.orgs.id.length, enterprises: data.enterprises.id.length, users: data.users.length, coverage: data.coverage.orgId.length,
    },
  };
}

function ms(start: number): string {
  return `${Math.round(performance.now() - start)} ms`;
}
