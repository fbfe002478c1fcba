import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { auditLog, orgs, type Database, type Tx } from '@lianxin/db';
import type { AuditAction, AuditEntry, auditQuerySchema, auditSortKeys, Paged } from '@lianxin/contracts';
import type { z } from 'zod';
import { withinScope, type Actor, type Scope } from '../../access/access.ts';
import { pagedList, type ListOrder } from '../../lib/paged-list.ts';
import { escapeLike } from '../../lib/sql-text.ts';

export interface AuditRecord {
  action: AuditAction;
  objectType: string;
  objectId?: string | number | null;
  /** path of the organisation the object belongs to, for scoping the audit page */
  orgPath: string | null;
  detail?: Record<string, unknown> | null;
}

/** Appends one audit entry; call it inside the transaction of the write it records. */
export async function recordAudit(
  db: Database | Tx,
  actor: Pick<Actor, 'userId' | 'username'> | null,
  ip: string | null,
  record: AuditRecord,
): Promise<void> {
  await db.insert(auditLog).values({
    actorUserId: actor?.userId ?? null,
    actorUsername: actor?.username ?? null,
    orgPath: record.orgPath,
    action: record.action,
    objectType: record.objectType,
    objectId: record.objectId == null ? null : String(record.objectId),
    ip,
    detail: record.detail ?? null,
  });
}

/**
 * The city federation's path, for entries about no unit (sign-in failures of unknown names, forged card tokens):
 * city staff see them on the audit page.
 */
export async function cityOrgPath(db: Database | Tx): Promise<string | null> {
  const [root] = await db.select({ path: orgs.path }).from(orgs).where(isNull(orgs.parentId)).orderBy(orgs.id).limit(1);
  return root?.path ?? null;
}

export const auditListOrder: ListOrder<(typeof auditSortKeys)[number]> = {
  default: sql`${auditLog.id} desc`,
  keys: { at: sql`${auditLog.at}` },
  tiebreaker: sql`${auditLog.id}`,
};

type AuditFilter = Omit<z.output<typeof auditQuerySchema>, 'page' | 'pageSize' | 'sort' | 'order'>;

/** The audit list's condition — the one filter→SQL path of the list and its export. Dates are Asia/Shanghai days. */
export function auditListWhere(scope: Scope, filter: AuditFilter): SQL | undefined {
  const conditions: SQL[] = [withinScope(scope, auditLog.orgPath)];
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.objectType) conditions.push(eq(auditLog.objectType, filter.objectType));
  if (filter.actor) conditions.push(sql`${auditLog.actorUsername} like ${`${escapeLike(filter.actor)}%`}`);
  if (filter.from) conditions.push(sql`${auditLog.at} >= (${filter.from}::date::timestamp at time zone 'Asia/Shanghai')`);
  if (filter.to) conditions.push(sql`${auditLog.at} < ((${filter.to}::date + 1)::timestamp at time zone 'Asia/Shanghai')`);
  return and(...conditions);
}

/**
 * What each audit entry's object is called now, read beside the entry: the enterprise, union, member, user,
 * applicant… (null when the object is gone or has no name).
 */
const objectName = sql<string | null>`(
  case when ${auditLog.objectId} ~ '^[0-9]{1,9}$' then
    case ${auditLog.objectType}
      when 'enterprise' then (select name from enterprises where id = ${auditLog.objectId}::int)
      when 'campaign_item' then (select name from enterprises where id = ${auditLog.objectId}::int)
      when 'org' then (select name from orgs where id = ${auditLog.objectId}::int)
      when 'org_coverage' then (select name from orgs where id = ${auditLog.objectId}::int)
      when 'member_export' then (select name from orgs where id = ${auditLog.objectId}::int)
      when 'member' then (select name from members where id = ${auditLog.objectId}::int)
      when 'user' then (select username from users where id = ${auditLog.objectId}::int)
      when 'application' then (select name from applications where id = ${auditLog.objectId}::int)
      when 'member_transfer' then (select m.name from member_transfers t join members m on m.id = t.member_id where t.id = ${auditLog.objectId}::int)
      when 'enterprise_letter' then (select e.name from enterprise_letters l join enterprises e on e.id = l.enterprise_id where l.id = ${auditLog.objectId}::int)
      when 'santongshi_task' then (select e.name from santongshi_tasks t join enterprises e on e.id = t.enterprise_id where t.id = ${auditLog.objectId}::int)
      when 'coverage_target' then (select o.name from coverage_targets t join orgs o on o.id = t.org_id where t.id = ${auditLog.objectId}::int)
      when 'user_grant' then (select u.username from user_grants g join users u on u.id = g.user_id where g.id = ${auditLog.objectId}::int)
    end
  when ${auditLog.objectType} = 'application' then (select name from applications where reference = ${auditLog.objectId})
  end)`;

export const auditEntryColumns = {
  id: auditLog.id,
  at: auditLog.at,
  actorUserId: auditLog.actorUserId,
  actorUsername: auditLog.actorUsername,
  action: auditLog.action,
  objectType: auditLog.objectType,
  objectId: auditLog.objectId,
  objectName,
  ip: auditLog.ip,
  detail: auditLog.detail,
};
export type AuditRow = { [K in keyof typeof auditEntryColumns]: K extends 'objectName' ? string | null : (typeof auditLog.$inferSelect)[Exclude<K, 'objectName'>] };

export function toAuditEntry(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    actor: r.actorUserId == null ? null : { id: r.actorUserId, username: r.actorUsername ?? '' },
    action: r.action,
    objectType: r.objectType,
    objectId: r.objectId,
    objectName: r.objectName,
    ip: r.ip,
    detail: r.detail ?? null,
  };
}

/** A page of the audit entries the scope reaches (newest first unless sorted), with a bounded total. */
export async function listAudit(db: Database, scope: Scope, filter: z.output<typeof auditQuerySchema>): Promise<Paged<AuditEntry>> {
  const where = auditListWhere(scope, filter);
  const page = await pagedList(db, {
    query: filter,
    order: auditListOrder,
    rows: (orderBy, limit, offset) => db.select(auditEntryColumns).from(auditLog).where(where).orderBy(orderBy).limit(limit).offset(offset),
    count: { from: sql`${auditLog}`, where },
  });
  return { ...page, items: page.items.map(toAuditEntry) };
}
