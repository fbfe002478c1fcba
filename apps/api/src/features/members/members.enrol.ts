import { sql, type SQL } from 'drizzle-orm';
import { arrayLiteral, nameInitials, queryRows, type Tx } from '@lianxin/db';
import {
  birthDateOf, cardNumberFor, isLiangFeiYiWu, type JoinChannel, type MemberCategory, type Occupation,
} from '@lianxin/contracts';
import type { AppKeys } from '../../security/keys.ts';

export interface NewMember {
  name: string;
  /** validated, upper-case */
  idNumber: string;
  /** the blind index of idNumber, when the caller has computed it already */
  idNumberHash?: string;
  phone: string;
  occupation: Occupation;
  category: MemberCategory;
  joinChannel: JoinChannel;
  org: { id: number; path: string; regionCode: string };
  enterpriseId: number | null;
  joinedOn: string;
}

export interface SubsidyAmounts { districtFen: number; streetFen: number }
/** Beijing practice (DOMAIN.md §2): 30 yuan from the district and 30 from the street per new 两非一无 member. */
export const DEFAULT_SUBSIDY: SubsidyAmounts = { districtFen: 3000, streetFen: 3000 };

export async function subsidyAmounts(tx: Tx): Promise<SubsidyAmounts> {
  const [row] = await queryRows<{ value: SubsidyAmounts }>(tx, sql`select value from settings where key = 'subsidy.liangFeiYiWu'`);
  return row?.value ?? DEFAULT_SUBSIDY;
}

/** What new 两非一无 members' entitlements depend on: the amounts, and the district and street unions of their streets. */
export interface SubsidyRules {
  amounts: SubsidyAmounts;
  unions: { id: number; kind: string; region_code: string }[];
}

/** The rules for members joining unions in these streets (9-digit region codes). */
export async function subsidyRules(tx: Tx, streets: Iterable<string>): Promise<SubsidyRules> {
  const codes = [...new Set(streets)];
  const unions = await queryRows<{ id: number; kind: string; region_code: string }>(tx, sql`
    select id, kind, region_code from orgs
     where kind in ('district_federation', 'street_federation')
       and region_code = any(${sql.param(arrayLiteral([...codes, ...codes.map((c) => c.slice(0, 6))]))}::text[])`);
  return { amounts: await subsidyAmounts(tx), unions };
}

const initialsCache = new Map<string, string>();

/**
 * nameInitials() of a person's name (pinyin-pro takes ≈ 10 µs a call; names repeat across a roster), cached up
 * to 100,000 names. Not personal data beyond the name itself, which the row holds in clear for search already.
 */
export function cachedInitials(name: string): string {
  let initials = initialsCache.get(name);
  if (initials === undefined) {
    if (initialsCache.size >= 100_000) initialsCache.clear();
    initials = nameInitials(name);
    initialsCache.set(name, initials);
  }
  return initials;
}

/** Member ids from the sequence, drawn ahead of the insert so that the card number goes in with the row. */
export async function drawMemberIds(tx: Tx, count: number): Promise<number[]> {
  if (count === 0) return [];
  // the sequence is resolved once (a materialised CTE, not per row) and the ids come back as one array
  const [row] = await queryRows<{ ids: number[] }>(tx, sql`
    with s as materialized (select pg_get_serial_sequence('members', 'id')::regclass as seq)
    select array_agg(nextval(s.seq)::int) as ids from s, generate_series(1, ${count})`);
  return row?.ids ?? [];
}

/**
 * One statement writing these members under the drawn ids, with their card numbers, ID number and phone
 * encrypted and blind-indexed, and the subsidy entitlements of the 两非一无 among them. Built apart from
 * running it, so that a bulk writer can prepare the next statement while the database runs this one.
 */
export function memberInsert(
  keys: AppKeys, rows: readonly NewMember[], ids: readonly number[], rules: SubsidyRules | null,
): { query: SQL; cards: string[] } {
  const cards = ids.map(cardNumberFor);
  const col = (pick: (row: NewMember) => unknown) => sql.param(arrayLiteral(rows.map(pick)));
  const members = sql`
    insert into members (id, name, name_initials, id_number_enc, id_number_hash, phone_enc, phone_hash, gender, birth_date, occupation,
                         category, join_channel, org_id, org_path, enterprise_id, card_number, joined_on)
    select id, name, initials, id_enc, id_hash, phone_enc, phone_hash, gender, birth_date, occupation, category, join_channel,
           org_id, org_path::ltree, enterprise_id, card_number, joined_on
      from unnest(${sql.param(arrayLiteral(ids))}::int[], ${col((r) => r.name)}::text[], ${col((r) => cachedInitials(r.name))}::text[],
                  ${col((r) => keys.cipher.encrypt(r.idNumber))}::text[], ${col((r) => r.idNumberHash ?? keys.blindIndex(r.idNumber))}::text[],
                  ${col((r) => keys.cipher.encrypt(r.phone))}::text[], ${col((r) => keys.blindIndex(r.phone))}::text[],
                  ${col((r) => (Number(r.idNumber.charAt(16)) % 2 === 1 ? 'male' : 'female'))}::text[],
                  ${col((r) => birthDateOf(r.idNumber) ?? '1900-01-01')}::date[],
                  ${col((r) => r.occupation)}::text[], ${col((r) => r.category)}::text[],
                  ${col((r) => r.joinChannel)}::text[], ${col((r) => r.org.id)}::int[],
                  ${col((r) => r.org.path)}::text[], ${col((r) => r.enterpriseId)}::int[],
                  ${sql.param(arrayLiteral(cards))}::text[], ${col((r) => r.joinedOn)}::date[])
        as t(id, name, initials, id_enc, id_hash, phone_enc, phone_hash, gender, birth_date, occupation, category, join_channel,
             org_id, org_path, enterprise_id, card_number, joined_on)`;
  const subsidies = rules ? subsidyColumns(rows, ids, rules) : null;
  if (!subsidies) return { query: members, cards };
  // one statement for both tables: the entitlements' foreign keys are checked at its end, when the members are in
  return {
    query: sql`
      with new_members as (${members})
      insert into subsidy_entitlements (member_id, level, org_id, amount_fen)
      select * from unnest(${sql.param(arrayLiteral(subsidies.memberIds))}::int[], ${sql.param(arrayLiteral(subsidies.levels))}::text[],
                           ${sql.param(arrayLiteral(subsidies.orgIds))}::int[], ${sql.param(arrayLiteral(subsidies.amountsFen))}::int[])`,
    cards,
  };
}

/** Entitlements for the district and street unions above each new 两非一无 member's union; null when there are none. */
function subsidyColumns(rows: readonly NewMember[], ids: readonly number[], { amounts, unions }: SubsidyRules) {
  const unionOf = (kind: string, code: string) => unions.find((o) => o.kind === kind && o.region_code === code)?.id;
  const columns = { memberIds: [] as number[], levels: [] as string[], orgIds: [] as number[], amountsFen: [] as number[] };
  const add = (memberId: number, level: 'district' | 'street', orgId: number | undefined, fen: number) => {
    if (orgId === undefined) return;
    columns.memberIds.push(memberId);
    columns.levels.push(level);
    columns.orgIds.push(orgId);
    columns.amountsFen.push(fen);
  };
  rows.forEach((row, i) => {
    if (!isLiangFeiYiWu(row.category)) return;
    const id = ids[i] ?? 0;
    add(id, 'district', unionOf('district_federation', row.org.regionCode.slice(0, 6)), amounts.districtFen);
    add(id, 'street', unionOf('street_federation', row.org.regionCode), amounts.streetFen);
  });
  return columns.memberIds.length > 0 ? columns : null;
}

/**
 * Writes new members inside the caller's transaction (see memberInsert). A second active membership of an
 * identity fails on the partial unique index (23505).
 */
export async function insertMembers(tx: Tx, keys: AppKeys, rows: readonly NewMember[]): Promise<{ id: number; cardNumber: string }[]> {
  if (rows.length === 0) return [];
  const ids = await drawMemberIds(tx, rows.length);
  const entitled = rows.filter((r) => isLiangFeiYiWu(r.category));
  const rules = entitled.length > 0 ? await subsidyRules(tx, entitled.map((r) => r.org.regionCode)) : null;
  const { query, cards } = memberInsert(keys, rows, ids, rules);
  await tx.execute(query);
  return ids.map((id, i) => ({ id, cardNumber: cards[i] ?? '' }));
}
