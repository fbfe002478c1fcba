/**
 * Demo data for the cockpit (`npm start` on an empty embedded database): targets from DOMAIN.md §1, a
 * year of month-end snapshots so the trend lines have a history, and 顾村's largest uncovered targets under way
 * in the campaign. The history is made up: each street grew at a pace of its own (demoGrowth), and a district's or
 * the city's past figures are the sums of its streets'. Real deployments get snapshots only as months end.
 */
import { sql } from 'drizzle-orm';
import { arrayLiteral, queryRows, type Database } from '@lianxin/db';
import { addDays, previousMonth, shanghaiDate } from '@lianxin/contracts';

const HISTORY_MONTHS = 12;

/** A number in [0, 1) fixed by a text and a salt (the same on every start). */
function unitHash(text: string, salt: number): number {
  let h = salt;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) % 1_000_003;
  return (h * 7_919 % 1_000_003) / 1_000_003;
}

/**
 * How far a unit's figures stood below today's, month by month back: `coverage[b - 1]` and `members[b - 1]` are the
 * factors b months ago (1 ≥ factor > 0; coverage for covered enterprises and their employees, members for the
 * member counts), fixed by the unit's region code. One unit in five stood still (≈ 0.05 % a month); the others
 * covered 0.2–1.5 % more a month and signed members up to 1.5 points a month faster than that, in uneven steps
 * (a busier and a quieter season). Members never grew slower than coverage, so no past 入会率 exceeds today's.
 */
export function demoGrowth(regionCode: string, months = HISTORY_MONTHS): { coverage: number[]; members: number[] } {
  const pace = unitHash(regionCode, 17);
  const flat = pace < 0.2;
  const coveragePace = flat ? 0.0005 : 0.002 + ((pace - 0.2) / 0.8) * 0.013;
  const memberExtra = flat ? 0.0005 : unitHash(regionCode, 29) * 0.015;
  const phase = unitHash(regionCode, 41) * 2 * Math.PI;
  const coverage: number[] = [];
  const members: number[] = [];
  let c = 1;
  let m = 1;
  for (let back = 1; back <= months; back++) {
    const season = 1 + 0.8 * Math.sin(phase + back * 0.9);
    c -= coveragePace * season;
    m -= (coveragePace + memberExtra) * season;
    coverage.push(c);
    members.push(m);
  }
  return { coverage, members };
}

export async function seedDemoCoverage(db: Database, today = shanghaiDate()): Promise<void> {
  const yearEnd = `${today.slice(0, 4)}-12-31`;
  const territorial = await queryRows<{ id: number; region_code: string }>(db, sql`
    select id, region_code from orgs
     where kind in ('city_federation', 'district_federation', 'street_federation')
       and region_code in ('310000', '310113', '310113109', '310117501')`);
  const idOf = (code: string) => territorial.find((o) => o.region_code === code)?.id;
  const targets: { orgId: number | undefined; dueOn: string; coverageBp: number; membershipBp: number | null; note: string }[] = [
    { orgId: idOf('310000'), dueOn: yearEnd, coverageBp: 8500, membershipBp: 8500, note: '全市建会入会率动态保持 85%' },
    { orgId: idOf('310113'), dueOn: yearEnd, coverageBp: 8800, membershipBp: null, note: '' },
    { orgId: idOf('310113109'), dueOn: yearEnd, coverageBp: 9000, membershipBp: 8600, note: '顾村镇：建会率不低于 90%，入会率 86%' },
    { orgId: idOf('310117501'), dueOn: '2018-12-31', coverageBp: 7000, membershipBp: null, note: '松江经开区：2018 年底达到 70%' },
    { orgId: idOf('310117501'), dueOn: '2019-12-31', coverageBp: 8000, membershipBp: null, note: '松江经开区：2019 年底达到 80%' },
    { orgId: idOf('310117501'), dueOn: yearEnd, coverageBp: 8500, membershipBp: null, note: '' },
  ];
  for (const t of targets) {
    if (t.orgId === undefined) continue;
    await db.execute(sql`
      insert into coverage_targets (org_id, due_on, coverage_bp, membership_bp, note)
      values (${t.orgId}, ${t.dueOn}, ${t.coverageBp}, ${t.membershipBp}, ${t.note}) on conflict do nothing`);
  }
  await seedDemoCampaign(db, idOf('310113109'), today);
  await seedDemoHistory(db, today);
}

/**
 * HISTORY_MONTHS month-end snapshots before today's month. A unit in a street (the street itself, its regional
 * federations and enterprise unions) takes its street's demoGrowth; a unit above the streets (a district, the city)
 * the sum of its streets' past figures plus the part of its own that no street holds, moved by its own region's
 * demoGrowth — so a district's trend is its streets' trends added up, and no two streets' lines are the same shape.
 * Other figures (enterprises, targets, employees…) are today's.
 */
async function seedDemoHistory(db: Database, today: string) {
  const units = await queryRows<{ id: number; region_code: string; street: boolean }>(db, sql`
    select id, region_code, kind = 'street_federation' as street from orgs
     where kind in ('city_federation', 'district_federation', 'street_federation')`);
  const growth = units.map((u) => ({ ...u, ...demoGrowth(u.region_code) }));
  const column = (values: readonly unknown[]) => sql.param(arrayLiteral(values));
  let period = today.slice(0, 7);
  for (let back = 1; back <= HISTORY_MONTHS; back++) {
    period = previousMonth(period);
    await db.execute(sql`
      insert into coverage_snapshots (period, org_id, metrics)
      with growth (org_id, street, coverage, members) as (
        select * from unnest(${column(growth.map((u) => u.id))}::int[], ${column(growth.map((u) => u.street))}::boolean[],
                             ${column(growth.map((u) => u.coverage[back - 1]))}::float8[], ${column(growth.map((u) => u.members[back - 1]))}::float8[])),
      in_street as (
        -- every unit in a street (the street itself and the units under it), with the street's pace
        select o.id as org_id, g.coverage, g.members
          from orgs o
         cross join lateral unnest(string_to_array(o.path::text, '.')) a(org_id)
          join growth g on g.org_id = a.org_id::int and g.street),
      figures as (
        -- each figure with its factor back then (null: a figure that does not move) and whether a street's pace sets it
        select f.org_id, f.metric, f.value, s.org_id is not null as in_street,
               case when f.metric in ('covered_target', 'covered', 'employees_covered') then coalesce(s.coverage, own.coverage, 1)
                    when f.metric like 'members%' then coalesce(s.members, own.members, 1) end as factor
          from org_figures f
          left join in_street s on s.org_id = f.org_id
          left join growth own on own.org_id = f.org_id),
      above as (
        -- the streets' figures, now and back then, summed onto every unit above them
        select a.org_id::int as org_id, f.metric, sum(f.value) as value, sum(floor(f.value * f.factor)) as past
          from figures f
          join growth g on g.org_id = f.org_id and g.street
          join orgs o on o.id = f.org_id
         cross join lateral unnest(string_to_array(subpath(o.path, 0, nlevel(o.path) - 1)::text, '.')) a(org_id)
         where f.factor is not null
         group by 1, 2)
      select ${period}, f.org_id, jsonb_object_agg(f.metric, case
               when f.factor is null then f.value
               when f.in_street then floor(f.value * f.factor)
               else coalesce(a.past, 0) + floor((f.value - coalesce(a.value, 0)) * f.factor) end)
        from figures f
        left join above a on a.org_id = f.org_id and a.metric = f.metric
       group by f.org_id
      on conflict do nothing`);
  }
}

/** The five largest uncovered targets of 顾村 at different stages, followed by its social worker. */
async function seedDemoCampaign(db: Database, gucunId: number | undefined, today: string) {
  if (gucunId === undefined) return;
  const [worker] = await queryRows<{ id: number }>(db, sql`select id from users where username = 'demo-gucun-sw'`);
  const top = await queryRows<{ id: number; org_path: string }>(db, sql`
    select e.id, e.org_path::text as org_path from enterprises e, orgs o
     where o.id = ${gucunId} and e.org_path <@ o.path and e.is_target and e.union_status = 'none'
     order by e.employee_count desc, e.id limit 5`);
  const plan = [
    { stage: 'preparing', notes: '已召开职工沟通会，正在推选筹备组' },
    { stage: 'publicised', notes: '已上门宣传《工会法》，负责人表示考虑' },
    { stage: 'refused', notes: '负责人明确拒绝建会' },
    { stage: 'publicised', notes: '' },
  ] as const;
  const followUp = addDays(today, 7);
  for (const [i, step] of plan.entries()) {
    const e = top[i];
    if (!e) break;
    await db.execute(sql`
      insert into campaign_items (enterprise_id, stage, assignee_id, next_follow_up_on, notes)
      values (${e.id}, ${step.stage}, ${worker?.id ?? null}, ${followUp}, ${step.notes}) on conflict do nothing`);
    await db.execute(sql`
      insert into enterprise_events (enterprise_id, org_path, kind, detail, user_id)
      values (${e.id}, ${e.org_path}::ltree, 'stage', ${JSON.stringify({ from: 'not_contacted', to: step.stage })}::jsonb, ${worker?.id ?? null})`);
  }
}
