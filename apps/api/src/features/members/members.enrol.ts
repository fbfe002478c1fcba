import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '@lianxin/db';
import {
  birthDateOf, cardNumberFor, isLiangFeiYiWu, type JoinChannel, type MemberCategory, type Occupation,
} from '@lianxin/contracts';
import type { AppKeys } from '../../security/keys.ts';

export interface NewMember {
  name: string;
  /** validated, upper-case */
  idNumber: string;
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

/**
 * Writes new members in bulk inside the caller's transaction: ids drawn first so the card number (derived from
 * the id) goes in with the row; ID number and phone encrypted with blind indexes; subsidy entitlements for
 * 两非一无 members. A second active membership of an identity fails on the partial unique index (23505).
 */
export async function insertMembers(tx: Tx, keys: AppKeys, rows: readonly NewMember[]): Promise<{ id: number; cardNumber: string }[]> {
  if (rows.length === 0) return [];
  // the sequence is resolved once, not per row
  const ids = (await queryRows<{ id: number }>(
    tx, sql`select nextval(s.seq)::int as id from (select pg_get_serial_sequence('members', 'id')::regclass as seq) s,
                   generate_series(1, ${rows.length})`,
  )).map((r) => r.id);
  const cards = ids.map(cardNumberFor);
  const col = <T>(pick: (row: NewMember, i: number) => T) => rows.map(pick);
  await tx.execute(sql`
    insert into members (id, name, id_number_enc, id_number_hash, phone_enc, phone_hash, gender, birth_date, occupation,
                         category, join_channel, org_id, org_path, enterprise_id, card_number, joined_on)
    select id, name, id_enc, id_hash, phone_enc, phone_hash, gender, birth_date, occupation, category, join_channel,
           org_id, org_path::ltree, enterprise_id, card_number, joined_on
      from unnest(${sql.param(ids)}::int[], ${sql.param(col((r) => r.name))}::text[],
                  ${sql.param(col((r) => keys.cipher.encrypt(r.idNumber)))}::text[], ${sql.param(col((r) => keys.blindIndex(r.idNumber)))}::text[],
                  ${sql.param(col((r) => keys.cipher.encrypt(r.phone)))}::text[], ${sql.param(col((r) => keys.blindIndex(r.phone)))}::text[],
                  ${sql.param(col((r) => (Number(r.idNumber.charAt(16)) % 2 === 1 ? 'male' : 'female')))}::text[],
                  ${sql.param(col((r) => birthDateOf(r.idNumber) ?? '1900-01-01'))}::date[],
                  ${sql.param(col((r) => r.occupation))}::text[], ${sql.param(col((r) => r.category))}::text[],
                  ${sql.param(col((r) => r.joinChannel))}::text[], ${sql.param(col((r) => r.org.id))}::int[],
                  ${sql.param(col((r) => r.org.path))}::text[], ${sql.param(col((r) => r.enterpriseId))}::int[],
                  ${sql.param(cards)}::text[], ${sql.param(col((r) => r.joinedOn))}::date[])
        as t(id, name, id_enc, id_hash, phone_enc, phone_hash, gender, birth_date, occupation, category, join_channel,
             org_id, org_path, enterprise_id, card_number, joined_on)`);
  await insertSubsidies(tx, rows, ids);
  return ids.map((id, i) => ({ id, cardNumber: cards[i] ?? '' }));
}

/** Entitlements for the district and street unions above each new 两非一无 member's union. */
async function insertSubsidies(tx: Tx, rows: readonly NewMember[], ids: readonly number[]) {
  const entitled = rows.map((row, i) => ({ row, id: ids[i] ?? 0 })).filter(({ row }) => isLiangFeiYiWu(row.category));
  if (entitled.length === 0) return;
  const amounts = await subsidyAmounts(tx);
  // the territorial unions of the few streets involved, looked up once (an import goes into one union)
  const streets = [...new Set(entitled.map((e) => e.row.org.regionCode))];
  const territorial = await queryRows<{ id: number; kind: string; region_code: string }>(tx, sql`
    select id, kind, region_code from orgs
     where kind in ('district_federation', 'street_federation')
       and region_code = any(${sql.param([...streets, ...streets.map((c) => c.slice(0, 6))])}::text[])`);
  const unionOf = (kind: string, code: string) => territorial.find((o) => o.kind === kind && o.region_code === code)?.id;
  const memberIds: number[] = [];
  const levels: string[] = [];
  const orgIds: number[] = [];
  const amountsFen: number[] = [];
  const add = (memberId: number, level: 'district' | 'street', orgId: number | undefined, fen: number) => {
    if (orgId === undefined) return;
    memberIds.push(memberId);
    levels.push(level);
    orgIds.push(orgId);
    amountsFen.push(fen);
  };
  for (const { row, id } of entitled) {
    add(id, 'district', unionOf('district_federation', row.org.regionCode.slice(0, 6)), amounts.districtFen);
    add(id, 'street', unionOf('street_federation', row.org.regionCode), amounts.streetFen);
  }
  if (memberIds.length === 0) return;
  await tx.execute(sql`
    insert into subsidy_entitlements (member_id, level, org_id, amount_fen)
    select * from unnest(${sql.param(memberIds)}::int[], ${sql.param(levels)}::text[], ${sql.param(orgIds)}::int[], ${sql.param(amountsFen)}::int[])`);
}
