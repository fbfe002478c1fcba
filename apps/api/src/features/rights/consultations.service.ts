/**
 * 恳谈会 (consultation meetings, 闵行's model): at least once a year per enterprise, in fixed steps — collect issues →
 * set participants → feedback → meeting → results published — each dated, in order, not in the future and not
 * before the previous step. One consultation under way per enterprise (a partial unique index underneath); the
 * workbench counts the enterprises with a union that held none this year (rights.workbench.ts).
 */
import { sql } from 'drizzle-orm';
import { queryRows, rightsConsultations, type Database, type Tx } from '@lianxin/db';
import {
  consultationStepProblem, consultationSteps, shanghaiDate, type ConsultationItem, type consultationCreateSchema, type consultationListQuerySchema,
  type ConsultationStep, type consultationStepSchema, type Paged,
} from '@lianxin/contracts';
import type { z } from 'zod';
import { withinScope, writeScope, type Scope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { AppError, fieldError, isUniqueViolation, notFound } from '../../errors.ts';
import { pagedList } from '../../lib/paged-list.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { memberIssuesOf } from './member-rights.service.ts';
import { scopedEnterprise, scopedOrgPath } from './rights.shared.ts';

interface ConsultationRow {
  id: number; enterprise_id: number; enterprise_name: string; org_path: string; step: ConsultationStep;
  collected_on: string; issues: string; participants_on: string | null; participants: string | null; feedback_on: string | null;
  feedback: string | null; held_on: string | null; minutes: string | null; published_on: string | null; results: string | null;
}

const columns = sql`
  k.id, k.enterprise_id, e.name as enterprise_name, k.org_path::text as org_path, k.step, k.collected_on::text as collected_on, k.issues,
  k.participants_on::text as participants_on, k.participants, k.feedback_on::text as feedback_on, k.feedback,
  k.held_on::text as held_on, k.minutes, k.published_on::text as published_on, k.results`;

/** Each step's day and text columns, in the steps' order. */
const stepColumns: Record<ConsultationStep, { on: keyof ConsultationRow; text: keyof ConsultationRow }> = {
  collecting: { on: 'collected_on', text: 'issues' },
  participants: { on: 'participants_on', text: 'participants' },
  feedback: { on: 'feedback_on', text: 'feedback' },
  meeting: { on: 'held_on', text: 'minutes' },
  published: { on: 'published_on', text: 'results' },
};

function toItem(r: ConsultationRow): ConsultationItem {
  const done = consultationSteps.slice(0, consultationSteps.indexOf(r.step) + 1);
  return {
    id: r.id,
    enterprise: { id: r.enterprise_id, name: r.enterprise_name },
    step: r.step,
    steps: done.map((step) => ({ step, on: String(r[stepColumns[step].on]), text: String(r[stepColumns[step].text] ?? '') })),
  };
}

async function findConsultation(db: Database | Tx, scope: Scope, id: number, lock = false): Promise<ConsultationRow | undefined> {
  const [row] = await queryRows<ConsultationRow>(db, sql`
    select ${columns} from rights_consultations k join enterprises e on e.id = k.enterprise_id
     where k.id = ${id} and ${withinScope(scope, sql`k.org_path`)} ${lock ? sql`for update of k` : sql``}`);
  return row;
}

/** A consultation with the issues members raised on the H5 (memberIssuesOf), as the console's meeting record shows it. */
export async function getConsultation(ctx: ServiceContext, id: number): Promise<ConsultationItem> {
  const row = await findConsultation(ctx.db, ctx.scope, id);
  if (!row) throw notFound();
  return { ...toItem(row), memberIssues: await memberIssuesOf(ctx.db, id) };
}

/** Consultations of a unit's subtree: those under way first, then the newest. */
export async function listConsultations(ctx: ServiceContext, query: z.output<typeof consultationListQuerySchema>): Promise<Paged<ConsultationItem>> {
  const under = await scopedOrgPath(ctx.db, ctx.scope, query.orgId);
  const where = sql`k.org_path <@ ${under}::ltree and ${withinScope(ctx.scope, sql`k.org_path`)}
    ${query.enterpriseId ? sql`and k.enterprise_id = ${query.enterpriseId}` : sql``}
    ${query.step ? sql`and k.step = ${query.step}` : sql``}
    ${query.year ? sql`and k.collected_on between ${`${query.year}-01-01`}::date and ${`${query.year}-12-31`}::date` : sql``}`;
  const page = await pagedList<ConsultationRow, never>(ctx.db, {
    query,
    order: { default: sql`k.step = 'published', k.collected_on desc, k.id desc`, keys: {}, tiebreaker: sql`k.id` },
    rows: (orderBy, limit, offset) => queryRows<ConsultationRow>(ctx.db, sql`
      select ${columns} from rights_consultations k join enterprises e on e.id = k.enterprise_id
       where ${where} order by ${orderBy} limit ${limit} offset ${offset}`),
    count: { from: sql`rights_consultations k`, where },
  });
  return { ...page, items: page.items.map(toItem) };
}

/**
 * Opens a consultation with its first step (issues collected on a day). The same one sent again (a double tap, a
 * retry: same day and issues, still collecting) answers the first with 200; another one while one is under way
 * is refused.
 * @throws 409 `rights.consultationOpen`; 400 a day in the future
 */
export async function createConsultation(ctx: ServiceContext, input: z.output<typeof consultationCreateSchema>): Promise<{ item: ConsultationItem; created: boolean }> {
  const scope = writeScope(ctx.scope);
  if (input.collectedOn > shanghaiDate()) throw fieldError('collectedOn', 'rights.future');
  let result: { id: number; created: boolean };
  try {
    result = await ctx.db.transaction(async (tx) => {
      const enterprise = await scopedEnterprise(tx, scope, input.enterpriseId, true);
      const [open] = await queryRows<{ id: number; step: ConsultationStep; collected_on: string; issues: string }>(tx, sql`
        select id, step, collected_on::text as collected_on, issues from rights_consultations
         where enterprise_id = ${enterprise.id} and step <> 'published'`);
      if (open) {
        if (open.step === 'collecting' && open.collected_on === input.collectedOn && open.issues === input.issues) return { id: open.id, created: false };
        throw new AppError('conflict', 409, 'rights.consultationOpen', {}, undefined, { consultationId: open.id });
      }
      const [row] = await tx.insert(rightsConsultations).values({
        enterpriseId: enterprise.id, orgPath: enterprise.orgPath, collectedOn: input.collectedOn, issues: input.issues, createdBy: ctx.actor.userId,
      }).returning({ id: rightsConsultations.id });
      await recordAudit(tx, ctx.actor, ctx.ip, {
        action: 'create', objectType: 'rights_consultation', objectId: row!.id, orgPath: enterprise.orgPath, detail: { collectedOn: input.collectedOn },
      });
      return { id: row!.id, created: true };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 409, 'rights.consultationOpen');
    throw error;
  }
  return { item: await getConsultation(ctx, result.id), created: result.created };
}

/**
 * The next step, dated: in the fixed order, not before the previous step's day, not in the future. The same step
 * sent again (same day and text, already recorded) answers the consultation as it is.
 * @throws 409 `rights.stepOrder`, `rights.consultationDone`; 400 `rights.beforePreviousStep`, `rights.future` on `on`
 */
export async function moveConsultation(ctx: ServiceContext, id: number, input: z.output<typeof consultationStepSchema>): Promise<ConsultationItem> {
  const scope = writeScope(ctx.scope);
  await ctx.db.transaction(async (tx) => {
    const k = await findConsultation(tx, scope, id, true);
    if (!k) throw notFound();
    const recorded = stepColumns[input.to];
    if (k.step === input.to && k[recorded.on] === input.on && k[recorded.text] === input.text) return;
    const previousOn = String(k[stepColumns[k.step].on]);
    const problem = consultationStepProblem(k.step, input.to, input.on, previousOn, shanghaiDate());
    if (problem === 'rights.consultationDone' || problem === 'rights.stepOrder') throw new AppError('conflict', 409, problem, {}, { to: problem });
    if (problem) throw fieldError('on', problem);
    const set = {
      participants: sql`participants_on = ${input.on}, participants = ${input.text}`,
      feedback: sql`feedback_on = ${input.on}, feedback = ${input.text}`,
      meeting: sql`held_on = ${input.on}, minutes = ${input.text}`,
      published: sql`published_on = ${input.on}, results = ${input.text}`,
    }[input.to];
    await tx.execute(sql`update rights_consultations set step = ${input.to}, ${set}, updated_at = now() where id = ${id}`);
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: 'update', objectType: 'rights_consultation', objectId: id, orgPath: k.org_path, detail: { step: input.to, on: input.on },
    });
  });
  return getConsultation(ctx, id);
}
