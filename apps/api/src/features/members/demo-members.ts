import { and, eq, sql } from 'drizzle-orm';
import { queryRows, users, type Database } from '@lianxin/db';
import { calendarDayOf, idNumberCheckChar, type Occupation } from '@lianxin/contracts';
import type { AppKeys } from '../../security/keys.ts';
import { insertMembers, type NewMember } from './members.enrol.ts';

export const DEMO_MEMBER_PHONE = '13800138000';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '朱', '马', '胡', '郭'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰', '军', '强', '霞', '平', '刚', '桂英'];
const OCCUPATIONS: Occupation[] = ['factory', 'office', 'factory', 'courier', 'catering', 'property'];

/**
 * Demo members for the embedded demo (written through the app's keys, so they are encrypted like real ones):
 * 顾村's 2017 membership rate of 86 % (DOMAIN.md §1) — 86 % of the workers of every covered enterprise, members of
 * the union that covers it, one in ten of a federation's joining online as a gig worker (两非一无) — and the `demo-member`
 * account linked to the first member of its union, signing in with DEMO_MEMBER_PHONE.
 */
export async function seedDemoMembers(db: Database, keys: AppKeys): Promise<number> {
  const covered = await queryRows<{ id: number; path: string; region_code: string; kind: string; enterprise_id: number; employees: number }>(db, sql`
    select o.id, o.path::text as path, o.region_code, o.kind, e.id as enterprise_id, e.employee_count as employees
      from enterprises e
      join orgs o on o.id = e.org_id
     where e.union_status <> 'none'
       and e.org_path <@ (select path from orgs where kind = 'street_federation' and region_code = '310113109')
     order by (o.id = (select org_id from users where username = 'demo-member')) desc, e.id`);
  const rows: NewMember[] = [];
  const birthBase = Date.UTC(1965, 0, 1);
  for (const enterprise of covered) {
    const count = Math.max(1, Math.round(enterprise.employees * 0.86));
    for (let i = 0; i < count; i++) {
      const n = rows.length;
      // distinct identities: a birth date every week from 1965, 900 sequence numbers each
      const birth = calendarDayOf(birthBase + Math.floor(n / 900) * 7 * 86_400_000).replaceAll('-', '');
      const body = `310113${birth}${String(100 + (n % 900))}`;
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
    const written = await insertMembers(tx, keys, rows);
    const first = written[0];
    if (first) {
      await tx.update(users).set({ memberId: first.id }).where(and(eq(users.username, 'demo-member'), eq(users.role, 'member')));
    }
  });
  return rows.length;
}
