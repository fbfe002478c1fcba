/**
 * Demo data for the cockpit (`npm start` on an empty embedded database): targets from DOMAIN.md §1, a
 * year of month-end snapshots so the trend lines have a history, and 顾村's largest uncovered targets under way
 * in the campaign. The history is made up: each past month
 * scales today's covered and member figures down a little. Real deployments get snapshots only as months end.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '@lianxin/db';
import { addDays, previousMonth, shanghaiDate } from '@lianxin/contracts';

const HISTORY_MONTHS = 12;

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
  let period = today.slice(0, 7);
  for (let back = 1; back <= HISTORY_MONTHS; back++) {
    period = previousMonth(period);
    // coverage grew about a point a month, membership faster
    await db.execute(sql`
      insert into coverage_snapshots (period, org_id, metrics)
      select ${period}, org_id, jsonb_object_agg(metric, case
               when metric in ('covered_target', 'covered', 'employees_covered') then floor(value * ${1 - 0.012 * back}::float8)
               when metric like 'members%' then floor(value * ${1 - 0.03 * back}::float8)
               else value end)
        from org_figures group by org_id
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
