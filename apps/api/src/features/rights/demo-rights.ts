/**
 * Demo data of the rights module (`npm start` on an empty embedded database), small and deterministic:
 * - 顾村's 2017 (DOMAIN.md §4, seed 004: "参与调处劳动争议案例301个,成功率98%,涉及补偿职工金额近900万元"): 301
 *   closed cases, 295 settled (98.0 %), 900,000,000 fen recovered — split over the settled cases by weight with the
 *   remainder fen handed out one by one, so the sum is exact;
 * - this year's cases in 顾村 at every stage (a few in mediation, one past its art. 14 deadline), and a few
 *   elsewhere in the city;
 * - warnings (one major with a 紧急约见), collective contracts (some expiring within 90 days), wage talks in rounds.
 * Workers of demo cases are names only (no phones). About 2,000 rows, written in a handful of bulk inserts.
 */
import { sql } from 'drizzle-orm';
import { arrayLiteral, queryRows, type Database } from '@lianxin/db';
import { addDays, caseTypes, shanghaiDate, type CaseOutcome, type CaseStatus, type CaseType } from '@lianxin/contracts';

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

export async function seedDemoRights(db: Database, today = shanghaiDate()): Promise<void> {
  const gucunEnterprises = await queryRows<{ id: number; org_path: string; employee_count: number }>(db, sql`
    select e.id, e.org_path::text as org_path, e.employee_count from enterprises e, orgs o
     where o.kind = 'street_federation' and o.region_code = '310113109' and e.org_path <@ o.path
     order by e.employee_count desc, e.id limit 400`);
  if (gucunEnterprises.length === 0) return;
  const pick = (n: number) => gucunEnterprises[(n * 17) % gucunEnterprises.length]!;

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

  // this year: 顾村 at every stage; a few elsewhere in the city
  const current: DemoCase[] = Array.from({ length: 24 }, (_, i) => {
    const e = pick(1000 + i);
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
  const elsewhere = await queryRows<{ id: number; org_path: string }>(db, sql`
    select id, org_path::text as org_path from enterprises where region_code <> '310113109' and id % 211 = 0 order by id limit 60`);
  elsewhere.forEach((e, i) => {
    const receivedOn = addDays(today, -(5 + ((i * 13) % 300)));
    const closed = i % 3 !== 0;
    current.push({
      enterpriseId: e.id, orgPath: e.org_path, type: TYPE_CYCLE[i % TYPE_CYCLE.length]!, status: closed ? 'closed' : 'investigating',
      outcome: closed ? (i % 8 === 0 ? 'withdrawn' : 'success') : null, workers: 1 + (i % 5), claimFen: 500_000 + i * 10_000,
      recoveredFen: closed && i % 8 !== 0 ? 400_000 + i * 7_000 : 0, receivedOn, mediationAppliedOn: closed ? addDays(receivedOn, 2) : null,
      closedOn: closed ? (addDays(receivedOn, 12) > today ? today : addDays(receivedOn, 12)) : null,
    });
  });
  await insertCases(db, current, threshold);

  // warnings: 顾村 a major one with its emergency meeting, others open or closed; a few elsewhere
  const levels = ['general', 'serious', 'major', 'general', 'serious'] as const;
  const signals = ['wage_arrears', 'social_insurance_arrears', 'relocation_closure', 'layoff_plan', 'collective_petition'] as const;
  const warningRows = [
    ...levels.map((level, i) => ({ e: pick(2000 + i), level, signal: signals[i]!, raised: addDays(today, -(3 + i * 9)) })),
    ...elsewhere.slice(0, 8).map((e, i) => ({ e: { ...e, employee_count: 0 }, level: levels[i % 3]!, signal: signals[i % 5]!, raised: addDays(today, -(10 + i * 11)) })),
  ];
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
    values (${warningIds[2]!.id}, ${addDays(today, -18)}, '企业法定代表人、人事总监、顾村镇总工会、镇劳动保障所', '就搬迁安置与经济补偿方案紧急约见企业。',
            '企业承诺搬迁前依法支付经济补偿，优先安排职工转岗。', ${addDays(today, 12)})`);

  // contracts: collective contracts of 顾村's largest enterprises (some expiring within 90 days), wage agreements
  const contracts = gucunEnterprises.slice(0, 60).map((e, i) => {
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
}
