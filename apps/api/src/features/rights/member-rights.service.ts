/**
 * 我的维权 — the rights module as a member sees it on the H5 (`/api/me/rights…`, access `member`):
 * - the cases in which the member is a party (`rights_case_workers.member_id`), with stage history, outcome, the
 *   art. 14 clock (劳动争议调解仲裁法: no agreement within 15 calendar days of the mediation application → the worker
 *   may apply for arbitration) and the amounts; any other case answers 404; every request showing cases is one audit
 *   entry naming them (`read_personal`, as the house logs each access to personal data, without a row per case and refresh);
 * - the collective / wage-specific contracts in force today (Asia/Shanghai) covering the member's enterprise —
 *   its own or its share of a 区域性/行业性 one (the per-enterprise rows of bargaining_contracts);
 * - the enterprise's 恳谈会 under way or published this year, and the issues the member raised: while a meeting
 *   collects issues (收集议题) the member may submit one per meeting and day (闵行's steps, DOMAIN.md §4).
 */
import { sql } from 'drizzle-orm';
import { queryRows, rightsConsultationIssues, type Database, type Tx } from '@lianxin/db';
import {
  mediationClock, shanghaiDate, type CaseOutcome, type CaseStatus, type CaseType, type ConsultationStep, type consultationIssueCreateSchema,
  type ContractKind, type ContractStatus, type MyCase, type MyConsultation, type MyContract, type MyRights,
} from '@lianxin/contracts';
import type { z } from 'zod';
import type { ServiceContext } from '../../context.ts';
import { AppError, isUniqueViolation, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repo.ts';

interface MemberRow { id: number; org_path: string; enterprise_id: number | null; enterprise_name: string | null }

/** The signed-in member (active) with their enterprise; 404 for anyone else. */
async function currentMember(db: Database | Tx, ctx: ServiceContext): Promise<MemberRow> {
  if (ctx.actor.memberId === null) throw notFound();
  const [row] = await queryRows<MemberRow>(db, sql`
    select m.id, m.org_path::text as org_path, m.enterprise_id, e.name as enterprise_name
      from members m left join enterprises e on e.id = m.enterprise_id
     where m.id = ${ctx.actor.memberId} and m.status = 'active'`);
  if (!row) throw notFound();
  return row;
}

interface CaseRow {
  id: number; case_number: string; enterprise_id: number; enterprise_name: string; org_path: string; type: CaseType; status: CaseStatus;
  outcome: CaseOutcome | null; worker_count: number; is_group: boolean; claim_fen: number; recovered_fen: number; mediation_org: string;
  lawyer: string; received_on: string; mediation_applied_on: string | null; closed_on: string | null;
}

/** The member's cases (newest first), or the one case `id` when given; none that the member is not a party of. */
async function casesOf(db: Database, memberId: number, id?: number): Promise<CaseRow[]> {
  return queryRows<CaseRow>(db, sql`
    select c.id, c.case_number, c.enterprise_id, e.name as enterprise_name, c.org_path::text as org_path, c.type, c.status, c.outcome,
           c.worker_count, c.is_group, c.claim_fen::float8 as claim_fen, c.recovered_fen::float8 as recovered_fen, c.mediation_org, c.lawyer,
           c.received_on::text as received_on, c.mediation_applied_on::text as mediation_applied_on, c.closed_on::text as closed_on
      from rights_cases c join enterprises e on e.id = c.enterprise_id
     where exists (select 1 from rights_case_workers w where w.case_id = c.id and w.member_id = ${memberId})
       ${id !== undefined ? sql`and c.id = ${id}` : sql``}
     order by c.received_on desc, c.id desc limit 50`);
}

function toMyCase(r: CaseRow, today: string): MyCase {
  return {
    id: r.id, caseNumber: r.case_number, enterprise: { id: r.enterprise_id, name: r.enterprise_name }, type: r.type, status: r.status,
    outcome: r.outcome, workerCount: r.worker_count, isGroup: r.is_group, claimFen: Number(r.claim_fen), recoveredFen: Number(r.recovered_fen),
    mediationOrg: r.mediation_org, lawyer: r.lawyer, receivedOn: r.received_on, mediationAppliedOn: r.mediation_applied_on, closedOn: r.closed_on,
    clock: r.status === 'mediating' && r.mediation_applied_on ? mediationClock(r.mediation_applied_on, today) : null,
  };
}

/**
 * The longest common ancestor of org paths (`1.5.9` and `1.5.12` → `1.5`), so the audit entry of a read spanning
 * cases of several units reaches the staff above all of them; null for none.
 */
export function commonPath(paths: string[]): string | null {
  if (paths.length === 0) return null;
  let common = paths[0]!.split('.');
  for (const p of paths.slice(1)) {
    const labels = p.split('.');
    let n = 0;
    while (n < common.length && n < labels.length && common[n] === labels[n]) n++;
    common = common.slice(0, n);
  }
  return common.length === 0 ? null : common.join('.');
}

/**
 * One audit entry per request that shows the member any case (`read_personal`, view `member`), before the answer:
 * the cases it names are in `detail.caseIds` (ids only, never a name or phone); one case's entry also carries it as
 * `objectId`. Its org path is the cases' common ancestor. A page with no case writes nothing (no personal data read).
 */
async function auditCaseReads(ctx: ServiceContext, rows: CaseRow[]): Promise<void> {
  if (rows.length === 0) return;
  await recordAudit(ctx.db, ctx.actor, ctx.ip, {
    action: 'read_personal', objectType: 'rights_case', objectId: rows.length === 1 ? rows[0]!.id : null,
    orgPath: commonPath(rows.map((r) => r.org_path)), detail: { view: 'member', caseIds: rows.map((r) => r.id) },
  });
}

interface ContractRow {
  id: number; kind: ContractKind; status: ContractStatus; valid_from: string; valid_to: string; increase_bp: number; minimum_wage_fen: number;
  signed_on: string; filed_on: string | null; union_id: number | null; union_name: string | null;
}

/** Contracts in force on `today` covering the enterprise (own or regional), by kind. */
async function contractsOf(db: Database, enterpriseId: number, today: string): Promise<MyContract[]> {
  const rows = await queryRows<ContractRow>(db, sql`
    select c.id, c.kind, c.status, c.valid_from::text as valid_from, c.valid_to::text as valid_to, c.increase_bp,
           c.minimum_wage_fen::float8 as minimum_wage_fen, c.signed_on::text as signed_on, c.filed_on::text as filed_on,
           ro.id as union_id, ro.name as union_name
      from bargaining_contracts c
      left join bargaining_regional_contracts rc on rc.id = c.regional_contract_id left join orgs ro on ro.id = rc.org_id
     where c.enterprise_id = ${enterpriseId} and c.status <> 'vetoed' and c.valid_from <= ${today}::date and c.valid_to >= ${today}::date
     order by c.kind, c.valid_from desc, c.id`);
  return rows.map((r) => ({
    id: r.id, kind: r.kind, status: r.status, validFrom: r.valid_from, validTo: r.valid_to, increaseBp: r.increase_bp,
    minimumWageFen: Number(r.minimum_wage_fen), signedOn: r.signed_on, filedOn: r.filed_on,
    regionalUnion: r.union_id === null ? null : { id: r.union_id, name: r.union_name! },
  }));
}

interface ConsultationRow { id: number; step: ConsultationStep; collected_on: string; held_on: string | null; results: string | null }

/** The enterprise's consultations under way or published this year (newest first), or the one `id`, with the member's issues. */
async function consultationsOf(db: Database | Tx, enterpriseId: number, memberId: number, today: string, id?: number): Promise<MyConsultation[]> {
  const rows = await queryRows<ConsultationRow>(db, sql`
    select k.id, k.step, k.collected_on::text as collected_on, k.held_on::text as held_on, k.results
      from rights_consultations k
     where k.enterprise_id = ${enterpriseId}
       and ${id !== undefined ? sql`k.id = ${id}` : sql`(k.step <> 'published' or k.published_on >= ${`${today.slice(0, 4)}-01-01`}::date)`}
     order by k.step = 'published', k.collected_on desc, k.id desc limit 10`);
  const ids = rows.map((r) => r.id);
  const issues = ids.length === 0 ? [] : await queryRows<{ id: number; consultation_id: number; text: string; anonymous: boolean; submitted_on: string }>(db, sql`
    select id, consultation_id, text, anonymous, submitted_on::text as submitted_on from rights_consultation_issues
     where consultation_id = any(${sql.param(ids)}::int[]) and member_id = ${memberId} order by id`);
  return rows.map((r) => ({
    id: r.id, step: r.step, collectedOn: r.collected_on, heldOn: r.held_on, results: r.step === 'published' ? r.results : null,
    myIssues: issues.filter((i) => i.consultation_id === r.id).map((i) => ({ id: i.id, text: i.text, anonymous: i.anonymous, submittedOn: i.submitted_on })),
  }));
}

/** Everything on the member's 我的维权 page; the cases shown are audited in one entry per request. */
export async function myRights(ctx: ServiceContext, today = shanghaiDate()): Promise<MyRights> {
  const member = await currentMember(ctx.db, ctx);
  const cases = await casesOf(ctx.db, member.id);
  await auditCaseReads(ctx, cases);
  const enterpriseId = member.enterprise_id;
  return {
    enterprise: enterpriseId === null ? null : { id: enterpriseId, name: member.enterprise_name! },
    cases: cases.map((r) => toMyCase(r, today)),
    contracts: enterpriseId === null ? [] : await contractsOf(ctx.db, enterpriseId, today),
    consultations: enterpriseId === null ? [] : await consultationsOf(ctx.db, enterpriseId, member.id, today),
  };
}

/** One of the member's cases with its stage history; 404 unless the member is a party. Audited. */
export async function myCase(ctx: ServiceContext, id: number): Promise<MyCase> {
  const member = await currentMember(ctx.db, ctx);
  const [row] = await casesOf(ctx.db, member.id, id);
  if (!row) throw notFound();
  await auditCaseReads(ctx, [row]);
  const history = await queryRows<{ from: CaseStatus; to: CaseStatus; on: string }>(ctx.db, sql`
    select from_status as "from", to_status as "to", "on"::text as "on" from rights_case_steps where case_id = ${id} order by "on", id`);
  return { ...toMyCase(row, shanghaiDate()), history };
}

/**
 * The member raises an issue for their enterprise's 恳谈会 while it collects issues. One per member, meeting and
 * Asia/Shanghai day: the same text sent again that day (a double tap, a retry) answers the first (`created: false`);
 * another text the same day is refused. The consultation row's lock serialises a member's two taps; the unique index
 * (consultation, member, day) is the guard underneath.
 * @throws 404 not the member's enterprise's meeting (or no enterprise); 409 `rights.notCollecting`, `rights.issueDaily`
 */
export async function submitConsultationIssue(
  ctx: ServiceContext, consultationId: number, input: z.output<typeof consultationIssueCreateSchema>, today = shanghaiDate(),
): Promise<{ item: MyConsultation; created: boolean }> {
  let created = true;
  let member: MemberRow;
  try {
    member = await ctx.db.transaction(async (tx) => {
      const m = await currentMember(tx, ctx);
      const [k] = await queryRows<{ id: number; step: ConsultationStep; org_path: string }>(tx, sql`
        select id, step, org_path::text as org_path from rights_consultations
         where id = ${consultationId} and enterprise_id = ${m.enterprise_id ?? 0} for update`);
      if (!k) throw notFound();
      const [same] = await queryRows<{ text: string; anonymous: boolean }>(tx, sql`
        select text, anonymous from rights_consultation_issues where consultation_id = ${k.id} and member_id = ${m.id} and submitted_on = ${today}::date`);
      if (same) {
        if (same.text === input.text && same.anonymous === input.anonymous) {
          created = false;
          return m;
        }
        throw new AppError('conflict', 409, 'rights.issueDaily', {}, { text: 'rights.issueDaily' });
      }
      if (k.step !== 'collecting') throw new AppError('conflict', 409, 'rights.notCollecting');
      const [row] = await tx.insert(rightsConsultationIssues).values({
        consultationId: k.id, memberId: m.id, text: input.text, anonymous: input.anonymous, submittedOn: today,
      }).returning({ id: rightsConsultationIssues.id });
      // an anonymous issue's entry names no actor and no address: the audit page is open to the scope's staff, and
      // the account (member-<id>) or the address would name whom the console hides (memberIssuesOf)
      await recordAudit(tx, input.anonymous ? null : ctx.actor, input.anonymous ? null : ctx.ip, {
        action: 'create', objectType: 'rights_consultation_issue', objectId: row!.id, orgPath: k.org_path, detail: { consultationId: k.id, anonymous: input.anonymous },
      });
      return m;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 409, 'rights.issueDaily', {}, { text: 'rights.issueDaily' });
    throw error;
  }
  const [item] = await consultationsOf(ctx.db, member.enterprise_id!, member.id, today, consultationId);
  return { item: item!, created };
}

/** The issues members raised for a consultation, oldest first, names withheld when anonymous (the console's record). */
export async function memberIssuesOf(db: Database, consultationId: number): Promise<{ id: number; text: string; anonymous: boolean; memberName: string | null; submittedOn: string }[]> {
  const rows = await queryRows<{ id: number; text: string; anonymous: boolean; name: string; submitted_on: string }>(db, sql`
    select i.id, i.text, i.anonymous, m.name, i.submitted_on::text as submitted_on
      from rights_consultation_issues i join members m on m.id = i.member_id
     where i.consultation_id = ${consultationId} order by i.id`);
  return rows.map((r) => ({ id: r.id, text: r.text, anonymous: r.anonymous, memberName: r.anonymous ? null : r.name, submittedOn: r.submitted_on }));
}
