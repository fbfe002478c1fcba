import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { auditLog, orgs, type Database, type Tx } from '@lianxin/db';
import type { AuditAction, AuditEntry, auditQuerySchema, auditSortKeys, Paged } from '@lianxin/contracts';
import type { z } from 'zod';
import { withinScope, type Actor, type Scope } from '../../access/access.ts';
import { pagedList, type ListOrder } from '../../lib/paged-list.ts';

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

const listOrder: ListOrder<(typeof auditSortKeys)[number]> = {
  default: sql`${auditLog.id} desc`,
  keys: { at: sql`${auditLog.at}` },
  tiebreaker: sql`${auditLog.id}`,
};

/** A page of the audit entries the scope reaches (newest first unless sorted), with a bounded total. */
export async function listAudit(db: Database, scope: Scope, filter: z.output<typeof auditQuerySchema>): Promise<Paged<AuditEntry>> {
  const conditions: SQL[] = [withinScope(scope, auditLog.orgPath)];
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.objectType) conditions.push(eq(auditLog.objectType, filter.objectType));
  const where = and(...conditions);
  const page = await pagedList(db, {
    query: filter,
    order: listOrder,
    rows: (orderBy, limit, offset) => db.select().from(auditLog).where(where).orderBy(orderBy).limit(limit).offset(offset),
    count: { from: sql`${auditLog}`, where },
  });
  return {
    ...page,
    items: page.items.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      actor: r.actorUserId == null ? null : { id: r.actorUserId, username: r.actorUsername ?? '' },
      action: r.action,
      objectType: r.objectType,
      objectId: r.objectId,
      ip: r.ip,
      detail: r.detail ?? null,
    })),
  };
}
