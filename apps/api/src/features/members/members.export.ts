/**
 * Roster export (xlsx): exactly the members the list shows for the same query (filters, search, sort), streamed.
 * ID numbers and phones are decrypted only to be masked; no plaintext reaches the file.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { enterprises, members, orgs } from '@lianxin/db';
import {
  genderLabels, joinChannelLabels, label, maskIdNumber, maskPhone, memberCategoryLabels, memberListQuerySchema, memberStatusLabels,
  occupationLabels,
} from '@lianxin/contracts';
import type { z } from 'zod';
import type { ServiceContext } from '../../context.ts';
import { forbidden, notFound } from '../../errors.ts';
import { exportIds, sendXlsxExport, type XlsxExport } from '../../lib/list-export.ts';
import { orderBy } from '../../lib/paged-list.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findOrg } from '../orgs/orgs.repo.ts';
import { memberListOrder, memberListWhere, type MemberRow } from './members.repo.ts';

/** The member list's query without the page: what the screen shows, all of it. */
export const memberExportQuerySchema = memberListQuerySchema.omit({ page: true, pageSize: true });
export type MemberExportQuery = z.output<typeof memberExportQuerySchema>;

/** The export takes no language: the roster is written in Chinese. */
const LOCALE = 'zh-CN';
const COLUMNS = [
  ['姓名', 12], ['身份证号', 22], ['手机号', 15], ['性别', 6], ['职业', 12], ['会员类别', 14], ['入会方式', 12], ['状态', 8],
  ['所属工会', 30], ['所在单位', 30], ['会员卡号', 20], ['入会日期', 12], ['离会日期', 12],
] as const;

/**
 * The ids of the members the list shows for `query`, in its order; a union outside the scope is 404. The export
 * is audit-logged as a read of personal data with the filters and the number of rows.
 */
export async function memberExportIds(ctx: ServiceContext, query: MemberExportQuery): Promise<number[]> {
  if (ctx.scope.kind !== 'subtree') throw forbidden();
  let orgPath = ctx.scope.path;
  if (query.orgId !== undefined) {
    const org = await findOrg(ctx.db, ctx.scope, query.orgId);
    if (!org) throw notFound();
    orgPath = org.path;
  }
  const ids = await exportIds(ctx.db, sql`select ${members.id} as id from ${members} where ${memberListWhere(ctx.scope, query, ctx.keys.blindIndex)} order by ${orderBy(memberListOrder, query)}`);
  // a phone searched for is personal data: the audit keeps it masked
  const { sort: _sort, order: _order, phone, ...filters } = query;
  await recordAudit(ctx.db, ctx.actor, ctx.ip, {
    action: 'read_personal', objectType: 'member_export', objectId: query.orgId ?? null, orgPath,
    detail: { count: ids.length, ...filters, ...(phone ? { phone: maskPhone(phone) } : {}) },
  });
  return ids;
}

/** Streams the members' roster of `ids` (masked) as the response. */
export function sendMemberExport(ctx: ServiceContext, reply: FastifyReply, ids: number[]): FastifyReply {
  const { cipher, db } = ctx;
  const spec: XlsxExport<MemberRow> = {
    filename: '会员名册.xlsx',
    sheet: '会员名册',
    columns: COLUMNS,
    bytesPerRow: 75,
    rows: (chunk) =>
      db
        .select({ member: members, unionName: orgs.name, enterpriseName: enterprises.name })
        .from(members)
        .innerJoin(orgs, eq(orgs.id, members.orgId))
        .leftJoin(enterprises, eq(enterprises.id, members.enterpriseId))
        .where(inArray(members.id, chunk)),
    id: (r) => r.member.id,
    cells: ({ member: m, unionName, enterpriseName }) => [
      m.name, maskIdNumber(cipher.decrypt(m.idNumberEnc)), maskPhone(cipher.decrypt(m.phoneEnc)), label(genderLabels, m.gender, LOCALE),
      label(occupationLabels, m.occupation, LOCALE), label(memberCategoryLabels, m.category, LOCALE),
      label(joinChannelLabels, m.joinChannel, LOCALE), label(memberStatusLabels, m.status, LOCALE),
      unionName, enterpriseName ?? '', m.cardNumber, m.joinedOn, m.leftOn ?? '',
    ],
  };
  return sendXlsxExport(reply, spec, ids);
}
