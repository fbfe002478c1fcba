/**
 * Budgets with spending (DOMAIN.md §5: federations are first-level budget units with 基本支出 and 项目支出; 顾村 2017
 * spent 505,300 yuan on member-benefit projects). A union sets its year's lines (kind, name, amount, the expense
 * account); each payment against a line posts through the ledger at the union — Dr the line's expense account /
 * Cr 102 银行存款, keyed `budget-spending:<line id>:<client key>` (a retried request posts once), in the payment date's month
 * when open, else the first open month after it (ledger.repo postingPeriod). A line is a hard limit: a payment past
 * what remains is refused (400 on amountFen, naming the line and the remaining amount; the seeds allow no
 * overspending). A correction is the reversal of the payment's entry in the current month; the payment then no
 * longer counts as spent.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '@lianxin/db';
import {
  budgetExecution, fitsBudget, shanghaiDate, yuanText, type BudgetLine, type BudgetLineCreate, type BudgetList, type FundAccountCode,
  type Spending, type SpendingCreate, type SpendingList,
} from '@lianxin/contracts';
import { withinScope, writeScope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { AppError, fieldError, isUniqueViolation, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findOrg } from '../orgs/orgs.repo.ts';
import { fenFigure, sumFen } from './fen-figures.ts';
import { ledgerErrorCode, postEntry, reverseEntry } from './ledger.repo.ts';

interface LineRow {
  id: number; org_id: number; org_name: string; org_path: string; year: number; kind: BudgetLine['kind']; name: string;
  account_code: string; amount_fen: number; spent_fen: number;
}
/** As read: the amount and the spent sum as text, made numbers by {@link checkedLine}. */
type LineText = Omit<LineRow, 'amount_fen' | 'spent_fen'> & { amount_fen: string; spent_fen: string };
const checkedLine = (r: LineText): LineRow => ({ ...r, amount_fen: fenFigure(r.amount_fen, 'amountFen'), spent_fen: fenFigure(r.spent_fen, 'spentFen') });

const lineColumns = sql`l.id, l.org_id, o.name as org_name, l.org_path::text as org_path, l.year, l.kind, l.name, l.account_code,
  l.amount_fen::text as amount_fen,
  coalesce((select sum(s.amount_fen) from budget_spendings s where s.line_id = l.id and s.reversal_entry_id is null), 0)::text as spent_fen`;

const toLine = (r: LineRow): BudgetLine => ({
  id: r.id, org: { id: r.org_id, name: r.org_name }, year: r.year, kind: r.kind, name: r.name, accountCode: r.account_code,
  amountFen: r.amount_fen, spentFen: r.spent_fen, ...budgetExecution(r.amount_fen, r.spent_fen),
});

/** A line in the actor's scope (404 otherwise); `lock` takes its row lock, which serialises payments against it. */
async function lineInScope(db: ServiceContext['db'] | Tx, ctx: ServiceContext, id: number, lock = false): Promise<LineRow> {
  if (lock) {
    const [locked] = await queryRows<{ id: number }>(db, sql`select id from budget_lines l where l.id = ${id} and ${withinScope(ctx.scope, sql`l.org_path`)} for update`);
    if (!locked) throw notFound();
  }
  const [row] = await queryRows<LineText>(db, sql`
    select ${lineColumns} from budget_lines l join orgs o on o.id = l.org_id where l.id = ${id} and ${withinScope(ctx.scope, sql`l.org_path`)}`);
  if (!row) throw notFound();
  return checkedLine(row);
}

/** The unit's own budget lines of a year with spent, remaining and execution rate, and their totals. */
export async function listBudget(ctx: ServiceContext, query: { orgId?: number | undefined; year: number }): Promise<BudgetList> {
  if (ctx.scope.kind !== 'subtree') throw notFound();
  const org = await findOrg(ctx.db, ctx.scope, query.orgId ?? ctx.scope.rootOrgId);
  if (!org) throw notFound();
  const rows = await queryRows<LineText>(ctx.db, sql`
    select ${lineColumns} from budget_lines l join orgs o on o.id = l.org_id
     where l.org_id = ${org.id} and l.year = ${query.year} order by l.kind, l.id limit 500`);
  const items = rows.map((r) => toLine(checkedLine(r)));
  // the year's totals summed exactly: past 2^53 − 1 fen a 422 naming them
  const amountFen = sumFen(items.map((l) => l.amountFen), 'totals.amountFen');
  const spentFen = sumFen(items.map((l) => l.spentFen), 'totals.spentFen');
  return { org: { id: org.id, name: org.name }, year: query.year, items, totals: { amountFen, spentFen, ...budgetExecution(amountFen, spentFen) } };
}

/** Adds a budget line to a union of the scope (201); a second line of the same name for the unit and year is 409. */
export async function createBudgetLine(ctx: ServiceContext, input: BudgetLineCreate): Promise<BudgetLine> {
  const scope = writeScope(ctx.scope);
  const org = await findOrg(ctx.db, scope, input.orgId);
  if (!org) throw notFound();
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await queryRows<{ id: number }>(tx, sql`
        insert into budget_lines (org_id, org_path, year, kind, name, account_code, amount_fen, created_by)
        values (${org.id}, ${org.path}::ltree, ${input.year}, ${input.kind}, ${input.name}, ${input.accountCode}, ${input.amountFen}, ${ctx.actor.userId})
        returning id`);
      await recordAudit(tx, ctx.actor, ctx.ip, { action: 'create', objectType: 'budget_line', objectId: row!.id, orgPath: org.path, detail: { ...input } });
      return toLine(await lineInScope(tx, ctx, row!.id));
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw fieldError('name', 'funds.budgetNameTaken', 409, 'conflict');
    throw error;
  }
}

/** 预算调整: a line's new amount, never below what it has spent (400 on amountFen with the spent amount). */
export async function updateBudgetLine(ctx: ServiceContext, id: number, input: { amountFen: number }): Promise<BudgetLine> {
  writeScope(ctx.scope);
  return ctx.db.transaction(async (tx) => {
    const line = await lineInScope(tx, ctx, id, true);
    if (input.amountFen < line.spent_fen) {
      throw new AppError('validation_failed', 400, 'funds.budgetBelowSpent', { spent: yuanText(line.spent_fen) }, { amountFen: 'funds.budgetBelowSpent' });
    }
    await tx.execute(sql`update budget_lines set amount_fen = ${input.amountFen} where id = ${id}`);
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: 'update', objectType: 'budget_line', objectId: id, orgPath: line.org_path, detail: { amountFen: input.amountFen, previousFen: line.amount_fen },
    });
    return toLine({ ...line, amount_fen: input.amountFen });
  });
}

interface SpendingRow {
  id: number; line_id: number; spent_on: string; payee: string; purpose: string; amount_fen: number; period: string; entry_id: number;
  reversal_entry_id: number | null; reverse_reason: string | null;
}
const spendingColumns = sql`id, line_id, spent_on::text as spent_on, payee, purpose, amount_fen::float8 as amount_fen, period,
  entry_id::int as entry_id, reversal_entry_id::int as reversal_entry_id, reverse_reason`;
const toSpending = (r: SpendingRow): Spending => ({
  id: r.id, lineId: r.line_id, spentOn: r.spent_on, payee: r.payee, purpose: r.purpose, amountFen: r.amount_fen, period: r.period,
  entryId: r.entry_id, reversalEntryId: r.reversal_entry_id, reverseReason: r.reverse_reason,
});

/** A line with its payments, newest first. */
export async function listSpendings(ctx: ServiceContext, lineId: number): Promise<SpendingList> {
  const line = await lineInScope(ctx.db, ctx, lineId);
  const rows = await queryRows<SpendingRow>(ctx.db, sql`select ${spendingColumns} from budget_spendings where line_id = ${lineId} order by spent_on desc, id desc limit 1000`);
  return { line: toLine(line), items: rows.map(toSpending) };
}

async function spendingByKey(db: ServiceContext['db'] | Tx, key: string): Promise<SpendingRow | undefined> {
  const [row] = await queryRows<SpendingRow>(db, sql`select ${spendingColumns} from budget_spendings where idempotency_key = ${key}`);
  return row;
}

function sameSpending(row: SpendingRow, lineId: number, input: SpendingCreate): Spending {
  if (row.line_id !== lineId || row.amount_fen !== input.amountFen || row.spent_on !== input.spentOn) {
    throw new AppError('conflict', 409, 'funds.spendingReused', {}, { idempotencyKey: 'funds.spendingReused' });
  }
  return toSpending(row);
}

/**
 * Records a payment against a line and posts it (201). Refused with 400: a date outside the line's year or after
 * today (spentOn), more than the line has left (amountFen, naming the line and what remains). The same key again
 * answers the first payment (200; 409 when it differs); concurrent payments on a line wait on its row lock, so two
 * payments that each fit cannot together overspend it.
 */
export async function recordSpending(ctx: ServiceContext, lineId: number, input: SpendingCreate): Promise<{ spending: Spending; created: boolean }> {
  writeScope(ctx.scope);
  // keys are the client's per line: another unit's payment with the same key is its own (and reveals nothing)
  const key = `budget-spending:${lineId}:${input.idempotencyKey}`;
  const existing = await spendingByKey(ctx.db, key);
  if (existing) {
    await lineInScope(ctx.db, ctx, existing.line_id);
    return { spending: sameSpending(existing, lineId, input), created: false };
  }
  try {
    const row = await ctx.db.transaction(async (tx) => {
      const line = await lineInScope(tx, ctx, lineId, true);
      if (input.spentOn.slice(0, 4) !== String(line.year)) {
        throw new AppError('validation_failed', 400, 'funds.budgetYear', { year: line.year }, { spentOn: 'funds.budgetYear' });
      }
      if (input.spentOn > shanghaiDate()) throw fieldError('spentOn', 'funds.spendingFuture');
      if (!fitsBudget({ amountFen: line.amount_fen, spentFen: line.spent_fen }, input.amountFen)) {
        throw new AppError('validation_failed', 400, 'funds.budgetOverspent',
          { line: line.name, remaining: yuanText(line.amount_fen - line.spent_fen), amount: yuanText(input.amountFen) }, { amountFen: 'funds.budgetOverspent' });
      }
      const account = line.account_code as FundAccountCode;
      const { entryId, period } = await postEntry(tx, {
        idempotencyKey: key, period: input.spentOn.slice(0, 7), postedOn: input.spentOn, kind: 'expenditure',
        memo: `${line.name}：${input.purpose}（${input.payee}）`, createdBy: ctx.actor.userId,
        lines: [
          { orgId: line.org_id, orgPath: line.org_path, account, debitFen: input.amountFen },
          { orgId: line.org_id, orgPath: line.org_path, account: '102', creditFen: input.amountFen },
        ],
      });
      const [inserted] = await queryRows<SpendingRow>(tx, sql`
        insert into budget_spendings (line_id, spent_on, payee, purpose, amount_fen, period, idempotency_key, entry_id, created_by)
        values (${lineId}, ${input.spentOn}, ${input.payee}, ${input.purpose}, ${input.amountFen}, ${period}, ${key}, ${entryId}, ${ctx.actor.userId})
        returning ${spendingColumns}`);
      await recordAudit(tx, ctx.actor, ctx.ip, {
        action: 'create', objectType: 'budget_spending', objectId: inserted!.id, orgPath: line.org_path,
        detail: { lineId, amountFen: input.amountFen, spentOn: input.spentOn, period, payee: input.payee },
      });
      return inserted!;
    });
    return { spending: toSpending(row), created: true };
  } catch (error) {
    if (ledgerErrorCode(error) === 'LF001') throw new AppError('conflict', 409, 'funds.periodClosed');
    if (!isUniqueViolation(error)) throw error;
    // a concurrent first try with the same key won: answer its payment
    const winner = await spendingByKey(ctx.db, key);
    if (!winner) throw error;
    return { spending: sameSpending(winner, lineId, input), created: false };
  }
}

/** Corrects a payment: its entry reversed in the current month (never changed); a second reversal is 409. */
export async function reverseSpending(ctx: ServiceContext, id: number, reason: string): Promise<Spending> {
  writeScope(ctx.scope);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [found] = await queryRows<{ line_id: number }>(tx, sql`select line_id from budget_spendings where id = ${id}`);
      if (!found) throw notFound();
      // the line's lock first, as a payment takes it: a reversal and a payment on one line never deadlock
      const line = await lineInScope(tx, ctx, found.line_id, true);
      const [row] = await queryRows<SpendingRow>(tx, sql`select ${spendingColumns} from budget_spendings where id = ${id} for update`);
      if (row!.reversal_entry_id !== null) throw new AppError('conflict', 409, 'funds.spendingReversed');
      const today = shanghaiDate();
      const { entryId } = await reverseEntry(tx, row!.entry_id, { period: today.slice(0, 7), postedOn: today, createdBy: ctx.actor.userId, memo: `冲销：${line.name}（${reason}）` });
      await tx.execute(sql`update budget_spendings set reversal_entry_id = ${entryId}, reverse_reason = ${reason} where id = ${id}`);
      await recordAudit(tx, ctx.actor, ctx.ip, {
        action: 'update', objectType: 'budget_spending', objectId: id, orgPath: line.org_path, detail: { reversed: true, reason, reversalEntryId: entryId },
      });
      return toSpending({ ...row!, reversal_entry_id: entryId, reverse_reason: reason });
    });
  } catch (error) {
    if (ledgerErrorCode(error) === 'LF001') throw new AppError('conflict', 409, 'funds.periodClosed');
    throw error;
  }
}
