import { and, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { members, memberTransfers, orgs, users } from '@lianxin/db';
import { maskIdNumber, type TransferItem } from '@lianxin/contracts';
import { writeScope, type Scope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { AppError, conflict, fieldError, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findMember } from '../members/members.repo.ts';
import { enqueueSms } from '../notifications/outbox.ts';

const fromOrg = alias(orgs, 'from_org');
const toOrg = alias(orgs, 'to_org');

function transferQuery(ctx: ServiceContext) {
  return ctx.db
    .select({ t: memberTransfers, name: members.name, idEnc: members.idNumberEnc, fromName: fromOrg.name, toName: toOrg.name })
    .from(memberTransfers)
    .innerJoin(members, eq(members.id, memberTransfers.memberId))
    .innerJoin(fromOrg, eq(fromOrg.id, memberTransfers.fromOrgId))
    .innerJoin(toOrg, eq(toOrg.id, memberTransfers.toOrgId));
}
type TransferRow = Awaited<ReturnType<ReturnType<typeof transferQuery>['execute']>>[number];

function toItem(ctx: ServiceContext, row: TransferRow): TransferItem {
  const t = row.t;
  return {
    id: t.id,
    member: { id: t.memberId, name: row.name, idNumber: maskIdNumber(ctx.cipher.decrypt(row.idEnc)) },
    from: { id: t.fromOrgId, name: row.fromName },
    to: { id: t.toOrgId, name: row.toName },
    reason: t.reason,
    status: t.status,
    requestedAt: new Date(t.requestedAt).toISOString(),
    decidedAt: t.decidedAt ? new Date(t.decidedAt).toISOString() : null,
  };
}

const inScope = (scope: Scope, column: typeof memberTransfers.toOrgPath | typeof memberTransfers.fromOrgPath) =>
  scope.kind === 'subtree' ? sql`${column} <@ ${scope.path}::ltree` : sql`false`;

/** The sending side asks; the receiving union (anywhere in the city) decides. */
export async function requestTransfer(ctx: ServiceContext, memberId: number, toOrgId: number, reason: string | undefined): Promise<TransferItem> {
  const scope = writeScope(ctx.scope);
  const id = await ctx.db.transaction(async (tx) => {
    const row = await findMember(tx, scope, memberId);
    if (!row) throw notFound();
    if (row.member.status !== 'active') throw new AppError('conflict', 409, 'member.notActive');
    const [target] = await tx.select().from(orgs).where(eq(orgs.id, toOrgId));
    if (!target || target.status !== 'active') throw fieldError('toOrgId', 'transfer.targetInvalid');
    if (target.id === row.member.orgId) throw fieldError('toOrgId', 'transfer.sameUnion');
    const [pending] = await tx.select({ id: memberTransfers.id }).from(memberTransfers)
      .where(and(eq(memberTransfers.memberId, memberId), eq(memberTransfers.status, 'pending')));
    if (pending) throw conflict('transfer.pendingExists', {}, { transferId: pending.id });
    const [created] = await tx
      .insert(memberTransfers)
      .values({
        memberId, fromOrgId: row.member.orgId, fromOrgPath: row.member.orgPath, toOrgId: target.id, toOrgPath: target.path,
        reason: reason ?? null, requestedBy: ctx.actor.userId,
      })
      .returning({ id: memberTransfers.id });
    if (!created) throw new Error('transfer not written');
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: 'create', objectType: 'member_transfer', objectId: created.id, orgPath: row.member.orgPath, detail: { memberId, toOrgId },
    });
    return created.id;
  });
  return getTransfer(ctx, id, 'outgoing');
}

export async function listTransfers(ctx: ServiceContext, direction: 'incoming' | 'outgoing', status?: TransferItem['status']) {
  const column = direction === 'incoming' ? memberTransfers.toOrgPath : memberTransfers.fromOrgPath;
  const rows = await transferQuery(ctx)
    .where(and(inScope(ctx.scope, column), status ? eq(memberTransfers.status, status) : undefined))
    .orderBy(desc(memberTransfers.id))
    .limit(200);
  return rows.map((r) => toItem(ctx, r));
}

async function getTransfer(ctx: ServiceContext, id: number, direction: 'incoming' | 'outgoing'): Promise<TransferItem> {
  const column = direction === 'incoming' ? memberTransfers.toOrgPath : memberTransfers.fromOrgPath;
  const [row] = await transferQuery(ctx).where(and(eq(memberTransfers.id, id), inScope(ctx.scope, column)));
  if (!row) throw notFound();
  return toItem(ctx, row);
}

export async function decideTransfer(ctx: ServiceContext, id: number, decision: { approve: true } | { approve: false; reason: string }) {
  const scope = writeScope(ctx.scope);
  await ctx.db.transaction(async (tx) => {
    const [t] = await tx.select().from(memberTransfers).where(and(eq(memberTransfers.id, id), inScope(scope, memberTransfers.toOrgPath)));
    if (!t) throw notFound();
    const updated = await tx
      .update(memberTransfers)
      .set(decision.approve
        ? { status: 'approved', decidedBy: ctx.actor.userId, decidedAt: sql`now()` }
        : { status: 'rejected', rejectReason: decision.reason, decidedBy: ctx.actor.userId, decidedAt: sql`now()` })
      .where(and(eq(memberTransfers.id, id), eq(memberTransfers.status, 'pending')))
      .returning({ id: memberTransfers.id });
    if (updated.length === 0) throw new AppError('conflict', 409, 'application.notPending');
    if (decision.approve) {
      const [target] = await tx.select({ id: orgs.id, path: orgs.path, name: orgs.name }).from(orgs).where(eq(orgs.id, t.toOrgId));
      if (!target) throw notFound();
      const [moved] = await tx
        .update(members)
        .set({ orgId: target.id, orgPath: target.path, updatedAt: sql`now()` })
        .where(and(eq(members.id, t.memberId), eq(members.status, 'active')))
        .returning({ phoneEnc: members.phoneEnc });
      if (!moved) throw new AppError('conflict', 409, 'member.notActive');
      await tx.update(users).set({ orgId: target.id }).where(eq(users.memberId, t.memberId));
      await enqueueSms(tx, ctx.cipher, ctx.cipher.decrypt(moved.phoneEnc), 'transfer_approved', { union: target.name });
    }
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: 'update', objectType: 'member_transfer', objectId: id, orgPath: t.toOrgPath,
      detail: { status: decision.approve ? 'approved' : 'rejected', memberId: t.memberId },
    });
  });
  void ctx.flushNotifications();
  return getTransfer(ctx, id, 'incoming');
}
