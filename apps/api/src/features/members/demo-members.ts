import { and, eq, sql } from 'drizzle-orm';
import { queryRows, users, type Database, type Tx } from '@lianxin/db';
import { calendarDayOf, idNumberCheckChar, shanghaiDate, type JoinChannel, type MemberCategory, type Occupation } from '@lianxin/contracts';
import type { AppKeys } from '../../security/keys.ts';
import { insertMembers, type NewMember } from './members.enrol.ts';

export const DEMO_MEMBER_PHONE = '13800138000';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '朱', '马', '胡', '郭', '何', '高', '林', '罗'];
const GIVEN = [
  '伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰', '军', '强', '霞', '平', '刚', '桂英',
  '秀兰', '建华', '志强', '海燕', '晓明', '丽娟', '国庆', '春梅', '文斌', '雪', '浩', '婷', '俊杰', '佳怡', '子豪', '欣怡',
];
const OCCUPATIONS: Occupation[] = ['factory', 'office', 'factory', 'courier', 'catering', 'property'];

/** The 两非一无 members' three kinds as the demo writes them: category, how they joined, what they do. */
const LIANG_FEI_YI_WU: readonly { category: MemberCategory; joinChannel: JoinChannel; occupations: readonly Occupation[] }[] = [
  { category: 'non_standard', joinChannel: 'online', occupations: ['rider', 'rider', 'courier'] },
  { category: 'informal', joinChannel: 'on_site', occupations: ['domestic', 'carer', 'catering'] },
  { category: 'no_union', joinChannel: 'out_of_enterprise', occupations: ['factory', 'trucker', 'property'] },
];

/** 顾村's 2017 membership rate (DOMAIN.md §1), the demo's reference street. */
const GUCUN = '310113109';
const GUCUN_RATE = 0.86;
/** Other streets: a rate of their own between these (a district chair sees streets ahead and behind). */
const RATE_LOW = 0.55;
const RATE_HIGH = 0.92;
/** Rows a statement writes (≈ 6 MB of parameters); the roster is generated batch by batch, never held whole. */
const BATCH = 20_000;
/** Members joined on any day of the last eleven years: a roster holds old hands and this month's joins alike. */
const JOIN_SPAN_DAYS = 11 * 365;
/** Birth dates run over this many days from BIRTH_BASE (1966–1998: members 28–60 years old)… */
const BIRTH_DAYS = 12_000;
const BIRTH_BASE = Date.UTC(1966, 0, 1);
/**
 * …and each date has the sequence numbers 001–099, so the n-th member's identity is distinct up to 1.18 million. Not
 * 100–999: people trying the demo (and the browser tests) join with made-up numbers there, and a demo member holding
 * one would turn them away as already a member.
 */
const SEQUENCES = 99;
/** Mobile prefixes of the demo members: not 139, the browser tests' random joiners', nor 138/137 (demo accounts, services). */
const PHONE_PREFIXES = ['135', '136', '150', '151', '152', '158', '159', '182', '183', '186', '187', '188'];

/** A street's rate, fixed by its code (the same on every start). */
export function demoStreetRate(regionCode: string): number {
  if (regionCode === GUCUN) return GUCUN_RATE;
  let h = 0;
  for (const ch of regionCode) h = (h * 31 + ch.charCodeAt(0)) % 1_000_003;
  // mixed before scaling (MurmurHash3's finaliser): neighbouring codes (310113003, 310113007…) differ by a few
  // units of h, and `h % 1000` gave 宝山's streets rates within 0.2 points of each other
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return RATE_LOW + ((h >>> 0) / 2 ** 32) * (RATE_HIGH - RATE_LOW);
}

/**
 * Members the demo writes for one covered enterprise: its employees (a head count) at its street's rate (9-digit
 * region code, demoStreetRate), rounded, at least one when it has any employees. No cap: a street's and district's
 * 入会率 (active members / employees in covered enterprises) reads the streets' rates, 55–92 %.
 */
export function demoMemberCount(employees: number, street: string): number {
  return employees > 0 ? Math.max(1, Math.round(employees * demoStreetRate(street))) : 0;
}

interface CoveredEnterprise {
  id: number;
  path: string;
  region_code: string;
  kind: string;
  enterprise_id: number;
  employees: number;
  street: string;
}

/**
 * The n-th demo member (n from 0) of a covered enterprise: an identity of its own (ID number of the street's
 * district, a birth date and sequence number that no other n shares; a phone no other n shares, the first one
 * DEMO_MEMBER_PHONE) and one in ten of a federation's members 两非一无 (LIANG_FEI_YI_WU, the three kinds in turn).
 */
function demoMember(n: number, enterprise: CoveredEnterprise, todayMs: number): NewMember {
  const birth = calendarDayOf(BIRTH_BASE + (n % BIRTH_DAYS) * 86_400_000).replaceAll('-', '');
  // (birth date, sequence) differs for every n below BIRTH_DAYS × SEQUENCES; the sequence's last digit (the sex)
  // alternates from one member to the next
  const sequence = 1 + ((Math.floor(n / BIRTH_DAYS) + (n % BIRTH_DAYS)) % SEQUENCES);
  const body = `${enterprise.street.slice(0, 6)}${birth}${String(sequence).padStart(3, '0')}`;
  // one in ten of a federation's members is 两非一无, the three kinds in turn (DOMAIN.md §2): a rider on a platform
  // who joined online (非标准劳动关系), a domestic worker or carer signed up at a street stall (非正规就业), both
  // without an employer on record, and a worker of the small enterprise the federation covers (无单独建会)
  const kind = enterprise.kind !== 'enterprise_union' && n % 10 === 0 ? LIANG_FEI_YI_WU[Math.floor(n / 10) % 3]! : null;
  const noEmployer = kind !== null && kind.category !== 'no_union';
  return {
    // 640 names: the surname changes with every member, the given name with every 20
    name: `${SURNAMES[n % SURNAMES.length]}${GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length]}`,
    idNumber: body + idNumberCheckChar(body),
    phone: n === 0
      ? DEMO_MEMBER_PHONE
      : `${PHONE_PREFIXES[n % PHONE_PREFIXES.length]}${String(Math.floor(n / PHONE_PREFIXES.length)).padStart(8, '0')}`,
    occupation: kind?.occupations[Math.floor(n / 30) % kind.occupations.length] ?? OCCUPATIONS[n % OCCUPATIONS.length] ?? 'factory',
    category: kind?.category ?? 'standard',
    joinChannel: kind?.joinChannel ?? 'enterprise_union',
    org: { id: enterprise.id, path: enterprise.path, regionCode: enterprise.region_code },
    enterpriseId: noEmployer ? null : enterprise.enterprise_id,
    // any day of the last JOIN_SPAN_DAYS, up to yesterday, for gig workers as for the rest (the 两非一无 subsidies
    // of recent joins are pending, earlier ones paid: funds/demo-funds.ts)
    joinedOn: calendarDayOf(todayMs - (1 + ((n * 7_919) % JOIN_SPAN_DAYS)) * 86_400_000),
  };
}

/**
 * Demo members for the embedded demo (written through the app's keys — insertMembers: every row its own AES-GCM
 * ciphertexts and blind indexes — so they read like real ones), in every district and street: the workers of each
 * covered enterprise join the union that covers it at the street's rate (demoMemberCount: 顾村 86 %, DOMAIN.md §1;
 * elsewhere 55–92 %) — ≈ 420,000 members at demo scale — and the `demo-member` account is linked to the first member
 * of its union, signing in with DEMO_MEMBER_PHONE. Returns the number of members written.
 *
 * One transaction, statements of BATCH rows in rosterOrder, with the table's secondary indexes built once afterwards
 * (withIndexesBuiltAfter) and the table analysed for the demo modules that read it next.
 */
export async function seedDemoMembers(db: Database, keys: AppKeys, today = shanghaiDate()): Promise<number> {
  const todayMs = Date.parse(today);
  const covered = await queryRows<CoveredEnterprise>(db, sql`
    select o.id, o.path::text as path, o.region_code, o.kind, e.id as enterprise_id, e.employee_count as employees, e.region_code as street
      from enterprises e
      join orgs o on o.id = e.org_id
     where e.union_status <> 'none'
     order by (o.id = (select org_id from users where username = 'demo-member')) desc, e.id`);
  const owners = rosterOrder(covered.map((e) => demoMemberCount(e.employees, e.street)));
  await db.transaction(async (tx) => {
    let first: number | undefined;
    await withIndexesBuiltAfter(tx, 'members', async () => {
      for (let start = 0; start < owners.length; start += BATCH) {
        const batch: NewMember[] = [];
        for (let n = start; n < Math.min(start + BATCH, owners.length); n++) batch.push(demoMember(n, covered[owners[n]!]!, todayMs));
        const ids = await insertMembers(tx, keys, batch);
        first ??= ids[0]?.id;
      }
    });
    if (first !== undefined) {
      await tx.update(users).set({ memberId: first }).where(and(eq(users.username, 'demo-member'), eq(users.role, 'member')));
    }
  });
  // the embedded database has no autovacuum: the demo modules after this one plan their member queries on statistics
  await db.execute(sql`analyze members`);
  return owners.length;
}

/**
 * The order members are written in (and so their ids): `owners[n]` is the index in `counts` of the enterprise the
 * n-th member works for. Each enterprise's members are spread evenly over the whole roster — as in a real one, where
 * people join across the city every day — and the first enterprise's first member is the first of all (the demo
 * member). Written enterprise by enterprise instead, a big union's members all had low ids, and its newest-first
 * roster page walked the primary key back past everyone else's: 顾村 257 ms, 宝山 327 ms, 杨行 163 ms on PGlite.
 */
export function rosterOrder(counts: readonly number[]): Uint32Array {
  const total = counts.reduce((a, b) => a + b, 0);
  const place = new Float64Array(total);
  const owner = new Uint32Array(total);
  let k = 0;
  counts.forEach((count, j) => {
    // an offset of its own (golden-ratio steps), so equal-sized enterprises do not all take the same places
    const offset = (j * 0.618_033_988_749_895) % 1;
    for (let i = 0; i < count; i++, k++) {
      place[k] = j === 0 && i === 0 ? -1 : (i + offset) / count;
      owner[k] = j;
    }
  });
  const order = Uint32Array.from({ length: total }, (_, i) => i).sort((a, b) => place[a]! - place[b]!);
  return order.map((i) => owner[i]!);
}

/**
 * Runs a bulk write into `table` with its secondary indexes (those backing no constraint) dropped, then creates them
 * again from their own definitions (pg_get_indexdef), in the caller's transaction: nobody sees the table without
 * them, and unique ones check the new rows as they are built. Building the members indexes once over 420,000 rows
 * (a GiST on ltree, a GIN on the search grams, four btrees) costs a fraction of updating them row by row.
 */
async function withIndexesBuiltAfter(tx: Tx, table: string, write: () => Promise<void>): Promise<void> {
  const indexes = await queryRows<{ drop: string; create: string }>(tx, sql`
    select format('drop index %I.%I', n.nspname, c.relname) as drop, pg_get_indexdef(x.indexrelid) as create
      from pg_index x
      join pg_class c on c.oid = x.indexrelid
      join pg_namespace n on n.oid = c.relnamespace
     where x.indrelid = to_regclass(${table})
       and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid)`);
  for (const index of indexes) await tx.execute(sql.raw(index.drop));
  await write();
  for (const index of indexes) await tx.execute(sql.raw(index.create));
}
