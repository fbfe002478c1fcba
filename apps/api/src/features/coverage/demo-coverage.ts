/**
 * Demo data for the cockpit (`npm start` on an empty embedded database): targets from DOMAIN.md §1 and a
 * year of month-end snapshots, so the trend lines have a history. The history is made up: each past month
 * scales today's covered and member figures down a little. Real deployments get snapshots only as months end.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '@lianxin/db';
import { previousMonth, shanghaiDate } from '@lianxin/contracts';

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
  let period = today.slice(0, 7);
  for (let back = 1; back <= HISTORY_MONTHS; back++) {
    period = previousMonth(period);
    // coverage grew about a point a month, membership faster
    await db.execute(sql`
      insert into coverage_snapshots (period, org_id, metrics)
      select ${period}, org_id, jsonb_object_agg(metric, case
               when metric in ('covered_target', 'covered', 'employees_covered') then floor(value * ${1 - 0.012 * back})
               when metric like 'members%' then floor(value * ${1 - 0.03 * back})
               else value end)
        from org_figures group by org_id
      on conflict do nothing`);
  }
}
