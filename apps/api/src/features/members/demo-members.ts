import { and, eq, sql } from 'drizzle-orm';
import { queryRows, users, type Database } from '@lianxin/db';
import { idNumberCheckChar, type Occupation } from '@lianxin/contracts';
import type { AppKeys } from '../../security/keys.ts';
import { insertMembers, type NewMember } from './members.enrol.ts';

export const DEMO_MEMBER_PHONE = '13800138000';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '朱', '马', '胡', '郭'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰', '军', '强', '霞', '平', '刚', '桂英'];
const OCCUPATIONS: Occupation[] = ['factory', 'office', 'factory', 'courier', 'catering', 'property'];

/**
 * Demo members for the embedded demo (written through the app's keys, so they are encrypted like real ones):
 * members of 顾村's enterprise unions, up to 25 per union, and the `demo-member` account linked to the first
 * member of its union, signing in with DEMO_MEMBER_PHONE.
 */
export async function seedDemoMembers(db: Database, keys: AppKeys): Promise<number> {
  const unions = await queryRows<{ id: number; path: string; region_code: string; enterprise_id: number; employees: number }>(db, sql`
    select o.id, o.path::text as path, o.region_code, e.id as enterprise_id, e.employee_count as employees
      from orgs o
      join org_coverage c on c.org_id = o.id
      join enterprises e on e.id = c.enterprise_id
     where o.kind = 'enterprise_union'
       and o.path <@ (select path from orgs where kind = 'street_federation' and region_code = '310113109')
     order by (o.id = (select org_id from users where username = 'demo-member')) desc, o.id
     limit 60`);
  const rows: NewMember[] = [];
  for (const union of unions) {
    const count = Math.min(25, Math.max(1, Math.round(union.employees * 0.86)));
    for (let i = 0; i < count; i++) {
      const n = rows.length;
      const body = `310113${1970 + (n % 35)}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
      rows.push({
        name: `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n * 7) % GIVEN.length]}`,
        idNumber: body + idNumberCheckChar(body),
        phone: n === 0 ? DEMO_MEMBER_PHONE : `1380000${String(n).padStart(4, '0')}`,
        occupation: OCCUPATIONS[n % OCCUPATIONS.length] ?? 'factory',
        category: 'standard',
        joinChannel: 'enterprise_union',
        org: { id: union.id, path: union.path, regionCode: union.region_code },
        enterpriseId: union.enterprise_id,
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
