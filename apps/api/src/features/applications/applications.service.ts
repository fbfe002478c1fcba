import { randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { applications, enterprises, findRegion, members, orgs, queryRows, type Database, type Tx } from '@lianxin/db';
import {
  isGigOccupation, maskOrgName, shanghaiDate, translate, type ApplicationCreate, type ApplicationCreated, type ApplicationItem, type ApplicationStatusView,
  type Locale, type MemberCategory, type MessageKey, type applicationCreateSchema,
} from '@lianxin/contracts';
import type { z } from 'zod';
import { writeScope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { AppError, conflict, fieldError, isUniqueViolation, notFound } from '../../errors.ts';
import type { AppKeys } from '../../security/keys.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { insertMembers } from '../members/members.enrol.ts';
import { enqueueSms } from '../notifications/outbox.ts';
import { findApplication, findOrgRef, routingFacts, toApplicationItem } from './applications.repo.ts';
import { routeApplication, type RoutingDecision } from './routing.ts';

export type { ApplicationCreate };
type CreateInput = z.output<typeof applicationCreateSchema>;

const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const newReference = () => Array.from({ length: 10 }, () => REFERENCE_ALPHABET.charAt(randomInt(REFERENCE_ALPHABET.length))).join('');

export function routingReasonText(decision: RoutingDecision, locale: Locale): string {
  const key: MessageKey =
    decision.reason === 'industry_federation' && !decision.hasEmployer ? 'routing.industry_federation_no_employer' : `routing.${decision.reason}`;
  return translate(key, locale, { org: decision.org.name });
}

/** 409 when the identity already has an active membership, naming the union masked. */
async function assertNoActiveMembership(db: Database | Tx, idHash: string) {
  const [active] = await db
    .select({ orgName: orgs.name })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(eq(members.idNumberHash, idHash), eq(members.status, 'active')));
  if (active) {
    throw conflict('member.alreadyActive', { union: maskOrgName(active.orgName) }, { union: maskOrgName(active.orgName), canTransfer: true });
  }
}

/** A public application: validated, checked against active memberships, routed, stored with its reason. */
export async function submitApplication(
  deps: { db: Database; keys: AppKeys; ip: string; locale: Locale },
  input: CreateInput,
): Promise<ApplicationCreated> {
  let employer: { id: number; regionCode: string } | undefined;
  if (input.employerCreditCode) {
    [employer] = await deps.db
      .select({ id: enterprises.id, regionCode: enterprises.regionCode })
      .from(enterprises)
      .where(eq(enterprises.creditCode, input.employerCreditCode));
    if (!employer) throw fieldError('employerCreditCode', 'application.employerUnknown');
  }
  const statedRegion = input.regionCode ?? null;
  if (statedRegion && !findRegion(statedRegion)) throw fieldError('regionCode', 'region.unknown');
  const idHash = deps.keys.blindIndex(input.idNumber);
  // the membership check and the routing lookups are independent: run them side by side
  const [, facts] = await Promise.all([
    assertNoActiveMembership(deps.db, idHash),
    routingFacts(deps.db, {
      occupation: input.occupation,
      employerId: employer?.id ?? null,
      employerRegion: employer?.regionCode ?? null,
      statedRegionCode: employer ? null : statedRegion,
    }),
  ]);
  const decision = routeApplication(facts);
  const routedPath = facts.paths.get(decision.org.id);
  if (!routedPath) throw new Error('routed union has no path');
  const reference = newReference();
  await deps.db.transaction(async (tx) => {
    await tx.insert(applications).values({
      reference,
      name: input.name,
      idNumberEnc: deps.keys.cipher.encrypt(input.idNumber),
      idNumberHash: idHash,
      phoneEnc: deps.keys.cipher.encrypt(input.phone),
      phoneHash: deps.keys.blindIndex(input.phone),
      occupation: input.occupation,
      employerId: employer?.id ?? null,
      regionCode: employer ? employer.regionCode : statedRegion,
      routedOrgId: decision.org.id,
      routedOrgPath: routedPath,
      reasonCode: decision.reason,
      reason: routingReasonText(decision, 'zh-CN'),
    });
    await recordAudit(tx, null, deps.ip, {
      action: 'create', objectType: 'application', objectId: reference, orgPath: routedPath, detail: { reason: decision.reason },
    });
  });
  return { reference, routedTo: decision.org, reason: routingReasonText(decision, deps.locale), reasonCode: decision.reason };
}

export async function applicationStatus(db: Database, keys: AppKeys, reference: string, phone: string): Promise<ApplicationStatusView> {
  const [row] = await db
    .select({ a: applications, routedName: orgs.name, cardNumber: members.cardNumber })
    .from(applications)
    .innerJoin(orgs, eq(orgs.id, applications.routedOrgId))
    .leftJoin(members, eq(members.id, applications.memberId))
    .where(and(eq(applications.reference, reference), eq(applications.phoneHash, keys.blindIndex(phone))));
  if (!row) throw notFound();
  return {
    reference: row.a.reference,
    status: row.a.status,
    routedTo: { id: row.a.routedOrgId, name: row.routedName },
    reason: row.a.reason,
    submittedAt: new Date(row.a.createdAt).toISOString(),
    decidedAt: row.a.decidedAt ? new Date(row.a.decidedAt).toISOString() : null,
    rejectReason: row.a.rejectReason,
    cardNumber: row.cardNumber,
  };
}

/** 两非一无 category of an applicant: standard only when the employer has its own union. */
export function categoryOf(input: { hasOwnUnion: boolean; hasEmployer: boolean; gig: boolean }): MemberCategory {
  if (input.hasOwnUnion) return 'standard';
  if (input.gig) return 'non_standard';
  if (!input.hasEmployer) return 'informal';
  return 'no_union';
}


export async function approveApplication(ctx: ServiceContext, id: number): Promise<ApplicationItem> {
  const scope = writeScope(ctx.scope);
  try {
    await ctx.db.transaction(async (tx) => {
      const row = await findApplication(tx, scope, id);
      if (!row) throw notFound();
      // lock the row: a second approver of the same application waits, then sees it decided
      const [current] = await queryRows<{ status: string }>(tx, sql`select status from applications where id = ${id} for update`);
      if (current?.status !== 'pending') throw new AppError('conflict', 409, 'application.notPending');
      const a = row.application;
      await assertNoActiveMembership(tx, a.idNumberHash);
      const routed = await findOrgRef(tx, a.routedOrgId);
      if (!routed) throw notFound();
      const ownUnion = a.reasonCode === 'own_union';
      const [member] = await insertMembers(tx, ctx.keys, [{
        name: a.name,
        idNumber: ctx.cipher.decrypt(a.idNumberEnc),
        phone: ctx.cipher.decrypt(a.phoneEnc),
        occupation: a.occupation,
        category: categoryOf({ hasOwnUnion: ownUnion, hasEmployer: a.employerId !== null, gig: isGigOccupation(a.occupation) }),
        joinChannel: ownUnion ? 'online' : 'out_of_enterprise',
        org: routed,
        enterpriseId: a.employerId,
        joinedOn: shanghaiDate(),
      }]);
      if (!member) throw new Error('member not written');
      await tx
        .update(applications)
        .set({ status: 'approved', decidedBy: ctx.actor.userId, decidedAt: sql`now()`, memberId: member.id })
        .where(eq(applications.id, id));
      await enqueueSms(tx, ctx.cipher, ctx.cipher.decrypt(a.phoneEnc), 'application_approved', {
        reference: a.reference, cardNumber: member.cardNumber,
      });
      await recordAudit(tx, ctx.actor, ctx.ip, {
        action: 'update', objectType: 'application', objectId: id, orgPath: a.routedOrgPath, detail: { status: 'approved', memberId: member.id },
      });
    });
  } catch (error) {
    // a concurrent approval for the same identity won the race: the partial unique index says so
    if (isUniqueViolation(error)) {
      const row = await findApplication(ctx.db, ctx.scope, id);
      if (row) await assertNoActiveMembership(ctx.db, row.application.idNumberHash);
      throw new AppError('conflict', 409, 'error.conflict');
    }
    throw error;
  }
  void ctx.flushNotifications();
  return getApplicationItem(ctx, id);
}

export async function rejectApplication(ctx: ServiceContext, id: number, reason: string): Promise<ApplicationItem> {
  const scope = writeScope(ctx.scope);
  await ctx.db.transaction(async (tx) => {
    const row = await findApplication(tx, scope, id);
    if (!row) throw notFound();
    const updated = await tx
      .update(applications)
      .set({ status: 'rejected', rejectReason: reason, decidedBy: ctx.actor.userId, decidedAt: sql`now()` })
      .where(and(eq(applications.id, id), eq(applications.status, 'pending')))
      .returning({ id: applications.id });
    if (updated.length === 0) throw new AppError('conflict', 409, 'application.notPending');
    await enqueueSms(tx, ctx.cipher, ctx.cipher.decrypt(row.application.phoneEnc), 'application_rejected', {
      reference: row.application.reference, reason,
    });
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: 'update', objectType: 'application', objectId: id, orgPath: row.application.routedOrgPath, detail: { status: 'rejected' },
    });
  });
  void ctx.flushNotifications();
  return getApplicationItem(ctx, id);
}

export async function getApplicationItem(ctx: ServiceContext, id: number): Promise<ApplicationItem> {
  const row = await findApplication(ctx.db, ctx.scope, id);
  if (!row) throw notFound();
  return toApplicationItem(row, ctx.cipher);
}
