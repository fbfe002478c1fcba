import { z } from 'zod';
import { calendarDateSchema, calendarMonthSchema, recordIdQuery, recordIdSchema } from './input.ts';
import { pageQuery, pagedResponse } from './paging.ts';
import { fundsFenSchema } from './funds.ts';

/**
 * Spending of union funds (机制四, issue 13): budgets with spending against them, the 两非一无 subsidies paid to the
 * unions, and 经费公开 to members. Money is integer fen. Sources: DOMAIN.md §5 (federations are first-level budget
 * units with 基本支出 and 项目支出; 顾村 2017: 505,300 yuan on member projects), §2 (每发展1名会员，由区、街道两级工会
 * 分别补贴30元经费), 工会法 (the union reports its fund income and spending to the members' congress / members).
 */

/** 基本支出 (the running of the union) and 项目支出 (member projects, services). */
export const budgetKinds = ['basic', 'project'] as const;
export type BudgetKind = (typeof budgetKinds)[number];

/**
 * The expense accounts a budget line may spend from (class `expense` of the chart of accounts; codes of the 2010
 * edition of 《工会会计制度》 as quoted in DOMAIN.md §9.5, 502–504 from the same edition's list — the 2021 edition was not
 * verified here).
 */
export const budgetAccountCodes = ['501', '502', '503', '504', '506'] as const;
export type BudgetAccountCode = (typeof budgetAccountCodes)[number];

const yearSchema = z.number({ error: (issue) => (issue.input === undefined ? 'required' : 'funds.year') })
  .int({ message: 'funds.year' }).min(2000, { message: 'funds.year' }).max(2199, { message: 'funds.year' });
/** A year in a query string: four digits only, then {@link yearSchema}. */
const yearQuery = z.string({ error: (issue) => (issue.input === undefined ? 'required' : 'funds.year') })
  .regex(/^\d{4}$/, { message: 'funds.year' }).transform(Number).pipe(yearSchema);
const text = (max: number) => z.string().trim().min(1, { message: 'required' }).max(max, { message: 'text.tooLong' });

/** `POST /api/funds/budgets`: a budget line of a union's year. */
export const budgetLineCreateSchema = z.object({
  orgId: recordIdSchema,
  year: yearSchema,
  kind: z.enum(budgetKinds),
  name: text(100),
  accountCode: z.enum(budgetAccountCodes),
  amountFen: fundsFenSchema('funds.budgetMax', true),
});
export type BudgetLineCreate = z.infer<typeof budgetLineCreateSchema>;

/** `PATCH /api/funds/budgets/:id`: a budget adjustment (预算调整); never below what is spent. */
export const budgetLineUpdateSchema = z.object({ amountFen: fundsFenSchema('funds.budgetMax', true) });

export const budgetQuery = z.object({ orgId: recordIdQuery.optional(), year: yearQuery });

export const budgetLineSchema = z.object({
  id: z.number().int(),
  org: z.object({ id: z.number().int(), name: z.string() }),
  year: z.number().int(),
  kind: z.enum(budgetKinds),
  name: z.string(),
  accountCode: z.string(),
  amountFen: z.number().int(),
  /** spending not reversed */
  spentFen: z.number().int(),
  remainingFen: z.number().int(),
  /** spent ÷ budget (0–1) */
  executionRate: z.number(),
});
export type BudgetLine = z.infer<typeof budgetLineSchema>;

const budgetTotalsSchema = z.object({ amountFen: z.number().int(), spentFen: z.number().int(), remainingFen: z.number().int(), executionRate: z.number() });
export const budgetListSchema = z.object({
  org: z.object({ id: z.number().int(), name: z.string() }),
  year: z.number().int(),
  /** the lines of the unit itself (not of the units below it) */
  items: z.array(budgetLineSchema),
  totals: budgetTotalsSchema,
});
export type BudgetList = z.infer<typeof budgetListSchema>;

/** `POST /api/funds/budgets/:id/spendings`: a payment against a line, posted Dr expense / Cr 102 at the union. */
export const spendingCreateSchema = z.object({
  spentOn: calendarDateSchema,
  payee: text(100),
  purpose: text(200),
  amountFen: fundsFenSchema('funds.spendingMax', true),
  idempotencyKey: z.string().trim().min(8, { message: 'funds.idempotencyKey' }).max(100, { message: 'funds.idempotencyKey' })
    .regex(/^[A-Za-z0-9._:-]+$/, { message: 'funds.idempotencyKey' }),
});
export type SpendingCreate = z.infer<typeof spendingCreateSchema>;

export const spendingSchema = z.object({
  id: z.number().int(),
  lineId: z.number().int(),
  spentOn: z.string(),
  payee: z.string(),
  purpose: z.string(),
  amountFen: z.number().int(),
  /** the ledger month it posted in (spentOn's month when open, else the first open month after it) */
  period: z.string(),
  entryId: z.number().int(),
  /** the reversing entry, once corrected */
  reversalEntryId: z.number().int().nullable(),
  reverseReason: z.string().nullable(),
});
export type Spending = z.infer<typeof spendingSchema>;
export const spendingListSchema = z.object({ line: budgetLineSchema, items: z.array(spendingSchema) });
export type SpendingList = z.infer<typeof spendingListSchema>;
export const spendingReverseSchema = z.object({ reason: z.string().trim().min(2, { message: 'funds.reasonRequired' }).max(200, { message: 'text.tooLong' }) });

// ---- 两非一无 subsidies -------------------------------------------------------------------------------------------

export const subsidyStatuses = ['pending', 'paid'] as const;
export type SubsidyStatus = (typeof subsidyStatuses)[number];

export const subsidyQuery = z.object({ orgId: recordIdQuery.optional(), status: z.enum(subsidyStatuses).optional(), ...pageQuery() });
export const subsidyItemSchema = z.object({
  id: z.number().int(),
  level: z.enum(['district', 'street']),
  /** the member's name, masked */
  memberName: z.string(),
  joinedOn: z.string(),
  /** the union the subsidy is paid to: the member's union */
  union: z.object({ id: z.number().int(), name: z.string() }),
  amountFen: z.number().int(),
  status: z.enum(subsidyStatuses),
  /** the ledger month of the payment, once paid */
  paidPeriod: z.string().nullable(),
});
export type SubsidyItem = z.infer<typeof subsidyItemSchema>;
export const subsidyListSchema = pagedResponse(subsidyItemSchema).extend({
  payer: z.object({ id: z.number().int(), name: z.string() }),
  pendingCount: z.number().int(),
  pendingFen: z.number().int(),
  paidCount: z.number().int(),
  paidFen: z.number().int(),
});
export type SubsidyList = z.infer<typeof subsidyListSchema>;

/** `POST /api/funds/subsidies/runs`: the paying federation pays its pending entitlements of members joined up to the month's end. */
export const subsidyRunCreateSchema = z.object({ orgId: recordIdSchema, period: calendarMonthSchema });
export const subsidyRunSchema = z.object({
  payer: z.object({ id: z.number().int(), name: z.string() }),
  period: z.string(),
  /** the ledger month the entry went to; null when nothing was paid */
  postedPeriod: z.string().nullable(),
  /** the entry's date: the last day of `period` when it posted there (today at the latest), else the first day of the open month it went to */
  postedOn: z.string().nullable(),
  entryId: z.number().int().nullable(),
  /** entitlements paid by the run */
  count: z.number().int(),
  amountFen: z.number().int(),
  /** receiving unions */
  unions: z.number().int(),
  /** false: the month's run had posted before (this answers it) or there was nothing to pay */
  created: z.boolean(),
});
export type SubsidyRun = z.infer<typeof subsidyRunSchema>;

// ---- 经费公开 on the member H5 -------------------------------------------------------------------------------------

export const memberFundsQuery = z.object({ year: yearQuery.optional() });
const accountAmount = z.object({ code: z.string(), name: z.string(), amountFen: z.number().int() });
export const memberFundsSchema = z.object({
  union: z.object({ id: z.number().int(), name: z.string() }),
  year: z.number().int(),
  /** income of the union's own books in the year, by account (credit − debit) */
  income: z.array(accountAmount),
  incomeTotalFen: z.number().int(),
  /** spending of the union's own books in the year, by account (debit − credit) */
  spending: z.array(accountAmount),
  spendingTotalFen: z.number().int(),
  budget: z.object({
    lines: z.array(z.object({ kind: z.enum(budgetKinds), name: z.string(), amountFen: z.number().int(), spentFen: z.number().int(), executionRate: z.number() })),
    totals: budgetTotalsSchema,
  }),
});
export type MemberFunds = z.infer<typeof memberFundsSchema>;

// ---- rules ---------------------------------------------------------------------------------------------------------

/**
 * A budget line's execution: remaining = budget − spent (negative never arises: spending past the budget is
 * refused), rate = spent ÷ budget (0 for a zero budget). Fen in, fen out; the rate is a fraction 0–1.
 */
export function budgetExecution(amountFen: number, spentFen: number): { remainingFen: number; executionRate: number } {
  return { remainingFen: amountFen - spentFen, executionRate: amountFen > 0 ? spentFen / amountFen : 0 };
}

/**
 * Whether a payment of `amountFen` fits a line with `amountFen` budgeted and `spentFen` spent. The seeds set no
 * tolerance for overspending (DOMAIN.md §5: budgets of first-level budget units), so a line is a hard limit.
 */
export function fitsBudget(line: { amountFen: number; spentFen: number }, amountFen: number): boolean {
  return line.spentFen + amountFen <= line.amountFen;
}

/** Fen as plain yuan for messages: 123456 → "1,234.56" (no currency sign; the message says 元). */
export function yuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}
