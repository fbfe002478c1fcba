import { randomBytes } from 'node:crypto';
import type { DatabaseHandle } from '@lianxin/db';
import type { CoverageResponse } from '@lianxin/contracts';
import { buildApp } from '../apps/api/src/app.ts';
import { loadConfig } from '../apps/api/src/config.ts';
import { accessScope, type Actor } from '../apps/api/src/access/access.ts';
import type { ServiceContext } from '../apps/api/src/context.ts';
import { getCoverage } from '../apps/api/src/features/coverage/coverage.service.ts';
import { MemorySmsTransport } from '../apps/api/src/features/notifications/outbox.ts';
import { noteWrite } from '../apps/api/src/lib/recent-reads.ts';
import { cachedInitials } from '../apps/api/src/features/members/members.enrol.ts';
import { fmt, percentile, timeMs } from './stats.ts';

const COCKPIT_ROUNDS = 300;
interface Timing { p50: number; p95: number }
const DIRECT_ROUNDS = 15;
const READERS = 20;
/** the measured street's 入会率 (members / employees in covered enterprises) */
const STREET_RATE = 0.8;
const CONCURRENT_ROUNDS = 15; // per reader

/** `readers` loops running `fn` `rounds` times each, all at once: every call's latency. */
async function concurrent(readers: number, rounds: number, fn: () => Promise<unknown>): Promise<Timing> {
  const ms: number[] = [];
  await Promise.all(Array.from({ length: readers }, async () => {
    for (let i = 0; i < rounds; i++) ms.push((await timeMs(fn)).ms);
  }));
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

/**
 * The same figures as the cockpit — per child unit and for the unit: enterprises, target enterprises, covered
 * targets, employees in covered enterprises, active members by category, organisations by kind — by GROUP BY
 * over the base tables (the ltree subpath picks the child each row falls under).
 */
async function directFigures(handle: DatabaseHandle, orgId: number) {
  const child = (column: string) => `case when nlevel(${column}) > u.depth then subpath(${column}, u.depth, 1)::text else 'self' end`;
  const unit = `(select path, nlevel(path) as depth from orgs where id = ${Number(orgId)}) u`;
  const [enterprises, members, orgs] = await Promise.all([
    handle.query<{ child: string; enterprises: number; target: number; covered_target: number; employees_covered: number }>(`
      select ${child('e.org_path')} as child, count(*)::int as enterprises, count(*) filter (where e.is_target)::int as target,
             count(*) filter (where e.is_target and e.union_status <> 'none')::int as covered_target,
             coalesce(sum(e.employee_count) filter (where e.union_status <> 'none'), 0)::int as employees_covered
        from enterprises e, ${unit} where e.org_path <@ u.path group by 1`),
    handle.query<{ child: string; category: string; n: number }>(`
      select ${child('m.org_path')} as child, m.category, count(*)::int as n
        from members m, ${unit} where m.org_path <@ u.path and m.status = 'active' group by 1, 2`),
    handle.query<{ child: string; kind: string; n: number }>(`
      select ${child('c.path')} as child, c.kind, count(*)::int as n
        from orgs c, ${unit} where c.path <@ u.path and c.path <> u.path and c.status <> 'dissolved' group by 1, 2`),
  ]);
  const sum = <T>(rows: T[], pick: (row: T) => number) => rows.reduce((s, r) => s + pick(r), 0);
  return {
    enterprises: sum(enterprises, (r) => r.enterprises),
    targetEnterprises: sum(enterprises, (r) => r.target),
    coveredTargetEnterprises: sum(enterprises, (r) => r.covered_target),
    employeesInCovered: sum(enterprises, (r) => r.employees_covered),
    members: sum(members, (r) => r.n),
    orgs: sum(orgs, (r) => r.n),
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌辉鹏飞宇浩然俊凯佳欣怡婷雪梅琳晨阳';
const BATCH = 20_000;
/** most workers of a covered enterprise are standard members; some dispatched or part-time (两非一无) */
const CATEGORIES = ['standard', 'standard', 'standard', 'standard', 'non_standard', 'informal'];

/**
 * The street's members, as a street whose rosters are in has them: the workers of every covered enterprise in
 * it at `rate` (the demo's streets join at 55–92 %, 顾村 86 %), each in the union that covers their enterprise.
 * The city-scale seed writes no members; without these a street's direct GROUP BY would count an empty street.
 * Identity columns hold placeholders (the cockpit and the baseline read only paths, statuses and categories).
 */
async function addStreetMembers(handle: DatabaseHandle, streetId: number, rate: number, encrypt: (text: string) => string) {
  const covered = await handle.query<{ enterprise_id: number; org_id: number; path: string; employees: number }>(`
    select e.id as enterprise_id, e.org_id, e.org_path::text as path, e.employee_count as employees
      from enterprises e, orgs s where s.id = $1 and e.org_path <@ s.path and e.union_status <> 'none' order by e.id`, [streetId]);
  const idEnc = encrypt('310114199001016011');
  const phoneEnc = encrypt('13900000000');
  const rows: { name: string; enterpriseId: number; orgId: number; path: string }[] = [];
  for (const e of covered) {
    for (let i = 0; i < Math.round(e.employees * rate); i++) {
      const n = rows.length;
      const name = SURNAMES.charAt((n * 17) % SURNAMES.length) + GIVEN.charAt((n * 5) % GIVEN.length) + (n % 4 === 0 ? GIVEN.charAt((n * 11) % GIVEN.length) : '');
      rows.push({ name, enterpriseId: e.enterprise_id, orgId: e.org_id, path: e.path });
    }
  }
  for (let from = 0; from < rows.length; from += BATCH) {
    const batch = rows.slice(from, from + BATCH);
    await handle.query(`
      insert into members (name, name_initials, id_number_enc, id_number_hash, phone_enc, phone_hash, gender, birth_date, occupation,
                           category, join_channel, org_id, org_path, enterprise_id, card_number, joined_on)
      select name, initials, $7, hash, $8, hash, 'female', date '1991-05-01', 'factory', category, 'enterprise_union', org_id, path::ltree,
             enterprise_id, 'ST' || hash, date '2023-06-01'
        from unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::int[], $6::text[], $9::text[])
          as t(name, initials, org_id, path, enterprise_id, hash, category)`,
    [batch.map((r) => r.name), batch.map((r) => cachedInitials(r.name)), batch.map((r) => r.orgId), batch.map((r) => r.path),
      batch.map((r) => r.enterpriseId), batch.map(() => randomBytes(12).toString('base64')), idEnc, phoneEnc,
      batch.map((_, i) => CATEGORIES[(from + i) % CATEGORIES.length]!)]);
  }
  // the running server folds the triggers' deltas every minute (coverage-maintenance): so does the bench
  await handle.query('select compact_org_figures()');
  await handle.query('vacuum analyze members');
  await handle.query('vacuum analyze org_figure_deltas');
  return rows.length;
}

async function samples<T>(rounds: number, fn: () => Promise<T>): Promise<{ p50: number; p95: number; last: T }> {
  const ms: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < rounds; i++) {
    const run = await timeMs(fn);
    ms.push(run.ms);
    last = run.result;
  }
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), last: last as T };
}

/**
 * The cockpit for the city, one district and the street with the most child unions (given its members) at city
 * scale, measured three ways — the whole request as readers get it (GET /api/coverage through the app: session,
 * validation, scope, the answer shared for a moment between readers, serialisation), the same request after a
 * write (nothing reused: figures, targets and page computed afresh) and the cockpit's computation alone (the
 * service call, after a write) — and with 20 readers at once, against the same figures computed by a direct
 * GROUP BY over the base tables in the same run.
 */
export async function benchCoverage(handle: DatabaseHandle, password = 'bench-password') {
  const config = { ...loadConfig({}), webDist: null, loginRateLimit: { max: 1000, windowMs: 60_000 } };
  const app = await buildApp({ handle, config, piiKey: randomBytes(32), smsTransport: new MemorySmsTransport() });
  try {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-city', password } });
    if (login.statusCode !== 200) throw new Error(`bench login: ${login.statusCode} ${login.body}`);
    const cookie = `lianxin_session=${login.cookies.find((c) => c.name === 'lianxin_session')?.value ?? ''}`;
    const [city] = await handle.query<{ id: number }>(`select id from orgs where kind = 'city_federation'`);
    const [district] = await handle.query<{ id: number }>(`select id from orgs where kind = 'district_federation' and region_code = '310113'`);
    const [street] = await handle.query<{ id: number }>(`
      select o.id from orgs o where o.kind = 'street_federation'
       order by (select count(*) from orgs c where c.parent_id = o.id) desc, o.id limit 1`);
    const streetMembers = await addStreetMembers(handle, street!.id, STREET_RATE, (text) => app.cipher.encrypt(text));
    const units = [
      { label: 'city (16 districts + 3 industry unions below)', id: city!.id },
      { label: '宝山区 (district)', id: district!.id },
      { label: `the street with the most child unions (${streetMembers} members added at ${STREET_RATE * 100} %)`, id: street!.id },
    ];
    const results: {
      unit: string; children: number; bytes: number; request: Timing; coldRequest: Timing; service: Timing; direct: Timing;
      concurrentRequest: Timing; concurrentDirect: Timing;
    }[] = [];
    const [cityUser] = await handle.query<{ id: number; org_id: number; path: string }>(
      `select u.id, u.org_id, o.path::text as path from users u join orgs o on o.id = u.org_id where u.username = 'demo-city'`);
    const actor: Actor = { userId: cityUser!.id, username: 'demo-city', role: 'city_staff', orgId: cityUser!.org_id, orgPath: cityUser!.path, memberId: null, grants: [] };
    const ctx: ServiceContext = {
      db: handle.db, cipher: app.cipher, keys: app.keys, actor, scope: accessScope(actor), ip: '127.0.0.1', flushNotifications: async () => {},
    };
    for (const unit of units) {
      const request = async () => {
        const response = await app.inject({ method: 'GET', url: `/api/coverage?orgId=${unit.id}`, headers: { cookie } });
        if (response.statusCode !== 200) throw new Error(`cockpit ${response.statusCode}: ${response.body}`);
        return response.json<CoverageResponse>();
      };
      // after a write nothing read before it is reused (lib/recent-reads.ts): the cockpit computed afresh
      const service = () => { noteWrite(handle.db); return getCoverage(ctx, { orgId: unit.id }); };
      const coldRequest = () => { noteWrite(handle.db); return request(); };
      for (let i = 0; i < 20; i++) await Promise.all([request(), service()]); // warm-up
      const bytes = (await app.inject({ method: 'GET', url: `/api/coverage?orgId=${unit.id}`, headers: { cookie } })).rawPayload.length;
      const http = await samples(COCKPIT_ROUNDS, request);
      const cold = await samples(COCKPIT_ROUNDS, coldRequest);
      const computed = await samples(COCKPIT_ROUNDS, service);
      await directFigures(handle, unit.id); // warm-up
      const direct = await samples(DIRECT_ROUNDS, () => directFigures(handle, unit.id));
      // 20 readers at once, the cockpit and (separately) the direct GROUP BY
      const concurrentRequest = await concurrent(READERS, CONCURRENT_ROUNDS, request);
      const concurrentDirect = await concurrent(READERS, 2, () => directFigures(handle, unit.id));
      // the two must agree, or the comparison means nothing
      for (const key of ['enterprises', 'targetEnterprises', 'coveredTargetEnterprises', 'employeesInCovered', 'members'] as const) {
        if (http.last[key] !== direct.last[key] || cold.last[key] !== direct.last[key] || computed.last[key] !== direct.last[key]) {
          throw new Error(`coverage bench: ${key} cockpit ${http.last[key]} ≠ direct ${direct.last[key]}`);
        }
      }
      results.push({
        unit: unit.label,
        children: http.last.childrenTotal,
        bytes,
        concurrentRequest,
        concurrentDirect,
        request: { p50: http.p50, p95: http.p95 },
        coldRequest: { p50: cold.p50, p95: cold.p95 },
        service: { p50: computed.p50, p95: computed.p95 },
        direct: { p50: direct.p50, p95: direct.p95 },
      });
    }
    console.log(`\nCoverage cockpit GET /api/coverage (through the app) vs direct GROUP BY, ${handle.kind}, city scale`);
    const line = (label: string, t: Timing) => `    ${label.padEnd(34)} p50 ${fmt(t.p50).padStart(7)} ms  p95 ${fmt(t.p95).padStart(7)} ms`;
    const ratio = (t: Timing, d: Timing) => `${fmt(d.p50 / t.p50, 1)}× at p50, ${fmt(d.p95 / t.p95, 1)}× at p95`;
    for (const r of results) {
      console.log(`  ${r.unit}, ${r.children} children, response ${fmt(r.bytes / 1024, 1)} KB`);
      console.log(`${line('whole request (GET /api/coverage)', r.request)}   (${COCKPIT_ROUNDS} requests; target p95 < 50 ms)`);
      console.log(`${line('after a write (computed afresh)', r.coldRequest)}   (${COCKPIT_ROUNDS} requests, each after a write)`);
      console.log(`${line('cockpit computation (service)', r.service)}   (${COCKPIT_ROUNDS} calls, each after a write)`);
      console.log(`${line('direct GROUP BY (baseline)', r.direct)}   (${DIRECT_ROUNDS} runs)`);
      console.log(`    direct / computation: ${ratio(r.service, r.direct)};  direct / request after a write: ${ratio(r.coldRequest, r.direct)};  direct / whole request: ${ratio(r.request, r.direct)}   (target ≥ 20×)`);
      console.log(`${line(`${READERS} concurrent readers: request`, r.concurrentRequest)}   (${READERS}×${CONCURRENT_ROUNDS} requests)`);
      console.log(`${line(`${READERS} concurrent readers: direct`, r.concurrentDirect)}   (${READERS}×2 runs)`);
      console.log(`    concurrent direct / concurrent request: ${ratio(r.concurrentRequest, r.concurrentDirect)}   (target ≥ 20×, p95 < 50 ms)`);
    }
    // the street's members go again: the search bench after this one counts name matches among its own members
    await handle.query(`delete from members where card_number like 'ST%'`);
    await handle.query('select compact_org_figures()');
    await handle.query('vacuum analyze members');
    return results;
  } finally {
    await app.close();
  }
}
