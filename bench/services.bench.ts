/**
 * 机制二 at city scale, on its own data (no city seed needed): `npm run bench -- services`.
 *
 * - Nearest positions among 60,000 (the city's 5,700+ relay stations ten times over), on PostgreSQL and on PGlite:
 *   the app's query (`nearestStations`: GiST KNN on the planar point, re-ranked by haversine) against a full scan
 *   ordered by haversine distance over the same rows, same table, same indexes, in the same run; the two must
 *   agree on the nearest distance.
 * - The requests list "mine, overdue first" among 1,000,000 requests on PostgreSQL: the app's list query (scope
 *   predicate, the owner's and handler's unfinished requests read off partial indexes in due order, names joined)
 *   against one plain OR query over the same table that sorts all of the owner's unfinished requests.
 * Scratch databases: `${BENCH_DB_NAME}_services` on the server (dropped after), PGlite in memory.
 */
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { loadRegions, migrateDatabase, openDatabase, type DatabaseHandle } from '@lianxin/db';
import { nearestStations } from '../apps/api/src/features/services/stations.repo.ts';
import { listRequests, mineIds, requestVisible } from '../apps/api/src/features/services/requests.repo.ts';
import { shanghaiDate } from '@lianxin/contracts';
import { fmt, percentile, timeMs } from './stats.ts';

const STATIONS = Number(process.env.BENCH_STATIONS ?? 60_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1_000_000);
const OWNERS = 400;
const PROBES = 200;

/** A deterministic PRNG (mulberry32), so both databases get the same positions and probes. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The city federation, 宝山区 and its streets (ids from 1), and staff users owning requests. */
async function baseRows(handle: DatabaseHandle): Promise<{ streets: { id: number; path: string }[] }> {
  await loadRegions(handle);
  const codes = await handle.query<{ code: string }>(`select code from regions where code like '310113%' and length(code) = 9 order by code limit 10`);
  await handle.query(`insert into orgs (id, parent_id, path, kind, name, region_code) values (1, null, '1', 'city_federation', '上海市总工会', '310000'),
                       (2, 1, '1.2', 'district_federation', '宝山区总工会', '310113')`);
  const streets = codes.map((c, i) => ({ id: 10 + i, path: `1.2.${10 + i}`, code: c.code }));
  for (const s of streets) {
    await handle.query(`insert into orgs (id, parent_id, path, kind, name, region_code) values ($1, 2, $2::ltree, 'street_federation', $3, $4)`,
      [s.id, s.path, `街镇${s.id}总工会`, s.code]);
  }
  await handle.query(`select setval(pg_get_serial_sequence('orgs', 'id'), 100)`);
  await handle.query(`
    insert into users (username, display_name, password_hash, role, org_id)
    select 'bench-' || n, '员工' || n, 'x', 'street_staff', 10 + n % ${streets.length} from generate_series(1, ${OWNERS}) n`);
  return { streets };
}

async function seedStations(handle: DatabaseHandle, streets: { id: number; path: string }[]) {
  const random = prng(42);
  for (let start = 0; start < STATIONS; start += 20_000) {
    const n = Math.min(20_000, STATIONS - start);
    const lat: number[] = [];
    const lng: number[] = [];
    const org: number[] = [];
    for (let i = 0; i < n; i++) {
      lat.push(30.7 + random() * 1.1);
      lng.push(120.9 + random() * 1.05);
      org.push(streets[(start + i) % streets.length]!.id);
    }
    await handle.query(`
      insert into service_stations (org_id, org_path, name, level, address, lat, lng, hours, facilities, acceptance)
      select o, (select path from orgs where id = o), '接力站' || g, 'relay', '地址', la, ln,
             '[{"weekdays":[1,2,3,4,5,6,7],"open":"07:00","close":"21:00"}]'::jsonb, '{hot_water}', 'accepted'
        from unnest($1::float8[], $2::float8[], $3::int[]) with ordinality as t(la, ln, o, g)`, [lat, lng, org]);
  }
  await handle.query('analyze service_stations');
}

const HAVERSINE_SCAN = `
  select id, round(2 * 6371008.8 * asin(least(1, sqrt(power(sin(radians(lat - $1) / 2), 2)
           + cos(radians($1)) * cos(radians(lat)) * power(sin(radians(lng - $2) / 2), 2)))))::int as "distanceM"
    from service_stations where acceptance = 'accepted' order by 2, id limit 10`;

async function benchNearest(handle: DatabaseHandle, label: string) {
  const random = prng(7);
  const samples = { app: [] as number[], scan: [] as number[] };
  for (let i = 0; i <= PROBES; i++) {
    const lat = 30.9 + random() * 0.7;
    const lng = 121.1 + random() * 0.7;
    const a = await timeMs(() => nearestStations(handle.db, lat, lng, 10));
    const b = await timeMs(() => handle.query<{ id: number; distanceM: number }>(HAVERSINE_SCAN, [lat, lng]));
    if (a.result[0]?.distanceM !== b.result[0]?.distanceM) throw new Error(`${label}: nearest differs at ${lat},${lng}`);
    if (i === 0) continue; // warm-up
    samples.app.push(a.ms);
    samples.scan.push(b.ms);
  }
  const row = (s: number[]) => ({ p50: percentile(s, 50), p95: percentile(s, 95), min: Math.min(...s), max: Math.max(...s), n: s.length });
  const app = row(samples.app);
  const scan = row(samples.scan);
  console.log(`\nNearest 10 of ${STATIONS} positions on ${label} (${PROBES} random points)`);
  console.log(`  app (GiST KNN + haversine re-rank)   p50 ${fmt(app.p50)} ms  p95 ${fmt(app.p95)} ms  (min ${fmt(app.min)}, max ${fmt(app.max)})`);
  console.log(`  full scan by haversine (baseline)   p50 ${fmt(scan.p50)} ms  p95 ${fmt(scan.p95)} ms  (min ${fmt(scan.min)}, max ${fmt(scan.max)})`);
  console.log(`  ratio (baseline / app): p50 ${fmt(scan.p50 / app.p50)}×  p95 ${fmt(scan.p95 / app.p95)}×`);
  return { app, scan };
}

async function seedRequests(handle: DatabaseHandle, streets: { id: number; path: string }[]) {
  const today = shanghaiDate();
  const [first] = await handle.query<{ id: number }>(`select min(id)::int as id from users where username like 'bench-%'`);
  for (let start = 0; start < REQUESTS; start += 100_000) {
    const n = Math.min(100_000, REQUESTS - start);
    // statuses in fixed proportions, due days from 90 days ago to 30 days ahead, owners round the 400 staff
    await handle.query(`
      insert into service_requests (category_code, org_id, org_path, channel, status, description, requester_name, requester_phone_enc,
                                    requester_phone_hash, received_at, received_on, limit_days, due_on, owner_user_id)
      select 'general', 10 + g % ${streets.length}, ('1.2.' || (10 + g % ${streets.length}))::ltree, 'station', st, '诉求', '王', 'x', 'x', now(), d - 7, 5,
             case when st = 'paused' then null else d end, case when st = 'received' then null else u end
        from (select g, (array['in_progress','in_progress','paused','resolved','closed','closed','closed','received'])[1 + g % 8] as st,
                     $1::date + ((g::bigint * 7919) % 120 - 90)::int as d, $2::int + ((g::bigint * 31) % ${OWNERS})::int as u
                from generate_series(${start + 1}, ${start + n}) g) x`,
    [today, first!.id]);
  }
  await handle.query('analyze service_requests');
}

async function benchMineList(handle: DatabaseHandle) {
  // each owner as a district staff member of 宝山区 (scope 1.2) asking for their own list
  const owners = await handle.query<{ id: number }>(`select id from users where username like 'bench-%' order by id`);
  const samples = { app: [] as number[], bare: [] as number[] };
  // baseline: the same rows asked the plain way — one OR over owner and handler, sorted after reading them all
  const BARE = `select id from service_requests where (owner_user_id = $1 or handler_user_id = $1) and status in ('received', 'in_progress', 'paused')
                order by due_on nulls last, id limit 50`;
  for (let round = 0; round < 3; round++) {
    for (const o of owners.slice(0, 100)) {
      const scope = { kind: 'subtree' as const, rootOrgId: 2, path: '1.2', canWrite: true };
      const where = sql`${requestVisible(scope)} and r.id in (${mineIds(o.id, 50)})`;
      const a = await timeMs(() => listRequests(handle.db, where, 50));
      const b = await timeMs(() => handle.query<{ id: number }>(BARE, [o.id]));
      if (round === 0) {
        if (a.result.map((r) => r.id).join() !== b.result.map((r) => r.id).join()) throw new Error(`mine list differs for user ${o.id}`);
        continue;
      }
      samples.app.push(a.ms);
      samples.bare.push(b.ms);
    }
  }
  const row = (s: number[]) => ({ p50: percentile(s, 50), p95: percentile(s, 95), min: Math.min(...s), max: Math.max(...s), n: s.length });
  const app = row(samples.app);
  const bare = row(samples.bare);
  console.log(`\nRequests list "mine, overdue first" among ${REQUESTS} requests (${OWNERS} owners, ~${Math.round(REQUESTS / OWNERS)} each; PostgreSQL)`);
  console.log(`  app (two index-ordered scans + names) p50 ${fmt(app.p50)} ms  p95 ${fmt(app.p95)} ms  (min ${fmt(app.min)}, max ${fmt(app.max)})`);
  console.log(`  one OR query, sort all (baseline)    p50 ${fmt(bare.p50)} ms  p95 ${fmt(bare.p95)} ms`);
  return { app, bare };
}

export async function benchServices() {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const database = `${process.env.BENCH_DB_NAME || 'lianxin_bench'}_services`;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) throw new Error(`bad BENCH_DB_NAME ${database}`);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const results: Record<string, unknown> = {};
  const pgHandle = await openDatabase({ url: url.toString(), poolSize: 4 });
  try {
    await migrateDatabase(pgHandle);
    const { streets } = await baseRows(pgHandle);
    await seedStations(pgHandle, streets);
    results.nearestPostgres = await benchNearest(pgHandle, 'PostgreSQL');
    const seeded = await timeMs(() => seedRequests(pgHandle, streets));
    console.log(`\n(${REQUESTS} requests written in ${fmt(seeded.ms / 1000, 1)} s, figure triggers included)`);
    results.mineList = await benchMineList(pgHandle);
  } finally {
    await pgHandle.close();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
  const lite = await openDatabase();
  try {
    await migrateDatabase(lite);
    const { streets } = await baseRows(lite);
    await seedStations(lite, streets);
    results.nearestPglite = await benchNearest(lite, 'PGlite');
  } finally {
    await lite.close();
  }
  return results;
}
