/**
 * The custody ledger's writer: one entry with its lines, under an idempotency key, in an open month. The database
 * keeps the invariants (migration funds_rules): balance per union at commit (LF002), no change or delete (LF003),
 * no posting into a closed month (LF001); `ledger_balances` follows by trigger.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Tx } from '@lianxin/db';
import { nextMonth, shanghaiDate, type FundAccountCode } from '@lianxin/contracts';
import { fieldError } from '../../errors.ts';
import { fenFigure } from './fen-figures.ts';

/** The advisory lock key a month's close takes exclusively and every posting shares (see postingPeriod). */
export const LEDGER_CLOSE_LOCK = 7_301_013;

export interface LineInput {
  orgId: number;
  orgPath: string;
  account: FundAccountCode;
  /** fen; exactly one of debit / credit is positive (zero lines are dropped) */
  debitFen?: number;
  creditFen?: number;
  counterpartyOrgId?: number | null;
  enterpriseId?: number | null;
}

export interface EntryInput {
  idempotencyKey: string;
  /** the month asked for (YYYY-MM): posted there when open, else in the first open month after it */
  period: string;
  postedOn: string;
  kind: 'assessment' | 'receipt' | 'return' | 'reversal' | 'adjustment' | 'expenditure' | 'subsidy';
  memo?: string;
  reversesId?: number | null;
  createdBy: number | null;
  lines: LineInput[];
}

/**
 * A month after the current (Asia/Shanghai) one is refused on `period`: nothing is posted for it (`posting`: a chair
 * allowance run for 2199-12 posted, and its month then blocked every later allowance setting), and no statement of
 * it is shown (`view`: the balance sheet to its end is today's balances under its name).
 */
export function refuseFuturePeriod(period: string, use: 'posting' | 'view'): void {
  if (period > shanghaiDate().slice(0, 7)) throw fieldError('period', use === 'posting' ? 'funds.futurePosting' : 'period.future');
}

/**
 * The month a posting for `requested` goes to: `requested` when open (a month without a row is open), else the
 * first open month after it. Holds a share lock on that month's row, so a close waits for the posting to commit.
 */
export async function postingPeriod(tx: Tx, requested: string): Promise<string> {
  // closing a month closes every month before it (books close in order): the floor is the month after the latest
  // closed one, also for months that never had a row. The shared lock waits for a close in flight (closePeriod).
  const [floor] = await queryRows<{ closed: string | null }>(tx, sql`
    select pg_advisory_xact_lock_shared(${LEDGER_CLOSE_LOCK}) is null as locked,
           (select max(period) from ledger_periods where status = 'closed') as closed`);
  let period = floor?.closed && requested <= floor.closed ? nextMonth(floor.closed) : requested;
  for (;;) {
    await tx.execute(sql`insert into ledger_periods (period) values (${period}) on conflict (period) do nothing`);
    const [row] = await queryRows<{ status: string }>(tx, sql`select status from ledger_periods where period = ${period} for share`);
    if (row?.status === 'open') return period;
    period = nextMonth(period);
  }
}

/** Posts one entry (its lines in one statement); returns its id and the month it went to. */
export async function postEntry(tx: Tx, entry: EntryInput): Promise<{ entryId: number; period: string }> {
  const period = await postingPeriod(tx, entry.period);
  const [row] = await queryRows<{ id: number }>(tx, sql`
    insert into journal_entries (idempotency_key, period, posted_on, kind, memo, reverses_id, created_by)
    values (${entry.idempotencyKey}, ${period}, ${entry.postedOn}, ${entry.kind}, ${entry.memo ?? ''}, ${entry.reversesId ?? null}, ${entry.createdBy})
    returning id::int as id`);
  if (!row) throw new Error('journal entry insert returned no row');
  const lines = entry.lines.filter((l) => (l.debitFen ?? 0) > 0 || (l.creditFen ?? 0) > 0);
  if (lines.length > 0) {
    await tx.execute(sql`
      insert into journal_lines (entry_id, org_id, org_path, account_code, debit_fen, credit_fen, counterparty_org_id, enterprise_id)
      select ${row.id}, o, p::ltree, a, d, c, cp, e
        from unnest(${sql.param(lines.map((l) => l.orgId))}::int[], ${sql.param(lines.map((l) => l.orgPath))}::text[],
                    ${sql.param(lines.map((l) => l.account))}::text[], ${sql.param(lines.map((l) => l.debitFen ?? 0))}::bigint[],
                    ${sql.param(lines.map((l) => l.creditFen ?? 0))}::bigint[], ${sql.param(lines.map((l) => l.counterpartyOrgId ?? null))}::int[],
                    ${sql.param(lines.map((l) => l.enterpriseId ?? null))}::int[]) as t(o, p, a, d, c, cp, e)`);
  }
  return { entryId: row.id, period };
}

/**
 * Posts many entries at once (imports, month-end runs, the demo, the benchmark): one statement for the entries and
 * one for all their lines, each entry in the month it asks for when open, else the first open month after it.
 * The database checks each entry's balance at commit as for a single posting. Returns the entry ids in order.
 */
export async function postEntries(tx: Tx, entries: EntryInput[]): Promise<number[]> {
  if (entries.length === 0) return [];
  const periods = new Map<string, string>();
  for (const requested of new Set(entries.map((e) => e.period))) periods.set(requested, await postingPeriod(tx, requested));
  const rows = await queryRows<{ id: number; key: string }>(tx, sql`
    insert into journal_entries (idempotency_key, period, posted_on, kind, memo, reverses_id, created_by)
    select * from unnest(${sql.param(entries.map((e) => e.idempotencyKey))}::text[], ${sql.param(entries.map((e) => periods.get(e.period)!))}::text[],
                         ${sql.param(entries.map((e) => e.postedOn))}::date[], ${sql.param(entries.map((e) => e.kind))}::text[],
                         ${sql.param(entries.map((e) => e.memo ?? ''))}::text[], ${sql.param(entries.map((e) => e.reversesId ?? null))}::bigint[],
                         ${sql.param(entries.map((e) => e.createdBy))}::int[])
    returning id::int as id, idempotency_key as key`);
  // matched by key: RETURNING's order is not promised to follow the input's
  const idOf = new Map(rows.map((r) => [r.key, r.id]));
  const ids = entries.map((e) => idOf.get(e.idempotencyKey)!);
  const lines = entries.flatMap((e, i) => e.lines.filter((l) => (l.debitFen ?? 0) > 0 || (l.creditFen ?? 0) > 0).map((l) => ({ ...l, entryId: ids[i]! })));
  if (lines.length > 0) {
    await tx.execute(sql`
      insert into journal_lines (entry_id, org_id, org_path, account_code, debit_fen, credit_fen, counterparty_org_id, enterprise_id)
      select e, o, p::ltree, a, d, c, cp, en from unnest(${sql.param(lines.map((l) => l.entryId))}::bigint[], ${sql.param(lines.map((l) => l.orgId))}::int[],
                           ${sql.param(lines.map((l) => l.orgPath))}::text[], ${sql.param(lines.map((l) => l.account))}::text[],
                           ${sql.param(lines.map((l) => l.debitFen ?? 0))}::bigint[], ${sql.param(lines.map((l) => l.creditFen ?? 0))}::bigint[],
                           ${sql.param(lines.map((l) => l.counterpartyOrgId ?? null))}::int[], ${sql.param(lines.map((l) => l.enterpriseId ?? null))}::int[])
             as t(e, o, p, a, d, c, cp, en)`);
  }
  return ids;
}

/** Posts the reversal of an entry: the same lines, sides swapped, in the open month (corrections never update). */
export async function reverseEntry(tx: Tx, entryId: number, input: { period: string; postedOn: string; createdBy: number | null; memo: string }): Promise<{ entryId: number; period: string }> {
  const lines = await queryRows<{ org_id: number; org_path: string; account_code: FundAccountCode; debit_fen: string; credit_fen: string; counterparty_org_id: number | null; enterprise_id: number | null }>(tx, sql`
    select org_id, org_path::text as org_path, account_code, debit_fen::text as debit_fen, credit_fen::text as credit_fen, counterparty_org_id, enterprise_id
      from journal_lines where entry_id = ${entryId} order by id`);
  return postEntry(tx, {
    idempotencyKey: `reversal:${entryId}`,
    period: input.period,
    postedOn: input.postedOn,
    kind: 'reversal',
    memo: input.memo,
    reversesId: entryId,
    createdBy: input.createdBy,
    lines: lines.map((l) => ({
      orgId: l.org_id, orgPath: l.org_path, account: l.account_code,
      debitFen: fenFigure(l.credit_fen, 'creditFen'), creditFen: fenFigure(l.debit_fen, 'debitFen'),
      counterpartyOrgId: l.counterparty_org_id, enterpriseId: l.enterprise_id,
    })),
  });
}

/** A database error raised by the ledger's triggers: LF001 closed month, LF002 unbalanced, LF003 append-only. */
export function ledgerErrorCode(error: unknown): string | null {
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  return code && /^LF00\d$/.test(code) ? code : null;
}

/**
 * Trial-balance rows of a subtree for a month: movements per account from ledger_balances, in fen, with the
 * totals summed by the database. A sum past 2^53 − 1 is a 422 naming the figure (fen-figures.ts).
 */
export async function trialBalanceRows(db: Database | Tx, path: string, period: string) {
  const rows = await queryRows<{ code: string | null; debit: string; credit: string }>(db, sql`
    select account_code as code, sum(debit_fen)::text as debit, sum(credit_fen)::text as credit
      from ledger_balances where org_path <@ ${path}::ltree and period = ${period}
     group by rollup (account_code) order by account_code nulls last`);
  const total = rows.find((r) => r.code === null);
  return {
    accounts: rows.filter((r) => r.code !== null).map((r) => ({ code: r.code!, debit: fenFigure(r.debit, 'debitFen'), credit: fenFigure(r.credit, 'creditFen') })),
    totalDebit: fenFigure(total?.debit, 'totalDebitFen'),
    totalCredit: fenFigure(total?.credit, 'totalCreditFen'),
  };
}

/** Balances of a subtree through a month (all months up to it) or within it, debit − credit per account (fen, checked). */
export async function balanceRows(db: Database | Tx, path: string, period: string, cumulative: boolean) {
  const rows = await queryRows<{ code: string; net: string }>(db, sql`
    select account_code as code, sum(debit_fen - credit_fen)::text as net
      from ledger_balances where org_path <@ ${path}::ltree and ${cumulative ? sql`period <= ${period}` : sql`period = ${period}`}
     group by account_code order by account_code`);
  return rows.map((r) => ({ code: r.code, net: fenFigure(r.net, 'amountFen') }));
}
