/**
 * Roster export (xlsx) of the members inside the actor's scope. ID numbers and phones are decrypted only to be
 * masked; no plaintext reaches the file.
 */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '@lianxin/db';
import {
  genderLabels, joinChannelLabels, label, maskIdNumber, maskPhone, memberCategories, memberCategoryLabels, memberStatusLabels, memberStatuses,
  occupationLabels, type Gender, type JoinChannel, type MemberCategory, type MemberStatus, type Occupation, recordIdQuery } from '@lianxin/contracts';
import { withinScope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { headerRow, writeXlsx } from '../../lib/xlsx.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findOrg } from '../orgs/orgs.repo.ts';

export const memberExportQuerySchema = z.object({
  orgId: recordIdQuery.optional(),
  status: z.enum(memberStatuses).optional(),
  category: z.enum(memberCategories).optional(),
});
export type MemberExportQuery = z.infer<typeof memberExportQuerySchema>;

export const EXPORT_MAX_ROWS = 1_000_000;
const PAGE = 5_000;

/** The export takes no language: the roster is written in Chinese. */
const LOCALE = 'zh-CN';
const EXPORT_COLUMNS: [string, number][] = [
  ['姓名', 12], ['身份证号', 22], ['手机号', 15], ['性别', 6], ['职业', 12], ['会员类别', 14], ['入会方式', 12], ['状态', 8],
  ['所属工会', 30], ['所在单位', 30], ['会员卡号', 20], ['入会日期', 12], ['离会日期', 12],
];

interface ExportRow {
  id: number;
  name: string;
  id_enc: string;
  phone_enc: string;
  gender: Gender;
  occupation: Occupation;
  category: MemberCategory;
  join_channel: JoinChannel;
  status: MemberStatus;
  union_name: string;
  enterprise_name: string | null;
  card_number: string;
  joined_on: string;
  left_on: string | null;
}

/**
 * The members inside the scope (and inside `orgId`'s subtree when given) as xlsx, masked; the export is
 * audit-logged as a read of personal data with the number of rows.
 */
export async function exportMembers(ctx: ServiceContext, query: MemberExportQuery): Promise<{ file: Buffer; count: number }> {
  if (ctx.scope.kind !== 'subtree') throw forbidden();
  const conditions: SQL[] = [withinScope(ctx.scope, sql`m.org_path`)];
  let orgPath = ctx.scope.path;
  if (query.orgId !== undefined) {
    const org = await findOrg(ctx.db, ctx.scope, query.orgId);
    if (!org) throw notFound();
    conditions.push(sql`m.org_path <@ ${org.path}::ltree`);
    orgPath = org.path;
  }
  if (query.status) conditions.push(sql`m.status = ${query.status}`);
  if (query.category) conditions.push(sql`m.category = ${query.category}`);
  const where = sql.join(conditions, sql` and `);

  const [total] = await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from members m where ${where}`);
  if ((total?.n ?? 0) > EXPORT_MAX_ROWS) throw new AppError('validation_failed', 400, 'export.tooLarge', { max: EXPORT_MAX_ROWS });

  const { cipher } = ctx;
  let count = 0;
  const file = await writeXlsx(async (addSheet) => {
    const sheet = addSheet('会员名册', EXPORT_COLUMNS.map(([, w]) => w));
    headerRow(sheet, EXPORT_COLUMNS.map(([h]) => h));
    let after = 0;
    for (;;) {
      const rows = await queryRows<ExportRow>(ctx.db, sql`
        select m.id, m.name, m.id_number_enc as id_enc, m.phone_enc, m.gender, m.occupation, m.category, m.join_channel,
               m.status, o.name as union_name, e.name as enterprise_name, m.card_number,
               m.joined_on::text as joined_on, m.left_on::text as left_on
          from members m
          join orgs o on o.id = m.org_id
          left join enterprises e on e.id = m.enterprise_id
         where ${where} and m.id > ${after}
         order by m.id
         limit ${PAGE}`);
      for (const r of rows) {
        sheet.addRow([
          r.name, maskIdNumber(cipher.decrypt(r.id_enc)), maskPhone(cipher.decrypt(r.phone_enc)), label(genderLabels, r.gender, LOCALE),
          label(occupationLabels, r.occupation, LOCALE), label(memberCategoryLabels, r.category, LOCALE),
          label(joinChannelLabels, r.join_channel, LOCALE), label(memberStatusLabels, r.status, LOCALE),
          r.union_name, r.enterprise_name ?? '', r.card_number, r.joined_on, r.left_on ?? '',
        ]).commit();
      }
      count += rows.length;
      const last = rows[rows.length - 1];
      if (!last || rows.length < PAGE) break;
      after = last.id;
    }
    sheet.commit();
  });

  await recordAudit(ctx.db, ctx.actor, ctx.ip, {
    action: 'read_personal', objectType: 'member_export', objectId: query.orgId ?? null, orgPath,
    detail: { count, ...(query.status ? { status: query.status } : {}), ...(query.category ? { category: query.category } : {}) },
  });
  return { file, count };
}
