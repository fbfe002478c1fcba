/**
 * Demo funds beyond 顾村 and 南京东路, for the whole city (DOMAIN.md §5), written set-based through the ledger's tables
 * and triggers (each entry balances per union, checked at commit), before the funds demo closes the older months:
 * - every district and street federation without a budget this year: an opening balance (上年结余转入, Dr 102 / Cr 331
 *   on 1 January) and this year's budget — 基本支出 (工作人员经费, 日常办公经费) and 项目支出 (会员普惠服务项目, 职工法律援助,
 *   基层工会激励补助 = the incentive grants to unions) — sized by what the unit keeps of the funds it collects (its
 *   402 income of the demo's months × 4, a year's worth; at least 300,000 yuan for a street, 2,000,000 for a
 *   district), spent on the 10th (today this month) — 基本支出 every other month, 项目支出 each quarter's last month,
 *   both this month — at 40–80 % of each line by now, as the budget
 *   service posts a payment (Dr the line's account / Cr 102, key `budget-spending:<line>:demo-<month>`);
 * - union chairs' allowances in 长宁, 黄浦, 徐汇 and 浦东 for the three finished months (the city's dated setting: 300
 *   yuan base, + 100/200/300 by 50/200/500 members, + 50 per star above one, at most 800 yuan — 长宁's 300–800 yuan
 *   by size and performance), each union's amount by the register's own rule (chairAllowanceFen with last year's
 *   stars: the demo gives those unions a third-party score of last year), one entry per union and month keyed
 *   `chair-allowance:<union>:<month>` as runChairAllowances posts it, so the register shows them as paid.
 * Each kind is one INSERT … SELECT (or one unnest insert), not a call per row.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '@lianxin/db';
import type { FastifyInstance } from 'fastify';
import { addDays, chairAllowanceFen, nextMonth, type ChairAllowanceSettings } from '@lianxin/contracts';
import { evaluatedUnits } from '../evaluation/evaluation.service.ts';
import { staffContext } from './demo-budgets.ts';

/** The lines every federation gets, with their share of the unit's budget. */
const CITY_LINES = [
  { kind: 'basic', name: '工作人员经费', account: '504', share: 0.3, payee: '本级工会工作人员', purpose: '专职工会工作者及社工薪酬' },
  { kind: 'basic', name: '日常办公经费', account: '504', share: 0.1, payee: '办公用品及物业服务单位', purpose: '办公用品、水电及物业' },
  { kind: 'project', name: '会员普惠服务项目', account: '501', share: 0.3, payee: '职工服务社', purpose: '会员生日慰问、健康体检、夏送清凉' },
  { kind: 'project', name: '职工法律援助', account: '502', share: 0.1, payee: '律师事务所', purpose: '驻点律师及劳动争议调解' },
  { kind: 'project', name: '基层工会激励补助', account: '506', share: 0.2, payee: '基层工会', purpose: '按评星结果拨付基层工会激励经费' },
] as const;

/** Districts whose streets pay their chairs' allowances in the demo (GB/T 2260): 黄浦, 徐汇, 长宁, 浦东. */
const CHAIR_DISTRICTS = ['310101', '310104', '310105', '310115'];

/** The city's chair allowance setting of the demo (长宁: 300–800 yuan a month by size and performance). */
const DEMO_CHAIR_SETTINGS = { baseFen: 30_000, perStarFen: 5_000, sizeTiers: [{ minMembers: 50, addFen: 10_000 }, { minMembers: 200, addFen: 20_000 }, { minMembers: 500, addFen: 30_000 }], maxFen: 80_000 };

/** Budgets with spending for every district and street federation that has none this year (see the module's note). */
export async function seedCityBudgets(db: Database, today: string): Promise<void> {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const tenth = `${today.slice(0, 8)}10`;
  const t = {
    kinds: CITY_LINES.map((l) => l.kind), names: CITY_LINES.map((l) => l.name), accounts: CITY_LINES.map((l) => l.account),
    shares: CITY_LINES.map((l) => l.share), payees: CITY_LINES.map((l) => l.payee), purposes: CITY_LINES.map((l) => l.purpose),
  };
  await db.transaction(async (tx) => {
    // the lines: a unit's budget is what it keeps of a year's collections (402, the demo's months × 4), at least a floor
    await tx.execute(sql`
      with units as (
        select o.id, o.path, o.kind,
               coalesce((select sum(b.credit_fen - b.debit_fen) from ledger_balances b where b.org_id = o.id and b.account_code = '402'), 0) as income
          from orgs o
         where o.kind in ('district_federation', 'street_federation') and o.status <> 'dissolved'
           and not exists (select 1 from budget_lines x where x.org_id = o.id and x.year = ${year}))
      insert into budget_lines (org_id, org_path, year, kind, name, account_code, amount_fen)
      select u.id, u.path, ${year}, t.kind, t.name, t.account,
             greatest(100000, round(greatest(case when u.kind = 'district_federation' then 200000000 else 30000000 end, u.income * 4) * t.share / 100000) * 100000)::bigint
        from units u cross join unnest(${sql.param(t.kinds)}::text[], ${sql.param(t.names)}::text[], ${sql.param(t.accounts)}::text[],
                                       ${sql.param(t.shares)}::float8[]) as t(kind, name, account, share)`);
    // the opening balance of each unit with demo lines: last year's surplus, as much as this year's budget
    await tx.execute(sql`
      with u as (select org_id, org_path, sum(amount_fen)::bigint as total from budget_lines where year = ${year} and created_by is null group by 1, 2),
           e as (insert into journal_entries (idempotency_key, period, posted_on, kind, memo)
                 select 'demo-opening:' || org_id || ':' || ${year}, ${`${year}-01`}, ${`${year}-01-01`}::date, 'adjustment', '上年结余转入' from u
                 returning id, split_part(idempotency_key, ':', 2)::int as org_id)
      insert into journal_lines (entry_id, org_id, org_path, account_code, debit_fen, credit_fen)
      select e.id, u.org_id, u.org_path, x.a, x.d, x.c
        from e join u using (org_id) cross join lateral (values ('102', u.total, 0::bigint), ('331', 0::bigint, u.total)) as x(a, d, c)`);
    // the payments on the 10th (today this month): 基本支出 every other month, 项目支出 each quarter, both this month;
    // the line's 40–80 % spread evenly over them
    // (the plan in a temporary table: joining the new entries back by key through a CTE took the planner ≈ 25 s)
    await tx.execute(sql`
      create temporary table demo_spend on commit drop as
      with months as (
        select l.id as line_id, l.org_id, l.org_path, l.account_code, l.name, l.amount_fen, t.payee, t.purpose, m,
               count(*) over (partition by l.id) as payments
          from budget_lines l
          join unnest(${sql.param(t.names)}::text[], ${sql.param(t.payees)}::text[], ${sql.param(t.purposes)}::text[]) as t(name, payee, purpose) on t.name = l.name
          cross join generate_series(1, ${month}) as m
         where l.year = ${year} and l.created_by is null and (m = ${month} or m % (case when l.kind = 'basic' then 2 else 3 end) = 0))
      select line_id, org_id, org_path, account_code, name, payee, purpose, m,
             case when m = ${month} then least(${today}::date, ${tenth}::date) else make_date(${year}, m, 10) end as spent_on,
             floor(amount_fen * (0.4 + 0.4 * (abs(hashtext('demo-budget:' || line_id)) % 1000) / 1000.0) / payments)::bigint as amount,
             'budget-spending:' || line_id || ':demo-' || m as key, null::bigint as entry_id
        from months`);
    await tx.execute(sql`delete from demo_spend where amount <= 0`);
    await tx.execute(sql`
      insert into journal_entries (idempotency_key, period, posted_on, kind, memo)
      select key, to_char(spent_on, 'YYYY-MM'), spent_on, 'expenditure', name || '：' || purpose || '（' || m || ' 月）（' || payee || '）' from demo_spend`);
    await tx.execute(sql`update demo_spend d set entry_id = e.id from journal_entries e where e.idempotency_key = d.key`);
    await tx.execute(sql`
      insert into journal_lines (entry_id, org_id, org_path, account_code, debit_fen, credit_fen)
      select d.entry_id, d.org_id, d.org_path, x.a, x.d, x.c
        from demo_spend d cross join lateral (values (d.account_code, d.amount, 0::bigint), ('102', 0::bigint, d.amount)) as x(a, d, c)`);
    await tx.execute(sql`
      insert into budget_spendings (line_id, spent_on, payee, purpose, amount_fen, period, idempotency_key, entry_id)
      select line_id, spent_on, payee, purpose || '（' || m || ' 月）', amount, to_char(spent_on, 'YYYY-MM'), key, entry_id from demo_spend`);
  });
}

/**
 * Chair allowances of the streets of {@link CHAIR_DISTRICTS} for `months` (finished months, still open): the demo
 * setting from the first month's year on, last year's third-party scores of the chairs' unions (so stars count),
 * then one entry per union and month with the register's amount.
 */
export async function seedCityChairAllowances(app: FastifyInstance, months: string[]): Promise<void> {
  const db: Database = app.db;
  const city = await staffContext(app, 'demo-city');
  if (!city || months.length === 0) return;
  const first = months[0]!;
  const starsYear = Number(first.slice(0, 4)) - 1;
  const unions = await queryRows<{ id: number; name: string; path: string; street_id: number; street_path: string; district_path: string; members: number }>(db, sql`
    select o.id, o.name, o.path::text as path, s.id as street_id, s.path::text as street_path, d.path::text as district_path,
           (select count(*)::int from members m where m.org_id = o.id and m.status = 'active') as members
      from orgs s join orgs d on d.kind = 'district_federation' and d.status <> 'dissolved' and d.region_code = left(s.region_code, 6)
      join orgs o on o.path <@ s.path and o.id <> s.id
     where s.kind = 'street_federation' and s.status <> 'dissolved' and left(s.region_code, 6) = any(${sql.param(CHAIR_DISTRICTS)}::text[])
       and o.status <> 'dissolved' and coalesce(btrim(o.chair_name), '') <> ''`);
  if (unions.length === 0) return;
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into chair_allowance_settings (valid_from, base_fen, per_star_fen, size_tiers, max_fen)
      values (${`${first.slice(0, 4)}-01-01`}, ${DEMO_CHAIR_SETTINGS.baseFen}, ${DEMO_CHAIR_SETTINGS.perStarFen},
              ${JSON.stringify(DEMO_CHAIR_SETTINGS.sizeTiers)}::jsonb, ${DEMO_CHAIR_SETTINGS.maxFen})
      on conflict (valid_from) do nothing`);
    // last year's third-party review of these unions: 55–98 points, so their stars (1–5) count in the allowance
    await tx.execute(sql`
      insert into evaluation_scores (year, org_id, org_path, part, score, report, items)
      select ${starsYear}, u.id, u.path::ltree, 'thirdParty', 55 + abs(hashtext('demo-stars:' || u.id)) % 44,
             '第三方年度评估：组织健全、台账规范；职工服务阵地利用率有待提高。', '[]'::jsonb
        from unnest(${sql.param(unions.map((u) => u.id))}::int[], ${sql.param(unions.map((u) => u.path))}::text[]) as u(id, path)
      on conflict do nothing`);
  });
  const stars = new Map<number, number>();
  for (const district of new Set(unions.map((u) => u.district_path))) {
    for (const u of (await evaluatedUnits(city, starsYear, district)).units) stars.set(u.id, u.stars);
  }
  const entries: { key: string; period: string; postedOn: string; memo: string }[] = [];
  const lines: { key: string; orgId: number; path: string; account: string; debit: number; credit: number; counterparty: number }[] = [];
  for (const period of months) {
    const [settings] = await queryRows<ChairAllowanceSettings>(db, sql`
      select valid_from::text as "validFrom", base_fen::float8 as "baseFen", per_star_fen::float8 as "perStarFen", size_tiers as "sizeTiers", max_fen::float8 as "maxFen"
        from chair_allowance_settings where valid_from <= ${`${period}-01`}::date order by valid_from desc limit 1`);
    if (!settings) continue;
    const postedOn = addDays(`${nextMonth(period)}-01`, -1);
    for (const u of unions) {
      const s = stars.get(u.id) ?? null;
      const amount = chairAllowanceFen(settings, u.members, s);
      const key = `chair-allowance:${u.id}:${period}`;
      entries.push({ key, period, postedOn, memo: `${u.name} 工会主席津贴 ${period}（${s === null ? '未评星' : `${s}星`}，会员 ${u.members} 人）` });
      lines.push({ key, orgId: u.street_id, path: u.street_path, account: '506', debit: amount, credit: 0, counterparty: u.id });
      lines.push({ key, orgId: u.street_id, path: u.street_path, account: '102', debit: 0, credit: amount, counterparty: u.id });
    }
  }
  if (entries.length === 0) return;
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      with e as (
        insert into journal_entries (idempotency_key, period, posted_on, kind, memo)
        select * from unnest(${sql.param(entries.map((x) => x.key))}::text[], ${sql.param(entries.map((x) => x.period))}::text[],
                             ${sql.param(entries.map((x) => x.postedOn))}::date[], ${sql.param(entries.map(() => 'adjustment'))}::text[],
                             ${sql.param(entries.map((x) => x.memo))}::text[])
        returning id, idempotency_key as key)
      insert into journal_lines (entry_id, org_id, org_path, account_code, debit_fen, credit_fen, counterparty_org_id)
      select e.id, l.o, l.p::ltree, l.a, l.d, l.c, l.cp
        from unnest(${sql.param(lines.map((l) => l.key))}::text[], ${sql.param(lines.map((l) => l.orgId))}::int[], ${sql.param(lines.map((l) => l.path))}::text[],
                    ${sql.param(lines.map((l) => l.account))}::text[], ${sql.param(lines.map((l) => l.debit))}::bigint[],
                    ${sql.param(lines.map((l) => l.credit))}::bigint[], ${sql.param(lines.map((l) => l.counterparty))}::int[]) as l(k, o, p, a, d, c, cp)
        join e on e.key = l.k`);
  });
}
