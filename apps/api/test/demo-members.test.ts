import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiRegions } from '@lianxin/db';
import { demoGrowth, seedDemoCoverage } from '../src/features/coverage/demo-coverage.ts';
import { demoMemberCount, demoStreetRate, rosterOrder } from '../src/features/members/demo-members.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

describe('demo membership rates', () => {
  it('give 顾村 its 86 % and every other street a rate of its own between 55 % and 92 %, the same on every start', () => {
    expect(demoStreetRate('310113109')).toBe(0.86);
    const streets = shanghaiRegions.filter((r) => r.level === 'street').map((r) => r.code);
    expect(streets.length).toBeGreaterThan(200);
    const rates = streets.filter((c) => c !== '310113109').map(demoStreetRate);
    for (const rate of rates) {
      expect(rate).toBeGreaterThanOrEqual(0.55);
      expect(rate).toBeLessThanOrEqual(0.92);
    }
    expect(new Set(rates.map((r) => r.toFixed(2))).size).toBeGreaterThan(20);
    expect(streets.map(demoStreetRate)).toEqual(streets.map(demoStreetRate));
  });

  it('count members for every covered enterprise, at least one, never more than its employees', () => {
    expect(demoMemberCount(1000, '310113109')).toBe(860);
    expect(demoMemberCount(1, '310117501')).toBe(1);
    expect(demoMemberCount(0, '310117501')).toBe(0);
    for (const employees of [1, 2, 3, 25, 999, 36_000]) {
      expect(demoMemberCount(employees, '310101002')).toBeLessThanOrEqual(employees);
    }
  });

  it('write every enterprise its count of members, spread over the whole roster, the demo member first', () => {
    const counts = [3, 40_000, 1, 500, 7, 12_000];
    const owners = rosterOrder(counts);
    expect(owners.length).toBe(52_511);
    expect(owners[0]).toBe(0);
    counts.forEach((count, j) => {
      const places = [...owners.keys()].filter((n) => owners[n] === j);
      expect(places.length).toBe(count);
      if (count >= 500) {
        // the newest of them are among the newest of all, the oldest among the oldest
        expect(places.at(-1)!).toBeGreaterThan(owners.length * 0.99);
        expect(places[1]!).toBeLessThan(owners.length * 0.01);
      }
    });
  });
});

// The demo's enterprises (the test template is seeded at demo scale) with the counting rule: what the demo image's
// members add up to, without writing 370,000 encrypted rows in a test.
describe('demo members over the demo enterprises', () => {
  let t: TestApp;
  let covered: { street: string; employees: number }[];
  beforeAll(async () => {
    t = await startTestApp();
    covered = await t.handle.query<{ street: string; employees: number }>(
      `select region_code as street, employee_count as employees from enterprises where union_status <> 'none'`);
  });
  afterAll(() => t.close());

  const rates = (unitOf: (street: string) => string) => {
    const sums = new Map<string, { employees: number; members: number }>();
    for (const e of covered) {
      const sum = sums.get(unitOf(e.street)) ?? { employees: 0, members: 0 };
      sum.employees += e.employees;
      sum.members += demoMemberCount(e.employees, e.street);
      sums.set(unitOf(e.street), sum);
    }
    return sums;
  };

  it('give every district a 入会率 between 55 % and 92 %, and the districts different ones', () => {
    const districts = rates((street) => street.slice(0, 6));
    expect(districts.size).toBe(16);
    for (const [district, { employees, members }] of districts) {
      expect(members / employees, district).toBeGreaterThanOrEqual(0.55);
      expect(members / employees, district).toBeLessThanOrEqual(0.92);
    }
    expect(new Set([...districts.values()].map((d) => (d.members / d.employees).toFixed(2))).size).toBeGreaterThan(5);
    const city = [...districts.values()].reduce((a, d) => ({ employees: a.employees + d.employees, members: a.members + d.members }));
    expect(city.members / city.employees).toBeGreaterThan(0.6);
  });

  it("write a year of history in which a district's past figures are its streets' added up, and streets differ", async () => {
    await seedDemoCoverage(t.app.db, '2026-11-15');
    const [history] = await t.handle.query<{ months: number; district: number; streets: number; shapes: number }>(`
      with baoshan as (select id, path from orgs where kind = 'district_federation' and region_code = '310113'),
      past as (
        select s.period, s.org_id, (s.metrics->>'covered')::int as covered, (f.value)::int as today
          from coverage_snapshots s join org_figures f on f.org_id = s.org_id and f.metric = 'covered')
      select (select count(distinct period) from coverage_snapshots)::int as months,
             (select covered from past, baoshan where org_id = baoshan.id and period = '2025-11')::int as district,
             (select sum(covered) from past join orgs o on o.id = past.org_id, baoshan
               where period = '2025-11' and o.kind = 'street_federation' and o.path <@ baoshan.path)::int as streets,
             (select count(distinct round(covered::numeric / today, 3)) from past join orgs o on o.id = past.org_id
               where period = '2025-11' and o.kind = 'street_federation' and today > 50)::int as shapes`);
    expect(history!.months).toBe(12);
    // units directly under the district, in no street, add their own few
    expect(Math.abs(history!.district - history!.streets)).toBeLessThanOrEqual(history!.district * 0.02);
    expect(history!.shapes).toBeGreaterThan(10);
  });

  it('give every street with covered enterprises members at its own rate', () => {
    const streets = rates((street) => street);
    expect(streets.size).toBeGreaterThan(200);
    for (const [street, { employees, members }] of streets) {
      expect(members, street).toBeGreaterThan(0);
      expect(members / employees, street).toBeGreaterThanOrEqual(0.5);
      expect(members / employees, street).toBeLessThanOrEqual(1);
    }
  });
});

describe('demo trends', () => {
  const streets = shanghaiRegions.filter((r) => r.level === 'street').map((r) => r.code);

  it('move each unit back month by month, members never slower than coverage, the same on every start', () => {
    for (const code of [...streets, '310113', '310000']) {
      const { coverage, members } = demoGrowth(code);
      expect(coverage).toHaveLength(12);
      for (let b = 0; b < 12; b++) {
        expect(coverage[b]!, code).toBeLessThanOrEqual(b === 0 ? 1 : coverage[b - 1]!);
        expect(members[b]!, code).toBeLessThanOrEqual(coverage[b]!);
        expect(members[b]!, code).toBeGreaterThan(0.5);
      }
      expect(demoGrowth(code)).toEqual({ coverage, members });
    }
  });

  it('differ between streets: some stood still, some grew by a tenth or more in a year, in uneven steps', () => {
    const yearAgo = streets.map((code) => demoGrowth(code).members[11]!);
    expect(yearAgo.filter((m) => m > 0.98).length).toBeGreaterThan(10);
    expect(yearAgo.filter((m) => m < 0.9).length).toBeGreaterThan(50);
    expect(new Set(yearAgo.map((m) => m.toFixed(2))).size).toBeGreaterThan(15);
    const { members } = demoGrowth('310117501');
    const steps = members.map((m, b) => (b === 0 ? 1 : members[b - 1]!) - m);
    expect(Math.max(...steps) / Math.min(...steps)).toBeGreaterThan(1.5);
  });
});
