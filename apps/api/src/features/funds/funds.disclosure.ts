/**
 * 经费公开 on the member H5 (工会法: a union reports its fund income and spending to its members; DOMAIN.md §5,
 * member supervision): the signed-in member's union's year from its own books (分户核算: the union's sub-ledger
 * only, not the units below it), income and spending by account, and its budget execution. Nothing about
 * enterprises (no assessments or arrears) and nothing personal, so reading it is not audit-logged.
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '@lianxin/db';
import {
  budgetExecution, fundAccountClass, fundAccountCodes, fundAccountLabels, label, shanghaiDate, type FundAccountCode, type Locale, type MemberFunds,
} from '@lianxin/contracts';
import type { ServiceContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { fenFigure, sumFen } from './fen-figures.ts';

const known = (code: string): code is FundAccountCode => (fundAccountCodes as readonly string[]).includes(code);

/** The member's union's income, spending (fen, by account) and budget lines of `year` (default: this Shanghai year). */
export async function memberFunds(ctx: ServiceContext, year: number | undefined, locale: Locale): Promise<MemberFunds> {
  const y = year ?? Number(shanghaiDate().slice(0, 4));
  const [union] = await queryRows<{ id: number; name: string }>(ctx.db, sql`
    select o.id, o.name from members m join orgs o on o.id = m.org_id where m.id = ${ctx.actor.memberId ?? 0}`);
  if (!union) throw notFound();
  const rows = await queryRows<{ code: string; net: string }>(ctx.db, sql`
    select account_code as code, sum(debit_fen - credit_fen)::text as net
      from ledger_balances where org_id = ${union.id} and period between ${`${y}-01`} and ${`${y}-12`}
     group by account_code order by account_code`);
  const of = (cls: 'income' | 'expense') => rows
    .filter((r) => known(r.code) && fundAccountClass[r.code] === cls)
    .map((r) => ({ code: r.code, name: label(fundAccountLabels, r.code as FundAccountCode, locale), amountFen: (cls === 'income' ? -1 : 1) * fenFigure(r.net, 'amountFen') }))
    .filter((a) => a.amountFen !== 0);
  const income = of('income');
  const spending = of('expense');
  const lineRows = await queryRows<{ kind: 'basic' | 'project'; name: string; amount_fen: string; spent_fen: string }>(ctx.db, sql`
    select l.kind, l.name, l.amount_fen::text as amount_fen,
           coalesce((select sum(s.amount_fen) from budget_spendings s where s.line_id = l.id and s.reversal_entry_id is null), 0)::text as spent_fen
      from budget_lines l where l.org_id = ${union.id} and l.year = ${y} order by l.kind, l.id limit 500`);
  const lines = lineRows.map((l) => ({ ...l, amount_fen: fenFigure(l.amount_fen, 'amountFen'), spent_fen: fenFigure(l.spent_fen, 'spentFen') }));
  const amountFen = sumFen(lines.map((l) => l.amount_fen), 'budget.totals.amountFen');
  const spentFen = sumFen(lines.map((l) => l.spent_fen), 'budget.totals.spentFen');
  return {
    union, year: y,
    income, incomeTotalFen: sumFen(income.map((x) => x.amountFen), 'incomeTotalFen'),
    spending, spendingTotalFen: sumFen(spending.map((x) => x.amountFen), 'spendingTotalFen'),
    budget: {
      lines: lines.map((l) => ({ kind: l.kind, name: l.name, amountFen: l.amount_fen, spentFen: l.spent_fen, executionRate: budgetExecution(l.amount_fen, l.spent_fen).executionRate })),
      totals: { amountFen, spentFen, ...budgetExecution(amountFen, spentFen) },
    },
  };
}
