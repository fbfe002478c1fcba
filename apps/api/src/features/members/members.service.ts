import { and, eq, sql } from 'drizzle-orm';
import { enterprises, members } from '@lianxin/db';
import { shanghaiDate, type MemberDetail, type memberUpdateSchema } from '@lianxin/contracts';
import type { z } from 'zod';
import { requireCapability, withinScope, writeScope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findMember, memberHistory, toMemberItem } from './members.repo.ts';
import { cachedInitials } from './members.enrol.ts';

export async function getMemberDetail(ctx: ServiceContext, id: number): Promise<MemberDetail> {
  const row = await findMember(ctx.db, ctx.scope, id);
  if (!row) throw notFound();
  await recordAudit(ctx.db, ctx.actor, ctx.ip, {
    action: 'read_personal', objectType: 'member', objectId: id, orgPath: row.member.orgPath, detail: { view: 'detail', masked: true },
  });
  return { ...toMemberItem(row, ctx.cipher), ...(await memberHistory(ctx.db, id)) };
}

export async function revealMember(ctx: ServiceContext, id: number): Promise<{ idNumber: string; phone: string }> {
  const row = await findMember(ctx.db, ctx.scope, id);
  if (!row) throw notFound();
  requireCapability(ctx.actor, 'members.reveal', row.member.orgPath);
  await recordAudit(ctx.db, ctx.actor, ctx.ip, {
    action: 'read_personal', objectType: 'member', objectId: id, orgPath: row.member.orgPath, detail: { view: 'reveal', fields: ['idNumber', 'phone'] },
  });
  return { idNumber: ctx.cipher.decrypt(row.member.idNumberEnc), phone: ctx.cipher.decrypt(row.member.phoneEnc) };
}

export async function updateMember(ctx: ServiceContext, id: number, patch: z.output<typeof memberUpdateSchema>): Promise<MemberDetail> {
  const scope = writeScope(ctx.scope);
  await ctx.db.transaction(async (tx) => {
    const row = await findMember(tx, scope, id);
    if (!row) throw notFound();
    if (row.member.status !== 'active') throw new AppError('conflict', 409, 'member.notActive');
    if (patch.enterpriseId) {
      const [enterprise] = await tx.select({ id: enterprises.id }).from(enterprises)
        .where(and(eq(enterprises.id, patch.enterpriseId), withinScope(scope, enterprises.orgPath)));
      if (!enterprise) throw notFound();
    }
    const { phone, ...rest } = patch;
    await tx
      .update(members)
      .set({
        ...rest,
        ...(rest.name ? { nameInitials: cachedInitials(rest.name) } : {}),
        ...(phone ? { phoneEnc: ctx.cipher.encrypt(phone), phoneHash: ctx.keys.blindIndex(phone) } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(members.id, id));
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: 'update', objectType: 'member', objectId: id, orgPath: row.member.orgPath, detail: { fields: Object.keys(patch) },
    });
  });
  return getMemberDetail(ctx, id);
}

/** Leaving ends the membership and its card (the card version moves on, old QR codes stop verifying). */
export async function leaveMember(ctx: ServiceContext, id: number, reason: string): Promise<MemberDetail> {
  const scope = writeScope(ctx.scope);
  await ctx.db.transaction(async (tx) => {
    const row = await findMember(tx, scope, id);
    if (!row) throw notFound();
    const updated = await tx
      .update(members)
      .set({ status: 'left', leftOn: shanghaiDate(), leftReason: reason, cardVersion: sql`${members.cardVersion} + 1`, updatedAt: sql`now()` })
      .where(and(eq(members.id, id), eq(members.status, 'active')))
      .returning({ id: members.id });
    if (updated.length === 0) throw new AppError('conflict', 409, 'member.notActive');
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: 'update', objectType: 'member', objectId: id, orgPath: row.member.orgPath, detail: { status: 'left' },
    });
  });
  return getMemberDetail(ctx, id);
}
