import { randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { applications, findRegion, members, orgs, queryRows, type Database, type Tx } from '@lianxin/db';
import {
  isGigOccupation, maskOrgName, occupationSectors, shanghaiDate, translate, type ApplicationCreate, type ApplicationCreated, type ApplicationItem,
  type ApplicationStatusView, type Locale, type MemberCategory, type MessageKey, type RoutingReason, type applicationCreateSchema,
} from '@lianxin/contracts';
import type { z } from 'zod';
import { writeScope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { AppError, conflict, fieldError, isUniqueViolation, notFound } from '../../errors.ts';
import type { AppKeys } from '../../security/keys.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { insertMembers } from '../members/members.enrol.ts';
import { enqueueSms, type SmsTemplate } from '../notifications/outbox.ts';
import { TERRITORIAL_KINDS } from '../orgs/orgs.repo.ts';
import { checkCodeRow, phoneCodeInvalid, type CodeRow } from '../phone-verification/phone-verification.service.ts';
import { findApplication, findOrgRef, toApplicationItem } from './applications.repo.ts';
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

type DivertKind = 'already_member' | 'pending_elsewhere';

/** What one read gathers for a submission (see {@link joiningFacts}). */
interface PendingRow {
  id: number;
  reference: string;
  phoneHash: string;
  phoneEnc: string;
  routedOrgId: number;
  routedName: string;
  routedPath: string;
  reasonCode: RoutingReason;
  hasEmployer: boolean;
}

/**
 * Everything a submission decides on, in one statement: the employer and the unions covering it, the industry
 * federations and territorial unions of the area (the routing rule's facts), the phone's latest live application
 * code, an active membership of the identity and its pending application.
 */
export async function joiningFacts(db: Database, input: Pick<CreateInput, 'occupation' | 'employerCreditCode'>, statedRegion: string | null, idHash: string, phoneHash: string) {
  const sector = occupationSectors[input.occupation];
  const [row] = await queryRows<{
    employer: { id: number; regionCode: string } | null;
    covering: { id: number; name: string; kind: string; path: string }[] | null;
    federations: { id: number; name: string; regionCode: string; sector: string; path: string }[] | null;
    territorial: { id: number; name: string; regionCode: string; path: string }[] | null;
    otp: CodeRow | null;
    member: { phoneEnc: string; union: string } | null;
    pending: PendingRow | null;
  }>(db, sql`
    with e as (select id, region_code as "regionCode" from enterprises where credit_code = ${input.employerCreditCode ?? null}::text),
    area as (select coalesce((select "regionCode" from e), ${statedRegion}::text, '310000') as code),
    codes as (select distinct unnest(array[code, left(code, 6), '310000']) as c from area)
    select
      (select row_to_json(e) from e) as employer,
      (select json_agg(json_build_object('id', o.id, 'name', o.name, 'kind', o.kind, 'path', o.path::text) order by nlevel(o.path) desc)
         from org_coverage c join orgs o on o.id = c.org_id
        where c.enterprise_id = (select id from e) and o.status = 'active') as covering,
      (select json_agg(json_build_object('id', o.id, 'name', o.name, 'regionCode', o.region_code, 'sector', o.sector, 'path', o.path::text))
         from orgs o
        where o.region_code in (select c from codes) and o.kind = 'industry_federation' and o.sector = ${sector}::text and o.status = 'active') as federations,
      (select json_agg(json_build_object('id', o.id, 'name', o.name, 'regionCode', o.region_code, 'path', o.path::text))
         from orgs o
        where o.kind in (${sql.join(TERRITORIAL_KINDS.map((k) => sql`${k}`), sql`, `)}) and o.region_code in (select c from codes)) as territorial,
      (select json_build_object('id', id, 'codeHash', code_hash, 'attempts', attempts) from otp_codes
        where phone_hash = ${phoneHash} and purpose = 'application' and expires_at > ${new Date().toISOString()}::timestamptz
        order by id desc limit 1) as otp,
      (select json_build_object('phoneEnc', m.phone_enc, 'union', o.name) from members m join orgs o on o.id = m.org_id
        where m.id_number_hash = ${idHash} and m.status = 'active' limit 1) as member,
      (${pendingOf(idHash)}) as pending`);
  if (!row) throw new Error('joining facts: no row');
  return row;
}

/** The identity's pending application as one JSON value (a scalar subquery). */
const pendingOf = (idHash: string) => sql`
  select json_build_object('id', a.id, 'reference', a.reference, 'phoneHash', a.phone_hash, 'phoneEnc', a.phone_enc,
    'routedOrgId', a.routed_org_id, 'routedName', o.name, 'routedPath', a.routed_org_path::text, 'reasonCode', a.reason_code,
    'hasEmployer', a.employer_id is not null)
    from applications a join orgs o on o.id = a.routed_org_id
   where a.id_number_hash = ${idHash} and a.status = 'pending' limit 1`;

/** A new pending application and its audit entry, one statement; null when the identity already has one pending. */
export async function insertPendingApplication(db: Database, row: {
  reference: string; name: string; idNumberEnc: string; idNumberHash: string; phoneEnc: string; phoneHash: string;
  occupation: string; employerId: number | null; regionCode: string | null; routedOrgId: number; routedPath: string;
  reasonCode: RoutingReason; reason: string; ip: string;
}): Promise<{ id: number } | null> {
  const [inserted] = await queryRows<{ id: number }>(db, sql`
    with ins as (
      insert into applications (reference, name, id_number_enc, id_number_hash, phone_enc, phone_hash, occupation, employer_id,
                                region_code, routed_org_id, routed_org_path, reason_code, reason)
      values (${row.reference}, ${row.name}, ${row.idNumberEnc}, ${row.idNumberHash}, ${row.phoneEnc}, ${row.phoneHash}, ${row.occupation},
              ${row.employerId}::int, ${row.regionCode}::text, ${row.routedOrgId}, ${row.routedPath}::ltree, ${row.reasonCode}, ${row.reason})
      on conflict (id_number_hash) where status = 'pending' do nothing
      returning id
    ), audit as (
      insert into audit_log (org_path, action, object_type, object_id, ip, detail)
      select ${row.routedPath}::ltree, 'create', 'application', ${row.reference}, ${row.ip}, ${JSON.stringify({ reason: row.reasonCode })}::jsonb from ins
    )
    select id from ins`);
  return inserted ?? null;
}

/**
 * A public application. Nothing in the answer says whether the identity is a member or has applied before:
 *
 * - the phone must hold a code from POST /api/applications/code (400 on `phoneCode` otherwise);
 * - an active member's submission is answered as accepted and kept out of the queues (`diverted_applications`);
 *   the phone on the membership record gets an SMS explaining;
 * - one pending application per identity (a partial unique index): from the same phone a second submit answers
 *   with the first reference; from another phone it is answered as accepted, diverted, and the first applicant's
 *   phone gets an SMS.
 *
 * Two statements in the common case: one read of everything the decision needs, one write (application + audit,
 * or diverted record + SMS + audit) — a single statement is atomic, no transaction round trips.
 */
export async function submitApplication(
  deps: { db: Database; keys: AppKeys; ip: string; locale: Locale },
  input: CreateInput,
): Promise<ApplicationCreated> {
  const statedRegion = input.employerCreditCode ? null : (input.regionCode ?? null);
  if (statedRegion && !findRegion(statedRegion)) throw fieldError('regionCode', 'region.unknown');
  const idHash = deps.keys.blindIndex(input.idNumber);
  const phoneHash = deps.keys.blindIndex(input.phone);
  const facts = await joiningFacts(deps.db, input, statedRegion, idHash, phoneHash);
  if (!(await checkCodeRow(deps.db, deps.keys, input.phone, input.phoneCode, facts.otp, { singleUse: false }))) throw phoneCodeInvalid();
  if (input.employerCreditCode && !facts.employer) throw fieldError('employerCreditCode', 'application.employerUnknown');

  const { decision, routedPath } = decide(input, facts);
  const answer = (reference: string): ApplicationCreated => ({
    reference, routedTo: decision.org, reason: routingReasonText(decision, deps.locale), reasonCode: decision.reason,
  });
  const reference = newReference();

  if (facts.member) {
    await divert(deps, { kind: 'already_member', reference, phoneHash, decision, routedPath, recipientEnc: facts.member.phoneEnc, params: { reference, union: facts.member.union } });
    return answer(reference);
  }
  if (facts.pending) return answerDuplicate(deps, facts.pending, { reference, phoneHash, decision, routedPath }, answer);

  const inserted = await insertPendingApplication(deps.db, {
    reference, name: input.name, idNumberEnc: deps.keys.cipher.encrypt(input.idNumber), idNumberHash: idHash,
    phoneEnc: deps.keys.cipher.encrypt(input.phone), phoneHash, occupation: input.occupation, employerId: facts.employer?.id ?? null,
    regionCode: facts.employer?.regionCode ?? statedRegion, routedOrgId: decision.org.id, routedPath, reasonCode: decision.reason,
    reason: routingReasonText(decision, 'zh-CN'), ip: deps.ip,
  });
  if (inserted) return answer(reference);
  // another submit of the same identity committed between the read and the write: the index kept one; find it
  const [pending] = await queryRows<{ pending: PendingRow | null }>(deps.db, sql`select (${pendingOf(idHash)}) as pending`);
  if (!pending?.pending) throw new AppError('conflict', 409, 'error.conflict');
  return answerDuplicate(deps, pending.pending, { reference, phoneHash, decision, routedPath }, answer);
}

/** The routing rule's decision on the gathered facts, and the chosen union's path. */
function decide(input: CreateInput, facts: Awaited<ReturnType<typeof joiningFacts>>) {
  const covering = facts.covering ?? [];
  const own = covering.find((o) => o.kind === 'enterprise_union');
  const other = covering.find((o) => o.kind !== 'enterprise_union');
  const federations = facts.federations ?? [];
  const territorialUnions = facts.territorial ?? [];
  const decision = routeApplication({
    occupation: input.occupation,
    employer: facts.employer
      ? {
        ownUnion: own ? { id: own.id, name: own.name } : null,
        coveringUnion: other ? { id: other.id, name: other.name } : null,
        regionCode: facts.employer.regionCode,
      }
      : null,
    statedRegionCode: facts.employer ? null : (input.regionCode ?? null),
    industryFederations: federations,
    territorialUnions,
  });
  const routedPath = [...covering, ...federations, ...territorialUnions].find((o) => o.id === decision.org.id)?.path;
  if (!routedPath) throw new Error('routed union has no path');
  return { decision, routedPath };
}

/** A second submit of an identity with a pending application: the first reference (same phone), else diverted. */
async function answerDuplicate(
  deps: { db: Database; keys: AppKeys; ip: string; locale: Locale },
  pending: PendingRow,
  fresh: { reference: string; phoneHash: string; decision: RoutingDecision; routedPath: string },
  answer: (reference: string) => ApplicationCreated,
): Promise<ApplicationCreated> {
  if (pending.phoneHash === fresh.phoneHash) {
    const decision: RoutingDecision = { org: { id: pending.routedOrgId, name: pending.routedName }, reason: pending.reasonCode, hasEmployer: pending.hasEmployer };
    return { reference: pending.reference, routedTo: decision.org, reason: routingReasonText(decision, deps.locale), reasonCode: decision.reason };
  }
  await divert(deps, {
    kind: 'pending_elsewhere', ...fresh, recipientEnc: pending.phoneEnc, params: { reference: pending.reference, union: pending.routedName },
  });
  return answer(fresh.reference);
}

/** Keeps a submission out of the queues: the diverted record, the explaining SMS and the audit entry, one statement. */
async function divert(
  deps: { db: Database; ip: string },
  d: { kind: DivertKind; reference: string; phoneHash: string; decision: RoutingDecision; routedPath: string; recipientEnc: string; params: Record<string, string> },
) {
  const template: SmsTemplate = d.kind === 'already_member' ? 'application_already_member' : 'application_pending_elsewhere';
  await queryRows(deps.db, sql`
    with diverted as (
      insert into diverted_applications (reference, kind, phone_hash, routed_org_id, reason)
      values (${d.reference}, ${d.kind}, ${d.phoneHash}, ${d.decision.org.id}, ${routingReasonText(d.decision, 'zh-CN')})
      returning id
    ), sms as (
      insert into notifications (channel, recipient_enc, template, params)
      values ('sms', ${d.recipientEnc}, ${template}, ${JSON.stringify(d.params)}::jsonb)
    ), audit as (
      insert into audit_log (org_path, action, object_type, object_id, ip, detail)
      values (${d.routedPath}::ltree, 'create', 'application', ${d.reference}, ${deps.ip}, ${JSON.stringify({ diverted: d.kind })}::jsonb)
    )
    select id from diverted`);
}

/**
 * The applicant's view by reference and phone. A diverted submission reads as pending, like any other: the check
 * says nothing about membership either.
 */
export async function applicationStatus(db: Database, keys: AppKeys, reference: string, phone: string): Promise<ApplicationStatusView> {
  const phoneHash = keys.blindIndex(phone);
  const [row] = await queryRows<{ v: {
    reference: string; status: ApplicationStatusView['status']; routedOrgId: number; routedName: string; reason: string;
    submittedAt: string; decidedAt: string | null; rejectReason: string | null; cardNumber: string | null;
  } }>(db, sql`
    select json_build_object('reference', a.reference, 'status', a.status, 'routedOrgId', a.routed_org_id, 'routedName', o.name,
      'reason', a.reason, 'submittedAt', a.created_at, 'decidedAt', a.decided_at, 'rejectReason', a.reject_reason, 'cardNumber', m.card_number) as v
      from applications a join orgs o on o.id = a.routed_org_id left join members m on m.id = a.member_id
     where a.reference = ${reference} and a.phone_hash = ${phoneHash}
    union all
    select json_build_object('reference', d.reference, 'status', 'pending', 'routedOrgId', d.routed_org_id, 'routedName', o.name,
      'reason', d.reason, 'submittedAt', d.created_at, 'decidedAt', null, 'rejectReason', null, 'cardNumber', null)
      from diverted_applications d join orgs o on o.id = d.routed_org_id
     where d.reference = ${reference} and d.phone_hash = ${phoneHash}
    limit 1`);
  if (!row) throw notFound();
  const v = row.v;
  return {
    reference: v.reference,
    status: v.status,
    routedTo: { id: v.routedOrgId, name: v.routedName },
    reason: v.reason,
    submittedAt: new Date(v.submittedAt).toISOString(),
    decidedAt: v.decidedAt ? new Date(v.decidedAt).toISOString() : null,
    rejectReason: v.rejectReason,
    cardNumber: v.cardNumber,
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
