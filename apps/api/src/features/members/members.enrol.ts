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
  const memberIds = entitled.map((e) => e.id);
  const regionCodes = entitled.map((e) => e.row.org.regionCode);
  // the street union of the member's street, and the district union of its district, when they exist
  await tx.execute(sql`
    insert into subsidy_entitlements (member_id, level, org_id, amount_fen)
    select m.member_id, t.level, o.id, case t.level when 'district' then ${amounts.districtFen}::int else ${amounts.streetFen}::int end
      from unnest(${sql.param(memberIds)}::int[], ${sql.param(regionCodes)}::text[]) as m(member_id, region_code)
      cross join (values ('district'), ('street')) as t(level)
      join orgs o on o.kind in ('district_federation', 'street_federation')
                 and o.kind = case t.level when 'district' then 'district_federation' else 'street_federation' end
                 and o.region_code = case t.level when 'district' then left(m.region_code, 6) else m.region_code end`);
}
