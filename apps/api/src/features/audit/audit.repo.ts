import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { auditLog, type Database, type Tx } from '@lianxin/db';
import type { AuditAction, AuditEntry } from '@lianxin/contracts';
import { withinScope, type Actor, type Scope } from '../../access/access.ts';

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

export async function listAudit(
  db: Database,
  scope: Scope,
  filter: { action?: AuditAction | undefined; objectType?: string | undefined; page: number; pageSize: number },
): Promise<{ items: AuditEntry[]; total: number }> {
  const conditions: SQL[] = [withinScope(scope, auditLog.orgPath)];
  if (filter.action) conditions.push(eq(auditLog.action, filter.action));
  if (filter.objectType) conditions.push(eq(auditLog.objectType, filter.objectType));
  const where = and(...conditions);
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  return {
    total: totals[0]?.n ?? 0,
    items: rows.map((r) => ({
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
