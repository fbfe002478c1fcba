import { and, eq, sql } from 'drizzle-orm';
import { queryRows, users, type Database } from '@lianxin/db';
import { calendarDayOf, idNumberCheckChar, type Occupation } from '@lianxin/contracts';
import type { AppKeys } from '../../security/keys.ts';
import { insertMembers, type NewMember } from './members.enrol.ts';

export const DEMO_MEMBER_PHONE = '13800138000';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '朱', '马', '胡', '郭'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰', '军', '强', '霞', '平', '刚', '桂英'];
const OCCUPATIONS: Occupation[] = ['factory', 'office', 'factory', 'courier', 'catering', 'property'];

/** 顾村's 2017 membership rate (DOMAIN.md §1), the demo's reference street. */
const GUCUN = '310113109';
const GUCUN_RATE = 0.86;
/** Other streets: a rate of their own between these (a district chair sees streets ahead and behind). */
const RATE_LOW = 0.55;
const RATE_HIGH = 0.92;
/**
 * Members written per street outside 顾村 at most: the large industrial towns (宝山's other towns, 松江经开区) have
 * tens of thousands of workers in covered enterprises; writing all of them would multiply the demo's start-up
 * writes, so there the demo holds the rosters entered so far and the rate reads lower.
 */
const STREET_CAP = 1_000;
const BATCH = 20_000;

/** A street's rate, fixed by its code (the same on every start). */
export function demoStreetRate(regionCode: string): number {
  if (regionCode === GUCUN) return GUCUN_RATE;
  let h = 0;
  for (const ch of regionCode) h = (h * 31 + ch.charCodeAt(0)) % 1_000_003;
  return RATE_LOW + ((h % 1000) / 1000) * (RATE_HIGH - RATE_LOW);
}

/**
 * Demo members for the embedded demo (written through the app's keys, so they are encrypted like real ones), in
 * every district and street: the workers of each covered enterprise join the union that covers it at the street's
 * rate (顾村 86 %, DOMAIN.md §1; elsewhere 55–92 %, at most STREET_CAP a street outside 顾村), one in ten of a
 * federation's joining online as a gig worker (两非一无) — and the `demo-member` account linked to the first member
 * of its union, signing in with DEMO_MEMBER_PHONE. Bulk inserts of BATCH rows in one transaction.
 */
export async function seedDemoMembers(db: Database, keys: AppKeys): Promise<number> {
  const covered = await queryRows<{ id: number; path: string; region_code: string; kind: string; enterprise_id: number; employees: number; street: string }>(db, sql`
    select o.id, o.path::text as path, o.region_code, o.kind, e.id as enterprise_id, e.employee_count as employees, e.region_code as street
      from enterprises e
      join orgs o on o.id = e.org_id
     where e.union_status <> 'none'
     order by (o.id = (select org_id from users where username = 'demo-member')) desc, (e.region_code = ${GUCUN}) desc, e.region_code, e.id`);
  const rows: NewMember[] = [];
  const birthBase = Date.UTC(1965, 0, 1);
  const written = new Map<string, number>();
  for (const enterprise of covered) {
    const rate = demoStreetRate(enterprise.street);
    const already = written.get(enterprise.street) ?? 0;
    const cap = enterprise.street === GUCUN ? Number.POSITIVE_INFINITY : STREET_CAP;
    const count = Math.min(Math.max(1, Math.round(enterprise.employees * rate)), cap - already);
    if (count <= 0) continue;
    written.set(enterprise.street, already + count);
    for (let i = 0; i < count; i++) {
      const n = rows.length;
      // distinct identities: a birth date every week from 1965, 900 sequence numbers each
      const birth = calendarDayOf(birthBase + Math.floor(n / 900) * 7 * 86_400_000).replaceAll('-', '');
      const body = `${enterprise.street.slice(0, 6)}${birth}${String(100 + (n % 900))}`;
      const informal = enterprise.kind !== 'enterprise_union' && n % 10 === 0;
      rows.push({
        name: `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n * 7) % GIVEN.length]}`,
        idNumber: body + idNumberCheckChar(body),
        phone: n === 0 ? DEMO_MEMBER_PHONE : `139${String(n).padStart(8, '0')}`,
        occupation: informal ? 'rider' : (OCCUPATIONS[n % OCCUPATIONS.length] ?? 'factory'),
        category: informal ? 'non_standard' : 'standard',
        joinChannel: informal ? 'online' : 'enterprise_union',
        org: { id: enterprise.id, path: enterprise.path, regionCode: enterprise.region_code },
        enterpriseId: informal ? null : enterprise.enterprise_id,
        joinedOn: `20${String(15 + (n % 10)).padStart(2, '0')}-0${1 + (n % 9)}-15`,
      });
    }
  }
  await db.transaction(async (tx) => {
    let first: { id: number } | undefined;
    for (let start = 0; start < rows.length; start += BATCH) {
      const batch = await insertMembers(tx, keys, rows.slice(start, start + BATCH));
      first ??= batch[0];
    }
    if (first) {
      await tx.update(users).set({ memberId: first.id }).where(and(eq(users.username, 'demo-member'), eq(users.role, 'member')));
    }
  });
  return rows.length;
}
