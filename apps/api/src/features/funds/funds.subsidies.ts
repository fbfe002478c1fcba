/**
 * 两非一无 new-member subsidies paid through the ledger (DOMAIN.md §2: 每发展1名会员，由区、街道(乡镇)两级工会分别补贴
 * 30元经费; the city funds the 两非一无 project). The membership module writes one entitlement per paying level when a
 * 两非一无 member joins (`subsidy_entitlements.org_id`: the district or street federation that pays). A payment run
 * of a paying federation for a month pays its pending entitlements of members who joined by the month's end and
 * whose union lies in its subtree, to the member's union, in one entry keyed `subsidy:<payer>:<month>`:
 * payer P: Dr 506 补助下级支出 / Cr 102 per receiving union (counterparty the union); each union U: Dr 102 / Cr 40302
 * 上级补助收入—会员发展补贴. Every union's lines balance and the payer's expense equals the unions' income, fen for
 * fen. The entry is the month's: it posts in that month when open, dated its last day (today at the latest), else
 * in the first open month after it, dated that month's first day (subsidyPostedOn; the rule of receipts); the run
 * answers, and the entitlements record (`paid_period`), the month it posted in. The entitlements are marked paid in
 * the same transaction. Runs of a payer serialise on an advisory lock; the
 * month's key makes a retried run answer the first (it posts once). A member whose union has since moved out of the
 * payer's subtree stays pending (the payer no longer keeps that union's books).
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '@lianxin/db';
import { addDays, maskName, nextMonth, shanghaiDate, type Paged, type SubsidyItem, type SubsidyList, type SubsidyRun } from '@lianxin/contracts';
import { writeScope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { AppError, fieldError, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findOrg } from '../orgs/orgs.repo.ts';
import { fenFigure, sumFen } from './fen-figures.ts';
import { ledgerErrorCode, postEntry, postingPeriod, type LineInput } from './ledger.repo.ts';

export const subsidyRunKey = (payerId: number, period: string) => `subsidy:${payerId}:${period}`;

/**
 * The day a run for month `period` is dated, given the month it posts in (ledger.repo postingPeriod, the rule
 * receipts and payments follow: `period` when open, else the first open month after it): the last day of
 * `period` when it posts there — the subsidies are that month's — but never after `today` (a run for the current
 * month is dated today); when `period` was closed, the first day of the open month it went to, where the books
 * take it as a late posting. YYYY-MM-DD.
 */
export function subsidyPostedOn(period: string, postedPeriod: string, today: string): string {
  if (postedPeriod !== period) return `${postedPeriod}-01`;
  const last = addDays(`${nextMonth(period)}-01`, -1);
  return last < today ? last : today;
}

/** The paying federation (district or street, in scope), else 404 / 400 on orgId. */
async function payerOf(ctx: ServiceContext, orgId: number | undefined) {
  if (ctx.scope.kind !== 'subtree') throw notFound();
  const org = await findOrg(ctx.db, ctx.scope, orgId ?? ctx.scope.rootOrgId);
  if (!org) throw notFound();
  if (org.kind !== 'district_federation' && org.kind !== 'street_federation') throw fieldError('orgId', 'funds.notSubsidyPayer');
  return org;
}

/** A paying federation's entitlements (pending first, newest first), with its pending and paid totals. */
export async function listSubsidies(ctx: ServiceContext, query: { orgId?: number | undefined; status?: 'pending' | 'paid' | undefined; page: number; pageSize: number }): Promise<SubsidyList> {
  const payer = await payerOf(ctx, query.orgId);
  const status = query.status ? sql`and s.status = ${query.status}` : sql``;
  const rows = await queryRows<{ id: number; level: 'district' | 'street'; name: string; joined_on: string; union_id: number; union_name: string; amount_fen: number; status: 'pending' | 'paid'; paid_period: string | null }>(ctx.db, sql`
    select s.id, s.level, m.name, m.joined_on::text as joined_on, u.id as union_id, u.name as union_name, s.amount_fen, s.status, s.paid_period
      from subsidy_entitlements s join members m on m.id = s.member_id join orgs u on u.id = m.org_id
     where s.org_id = ${payer.id} ${status}
     order by s.status desc, s.id desc limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`);
  const [totals] = await queryRows<{ pending_count: number; pending_fen: string; paid_count: number; paid_fen: string }>(ctx.db, sql`
    select count(*) filter (where status = 'pending')::int as pending_count, coalesce(sum(amount_fen) filter (where status = 'pending'), 0)::text as pending_fen,
           count(*) filter (where status = 'paid')::int as paid_count, coalesce(sum(amount_fen) filter (where status = 'paid'), 0)::text as paid_fen
      from subsidy_entitlements where org_id = ${payer.id}`);
  const t = totals!;
  const items: SubsidyItem[] = rows.map((r) => ({
    id: r.id, level: r.level, memberName: maskName(r.name), joinedOn: r.joined_on, union: { id: r.union_id, name: r.union_name },
    amountFen: r.amount_fen, status: r.status, paidPeriod: r.paid_period,
  }));
  const total = query.status === 'pending' ? t.pending_count : query.status === 'paid' ? t.paid_count : t.pending_count + t.paid_count;
  const page: Paged<SubsidyItem> = { items, total, totalExact: true };
  return {
    ...page, payer: { id: payer.id, name: payer.name },
    pendingCount: t.pending_count, pendingFen: fenFigure(t.pending_fen, 'pendingFen'), paidCount: t.paid_count, paidFen: fenFigure(t.paid_fen, 'paidFen'),
  };
}

/** What a posted run paid: from the entitlements it marked. */
async function postedRun(tx: Tx, entryId: number) {
  const [row] = await queryRows<{ count: number; amount: string; unions: number; period: string; posted_on: string }>(tx, sql`
    select count(*)::int as count, coalesce(sum(s.amount_fen), 0)::text as amount, count(distinct m.org_id)::int as unions,
           (select period from journal_entries where id = ${entryId}) as period,
           (select posted_on::text from journal_entries where id = ${entryId}) as posted_on
      from subsidy_entitlements s join members m on m.id = s.member_id where s.paid_entry_id = ${entryId}`);
  return { ...row!, amount: fenFigure(row!.amount, 'amountFen') };
}

/**
 * Pays a federation's pending entitlements for a month (members joined by its end): 201 with the run when it
 * posted; 200 with `created: false` when the month's run had posted before (its figures) or nothing was pending.
 * 400 for a future month (period) or a payer that is not a district or street federation (orgId).
 */
export async function runSubsidies(ctx: ServiceContext, input: { orgId: number; period: string }): Promise<SubsidyRun> {
  writeScope(ctx.scope);
  const payer = await payerOf(ctx, input.orgId);
  const today = shanghaiDate();
  if (input.period > today.slice(0, 7)) throw fieldError('period', 'funds.subsidyFuture');
  const key = subsidyRunKey(payer.id, input.period);
  const base = { payer: { id: payer.id, name: payer.name }, period: input.period };
  try {
    return await ctx.db.transaction(async (tx) => {
      // one run of a payer at a time: a retry waits for the first, then finds its entry
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('subsidy-run'), ${payer.id})`);
      const [done] = await queryRows<{ id: number }>(tx, sql`select id::int as id from journal_entries where idempotency_key = ${key}`);
      if (done) {
        const r = await postedRun(tx, done.id);
        return { ...base, postedPeriod: r.period, postedOn: r.posted_on, entryId: done.id, count: r.count, amountFen: r.amount, unions: r.unions, created: false };
      }
      const due = await queryRows<{ id: number; amount_fen: number; union_id: number; union_path: string }>(tx, sql`
        select s.id, s.amount_fen, u.id as union_id, u.path::text as union_path
          from subsidy_entitlements s join members m on m.id = s.member_id join orgs u on u.id = m.org_id
         where s.org_id = ${payer.id} and s.status = 'pending' and m.joined_on < ${`${nextMonth(input.period)}-01`}::date
           and u.path <@ ${payer.path}::ltree
         order by s.id for update of s`);
      if (due.length === 0) return { ...base, postedPeriod: null, postedOn: null, entryId: null, count: 0, amountFen: 0, unions: 0, created: false };
      const perUnion = new Map<number, { path: string; fen: number }>();
      for (const d of due) {
        const u = perUnion.get(d.union_id) ?? { path: d.union_path, fen: 0 };
        u.fen += d.amount_fen;
        perUnion.set(d.union_id, u);
      }
      const lines: LineInput[] = [...perUnion].flatMap(([unionId, u]) => [
        { orgId: payer.id, orgPath: payer.path, account: '506' as const, debitFen: u.fen, counterpartyOrgId: unionId },
        { orgId: payer.id, orgPath: payer.path, account: '102' as const, creditFen: u.fen, counterpartyOrgId: unionId },
        { orgId: unionId, orgPath: u.path, account: '102' as const, debitFen: u.fen },
        { orgId: unionId, orgPath: u.path, account: '40302' as const, creditFen: u.fen },
      ]);
      const amountFen = sumFen(due.map((d) => d.amount_fen), 'amountFen');
      // dated in the month paid for when it is open (its last day), else in the first open month after it
      const posting = await postingPeriod(tx, input.period);
      const postedOn = subsidyPostedOn(input.period, posting, today);
      const { entryId, period } = await postEntry(tx, {
        idempotencyKey: key, period: posting, postedOn, kind: 'subsidy',
        memo: `${payer.name} “两非一无”会员发展补贴 ${input.period}（${due.length} 笔）`, createdBy: ctx.actor.userId, lines,
      });
      await tx.execute(sql`
        update subsidy_entitlements set status = 'paid', paid_entry_id = ${entryId}, paid_period = ${period}
         where id = any(${sql.param(due.map((d) => d.id))}::int[])`);
      await recordAudit(tx, ctx.actor, ctx.ip, {
        action: 'create', objectType: 'subsidy_run', objectId: entryId, orgPath: payer.path,
        detail: { period: input.period, postedPeriod: period, postedOn, entitlements: due.length, unions: perUnion.size, amountFen },
      });
      return { ...base, postedPeriod: period, postedOn, entryId, count: due.length, amountFen, unions: perUnion.size, created: true };
    });
  } catch (error) {
    if (ledgerErrorCode(error) === 'LF001') throw new AppError('conflict', 409, 'funds.periodClosed');
    throw error;
  }
}
