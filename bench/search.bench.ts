import { randomBytes } from 'node:crypto';
import type { DatabaseHandle } from '@lianxin/db';
import { buildApp } from '../apps/api/src/app.ts';
import { loadConfig } from '../apps/api/src/config.ts';
import { cachedInitials } from '../apps/api/src/features/members/members.enrol.ts';
import { MemorySmsTransport } from '../apps/api/src/features/notifications/outbox.ts';
import { fmt, percentile, timeMs } from './stats.ts';

const ROUNDS = 200;
/** each line's requests and its list's first page alternate in this many blocks */
const BLOCKS = 10;
const MEMBERS = 300_000;
const BATCH = 20_000;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌辉鹏飞宇浩然俊凯佳欣怡婷雪梅琳晨阳';

interface Timing { p50: number; p95: number; p99: number }

async function sample(rounds: number, fn: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < 5; i++) await fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) ms.push((await timeMs(fn)).ms);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), p99: percentile(ms, 99) };
}

/**
 * 300,000 members with generated names (2–3 characters, as rosters have them) spread over the city's unions, so
 * that member-name search runs at city scale whichever benchmarks ran before. Identity columns hold random
 * placeholders: search reads only names, initials and paths.
 */
async function addMembers(handle: DatabaseHandle, encrypt: (text: string) => string) {
  // one ciphertext each for all rows: the list decrypts and masks them like real ones
  const idEnc = encrypt('310113199001016011');
  const phoneEnc = encrypt('13900000000');
  const unions = await handle.query<{ id: number; path: string }>(`select id, path::text as path from orgs where kind <> 'city_federation' order by id`);
  const start = Date.now();
  for (let from = 0; from < MEMBERS; from += BATCH) {
    const names: string[] = []; const initials: string[] = []; const orgIds: number[] = []; const paths: string[] = []; const hashes: string[] = [];
    for (let i = from; i < Math.min(MEMBERS, from + BATCH); i++) {
      const name = SURNAMES.charAt((i * 31) % SURNAMES.length) + GIVEN.charAt((i * 7) % GIVEN.length)
        + (i % 3 === 0 ? GIVEN.charAt((i * 13) % GIVEN.length) : '');
      const union = unions[(i * 7919) % unions.length]!;
      names.push(name); initials.push(cachedInitials(name)); orgIds.push(union.id); paths.push(union.path);
      hashes.push(randomBytes(12).toString('base64'));
    }
    await handle.query(`
      insert into members (name, name_initials, id_number_enc, id_number_hash, phone_enc, phone_hash, gender, birth_date, occupation,
                           category, join_channel, org_id, org_path, card_number, joined_on)
      select name, initials, $6, hash, $7, hash, 'male', date '1990-01-01', 'courier', 'standard', 'online', org_id, path::ltree,
             'SB' || hash, date '2024-03-01'
        from unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[]) as t(name, initials, org_id, path, hash)`,
    [names, initials, orgIds, paths, hashes, idEnc, phoneEnc]);
  }
  await handle.query('analyze members');
  return Date.now() - start;
}

/**
 * Lists and searches at city scale through the app (GET with a city staff session: session, validation, scope,
 * page, bounded count, serialisation) for each kind of search text — none, 1 character, 2 Chinese characters,
 * 2-letter pinyin initials, a credit-code prefix, a whole name with the other bracket width — against the same
 * list's first page without search text through the app (served by the primary key in id order; each line's
 * requests and that first page's alternate in blocks, so both meet the same machine) and a direct indexed
 * first-page SQL query, in the same run.
 */
export async function benchSearch(handle: DatabaseHandle, password = 'bench-password') {
  const config = { ...loadConfig({}), webDist: null, loginRateLimit: { max: 1000, windowMs: 60_000 }, applicationRateLimit: 10_000_000 };
  const app = await buildApp({ handle, config, piiKey: randomBytes(32), smsTransport: new MemorySmsTransport() });
  try {
    const membersMs = await addMembers(handle, (text) => app.cipher.encrypt(text));
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-city', password } });
    if (login.statusCode !== 200) throw new Error(`bench login: ${login.statusCode} ${login.body}`);
    const cookie = `lianxin_session=${login.cookies.find((c) => c.name === 'lianxin_session')?.value ?? ''}`;
    const [counts] = await handle.query<{ enterprises: number; members: number; orgs: number }>(
      `select (select count(*)::int from enterprises) as enterprises, (select count(*)::int from members) as members, (select count(*)::int from orgs) as orgs`);
    const [named] = await handle.query<{ name: string; credit_code: string }>(
      `select name, credit_code from enterprises where name like '%有限公司' order by id limit 1 offset 1000`);
    const bracketed = named!.name.replace('有限公司', '（集团）有限公司');
    await handle.query(`update enterprises set name = $1 where credit_code = $2`, [bracketed, named!.credit_code]);

    let caller = 0;
    const get = async (url: string) => {
      // the public employer picker is limited per address (30 a minute): each request comes from another one
      caller += 1;
      const remoteAddress = url.startsWith('/api/enterprises/lookup') ? `10.${(caller >> 16) & 255}.${(caller >> 8) & 255}.${caller & 255}` : '127.0.0.1';
      const response = await app.inject({ method: 'GET', url, headers: { cookie }, remoteAddress });
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
      return response.json<{ items: unknown[]; total?: number; totalExact?: boolean }>();
    };
    const q = (text: string) => encodeURIComponent(text);
    const cases: { list: string; kind: string; url: string }[] = [
      { list: 'enterprises', kind: 'no search text (first page)', url: '/api/enterprises' },
      { list: 'enterprises', kind: '1 character 科', url: `/api/enterprises?q=${q('科')}` },
      { list: 'enterprises', kind: '2 characters 物流', url: `/api/enterprises?q=${q('物流')}` },
      { list: 'enterprises', kind: '2 initials lx', url: '/api/enterprises?q=lx' },
      { list: 'enterprises', kind: '4 initials shwl', url: '/api/enterprises?q=shwl' },
      { list: 'enterprises', kind: 'credit-code prefix', url: `/api/enterprises?q=${named!.credit_code.slice(0, 10)}` },
      { list: 'enterprises', kind: 'whole name, other bracket width', url: `/api/enterprises?q=${q(bracketed.replace('（', '(').replace('）', ')'))}` },
      { list: 'enterprises', kind: '物流, sorted by name', url: `/api/enterprises?q=${q('物流')}&sort=name` },
      { list: 'members', kind: 'no search text (first page)', url: '/api/members' },
      { list: 'members', kind: '1 character 明', url: `/api/members?q=${q('明')}` },
      { list: 'members', kind: '2 characters 王伟', url: `/api/members?q=${q('王伟')}` },
      { list: 'members', kind: '2 initials wm', url: '/api/members?q=wm' },
      { list: 'unions', kind: '2 characters 物流', url: `/api/orgs/search?q=${q('物流')}` },
      { list: 'unions', kind: '1 character 镇', url: `/api/orgs/search?q=${q('镇')}` },
      { list: 'employer picker (public)', kind: '2 characters 物流', url: `/api/enterprises/lookup?q=${q('物流')}` },
      { list: 'applications', kind: 'first page', url: '/api/applications' },
    ];
    // the direct indexed first page: the list's columns in primary-key order, no count, no app
    const directEnterprises = () => handle.query(`
      select e.id, e.credit_code, e.name, e.region_code, e.industry, e.ownership, e.dual_real, e.employee_count, e.union_status,
             e.org_id, o.name as org_name, e.registered_on
        from enterprises e join orgs o on o.id = e.org_id order by e.id desc limit 20`);
    const directMembers = () => handle.query(`
      select m.*, o.name as union_name, e.name as enterprise_name from members m join orgs o on o.id = m.org_id
        left join enterprises e on e.id = m.enterprise_id order by m.id desc limit 20`);
    const direct = { enterprises: await sample(ROUNDS, directEnterprises), members: await sample(ROUNDS, directMembers) };
    const firstPage = {
      enterprises: await sample(ROUNDS, () => get('/api/enterprises')),
      members: await sample(ROUNDS, () => get('/api/members')),
    };
    const results: { list: string; kind: string; matches: string; timing: Timing; base: Timing }[] = [];
    for (const c of cases) {
      const answer = await get(c.url);
      // the line and its list's first page in turns (BLOCKS blocks of both), so that both meet the same machine
      const firstPageUrl = c.list === 'members' ? '/api/members' : '/api/enterprises';
      for (let i = 0; i < 5; i++) await Promise.all([get(c.url), get(firstPageUrl)]); // warm-up
      const own: number[] = [];
      const base: number[] = [];
      for (let block = 0; block < BLOCKS; block++) {
        for (let i = 0; i < ROUNDS / BLOCKS; i++) own.push((await timeMs(() => get(c.url))).ms);
        for (let i = 0; i < ROUNDS / BLOCKS; i++) base.push((await timeMs(() => get(firstPageUrl))).ms);
      }
      const timing = (ms: number[]) => ({ p50: percentile(ms, 50), p95: percentile(ms, 95), p99: percentile(ms, 99) });
      const matches = answer.total === undefined ? `${answer.items.length} shown` : `${answer.total}${answer.totalExact ? '' : '+'}`;
      results.push({ list: c.list, kind: c.kind, matches, timing: timing(own), base: timing(base) });
    }
    // the bounded count beside a page against a full count(*) of the city-wide list
    // the scope's path as a value, as the app passes it (a sub-select made the planner AND a GiST scan of every row)
    const [city] = await handle.query<{ path: string }>(`select path::text as path from orgs where kind = 'city_federation'`);
    const bounded = await sample(50, () => handle.query(`select count(*)::int from (select 1 from enterprises where org_path <@ $1::ltree limit 10001) b`, [city!.path]));
    const full = await sample(20, () => handle.query(`select count(*)::int from enterprises where org_path <@ $1::ltree`, [city!.path]));

    console.log(`\nLists and searches at city scale, ${handle.kind}: ${counts!.enterprises} enterprises, ${counts!.members} members, ${counts!.orgs} unions`);
    console.log(`  (${MEMBERS} bench members added in ${fmt(membersMs / 1000, 1)} s; ${ROUNDS} requests per line as demo-city through the app)`);
    const line = (t: Timing) => `p50 ${fmt(t.p50).padStart(6)}  p95 ${fmt(t.p95).padStart(6)}  p99 ${fmt(t.p99).padStart(6)} ms`;
    console.log(`  direct indexed first page, SQL only: enterprises ${line(direct.enterprises)};  members ${line(direct.members)}`);
    for (const r of results) {
      const base = r.base;
      const sqlBase = r.list === 'members' ? direct.members : direct.enterprises;
      console.log(`  ${`${r.list}: ${r.kind}`.padEnd(58)} ${line(r.timing)}  matches ${r.matches.padStart(7)}  `
        + `vs first page via app ${fmt(base.p95 / r.timing.p95)}× (p95; first page in turns p95 ${fmt(base.p95)} ms), vs direct SQL ${fmt(sqlBase.p95 / r.timing.p95)}× (p95)`);
    }
    console.log(`  count of the city's enterprises: bounded (10,001 rows) ${line(bounded)};  full count(*) ${line(full)}`);
    return { counts, membersMs, direct, firstPage, results, bounded, full };
  } finally {
    await app.close();
  }
}
