/**
 * Demo data of the rights module (`npm start` on an empty embedded database), small and deterministic:
 * - 顾村's 2017 (DOMAIN.md §4, seed 004: "参与调处劳动争议案例301个,成功率98%,涉及补偿职工金额近900万元"): 301
 *   closed cases, 295 settled (98.0 %), 900,000,000 fen recovered — split over the settled cases by weight with the
 *   remainder fen handed out one by one, so the sum is exact;
 * - this year's cases in 顾村 at every stage (a few in mediation, one past its art. 14 deadline; three at one
 *   enterprise within 30 days, which raise the automatic warning);
 * - warnings entered by staff (one major with a 紧急约见, 2 days past its letter's deadline; the others within it),
 *   and the automatic ones the module's rule raises on the demo's case clusters (raiseDemoAutoWarnings); collective contracts (some expiring within 90 days), a regional wage
 *   agreement of each of 顾村's regional federations over the enterprises it covers, wage talks in rounds;
 * - every other street of the city (`seedDemoCityRights`): this year's cases (10–40 a street, street success rates
 *   ≈ 85–98 %), open warnings at all three levels in each district (one 重大 a district), collective and wage-specific
 *   contracts of its largest enterprises with a union (≈ 50–65 % of a district's employees covered, some expiring
 *   within 90 days) — about 2,300 cases, 200 warnings and 5,000 contracts in three set-based statements — and in
 *   about one street in three a case cluster that the automatic warning's rule picks up;
 * - the bargaining calendar (电装: bonus talks in June, wage talks in October, welfare monthly) and this year's
 *   preparation data (last year's profit, CPI, the wage guideline) of the enterprises with contracts;
 * - 恳谈会 for every enterprise with a union in the city (`seedDemoConsultations`): most held this year, some under way,
 *   about one in eight with none yet — those and the ones not yet met are what the workbench shows as overdue from
 *   October (about 18 % of them);
 * - the `demo-member`'s own cases (a party linked by member and phone) and a 恳谈会 of their enterprise collecting
 *   issues, so /m/rights shows them (`seedDemoMemberRights`, when the members' demo wrote the member).
 * Other workers of 顾村's demo cases are names only (no phones); the other streets' first party of each case has an
 * encrypted phone when keys are given. About 10,000 rows plus one consultation per enterprise with a union, written in
 * a handful of bulk inserts (≈ 1 s in the test app).
 */
import { sql } from 'drizzle-orm';
import { arrayLiteral, queryRows, type Database } from '@lianxin/db';
import { addDays, AUTO_WARNING_WINDOW_DAYS, caseTypes, DEFAULT_AUTO_WARNING_CASES, shanghaiDate, type CaseOutcome, type CaseStatus, type CaseType, type Role } from '@lianxin/contracts';
import type { AppKeys } from '../../security/keys.ts';
import { numericSetting } from './rights.shared.ts';
import { raiseAutomaticWarning } from './warnings.service.ts';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建华', '海燕', '志强'];
const name = (n: number) => `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n * 7) % GIVEN.length]}`;

interface DemoCase {
  enterpriseId: number;
  orgPath: string;
  type: CaseType;
  status: CaseStatus;
  outcome: CaseOutcome | null;
  workers: number;
  claimFen: number;
  recoveredFen: number;
  receivedOn: string;
  mediationAppliedOn: string | null;
  closedOn: string | null;
}

/** Splits `total` fen over weights: floor shares, then the remaining fen one each to the first rows (exact sum). */
export function splitFen(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - shares.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % shares.length, rest--) shares[i]! += 1;
  return shares;
}

const TYPE_CYCLE: CaseType[] = ['wage_arrears', 'wage_arrears', 'wage_arrears', 'severance', 'labour_contract', 'social_insurance', 'overtime', 'work_injury', 'wage_arrears', 'other'];

async function insertCases(db: Database, cases: DemoCase[], threshold: number): Promise<number[]> {
  if (cases.length === 0) return [];
  const ids = (await queryRows<{ id: number }>(db, sql`
    select nextval(pg_get_serial_sequence('rights_cases', 'id'))::int as id from generate_series(1, ${cases.length})`)).map((r) => r.id);
  const col = <T>(f: (c: DemoCase, i: number) => T) => cases.map(f);
  await db.execute(sql`
    insert into rights_cases (id, case_number, enterprise_id, org_path, type, status, outcome, worker_count, is_group, claim_fen, recovered_fen,
                              mediation_org, received_on, mediation_applied_on, closed_on, agreement_text)
    select * from unnest(${arrayLiteral(ids)}::int[], ${arrayLiteral(col((c, i) => `RC${c.receivedOn.slice(0, 4)}-${String(ids[i]).padStart(6, '0')}`))}::text[],
                         ${arrayLiteral(col((c) => c.enterpriseId))}::int[], ${arrayLiteral(col((c) => c.orgPath))}::ltree[], ${arrayLiteral(col((c) => c.type))}::text[],
                         ${arrayLiteral(col((c) => c.status))}::text[], ${arrayLiteral(col((c) => c.outcome))}::text[], ${arrayLiteral(col((c) => c.workers))}::int[],
                         ${arrayLiteral(col((c) => c.workers >= threshold))}::boolean[], ${arrayLiteral(col((c) => c.claimFen))}::bigint[],
                         ${arrayLiteral(col((c) => c.recoveredFen))}::bigint[], ${arrayLiteral(col(() => '顾村镇劳动争议调解委员会'))}::text[],
                         ${arrayLiteral(col((c) => c.receivedOn))}::date[], ${arrayLiteral(col((c) => c.mediationAppliedOn))}::date[],
                         ${arrayLiteral(col((c) => c.closedOn))}::date[],
                         ${arrayLiteral(col((c) => (c.outcome === 'success' || c.outcome === 'partial' ? '被申请人于协议签订之日起十日内一次性支付。' : null)))}::text[])`);
  const workerCase: number[] = [];
  const workerName: string[] = [];
  cases.forEach((c, i) => {
    for (let w = 0; w < c.workers; w++) {
      workerCase.push(ids[i]!);
      workerName.push(name(ids[i]! * 31 + w));
    }
  });
  await db.execute(sql`
    insert into rights_case_workers (case_id, name) select * from unnest(${arrayLiteral(workerCase)}::int[], ${arrayLiteral(workerName)}::text[])`);
  return ids;
}

/**
 * Writes the rights demo (see the file's head). `keys` encrypt and index the demo member's phone on their cases;
 * without them (tests of the 2017 figures) the member's part is left out.
 */
export async function seedDemoRights(db: Database, keys?: AppKeys, today = shanghaiDate()): Promise<void> {
  const gucunEnterprises = await queryRows<{ id: number; org_path: string; employee_count: number }>(db, sql`
    select e.id, e.org_path::text as org_path, e.employee_count from enterprises e, orgs o
     where o.kind = 'street_federation' and o.region_code = '310113109' and e.org_path <@ o.path
     order by e.employee_count desc, e.id limit 400`);
  if (gucunEnterprises.length === 0) return;
  const pick = (n: number) => gucunEnterprises[(n * 17) % gucunEnterprises.length]!;
  const home = keys ? await demoMember(db) : null;

  // 顾村 2017: 301 cases, 295 settled (98 %), 900,000,000 fen recovered
  const settled = 295;
  const weights = Array.from({ length: settled }, (_, i) => 1 + ((i * 37) % 50));
  const recovered = splitFen(900_000_000, weights);
  const old: DemoCase[] = Array.from({ length: 301 }, (_, i) => {
    const e = pick(i);
    const receivedOn = addDays('2017-01-03', Math.floor((i * 355) / 301));
    const outcome: CaseOutcome = i < settled ? (i % 10 === 0 ? 'partial' : 'success') : (['arbitration', 'arbitration', 'litigation', 'withdrawn', 'withdrawn', 'withdrawn'] as const)[i - settled]!;
    const agreed = i < settled;
    return {
      enterpriseId: e.id, orgPath: e.org_path, type: TYPE_CYCLE[i % TYPE_CYCLE.length]!, status: 'closed', outcome,
      workers: i % 40 === 0 ? 12 + (i % 19) : 1 + (i % 3),
      claimFen: agreed ? Math.round(recovered[i]! * (outcome === 'partial' ? 1.6 : 1.1)) : 1_000_000 + i * 1_000,
      recoveredFen: agreed ? recovered[i]! : 0,
      receivedOn, mediationAppliedOn: addDays(receivedOn, 3), closedOn: addDays(receivedOn, agreed ? 8 + (i % 7) : 18),
    };
  });
  const threshold = 10;
  await insertCases(db, old, threshold);

  // this year: 顾村 at every stage (the other streets: seedDemoCityRights)
  const current: DemoCase[] = Array.from({ length: 24 }, (_, i) => {
    // cases 1, 3 and 5 (8, 20 and 32 days ago) at one enterprise: three within 30 days, the automatic warning's rule
    const e = pick(i === 3 || i === 5 ? 1001 : 1000 + i);
    const receivedOn = addDays(today, -(2 + i * 6));
    const status: CaseStatus = i < 3 ? 'accepted' : i < 6 ? 'investigating' : i < 10 ? 'mediating' : 'closed';
    const outcome: CaseOutcome | null = status !== 'closed' ? null : i % 7 === 0 ? 'arbitration' : i % 5 === 0 ? 'partial' : 'success';
    const agreed = outcome === 'success' || outcome === 'partial';
    return {
      enterpriseId: e.id, orgPath: e.org_path, type: caseTypes[i % caseTypes.length]!, status, outcome,
      workers: i === 7 ? 14 : 1 + (i % 4), claimFen: 800_000 + i * 137_500, recoveredFen: agreed ? 600_000 + i * 91_300 : 0,
      receivedOn,
      // one mediation applied 20 days ago: past the art. 14 deadline, the worker may go to arbitration
      mediationAppliedOn: status === 'mediating' || status === 'closed' ? (i === 6 ? addDays(today, -20) : addDays(receivedOn, 1)) : null,
      closedOn: status === 'closed' ? addDays(receivedOn, 10 < i * 6 ? 10 : 1) : null,
    };
  }).map((c) => (c.closedOn && c.closedOn > today ? { ...c, closedOn: today } : c));
  await insertCases(db, current, threshold);

  // warnings: 顾村 a major one with its emergency meeting, others open or closed (the other streets: seedDemoCityRights)
  const levels = ['general', 'serious', 'major', 'general', 'serious'] as const;
  const signals = ['wage_arrears', 'social_insurance_arrears', 'relocation_closure', 'layoff_plan', 'collective_petition'] as const;
  // open ones within their 15 days but the major one, 2 days past with its meeting held; the closed one dealt with in 12
  const raisedAgo = [3, 9, 17, 12, 39];
  const warningRows = levels.map((level, i) => ({ e: pick(2000 + i), level, signal: signals[i]!, raised: addDays(today, -raisedAgo[i]!) }));
  const issuers = await queryRows<{ path: string; id: number; name: string }>(db, sql`
    select e.p as path, o.id, o.name from unnest(${arrayLiteral(warningRows.map((w) => w.e.org_path))}::text[]) with ordinality e(p, n)
      cross join lateral (select id, name from orgs where id = any(string_to_array(e.p, '.')::int[])
                             and kind in ('street_federation', 'district_federation', 'city_federation') order by nlevel(path) desc limit 1) o
     order by e.n`);
  const warningIds = await queryRows<{ id: number }>(db, sql`
    insert into rights_warnings (enterprise_id, org_path, signal, level, source, status, description, raised_on, deadline, closed_on, resolution, letter)
    select * from unnest(${arrayLiteral(warningRows.map((w) => w.e.id))}::int[], ${arrayLiteral(warningRows.map((w) => w.e.org_path))}::ltree[],
                         ${arrayLiteral(warningRows.map((w) => w.signal))}::text[], ${arrayLiteral(warningRows.map((w) => w.level))}::text[],
                         ${arrayLiteral(warningRows.map(() => 'staff'))}::text[], ${arrayLiteral(warningRows.map((_, i) => (i === 4 ? 'closed' : 'open')))}::text[],
                         ${arrayLiteral(warningRows.map(() => '街道工会排查发现。'))}::text[], ${arrayLiteral(warningRows.map((w) => w.raised))}::date[],
                         ${arrayLiteral(warningRows.map((w) => addDays(w.raised, 15)))}::date[], ${arrayLiteral(warningRows.map((w, i) => (i === 4 ? addDays(w.raised, 12) : null)))}::date[],
                         ${arrayLiteral(warningRows.map((_, i) => (i === 4 ? '企业已整改' : '')))}::text[],
                         ${arrayLiteral(warningRows.map((w, i) => {
                           const issuer = issuers[i]!;
                           return JSON.stringify({ issuerId: String(issuer.id), issuerName: issuer.name, documentNumber: `工监函〔${w.raised.slice(0, 4)}〕${i + 1}号` });
                         }))}::jsonb[])
    returning id`);
  await db.execute(sql`
    insert into rights_meetings (warning_id, held_on, participants, minutes, commitments, follow_up_on)
    values (${warningIds[2]!.id}, ${addDays(today, -15)}, '企业法定代表人、人事总监、顾村镇总工会、镇劳动保障所', '就搬迁安置与经济补偿方案紧急约见企业。',
            '企业承诺搬迁前依法支付经济补偿，优先安排职工转岗。', ${addDays(today, 12)})`);

  // contracts: collective contracts of 顾村's largest enterprises (some expiring within 90 days), wage agreements
  // (the demo member's enterprise gets its own pair below, in force today)
  const contracts = gucunEnterprises.filter((e) => e.id !== home?.enterprise_id).slice(0, 60).map((e, i) => {
    const from = addDays(today, -(30 + ((i * 41) % 1000)));
    const kind = i % 4 === 3 ? 'wage_specific' : 'collective';
    return { e, kind, from, to: kind === 'wage_specific' ? addDays(from, 364) : addDays(from, 1094), increase: 300 + (i % 6) * 50 };
  });
  await db.execute(sql`
    insert into bargaining_contracts (enterprise_id, org_path, kind, status, valid_from, valid_to, increase_bp, minimum_wage_fen, signed_on, filed_on, covered_employees)
    select * from unnest(${arrayLiteral(contracts.map((c) => c.e.id))}::int[], ${arrayLiteral(contracts.map((c) => c.e.org_path))}::ltree[],
                         ${arrayLiteral(contracts.map((c) => c.kind))}::text[], ${arrayLiteral(contracts.map((_, i) => (i % 3 === 0 ? 'signed' : 'filed')))}::text[],
                         ${arrayLiteral(contracts.map((c) => c.from))}::date[], ${arrayLiteral(contracts.map((c) => c.to))}::date[],
                         ${arrayLiteral(contracts.map((c) => c.increase))}::int[], ${arrayLiteral(contracts.map(() => 269_000))}::bigint[],
                         ${arrayLiteral(contracts.map((c) => addDays(c.from, -10)))}::date[], ${arrayLiteral(contracts.map((c, i) => (i % 3 === 0 ? null : addDays(c.from, -3))))}::date[],
                         ${arrayLiteral(contracts.map((c) => c.e.employee_count))}::int[])`);

  await seedDemoRegionalContracts(db, today, home?.enterprise_id ?? null);

  // wage talks of the largest enterprise, 电装's way: demand, offer, revised offers (three rounds this year)
  const year = Number(today.slice(0, 4));
  const talks = [
    { no: 1, demand: 800, offer: null, minutes: '工会提出诉求：参照企业利润、CPI 与政府工资指导线，要求平均增长 8%。' },
    { no: 2, demand: 800, offer: 400, minutes: '企业回应：受订单下降影响，提出增长 4%。' },
    { no: 3, demand: 650, offer: 550, minutes: '双方修正方案：工会 6.5%，企业 5.5%，约定下周一继续协商。' },
  ];
  const largest = gucunEnterprises[0]!;
  for (const r of talks) {
    await db.execute(sql`
      insert into bargaining_rounds (enterprise_id, topic, year, round_no, held_on, attendees, union_demand_bp, company_offer_bp, minutes)
      values (${largest.id}, 'wage', ${year}, ${r.no}, ${addDays(today, -(22 - r.no * 7))}, '工会协商代表 5 人、企业协商代表 5 人', ${r.demand}, ${r.offer}, ${r.minutes})
      on conflict do nothing`);
  }

  const autoThreshold = await numericSetting(db, 'rights.autoWarningCases', DEFAULT_AUTO_WARNING_CASES);
  await seedDemoCityRights(db, keys, today, threshold, autoThreshold);
  if (home && keys) await seedDemoMemberRights(db, keys, home, today, threshold);
  await raiseDemoAutoWarnings(db, today, autoThreshold);
  await seedDemoPreparation(db, [...contracts.map((c) => c.e.id), ...(home ? [home.enterprise_id] : [])], year);
  await seedDemoConsultations(db, today, home?.enterprise_id ?? null);
}

const GUCUN = '310113109';
/** A non-negative 32-bit hash of a text, in SQL (hashtext is signed). */
const hash = (text: ReturnType<typeof sql>) => sql`(hashtext(${text})::bigint + 2147483648)`;

/**
 * This year's rights work in every street besides 顾村 (which has its own above), so a district's cockpit and case
 * list read plausibly; deterministic (hashes of codes and ids), set-based — one INSERT … SELECT per kind:
 * - cases: per street max(10, min(40, enterprises / 25)), on enterprises picked by hash; types over 欠薪 (most),
 *   劳动合同, 社会保险, 工伤, 加班, 解除补偿; received over this year (Asia/Shanghai), those of the last ten days open
 *   (受理, 调查), about half of the last month's too (调解 applied within 12 days — none past its art. 14 day), the rest closed; outcomes 调解成功 with about one in eight 部分成功,
 *   and a street's failures (转仲裁, 撤回, 转诉讼) spread evenly over its closed cases at a street rate of 2–10 %
 *   (rounded up: at least one), so street success rates read ≈ 85–98 %; claims per worker by type (e.g. 欠薪 6,000–35,400 yuan,
 *   工伤 40,000–236,000), recovered 85–100 % of the claim (部分成功 40–70 %); one case in thirty a group of 10–30;
 *   the first party of each case with a phone (`177…`, encrypted with `keys` and blind-indexed as the API writes it;
 *   none without keys), the others names only; no party is a member;
 *   In about one street in three (by hash) N more cases (N the automatic warning's threshold) are one
 *   enterprise's, 2–5 days apart, the last 0–19 days ago: a cluster whose automatic warning (raiseDemoAutoWarnings)
 *   is mostly within its 15 days, one in five just past;
 * - warnings: 1–3 per street on its 3rd, 6th, 9th largest enterprise, open mostly (raised in the last 14 days, one in
 *   seven 16–23 days ago: just past its letter's 15 days), some closed (raised 20–60 days ago); each district's
 *   first street (by code) a 重大 one with its 紧急约见 record, its second a 较大, its third a 一般, the rest by hash
 *   (one in three 较大);
 * - contracts: the largest enterprises with a union of each street, until 45–75 % of the street's employees (a rate
 *   per street by hash) are under a collective contract (3 years; one in eleven ending within 90 days), every other
 *   one also a wage-specific contract (1 year, started in the last 330 days); one in three signed and not yet filed.
 */
async function seedDemoCityRights(db: Database, keys: AppKeys | undefined, today: string, threshold: number, autoThreshold: number): Promise<void> {
  const jan1 = `${today.slice(0, 4)}-01-01`;
  const h = sql`k.h`;
  const parties = await queryRows<{ id: number; case_id: number }>(db, sql`
    with ents as (
      select e.id, e.org_path, e.region_code, row_number() over (partition by e.region_code order by ${hash(sql`'e' || e.id`)}, e.id)::int as rn,
             count(*) over (partition by e.region_code)::int as n
        from enterprises e where e.region_code <> ${GUCUN} and e.employee_count > 0
    ), streets as (
      select s.region_code, s.name, x.n, 0.02 + (${hash(sql`s.region_code`)} % 9) / 100.0 as fail_rate, ${hash(sql`'cluster:' || s.region_code`)} as ch
        from orgs s join (select region_code, max(n) as n from ents group by 1) x on x.region_code = s.region_code
       where s.kind = 'street_federation' and s.status <> 'dissolved'
    ), k0 as (
      select s.region_code, s.name, s.n, s.fail_rate, g.i, ${hash(sql`s.region_code || ':' || g.i`)} as h, s.ch,
             g.i > greatest(10, least(40, s.n / 25)) as cluster
        from streets s cross join generate_series(1, greatest(10, least(40, s.n / 25)) + case when s.ch % 3 = 0 then ${autoThreshold}::int else 0 end) g(i)
    ), k1 as (
      select k.*, e.id as enterprise_id, e.org_path,
             case when k.cluster then least((k.ch / 7) % 20 + (greatest(10, least(40, k.n / 25)) + ${autoThreshold}::int - k.i) * (2 + (k.ch / 11) % 4), ${today}::date - ${jan1}::date)
                  else (k.h / 7) % greatest(${today}::date - ${jan1}::date, 1) end as age,
             (array['wage_arrears','wage_arrears','wage_arrears','labour_contract','labour_contract','social_insurance','work_injury','overtime','overtime','severance','severance'])[1 + (k.h / 3) % 11] as type,
             case when (k.h / 19) % 30 = 0 then 10 + (k.h / 23) % 21 else 1 + (k.h / 23) % 3 end::int as workers
        from k0 k join ents e on e.region_code = k.region_code and e.rn = 1 + ((case when k.cluster then k.ch / 3 else k.h end) % k.n)
    ), k2 as (
      select k.*, case when k.age < 4 then 'accepted' when k.age < 10 then (case when ${h} % 2 = 0 then 'investigating' else 'accepted' end)
                       when k.age < 30 and ${h} % 3 = 0 then 'mediating' when k.age < 30 and ${h} % 7 = 1 then 'investigating' else 'closed' end as status
        from k1 k
    ), k3 as (
      select k.*, case when k.status = 'closed' then row_number() over (partition by k.region_code, k.status = 'closed' order by ${h}, k.i) end as r
        from k2 k
    ), k4 as (
      select k.*, case when k.status <> 'closed' then null
                       when ceil(k.r * k.fail_rate) > ceil((k.r - 1) * k.fail_rate) then (array['arbitration','withdrawn','arbitration','litigation','withdrawn','arbitration'])[1 + (${h} / 13) % 6]
                       when (${h} / 17) % 8 = 0 then 'partial' else 'success' end as outcome,
             k.workers * (case k.type when 'wage_arrears' then 6000 when 'labour_contract' then 10000 when 'social_insurance' then 5000
                                      when 'work_injury' then 40000 when 'overtime' then 3000 else 15000 end) * (10 + (${h} / 29) % 50) * 10::bigint as claim,
             ${today}::date - k.age::int as received_on
        from k3 k
    ), k5 as (
      select k.*, case when k.outcome = 'success' then k.claim * (85 + (${h} / 31) % 16) / 100 when k.outcome = 'partial' then k.claim * (40 + (${h} / 31) % 31) / 100 else 0 end as recovered,
             -- mediation applied within the last 12 days while it runs (none past its art. 14 day), 1–3 days after receipt else
             case when k.status = 'mediating' then greatest(k.received_on, ${today}::date - ((${h} / 37) % 12)::int)
                  when k.outcome in ('success', 'partial', 'arbitration', 'litigation') then least(k.received_on + 1 + (${h} / 37)::int % 3, ${today}::date) end as applied_on
        from k4 k
    ), numbered as (
      select nextval(pg_get_serial_sequence('rights_cases', 'id'))::int as id, k.* from k5 k
    ), cases as (
      insert into rights_cases (id, case_number, enterprise_id, org_path, type, status, outcome, worker_count, is_group, claim_fen, recovered_fen,
                                mediation_org, received_on, mediation_applied_on, closed_on, agreement_text)
      select k.id, 'RC' || to_char(k.received_on, 'YYYY') || '-' || lpad(k.id::text, 6, '0'), k.enterprise_id, k.org_path, k.type, k.status, k.outcome,
             k.workers, k.workers >= ${threshold}, k.claim, k.recovered, replace(k.name, '总工会', '劳动争议调解委员会'), k.received_on, k.applied_on,
             case when k.status = 'closed' then least(coalesce(k.applied_on, k.received_on) + 3 + (${h} / 41)::int % 12, ${today}::date) end,
             case when k.outcome in ('success', 'partial') then '被申请人于协议签订之日起十日内一次性支付。' end
        from numbered k
      returning id, worker_count
    )
    insert into rights_case_workers (case_id, name)
    select c.id, substr(${SURNAMES}, 1 + ((c.id * 31 + w) % ${SURNAMES.length})::int, 1) || (${arrayLiteral(GIVEN)}::text[])[1 + ((c.id * 31 + w) * 7) % ${GIVEN.length}]
      from cases c cross join generate_series(0, c.worker_count - 1) w
    returning id, case_id`);
  if (keys) {
    // the first party of each case: a phone encrypted and indexed (as createCase writes it), one UPDATE
    const first = new Map<number, number>();
    for (const p of parties) if (!first.has(p.case_id) || first.get(p.case_id)! > p.id) first.set(p.case_id, p.id);
    const ids = [...first.values()];
    const phones = ids.map((id) => `177${String(id % 100_000_000).padStart(8, '0')}`);
    await db.execute(sql`
      update rights_case_workers w set phone_enc = v.enc, phone_hash = v.hash
        from unnest(${arrayLiteral(ids)}::int[], ${arrayLiteral(phones.map((x) => keys.cipher.encrypt(x)))}::text[],
                    ${arrayLiteral(phones.map((x) => keys.blindIndex(x)))}::text[]) v(id, enc, hash)
       where w.id = v.id`);
  }

  await db.execute(sql`
    with ents as (
      select e.id, e.org_path, e.region_code, row_number() over (partition by e.region_code order by e.employee_count desc, e.id)::int as rn,
             count(*) over (partition by e.region_code)::int as n
        from enterprises e where e.region_code <> ${GUCUN} and e.employee_count > 0
    ), streets as (
      select s.id, s.name, s.region_code, row_number() over (partition by left(s.region_code, 6) order by s.region_code)::int as srn
        from orgs s where s.kind = 'street_federation' and s.status <> 'dissolved' and s.region_code <> ${GUCUN}
    ), k as (
      select e.id as enterprise_id, e.org_path, s.id as issuer_id, s.name as issuer_name, s.srn, g.j,
             ${hash(sql`'w' || e.id`)} as h,
             row_number() over (order by s.region_code, g.j) as no
        from streets s cross join generate_series(1, 3) g(j)
        join ents e on e.region_code = s.region_code and e.rn = least(g.j * 3, e.n)
       where g.j = 1 or (g.j = 2 and e.n >= 100) or (g.j = 3 and e.n >= 400)
    ), w0 as (
      select k.*, case when k.j = 1 and k.srn = 1 then 'major' when k.j = 1 and k.srn = 2 then 'serious' when k.j = 1 and k.srn = 3 then 'general'
                       when ${h} % 3 = 0 then 'serious' else 'general' end as level,
             k.srn > 3 and ${h} % 5 = 0 as closed
        from k
    ), w as (
      -- closed: raised 20–60 days ago; open: within the 15 days of its letter, one in seven 1–8 days past it
      select k.*, ${today}::date - (case when k.closed then 20 + ${h} % 41 when (${h} / 13) % 7 = 0 then 16 + (${h} / 17) % 8 else 1 + (${h} / 17) % 14 end)::int as raised_on
        from w0 k
    ), ins as (
      insert into rights_warnings (enterprise_id, org_path, signal, level, source, status, description, raised_on, deadline, closed_on, resolution, letter)
      select w.enterprise_id, w.org_path,
             case when w.level = 'major' then (array['collective_petition', 'wage_arrears', 'relocation_closure'])[1 + (w.h / 7) % 3]
                  else (array['wage_arrears', 'social_insurance_arrears', 'layoff_plan', 'relocation_closure', 'wage_arrears', 'other'])[1 + (w.h / 7) % 6] end,
             w.level, 'staff', case when w.closed then 'closed' else 'open' end,
             case when w.level = 'major' then '多名职工到街道反映，存在群体性风险。' else '街道工会排查发现。' end,
             w.raised_on, w.raised_on + 15, case when w.closed then least(w.raised_on + 5 + (w.h / 11)::int % 10, ${today}::date) end,
             case when w.closed then '企业已整改' else '' end,
             jsonb_build_object('issuerId', w.issuer_id::text, 'issuerName', w.issuer_name,
                                'documentNumber', '工监函〔' || to_char(w.raised_on, 'YYYY') || '〕' || (100 + w.no) || '号')
        from w
      returning id, level, raised_on
    )
    insert into rights_meetings (warning_id, held_on, participants, minutes, commitments, follow_up_on)
    select id, least(raised_on + 2, ${today}::date), '企业法定代表人、人事负责人、街道总工会、劳动保障监察', '就职工集中反映的问题紧急约见企业。',
           '企业承诺限期依法处理职工诉求，每周向街道总工会报告进展。', least(raised_on + 2, ${today}::date) + 14
      from ins where level = 'major'`);

  await db.execute(sql`
    with u as (
      select e.id, e.org_path, e.employee_count, ${hash(sql`'c' || e.id`)} as h,
             sum(e.employee_count) over (partition by e.region_code order by e.employee_count desc, e.id) as cum,
             t.total, 45 + ${hash(sql`e.region_code`)} % 31 as rate
        from enterprises e join (select region_code, sum(employee_count) as total from enterprises group by 1) t on t.region_code = e.region_code
       where e.region_code <> ${GUCUN} and e.employee_count > 0 and e.union_status <> 'none'
    ), k as (
      select u.*, v.kind,
             case when v.kind = 'wage_specific' then ${today}::date - (1 + (u.h / 13) % 330)::int
                  when u.h % 11 = 0 then ${today}::date + (5 + (u.h / 7) % 80)::int - 1094
                  else ${today}::date - (1 + (u.h / 7) % 900)::int end as valid_from
        from u cross join (values ('collective'), ('wage_specific')) v(kind)
       where (u.cum - u.employee_count) * 100 < u.total * u.rate
         and (v.kind = 'collective' or u.h % 2 = 0)
    )
    insert into bargaining_contracts (enterprise_id, org_path, kind, status, valid_from, valid_to, increase_bp, minimum_wage_fen, signed_on, filed_on, covered_employees)
    select k.id, k.org_path, k.kind, case when k.h % 3 = 0 then 'signed' else 'filed' end, k.valid_from,
           k.valid_from + case when k.kind = 'wage_specific' then 364 else 1094 end, 300 + ((k.h / 17) % 7)::int * 50, 274000,
           k.valid_from - 10, case when k.h % 3 = 0 then null else k.valid_from - 3 end, k.employee_count
      from k`);
}

/**
 * 区域性工资专项集体合同: each regional federation of 顾村 signs this year's wage agreement for the enterprises it
 * covers that hold none (the way small enterprises are covered, DOMAIN.md §4), one row per enterprise pointing at it;
 * an enterprise covered by two federations is under the first one only (never two contracts of a kind); `except` (the
 * demo member's enterprise, which signs its own) is left out.
 */
async function seedDemoRegionalContracts(db: Database, today: string, except: number | null): Promise<void> {
  const covered = await queryRows<{ org_id: number; org_path: string; enterprise_id: number; enterprise_path: string; employees: number }>(db, sql`
    select o.id as org_id, o.path::text as org_path, e.id as enterprise_id, e.org_path::text as enterprise_path, e.employee_count as employees
      from orgs s join orgs o on o.path <@ s.path and o.kind = 'regional_federation' and o.status <> 'dissolved'
      join org_coverage c on c.org_id = o.id join enterprises e on e.id = c.enterprise_id
     where s.kind = 'street_federation' and s.region_code = '310113109'
       and not exists (select 1 from bargaining_contracts k where k.enterprise_id = e.id and k.kind = 'wage_specific')
       and e.id is distinct from ${except}::int
     order by o.id, e.id`);
  const seen = new Set<number>();
  const byUnion = new Map<number, typeof covered>();
  for (const row of covered) {
    if (seen.has(row.enterprise_id)) continue;
    seen.add(row.enterprise_id);
    byUnion.set(row.org_id, [...(byUnion.get(row.org_id) ?? []), row]);
  }
  const from = addDays(today, -150);
  for (const rows of byUnion.values()) {
    const [regional] = await queryRows<{ id: number }>(db, sql`
      insert into bargaining_regional_contracts (org_id, org_path, kind, valid_from, valid_to, signed_on, covered_enterprises)
      values (${rows[0]!.org_id}, ${rows[0]!.org_path}::ltree, 'wage_specific', ${from}, ${addDays(from, 364)}, ${addDays(from, -12)}, ${rows.length})
      returning id`);
    await db.execute(sql`
      insert into bargaining_contracts (enterprise_id, org_path, kind, status, valid_from, valid_to, increase_bp, minimum_wage_fen, signed_on, filed_on,
                                        covered_employees, regional_contract_id)
      select e, p, 'wage_specific', 'filed', ${from}::date, ${addDays(from, 364)}::date, 450, 274000, ${addDays(from, -12)}::date, ${addDays(from, -5)}::date, n, ${regional!.id}
        from unnest(${arrayLiteral(rows.map((r) => r.enterprise_id))}::int[], ${arrayLiteral(rows.map((r) => r.enterprise_path))}::ltree[],
                    ${arrayLiteral(rows.map((r) => r.employees))}::int[]) v(e, p, n)`);
  }
}

interface DemoMember { id: number; name: string; phone_enc: string; enterprise_id: number; org_path: string }

/** The member `demo-member` signs in as, with their enterprise; null when the members' demo wrote none. */
async function demoMember(db: Database): Promise<DemoMember | null> {
  const [m] = await queryRows<DemoMember>(db, sql`
    select m.id, m.name, m.phone_enc, m.enterprise_id, e.org_path::text as org_path
      from users u join members m on m.id = u.member_id join enterprises e on e.id = m.enterprise_id where u.username = 'demo-member'`);
  return m ?? null;
}

/**
 * The bargaining calendar of the enterprises with contracts, 电装's (seed 010): bonus talks in June, wage talks in
 * October, welfare talks monthly; and this year's preparation data. Profit varies by enterprise (some a loss); the
 * CPI change and the wage guideline are illustrative Shanghai values for the demo, not published figures: CPI +0.3 %
 * (Shanghai's CPI hovered around zero in 2024–2025), guideline 基准线 5.5 %, 上线 9 %, 下线 3 % (the band recent
 * provincial guidelines used).
 */
async function seedDemoPreparation(db: Database, enterpriseIds: number[], year: number): Promise<void> {
  if (enterpriseIds.length === 0) return;
  const lines = [
    { topic: 'bonus', month: 6, note: '年中奖金协商（6 月每周一上午）' },
    { topic: 'wage', month: 10, note: '年度工资协商（10 月每周一上午，一般 3 轮，最多 5 轮）' },
    { topic: 'welfare', month: null, note: '福利协商（每月一次）' },
  ] as const;
  const cal = enterpriseIds.flatMap((id) => lines.map((l) => ({ id, ...l })));
  await db.execute(sql`
    insert into bargaining_calendar_items (enterprise_id, topic, month, note)
    select * from unnest(${arrayLiteral(cal.map((c) => c.id))}::int[], ${arrayLiteral(cal.map((c) => c.topic))}::text[],
                         ${arrayLiteral(cal.map((c) => c.month))}::int[], ${arrayLiteral(cal.map((c) => c.note))}::text[])
    on conflict do nothing`);
  // last year's profit: 2–60 million yuan for most, a loss for one in nine
  const profit = (id: number) => (id % 9 === 4 ? -(300_000_000 + (id % 7) * 45_000_000) : 200_000_000 + ((id * 7_919) % 5_800) * 1_000_000);
  await db.execute(sql`
    insert into bargaining_preparations (enterprise_id, year, last_year_profit_fen, cpi_bp, guideline_base_bp, guideline_upper_bp, guideline_lower_bp)
    select e, ${year}, p, 30, 550, 900, 300
      from unnest(${arrayLiteral(enterpriseIds)}::int[], ${arrayLiteral(enterpriseIds.map(profit))}::bigint[]) v(e, p)
    on conflict do nothing`);
}

const ISSUES = ['食堂伙食与夜班供餐时间；通勤班车线路调整', '高温津贴发放标准与车间降温措施', '加班安排与调休；年休假落实', '技能培训与岗位晋升通道', '宿舍维修与住宿补贴'];

/**
 * 恳谈会 of every enterprise with a union (own or covered), by a hash of its id: 80 % held and published this year
 * (the meeting between late January and three days ago, results published two days after it, the earlier steps a
 * week apart), 8 % under way (collecting, setting
 * participants, feedback, or met and not yet published), the rest — about one in eight — none yet. The demo member's
 * enterprise has one collecting issues (opened three days ago) instead.
 */
async function seedDemoConsultations(db: Database, today: string, memberEnterpriseId: number | null): Promise<void> {
  const jan1 = `${today.slice(0, 4)}-01-01`;
  const issues = sql`(${arrayLiteral(ISSUES)}::text[])[1 + k.id % ${ISSUES.length}]`;
  // held `back` days ago: published two days later; the earlier steps 7, 14 and 21 days before the meeting
  await db.execute(sql`
    with u as (
      select e.id, e.org_path, (e.id::bigint * 7919) % 100 as h,
             greatest(${today}::date - ${jan1}::date - 30, 1) as span
        from enterprises e
       where e.union_status <> 'none' and e.id is distinct from ${memberEnterpriseId}::int
         -- one under way per enterprise (a partial unique index): leave one already under way alone
         and not exists (select 1 from rights_consultations o where o.enterprise_id = e.id and o.step <> 'published')
    ), k as (
      select u.*, case when h < 80 then 'published' when h < 82 then 'collecting' when h < 84 then 'participants' when h < 86 then 'feedback'
                       when h < 88 then 'meeting' end as step,
             case when h < 80 then 3 + (u.id::bigint * 13) % span else 1 + (u.id::bigint * 13) % 20 end::int as back
        from u where h < 88
    )
    insert into rights_consultations (enterprise_id, org_path, step, collected_on, issues, participants_on, participants, feedback_on, feedback,
                                      held_on, minutes, published_on, results)
    select k.id, k.org_path, k.step,
           case when k.step = 'published' then ${today}::date - k.back - 21 else ${today}::date - k.back - 21 + (3 - array_position(array['collecting','participants','feedback','meeting'], k.step)) * 7 end,
           ${issues},
           case when k.step in ('participants', 'feedback', 'meeting', 'published') then ${today}::date - k.back - 14 end,
           case when k.step in ('participants', 'feedback', 'meeting', 'published') then '企业行政负责人、人力资源经理、工会主席及职工代表 8 人' end,
           case when k.step in ('feedback', 'meeting', 'published') then ${today}::date - k.back - 7 end,
           case when k.step in ('feedback', 'meeting', 'published') then '企业就收集的议题逐条书面反馈' end,
           case when k.step in ('meeting', 'published') then ${today}::date - k.back end,
           case when k.step in ('meeting', 'published') then '劳资双方逐项恳谈，形成处理意见' end,
           case when k.step = 'published' then ${today}::date - k.back + 2 end,
           case when k.step = 'published' then '恳谈结果已在厂务公开栏及职工群公示，整改事项限期落实' end
      from k`);
  if (memberEnterpriseId !== null) {
    const [e] = await queryRows<{ org_path: string }>(db, sql`select org_path::text as org_path from enterprises where id = ${memberEnterpriseId}`);
    if (e) {
      await db.execute(sql`
        insert into rights_consultations (enterprise_id, org_path, step, collected_on, issues)
        values (${memberEnterpriseId}, ${e.org_path}::ltree, 'collecting', ${addDays(today, -3)}, '年度恳谈会议题征集：食堂、班车、加班与调休')
        on conflict do nothing`);
    }
  }
}

/**
 * The demo member's cases (seed: 顾村's mediation committee): an overtime-pay dispute in mediation (applied five days
 * ago, so the art. 14 clock shows ten days left) and a wage-arrears case settled about three months ago, each with
 * its stage history; the member is a party by `member_id` and by phone (encrypted, with its blind index), as a case
 * opened by staff would hold them. Their enterprise's own collective contract and wage agreement, in force today
 * (Shanghai's minimum wage since 2025-07-01: 2,740 yuan a month).
 */
async function seedDemoMemberRights(db: Database, keys: AppKeys, m: DemoMember, today: string, threshold: number): Promise<void> {
  const mediating: DemoCase = {
    enterpriseId: m.enterprise_id, orgPath: m.org_path, type: 'overtime', status: 'mediating', outcome: null, workers: 3, claimFen: 1_236_000,
    recoveredFen: 0, receivedOn: addDays(today, -12), mediationAppliedOn: addDays(today, -5), closedOn: null,
  };
  const settledOn = addDays(today, -96);
  const settled: DemoCase = {
    enterpriseId: m.enterprise_id, orgPath: m.org_path, type: 'wage_arrears', status: 'closed', outcome: 'success', workers: 1, claimFen: 864_000,
    recoveredFen: 864_000, receivedOn: addDays(settledOn, -11), mediationAppliedOn: addDays(settledOn, -6), closedOn: settledOn,
  };
  const [mediatingId, settledId] = await insertCases(db, [mediating, settled], threshold);
  const phoneHash = keys.blindIndex(keys.cipher.decrypt(m.phone_enc));
  await db.execute(sql`
    update rights_case_workers w set name = ${m.name}, phone_enc = ${m.phone_enc}, phone_hash = ${phoneHash}, member_id = ${m.id}
     where w.id in (select min(id) from rights_case_workers where case_id in (${mediatingId!}, ${settledId!}) group by case_id)`);
  const steps: [number, CaseStatus, CaseStatus, string, string][] = [
    [mediatingId!, 'accepted', 'investigating', addDays(today, -10), '调取考勤记录与工资条'],
    [mediatingId!, 'investigating', 'mediating', addDays(today, -5), '双方同意由镇劳动争议调解委员会调解'],
    [settledId!, 'accepted', 'investigating', addDays(settledOn, -9), '核实欠薪月份与金额'],
    [settledId!, 'investigating', 'mediating', addDays(settledOn, -6), ''],
    [settledId!, 'mediating', 'closed', settledOn, '企业当场支付拖欠工资'],
  ];
  await db.execute(sql`
    insert into rights_case_steps (case_id, from_status, to_status, "on", note)
    select * from unnest(${arrayLiteral(steps.map((x) => x[0]))}::int[], ${arrayLiteral(steps.map((x) => x[1]))}::text[], ${arrayLiteral(steps.map((x) => x[2]))}::text[],
                         ${arrayLiteral(steps.map((x) => x[3]))}::date[], ${arrayLiteral(steps.map((x) => x[4]))}::text[])`);
  const from = addDays(today, -200);
  await db.execute(sql`
    insert into bargaining_contracts (enterprise_id, org_path, kind, status, valid_from, valid_to, increase_bp, minimum_wage_fen, signed_on, filed_on, covered_employees)
    select ${m.enterprise_id}, ${m.org_path}::ltree, v.k, 'filed', ${from}::date, ${from}::date + v.d, v.inc, 274000, ${from}::date - 10, ${from}::date - 3, e.employee_count
      from enterprises e, (values ('collective', 1094, 300), ('wage_specific', 364, 550)) v(k, d, inc)
     where e.id = ${m.enterprise_id}`);
}

/**
 * The automatic warnings of the demo, by the module's own rule (warnings.service raiseAutomaticWarning: ≥ the city's
 * `rights.autoWarningCases` cases and service requests of one enterprise within 30 days → a 一般 or, with a group
 * dispute among them, 较大 warning with a 15-day letter, source `auto`): for every enterprise whose demo cases of
 * the last 120 days reach the threshold within 30 days (顾村's cluster, about one street in three elsewhere), the
 * rule runs as of the day they did, raised by the staff user nearest above the enterprise (the one who would have
 * recorded the case). One raised more than 30 days ago has been dealt with (closed 10 days after). One transaction
 * per enterprise, as when a case is recorded.
 */
async function raiseDemoAutoWarnings(db: Database, today: string, autoThreshold: number): Promise<void> {
  const clusters = await queryRows<{ id: number; name: string; credit_code: string; address: string; employee_count: number; org_path: string; day: string }>(db, sql`
    select distinct on (c.enterprise_id) e.id, e.name, e.credit_code, e.address, e.employee_count, e.org_path::text as org_path, c.received_on::text as day
      from rights_cases c join enterprises e on e.id = c.enterprise_id
     where c.received_on > ${today}::date - 120
       and (select count(*) from rights_cases d where d.enterprise_id = c.enterprise_id
               and d.received_on between c.received_on - ${AUTO_WARNING_WINDOW_DAYS - 1}::int and c.received_on) >= ${autoThreshold}::int
     order by c.enterprise_id, c.received_on`);
  for (const c of clusters) {
    const [user] = await queryRows<{ id: number; username: string; role: Role; org_id: number; path: string }>(db, sql`
      select u.id, u.username, u.role, u.org_id, o.path::text as path from users u join orgs o on o.id = u.org_id
       where o.path @> ${c.org_path}::ltree and u.role <> 'member' order by nlevel(o.path) desc, u.id limit 1`);
    if (!user) continue;
    const actor = { userId: user.id, username: user.username, role: user.role, orgId: user.org_id, orgPath: user.path, memberId: null, grants: [] };
    await db.transaction(async (tx) => {
      await tx.execute(sql`select 1 from enterprises where id = ${c.id} for update`);
      await raiseAutomaticWarning(tx, { actor, ip: '127.0.0.1' }, {
        id: c.id, name: c.name, creditCode: c.credit_code, address: c.address, employeeCount: c.employee_count, orgPath: c.org_path,
      }, c.day);
    });
  }
  await db.execute(sql`
    update rights_warnings set status = 'closed', closed_on = raised_on + 10, resolution = '企业已与职工达成调解，诉求均已处理'
     where source = 'auto' and status = 'open' and raised_on < ${today}::date - 30`);
}
