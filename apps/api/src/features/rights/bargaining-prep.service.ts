/**
 * What comes before the rounds (集体协商的准备): an enterprise's bargaining calendar (电装: bonus talks in June, wage
 * talks in October, welfare monthly) and the preparation data of a year's talks — last year's profit, the CPI change
 * and the government wage guideline (基准线 / 上线 / 下线). Both scoped by the enterprise; writes audited.
 */
import { sql } from 'drizzle-orm';
import { bargainingCalendarItems, queryRows } from '@lianxin/db';
import {
  guidelineProblem, type BargainingTopic, type CalendarItem, type calendarItemCreateSchema, type Preparation, type preparationSchema,
} from '@lianxin/contracts';
import type { z } from 'zod';
import { writeScope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { AppError, fieldError, isUniqueViolation } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { scopedEnterprise } from './rights.shared.ts';

/** The calendar, month by month (every-month lines first), then by topic. */
export async function listCalendar(ctx: ServiceContext, enterpriseId: number): Promise<{ items: CalendarItem[] }> {
  await scopedEnterprise(ctx.db, ctx.scope, enterpriseId);
  const items = await queryRows<{ id: number; topic: BargainingTopic; month: number | null; note: string }>(ctx.db, sql`
    select id, topic, month, note from bargaining_calendar_items where enterprise_id = ${enterpriseId} order by month nulls first, topic, id`);
  return { items };
}

/** @throws 409 `rights.calendarExists` when the topic is already on the calendar for that month */
export async function addCalendarItem(ctx: ServiceContext, input: z.output<typeof calendarItemCreateSchema>): Promise<CalendarItem> {
  const scope = writeScope(ctx.scope);
  try {
    return await ctx.db.transaction(async (tx) => {
      const enterprise = await scopedEnterprise(tx, scope, input.enterpriseId, true);
      const [row] = await tx.insert(bargainingCalendarItems).values({
        enterpriseId: enterprise.id, topic: input.topic, month: input.month, note: input.note, createdBy: ctx.actor.userId,
      }).returning({ id: bargainingCalendarItems.id });
      await recordAudit(tx, ctx.actor, ctx.ip, {
        action: 'create', objectType: 'bargaining_calendar_item', objectId: row!.id, orgPath: enterprise.orgPath, detail: { topic: input.topic, month: input.month },
      });
      return { id: row!.id, topic: input.topic, month: input.month, note: input.note };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 409, 'rights.calendarExists', {}, { month: 'rights.calendarExists' });
    throw error;
  }
}

const empty = (enterpriseId: number, year: number): Preparation => ({
  enterpriseId, year, lastYearProfitFen: null, cpiBp: null, guidelineBaseBp: null, guidelineUpperBp: null, guidelineLowerBp: null,
});

export async function getPreparation(ctx: ServiceContext, enterpriseId: number, year: number): Promise<Preparation> {
  await scopedEnterprise(ctx.db, ctx.scope, enterpriseId);
  const [row] = await queryRows<Preparation>(ctx.db, sql`
    select enterprise_id as "enterpriseId", year, last_year_profit_fen::float8 as "lastYearProfitFen", cpi_bp as "cpiBp",
           guideline_base_bp as "guidelineBaseBp", guideline_upper_bp as "guidelineUpperBp", guideline_lower_bp as "guidelineLowerBp"
      from bargaining_preparations where enterprise_id = ${enterpriseId} and year = ${year}`);
  return row ? { ...row, lastYearProfitFen: row.lastYearProfitFen === null ? null : Number(row.lastYearProfitFen) } : empty(enterpriseId, year);
}

/** Records (or replaces) the year's preparation data. @throws 400 `rights.guidelineOrder` on guidelineBaseBp */
export async function savePreparation(ctx: ServiceContext, input: z.output<typeof preparationSchema>): Promise<Preparation> {
  const scope = writeScope(ctx.scope);
  const problem = guidelineProblem(input);
  if (problem) throw fieldError('guidelineBaseBp', problem);
  await ctx.db.transaction(async (tx) => {
    const enterprise = await scopedEnterprise(tx, scope, input.enterpriseId, true);
    await tx.execute(sql`
      insert into bargaining_preparations (enterprise_id, year, last_year_profit_fen, cpi_bp, guideline_base_bp, guideline_upper_bp, guideline_lower_bp, updated_by)
      values (${enterprise.id}, ${input.year}, ${input.lastYearProfitFen}, ${input.cpiBp}, ${input.guidelineBaseBp}, ${input.guidelineUpperBp}, ${input.guidelineLowerBp}, ${ctx.actor.userId})
      on conflict (enterprise_id, year) do update set last_year_profit_fen = excluded.last_year_profit_fen, cpi_bp = excluded.cpi_bp,
         guideline_base_bp = excluded.guideline_base_bp, guideline_upper_bp = excluded.guideline_upper_bp, guideline_lower_bp = excluded.guideline_lower_bp,
         updated_by = excluded.updated_by, updated_at = now()`);
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: 'update', objectType: 'bargaining_preparation', objectId: `${enterprise.id}:${input.year}`, orgPath: enterprise.orgPath, detail: { year: input.year },
    });
  });
  return getPreparation(ctx, input.enterpriseId, input.year);
}
