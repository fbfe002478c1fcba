/**
 * Legal-aid and dispute cases (法律援助 / 劳动争议调解): opening (零门槛: any worker, member or not; phones
 * encrypted), the stages 受理 → 调查 → 调解 → 结案 with their rules (contracts `stageProblem`), the art. 14 clock,
 * the 调解协议书, and the automatic early warning (≥ N cases of one enterprise in 30 days).
 */
import { sql } from 'drizzle-orm';
import { queryRows, rightsCases, rightsCaseSteps, rightsCaseWorkers, type Database, type Tx } from '@lianxin/db';
import {
  DEFAULT_GROUP_THRESHOLD, isGroupDispute, maskPhone, mediationClock, samePersonName,
  shanghaiDate, stageProblem, SUCCEEDED_OUTCOMES, type CaseCreate, type CaseItem, type CaseOutcome, type CaseStage, type CaseStatus,
  type CaseType, type caseListQuerySchema, type Paged,
} from '@lianxin/contracts';
import type { z } from 'zod';
import { withinScope, writeScope, type Scope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { AppError, fieldError, notFound } from '../../errors.ts';
import { pagedList } from '../../lib/paged-list.ts';
import type { AppKeys } from '../../security/keys.ts';
import type { PiiCipher } from '../../security/pii-cipher.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findRequest } from '../services/requests.repo.ts';
import { renderAgreement } from './documents.pdf.ts';
import { numericSetting, scopedEnterprise, scopedOrgPath } from './rights.shared.ts';
import { raiseAutomaticWarning } from './warnings.service.ts';

interface CaseRow {
  id: number;
  case_number: string;
  enterprise_id: number;
  enterprise_name: string;
  org_path: string;
  type: CaseType;
  status: CaseStatus;
  outcome: CaseOutcome | null;
  worker_count: number;
  is_group: boolean;
  claim_fen: number;
  recovered_fen: number;
  description: string;
  mediation_org: string;
  mediator: string;
  lawyer: string;
  received_on: string;
  mediation_applied_on: string | null;
  closed_on: string | null;
  request_id: number | null;
  agreement_text: string | null;
}

const caseColumns = sql`
  c.id, c.case_number, c.enterprise_id, e.name as enterprise_name, c.org_path::text as org_path, c.type, c.status, c.outcome,
  c.worker_count, c.is_group, c.claim_fen::float8 as claim_fen, c.recovered_fen::float8 as recovered_fen, c.description,
  c.mediation_org, c.mediator, c.lawyer, c.received_on::text as received_on, c.mediation_applied_on::text as mediation_applied_on,
  c.closed_on::text as closed_on, c.request_id, c.agreement_text`;

type CaseWorker = { id: number; name: string; phone: string | null; isMember: boolean };

async function workersOf(db: Database | Tx, cipher: PiiCipher, caseIds: number[]): Promise<Map<number, CaseWorker[]>> {
  const byCase = new Map<number, CaseWorker[]>();
  if (caseIds.length === 0) return byCase;
  const rows = await queryRows<{ id: number; case_id: number; name: string; phone_enc: string | null; is_member: boolean }>(db, sql`
    select id, case_id, name, phone_enc, member_id is not null as is_member from rights_case_workers where case_id = any(${sql.param(caseIds)}::int[]) order by id`);
  for (const r of rows) {
    const list = byCase.get(r.case_id) ?? [];
    list.push({ id: r.id, name: r.name, phone: r.phone_enc ? maskPhone(cipher.decrypt(r.phone_enc)) : null, isMember: r.is_member });
    byCase.set(r.case_id, list);
  }
  return byCase;
}

function toItem(r: CaseRow, workers: CaseWorker[], today: string): CaseItem {
  return {
    id: r.id,
    caseNumber: r.case_number,
    enterprise: { id: r.enterprise_id, name: r.enterprise_name },
    type: r.type,
    status: r.status,
    outcome: r.outcome,
    workerCount: r.worker_count,
    isGroup: r.is_group,
    workers,
    claimFen: Number(r.claim_fen),
    recoveredFen: Number(r.recovered_fen),
    description: r.description,
    mediationOrg: r.mediation_org,
    mediator: r.mediator,
    lawyer: r.lawyer,
    receivedOn: r.received_on,
    mediationAppliedOn: r.mediation_applied_on,
    closedOn: r.closed_on,
    requestId: r.request_id,
    clock: r.status === 'mediating' && r.mediation_applied_on ? mediationClock(r.mediation_applied_on, today) : null,
  };
}

async function findCase(db: Database | Tx, scope: Scope, id: number, lock = false): Promise<CaseRow | undefined> {
  const [row] = await queryRows<CaseRow>(db, sql`
    select ${caseColumns} from rights_cases c join enterprises e on e.id = c.enterprise_id
     where c.id = ${id} and ${withinScope(scope, sql`c.org_path`)} ${lock ? sql`for update of c` : sql``}`);
  return row;
}

/**
 * A party's (worker's) phone in clear, for staff whose scope holds the case (to call them); the case shows it
 * masked. 404 for a case out of scope, a party of another case, or a party without a phone. Each reveal is an
 * audit entry (`read_personal`) written before the answer.
 */
export async function revealPartyPhone(ctx: ServiceContext, caseId: number, partyId: number): Promise<{ phone: string }> {
  writeScope(ctx.scope);
  const row = await findCase(ctx.db, ctx.scope, caseId);
  if (!row) throw notFound();
  const [party] = await queryRows<{ phone_enc: string | null }>(ctx.db, sql`select phone_enc from rights_case_workers where id = ${partyId} and case_id = ${caseId}`);
  if (!party?.phone_enc) throw notFound();
  await recordAudit(ctx.db, ctx.actor, ctx.ip, {
    action: 'read_personal', objectType: 'rights_case', objectId: caseId, orgPath: row.org_path, detail: { field: 'partyPhone', partyId },
  });
  return { phone: ctx.cipher.decrypt(party.phone_enc) };
}

export async function getCase(ctx: ServiceContext, id: number): Promise<CaseItem> {
  const row = await findCase(ctx.db, ctx.scope, id);
  if (!row) throw notFound();
  const workers = await workersOf(ctx.db, ctx.cipher, [id]);
  const history = await queryRows<{ from: CaseStatus; to: CaseStatus; on: string; note: string }>(ctx.db, sql`
    select from_status as "from", to_status as "to", "on"::text as "on", note from rights_case_steps where case_id = ${id} order by "on", id`);
  return { ...toItem(row, workers.get(id) ?? [], shanghaiDate()), history };
}

export async function listCases(ctx: ServiceContext, query: z.output<typeof caseListQuerySchema>): Promise<Paged<CaseItem>> {
  const under = await scopedOrgPath(ctx.db, ctx.scope, query.orgId);
  const where = sql`c.org_path <@ ${under}::ltree and ${withinScope(ctx.scope, sql`c.org_path`)}
    ${query.status ? sql`and c.status = ${query.status}` : sql``}
    ${query.type ? sql`and c.type = ${query.type}` : sql``}
    ${query.enterpriseId ? sql`and c.enterprise_id = ${query.enterpriseId}` : sql``}`;
  const page = await pagedList<CaseRow, never>(ctx.db, {
    query,
    order: { default: sql`c.received_on desc, c.id desc`, keys: {}, tiebreaker: sql`c.id` },
    rows: (orderBy, limit, offset) => queryRows<CaseRow>(ctx.db, sql`
      select ${caseColumns} from rights_cases c join enterprises e on e.id = c.enterprise_id
       where ${where} order by ${orderBy} limit ${limit} offset ${offset}`),
    count: { from: sql`rights_cases c`, where },
  });
  const workers = await workersOf(ctx.db, ctx.cipher, page.items.map((r) => r.id));
  const today = shanghaiDate();
  return { ...page, items: page.items.map((r) => toItem(r, workers.get(r.id) ?? [], today)) };
}

/**
 * Opens a case for one enterprise of the scope. The group flag (群体性) comes from the city setting
 * `rights.groupThreshold` (default 10 workers); workers' phones are encrypted. In the same transaction the
 * enterprise's recent cases are counted and an automatic warning raised at the threshold.
 * `requestId` opens it from a service request (机制二, "in one click, linked both ways"): the request must be one the
 * actor sees (received, handed on or escalated into the scope) and may carry one case only; the request's detail
 * then names the case (`rightsCaseId`); the party named as its requester takes the request's phone and, for a
 * member's H5 request, the member link ({@link withRequester}).
 *
 * The same case sent again by the same staff member (a double tap, a retry within {@link RESEND_WINDOW_MS}: same
 * enterprise, type, claim, day, description, link and worker names, still at acceptance) answers the first case
 * (`created: false`, HTTP 200) instead of opening a second one; the enterprise's row lock makes two tries sent at
 * once meet here one after the other.
 * @throws 404 enterprise or request outside the scope; 409 `rights.requestHasCase` (another case already links the request); 400 `receivedOn` in the future
 */
export async function createCase(ctx: ServiceContext, input: CaseCreate): Promise<{ item: CaseItem; created: boolean }> {
  const scope = writeScope(ctx.scope);
  const today = shanghaiDate();
  const receivedOn = input.receivedOn ?? today;
  if (receivedOn > today) throw fieldError('receivedOn', 'rights.future');
  const id = await ctx.db.transaction(async (tx) => {
    // the lock serialises cases of one enterprise, so the automatic warning's count sees every earlier case
    const enterprise = await scopedEnterprise(tx, scope, input.enterpriseId, true);
    let parties: ResolvedParty[];
    if (input.requestId !== undefined) {
      // a linked request must be one the actor sees; the request row's lock serialises two clicks on the same request
      const request = await findRequest(tx, scope, input.requestId, true);
      if (!request) throw fieldError('requestId', 'error.not_found', 404, 'not_found');
      parties = await withRequester(tx, request.id, await linkParties(tx, ctx.keys, scope, input.workers), input.workers);
    } else {
      parties = await linkParties(tx, ctx.keys, scope, input.workers);
    }
    const [same] = await queryRows<{ id: number }>(tx, sql`
      select c.id from rights_cases c
       where c.enterprise_id = ${enterprise.id} and c.created_by = ${ctx.actor.userId} and c.status = 'accepted' and c.type = ${input.type}
         and c.claim_fen = ${input.claimFen} and c.received_on = ${receivedOn}::date and c.description = ${input.description}
         and c.request_id is not distinct from ${input.requestId ?? null}::int
         and c.created_at > ${new Date(Date.now() - RESEND_WINDOW_MS).toISOString()}::timestamptz
         and (select array_agg(w.name order by w.id) from rights_case_workers w where w.case_id = c.id) = ${sql.param(parties.map((p) => p.name))}::text[]
       order by c.id limit 1`);
    if (same) return { caseId: same.id, created: false };
    if (input.requestId !== undefined) {
      const [linked] = await queryRows<{ id: number }>(tx, sql`select id from rights_cases where request_id = ${input.requestId} limit 1`);
      if (linked) throw new AppError('conflict', 409, 'rights.requestHasCase', {}, { requestId: 'rights.requestHasCase' });
    }
    const threshold = await numericSetting(tx, 'rights.groupThreshold', DEFAULT_GROUP_THRESHOLD);
    const [next] = await queryRows<{ id: number }>(tx, sql`select nextval(pg_get_serial_sequence('rights_cases', 'id'))::int as id`);
    const caseId = next!.id;
    await tx.insert(rightsCases).values({
      id: caseId,
      caseNumber: `RC${receivedOn.slice(0, 4)}-${String(caseId).padStart(6, '0')}`,
      enterpriseId: enterprise.id,
      orgPath: enterprise.orgPath,
      type: input.type,
      workerCount: input.workers.length,
      isGroup: isGroupDispute(input.workers.length, threshold),
      claimFen: input.claimFen,
      description: input.description,
      mediationOrg: input.mediationOrg,
      mediator: input.mediator,
      lawyer: input.lawyer,
      receivedOn,
      requestId: input.requestId ?? null,
      createdBy: ctx.actor.userId,
    });
    await tx.insert(rightsCaseWorkers).values(parties.map((p) => ({ caseId, ...p })));
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: 'create', objectType: 'rights_case', objectId: caseId, orgPath: enterprise.orgPath,
      detail: { enterpriseId: enterprise.id, type: input.type, workers: input.workers.length },
    });
    await raiseAutomaticWarning(tx, ctx, enterprise, today);
    return { caseId, created: true };
  });
  return { item: await getCase(ctx, id.caseId), created: id.created };
}

/** A party as written: the member staff picked lends name and phone (ciphertext and index copied from the member row). */
interface ResolvedParty { name: string; phoneEnc: string | null; phoneHash: string | null; memberId: number | null }

/**
 * Which member each party is, and what is written for it:
 * - the member staff picked (`memberId`): an active member inside the scope, else 400 on `workers.N.memberId`
 *   (a member of another subtree is never linked); the party takes the member's name and phone from the member
 *   record (whatever was typed), so the case holds the registered person;
 * - else the one active member whose phone has the party's blind index AND whose name is the party's name
 *   ({@link samePersonName}); none when the names differ (a mistyped phone must not link a stranger), when no member
 *   or more than one has that phone (a shared number names nobody). Any worker may be a party unlinked (零门槛).
 * The phone's blind index is kept on the party, so a later link needs no decryption.
 */
async function linkParties(tx: Tx, keys: AppKeys, scope: Scope, workers: CaseCreate['workers']): Promise<ResolvedParty[]> {
  const hashes = workers.map((w) => (w.phone ? keys.blindIndex(w.phone) : null));
  const picked = workers.flatMap((w) => (w.memberId !== undefined ? [w.memberId] : []));
  const known = picked.length === 0 ? [] : await queryRows<{ id: number; name: string; phone_enc: string; phone_hash: string }>(tx, sql`
    select id, name, phone_enc, phone_hash from members m
     where m.id = any(${sql.param(picked)}::int[]) and m.status = 'active' and ${withinScope(scope, sql`m.org_path`)}`);
  const phones = hashes.filter((h): h is string => h !== null);
  const byPhone = phones.length === 0 ? [] : await phoneHolders(tx, phones);
  return workers.map((w, i) => {
    if (w.memberId !== undefined) {
      const m = known.find((k) => k.id === w.memberId);
      if (!m) throw fieldError(`workers.${i}.memberId`, 'rights.notCaseParty');
      return { name: m.name, phoneEnc: m.phone_enc, phoneHash: m.phone_hash, memberId: m.id };
    }
    const holder = byPhone.find((m) => m.phone_hash === hashes[i]);
    return {
      name: w.name, phoneEnc: w.phone ? keys.cipher.encrypt(w.phone) : null, phoneHash: hashes[i]!,
      memberId: holder && samePersonName(holder.name, w.name) ? holder.id : null,
    };
  });
}

/**
 * A case opened from a service request: the party named as the request's requester (same name by
 * {@link samePersonName}, no phone typed, no member picked) takes the request's phone (ciphertext and index copied)
 * and, when a member submitted the request on the H5, that member — so the case shows on their 我的维权 without staff
 * searching for them. The request is in the actor's scope (checked by the caller); the member who sent it to this
 * union is linked wherever their own union is. Only the first such party; the others as resolved.
 */
async function withRequester(tx: Tx, requestId: number, parties: ResolvedParty[], workers: CaseCreate['workers']): Promise<ResolvedParty[]> {
  const [requester] = await queryRows<{ name: string; phone_enc: string; phone_hash: string; member_id: number | null }>(tx, sql`
    select r.requester_name as name, r.requester_phone_enc as phone_enc, r.requester_phone_hash as phone_hash, m.id as member_id
      from service_requests r left join users u on u.id = r.requester_user_id left join members m on m.id = u.member_id and m.status = 'active'
     where r.id = ${requestId}`);
  if (!requester) return parties;
  const at = parties.findIndex((p, i) => workers[i]!.memberId === undefined && !workers[i]!.phone && samePersonName(p.name, requester.name));
  if (at < 0) return parties;
  return parties.map((p, i) => (i === at ? { ...p, phoneEnc: requester.phone_enc, phoneHash: requester.phone_hash, memberId: requester.member_id } : p));
}

/** For each blind index held by exactly one active member: that member (id, name). */
async function phoneHolders(db: Database | Tx, hashes: string[]): Promise<{ phone_hash: string; id: number; name: string }[]> {
  return queryRows<{ phone_hash: string; id: number; name: string }>(db, sql`
    select phone_hash, min(id)::int as id, min(name) as name from members
     where phone_hash = any(${sql.param(hashes)}::text[]) and status = 'active'
     group by phone_hash having count(*) = 1`);
}

/**
 * The link job (rights-party-link): parties written before phones had a blind index on the party (or by a bulk
 * path without keys) get it, and the member it matches by phone and name (as {@link linkParties}), `batch` rows at a time.
 * @returns the rows read (0 once every party with a phone has its index: the job is then a no-op)
 */
export async function linkPartiesBackfill(db: Database, keys: AppKeys, batch = 500): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await queryRows<{ id: number; name: string; phone_enc: string; member_id: number | null }>(tx, sql`
      select id, name, phone_enc, member_id from rights_case_workers where phone_enc is not null and phone_hash is null order by id limit ${batch} for update skip locked`);
    if (rows.length === 0) return 0;
    const hashes = rows.map((r) => keys.blindIndex(keys.cipher.decrypt(r.phone_enc)));
    const holders = await phoneHolders(tx, [...new Set(hashes)]);
    const memberIds = rows.map((r, i) => {
      if (r.member_id !== null) return r.member_id;
      const holder = holders.find((m) => m.phone_hash === hashes[i]);
      return holder && samePersonName(holder.name, r.name) ? holder.id : null;
    });
    await tx.execute(sql`
      update rights_case_workers w set phone_hash = v.hash, member_id = v.member_id
        from unnest(${sql.param(rows.map((r) => r.id))}::int[], ${sql.param(hashes)}::text[], ${sql.param(memberIds)}::int[]) v(id, hash, member_id)
       where w.id = v.id`);
    return rows.length;
  });
}

/** How long the same case sent again by the same staff member counts as a resend of the first (a double tap, a retry). */
export const RESEND_WINDOW_MS = 10 * 60_000;

/**
 * Moves a case one stage on, or closes it with an outcome. Rules: `stageProblem` (order; an agreement needs
 * mediation; 不予受理 only at acceptance); an amount recovered only with success or partial (required then);
 * dates not before receipt, not before the case's last step (nor, closing a mediation, before its application:
 * `rights.beforePreviousStep`) and not after today. Mediation starts the art. 14 clock at `mediationAppliedOn`.
 * @throws 404 outside the scope; 409 stage rules; 400 field rules
 */
export async function moveCase(ctx: ServiceContext, id: number, step: CaseStage): Promise<CaseItem> {
  const scope = writeScope(ctx.scope);
  const today = shanghaiDate();
  const on = step.on ?? today;
  if (on > today) throw fieldError('on', 'rights.future');
  await ctx.db.transaction(async (tx) => {
    const current = await findCase(tx, scope, id, true);
    if (!current) throw notFound();
    const problem = stageProblem(current.status, step.to, step.outcome);
    if (problem === 'rights.outcomeRequired') throw fieldError('outcome', problem);
    if (problem) throw new AppError('conflict', 409, problem, {}, step.outcome ? { outcome: problem } : {});
    if (on < current.received_on) throw fieldError('on', 'rights.beforeReceived');
    // the history reads in order: no step dated before the one it follows (a close before the mediation it ends)
    const [last] = await queryRows<{ on: string | null }>(tx, sql`select max("on")::text as on from rights_case_steps where case_id = ${id}`);
    const previous = [last?.on ?? null, current.status === 'mediating' ? current.mediation_applied_on : null].filter((d): d is string => d !== null).sort().at(-1);
    if (previous !== undefined && on < previous) throw fieldError('on', 'rights.beforePreviousStep');
    const agreed = step.outcome !== undefined && SUCCEEDED_OUTCOMES.includes(step.outcome);
    if (step.recoveredFen !== undefined && step.recoveredFen > 0 && !agreed) throw fieldError('recoveredFen', 'rights.recoveredOnlyWithAgreement');
    if (agreed && step.recoveredFen === undefined) throw fieldError('recoveredFen', 'rights.recoveredRequired');
    const appliedOn = step.to === 'mediating' ? step.mediationAppliedOn ?? on : undefined;
    if (appliedOn !== undefined && (appliedOn < current.received_on || appliedOn > today)) {
      throw fieldError('mediationAppliedOn', appliedOn > today ? 'rights.future' : 'rights.beforeReceived');
    }
    await tx.execute(sql`
      update rights_cases set status = ${step.to}, updated_at = now()
        ${appliedOn !== undefined ? sql`, mediation_applied_on = ${appliedOn}` : sql``}
        ${step.to === 'closed' ? sql`, outcome = ${step.outcome ?? null}, closed_on = ${on}, recovered_fen = ${agreed ? step.recoveredFen ?? 0 : 0},
                                      agreement_text = ${agreed ? step.agreementText ?? '' : null}` : sql``}
       where id = ${id}`);
    await tx.insert(rightsCaseSteps).values({ caseId: id, fromStatus: current.status, toStatus: step.to, on, note: step.note, userId: ctx.actor.userId });
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: 'update', objectType: 'rights_case', objectId: id, orgPath: current.org_path,
      detail: { from: current.status, to: step.to, ...(step.outcome ? { outcome: step.outcome } : {}) },
    });
  });
  return getCase(ctx, id);
}

/** The 调解协议书 of a case closed with an agreement (success or partial), naming the parties. */
export async function agreementPdf(ctx: ServiceContext, id: number): Promise<{ file: Buffer; filename: string }> {
  const row = await findCase(ctx.db, ctx.scope, id);
  if (!row) throw notFound();
  if (!row.outcome || !SUCCEEDED_OUTCOMES.includes(row.outcome) || !row.closed_on) throw new AppError('conflict', 409, 'rights.noAgreement');
  const [enterprise] = await queryRows<{ credit_code: string; address: string }>(ctx.db, sql`select credit_code, address from enterprises where id = ${row.enterprise_id}`);
  const workers = (await workersOf(ctx.db, ctx.cipher, [id])).get(id) ?? [];
  const file = await renderAgreement({
    caseNumber: row.case_number,
    closedOn: row.closed_on,
    type: row.type,
    workers: workers.map((w) => w.name),
    enterprise: { name: row.enterprise_name, creditCode: enterprise?.credit_code ?? '', address: enterprise?.address ?? '' },
    mediationOrg: row.mediation_org,
    mediator: row.mediator,
    claimFen: Number(row.claim_fen),
    recoveredFen: Number(row.recovered_fen),
    agreementText: row.agreement_text ?? '',
    partial: row.outcome === 'partial',
  });
  return { file, filename: `调解协议书-${row.case_number}.pdf` };
}
