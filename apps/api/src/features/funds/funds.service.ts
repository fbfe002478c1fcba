/**
 * Union funds (issue 13): assessment from payroll, receipts and their split, 先收后返 returns, reports, settings.
 *
 * The books (分户核算, one sub-ledger per union in the custody centre's one bank account; DOMAIN.md §5):
 * - assessment X of an enterprise, at its street union S: Dr 135 应收拨缴经费 / Cr 241 待分配拨缴经费;
 *   a second payroll for the same month reverses that entry and posts the new one;
 * - receipt A (先收): S: Dr 102 A / Cr 135 A; then the allocation S: Dr 241 A / Cr 222 应付下级经费 G (held for the
 *   grassroots union U, counterparty U) — or Cr 231 代管经费 when the enterprise has no union (建会筹备金) — / Cr 402
 *   拨缴经费收入 (the street's share) / Cr 102 (remitted up); district D and city C: Dr 102 / Cr 402 their shares;
 * - return run (后返) at S: Dr 222 held / Cr 102 returned / Cr 402 retained; U: Dr 102 / Cr 40301 回拨补助.
 * - an imported bank line no enterprise matched, at the importing unit I: Dr 102 / Cr 242 暂收款—待查明款项; matched
 *   later: the receipt as above, and I: Dr 242 / Cr 102 (funds.import.ts).
 * Every entry balances for every union it touches, so every union's books and every subtree's trial balance sum
 * to zero (the database checks it at commit).
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Tx } from '@lianxin/db';
import {
  assess, fundAccountClass, fundAccountCodes, fundAccountLabels, label, monthsOverdue, nextDunningStep, shanghaiDate,
  splitFen, splitReceipt, type Assessment, type DunningStep, type FundAccountCode, type FundSettings, type FundSettingsInput, type Locale,
  type PayrollCreate, type Receipt, type ReceiptCreate, type ReturnRun, type Statement, type StatementKind, type TrialBalance,
  type ArrearsItem, type Paged, type FundsSummary, type FundsFigures,
} from '@lianxin/contracts';
import { writeScope, type Scope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { AppError, fieldError, isUniqueViolation, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findOrg } from '../orgs/orgs.repo.ts';
import { allSettings, arrearsRows, exceptionFor, fundsEnterprise, settingsOn, territorialChain, type FundsEnterprise, type UnitRef } from './funds.repo.ts';
import { fenFigure, sumFen } from './fen-figures.ts';
import { LEDGER_CLOSE_LOCK, balanceRows, ledgerErrorCode, postEntry, refuseFuturePeriod, reverseEntry, trialBalanceRows } from './ledger.repo.ts';

const periodStart = (period: string) => `${period}-01`;

/** Runs a ledger write; the database's refusals become domain errors (a closed month raced a posting: 409). */
async function ledgerWrite<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const code = ledgerErrorCode(error);
    if (code === 'LF001') throw new AppError('conflict', 409, 'funds.periodClosed');
    throw error;
  }
}

async function requireSettings(tx: Tx, day: string): Promise<FundSettings> {
  const settings = await settingsOn(tx, day);
  if (!settings) throw fieldError('period', 'funds.noSettings');
  return settings;
}

interface Chain { street: UnitRef; district: UnitRef; city: UnitRef }

async function chainOf(tx: Tx, enterprise: FundsEnterprise): Promise<Chain> {
  const chain = await territorialChain(tx, enterprise.regionCode);
  if (!chain.street || !chain.district || !chain.city) throw new AppError('conflict', 409, 'funds.noUnion');
  return chain as Chain;
}

// ---- assessment ------------------------------------------------------------------------------------------------

interface AssessmentRow {
  id: number; enterprise_id: number; period: string; payroll_fen: number; estimated: boolean; basis: Assessment['basis']; rate_bp: number;
  per_head_fen: number; employee_count: number; assessment_fen: number; entry_id: number; replaces_id: number | null;
}

async function toAssessment(tx: Tx, row: AssessmentRow): Promise<Assessment> {
  const settings = await requireSettings(tx, periodStart(row.period));
  const split = splitReceipt(row.assessment_fen, settings);
  return {
    id: row.id, enterpriseId: row.enterprise_id, period: row.period, payrollFen: row.payroll_fen, estimated: row.estimated, basis: row.basis,
    rateBp: row.rate_bp, perHeadFen: row.per_head_fen, employeeCount: row.employee_count, assessmentFen: row.assessment_fen,
    grassrootsFen: split.grassrootsFen, upperFen: split.upperFen,
    upper: { cityFen: split.cityFen, districtFen: split.districtFen, streetFen: split.streetFen },
    entryId: row.entry_id, replacedId: row.replaces_id,
  };
}

/**
 * Records an enterprise's payroll for a month and posts its assessment. A second payroll for the same enterprise
 * and month reverses the first one's entry and replaces it (`replaced: true`, answered 200). Settings and
 * exceptions are those valid in that month (never a later change applied backwards).
 */
export async function recordPayroll(ctx: ServiceContext, input: PayrollCreate): Promise<{ assessment: Assessment; replaced: boolean; unchanged: boolean }> {
  const scope = writeScope(ctx.scope);
  return ledgerWrite(() => ctx.db.transaction(async (tx) => {
    const enterprise = await fundsEnterprise(tx, scope, input.enterpriseId, true);
    if (!enterprise) throw notFound();
    return postPayroll(tx, ctx, enterprise, input);
  }));
}

/**
 * Posts a payroll's assessment inside the caller's transaction (the enterprise found in scope and locked). A second
 * payroll for the month reverses the current assessment and posts the new one (`replaced`); the same payroll again
 * that assesses the same (same basis and amount: no rate exception or setting changed since) posts nothing and
 * answers the current assessment (`unchanged`), so a double tap or a retry leaves no correction in the ledger.
 */
export async function postPayroll(tx: Tx, ctx: ServiceContext, enterprise: FundsEnterprise, input: PayrollCreate): Promise<{ assessment: Assessment; replaced: boolean; unchanged: boolean }> {
  const today = shanghaiDate();
  {
    const chain = await chainOf(tx, enterprise);
    const settings = await requireSettings(tx, periodStart(input.period));
    const payrollFen = input.estimated ? enterprise.employeeCount * settings.averageWageFen : input.payrollFen!;
    const rule = assess({
      payrollFen, employeeCount: enterprise.employeeCount, hasUnion: enterprise.unionStatus !== 'none',
      exception: await exceptionFor(tx, enterprise.id, input.period), settings,
    });
    const [previous] = await queryRows<AssessmentRow & { n: number }>(tx, sql`
      select id, enterprise_id, period, payroll_fen::float8 as payroll_fen, estimated, basis, rate_bp, per_head_fen::float8 as per_head_fen,
             employee_count, assessment_fen::float8 as assessment_fen, entry_id::int as entry_id, replaces_id,
             (select count(*)::int from fund_assessments x where x.enterprise_id = a.enterprise_id and x.period = a.period) as n
        from fund_assessments a where enterprise_id = ${enterprise.id} and period = ${input.period} and replaced_by_id is null`);
    // the same payroll again (a double tap, a retry) assessing the same: nothing to correct, the current one answers
    if (previous && !previous.estimated && !input.estimated && previous.payroll_fen === payrollFen
      && previous.assessment_fen === rule.assessmentFen && previous.basis === rule.basis) {
      return { assessment: await toAssessment(tx, previous), replaced: false, unchanged: true };
    }
    if (previous) {
      await reverseEntry(tx, previous.entry_id, { period: input.period, postedOn: today, createdBy: ctx.actor.userId, memo: `更正 ${input.period} 工资总额` });
      // leaves the current-assessment index for the new row; set to the new id below
      await tx.execute(sql`update fund_assessments set replaced_by_id = id where id = ${previous.id}`);
    }
    const { entryId } = await postEntry(tx, {
      idempotencyKey: `assessment:${enterprise.id}:${input.period}:${(previous?.n ?? 0) + 1}`,
      period: input.period, postedOn: today, kind: 'assessment', memo: `${enterprise.name} ${input.period} 应缴`,
      createdBy: ctx.actor.userId,
      lines: [
        { orgId: chain.street.id, orgPath: chain.street.path, account: '135', debitFen: rule.assessmentFen, enterpriseId: enterprise.id },
        { orgId: chain.street.id, orgPath: chain.street.path, account: '241', creditFen: rule.assessmentFen, enterpriseId: enterprise.id },
      ],
    });
    const [row] = await queryRows<AssessmentRow>(tx, sql`
      insert into fund_assessments (enterprise_id, period, payroll_fen, estimated, employee_count, basis, rate_bp, per_head_fen, assessment_fen, entry_id, replaces_id, created_by)
      values (${enterprise.id}, ${input.period}, ${payrollFen}, ${input.estimated}, ${enterprise.employeeCount}, ${rule.basis}, ${rule.rateBp},
              ${rule.perHeadFen}, ${rule.assessmentFen}, ${entryId}, ${previous?.id ?? null}, ${ctx.actor.userId})
      returning id, enterprise_id, period, payroll_fen::float8 as payroll_fen, estimated, basis, rate_bp, per_head_fen::float8 as per_head_fen,
                employee_count, assessment_fen::float8 as assessment_fen, entry_id::int as entry_id, replaces_id`);
    if (!row) throw new Error('assessment insert returned no row');
    if (previous) await tx.execute(sql`update fund_assessments set replaced_by_id = ${row.id} where id = ${previous.id}`);
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: previous ? 'update' : 'create', objectType: 'fund_assessment', objectId: row.id, orgPath: enterprise.orgPath,
      detail: { enterpriseId: enterprise.id, period: input.period, assessmentFen: rule.assessmentFen, basis: rule.basis, estimated: input.estimated },
    });
    return { assessment: await toAssessment(tx, row), replaced: Boolean(previous), unchanged: false };
  }
}

// ---- receipts --------------------------------------------------------------------------------------------------

interface ReceiptRow {
  id: number; enterprise_id: number; amount_fen: number; received_on: string; period: string; grassroots_fen: number; upper_fen: number;
  entry_id: number; source: 'manual' | 'bank';
}
const receiptColumns = sql`id, enterprise_id, amount_fen::float8 as amount_fen, received_on::text as received_on, period,
  grassroots_fen::float8 as grassroots_fen, upper_fen::float8 as upper_fen, entry_id::int as entry_id, source`;
const toReceipt = (r: ReceiptRow): Receipt => ({
  id: r.id, enterpriseId: r.enterprise_id, amountFen: r.amount_fen, receivedOn: r.received_on, period: r.period,
  grassrootsFen: r.grassroots_fen, upperFen: r.upper_fen, entryId: r.entry_id, source: r.source,
});

async function receiptByKey(db: ServiceContext['db'] | Tx, key: string): Promise<ReceiptRow | undefined> {
  const [row] = await queryRows<ReceiptRow>(db, sql`select ${receiptColumns} from fund_receipts where idempotency_key = ${key}`);
  return row;
}

/** Posts a receipt inside the caller's transaction (the enterprise already found in scope). */
export async function postReceipt(
  tx: Tx, ctx: ServiceContext, enterprise: FundsEnterprise, input: { amountFen: number; receivedOn: string; key: string; source: 'manual' | 'bank' },
): Promise<ReceiptRow> {
  const chain = await chainOf(tx, enterprise);
  const requested = input.receivedOn.slice(0, 7);
  const settings = await requireSettings(tx, input.receivedOn);
  const split = splitReceipt(input.amountFen, settings);
  const s = chain.street;
  const held = enterprise.orgId === s.id
    ? { orgId: s.id, orgPath: s.path, account: '231' as const, creditFen: split.grassrootsFen, enterpriseId: enterprise.id }
    : { orgId: s.id, orgPath: s.path, account: '222' as const, creditFen: split.grassrootsFen, counterpartyOrgId: enterprise.orgId, enterpriseId: enterprise.id };
  const { entryId, period } = await postEntry(tx, {
    idempotencyKey: `receipt:${input.key}`,
    period: requested, postedOn: shanghaiDate(), kind: 'receipt', memo: `${enterprise.name} 缴款`, createdBy: ctx.actor.userId,
    lines: [
      { orgId: s.id, orgPath: s.path, account: '102', debitFen: input.amountFen, enterpriseId: enterprise.id },
      { orgId: s.id, orgPath: s.path, account: '135', creditFen: input.amountFen, enterpriseId: enterprise.id },
      { orgId: s.id, orgPath: s.path, account: '241', debitFen: input.amountFen, enterpriseId: enterprise.id },
      held,
      { orgId: s.id, orgPath: s.path, account: '402', creditFen: split.streetFen, enterpriseId: enterprise.id },
      { orgId: s.id, orgPath: s.path, account: '102', creditFen: split.districtFen + split.cityFen, enterpriseId: enterprise.id },
      { orgId: chain.district.id, orgPath: chain.district.path, account: '102', debitFen: split.districtFen, enterpriseId: enterprise.id },
      { orgId: chain.district.id, orgPath: chain.district.path, account: '402', creditFen: split.districtFen, enterpriseId: enterprise.id },
      { orgId: chain.city.id, orgPath: chain.city.path, account: '102', debitFen: split.cityFen, enterpriseId: enterprise.id },
      { orgId: chain.city.id, orgPath: chain.city.path, account: '402', creditFen: split.cityFen, enterpriseId: enterprise.id },
    ],
  });
  const [row] = await queryRows<ReceiptRow>(tx, sql`
    insert into fund_receipts (enterprise_id, amount_fen, received_on, period, idempotency_key, source, grassroots_fen, upper_fen, entry_id, created_by)
    values (${enterprise.id}, ${input.amountFen}, ${input.receivedOn}, ${period}, ${input.key}, ${input.source}, ${split.grassrootsFen},
            ${split.upperFen}, ${entryId}, ${ctx.actor.userId})
    returning ${receiptColumns}`);
  if (!row) throw new Error('receipt insert returned no row');
  await recordAudit(tx, ctx.actor, ctx.ip, {
    action: 'create', objectType: 'fund_receipt', objectId: row.id, orgPath: enterprise.orgPath,
    detail: { enterpriseId: enterprise.id, amountFen: input.amountFen, receivedOn: input.receivedOn, period, source: input.source },
  });
  return row;
}

function sameReceipt(row: ReceiptRow, input: ReceiptCreate): Receipt {
  if (row.enterprise_id !== input.enterpriseId || row.amount_fen !== input.amountFen || row.received_on !== input.receivedOn) {
    throw new AppError('conflict', 409, 'funds.idempotencyReused', {}, { idempotencyKey: 'funds.idempotencyReused' });
  }
  return toReceipt(row);
}

/**
 * Records a payment by hand; a day after today is 400 on receivedOn. The idempotency key makes a retry post once: the same key with the same payment
 * answers the first receipt (`created: false`), with a different payment 409. Two concurrent first tries meet at
 * the unique index; the loser answers the winner's receipt.
 */
export async function recordReceipt(ctx: ServiceContext, input: ReceiptCreate): Promise<{ receipt: Receipt; created: boolean }> {
  const scope = writeScope(ctx.scope);
  // money not yet received is no receipt (it would post into a month that has not begun)
  if (input.receivedOn > shanghaiDate()) throw fieldError('receivedOn', 'funds.receiptFuture');
  const key = `manual:${input.idempotencyKey}`;
  const existing = await receiptByKey(ctx.db, key);
  if (existing) {
    if (!(await fundsEnterprise(ctx.db, scope, existing.enterprise_id))) throw notFound();
    return { receipt: sameReceipt(existing, input), created: false };
  }
  try {
    const row = await ledgerWrite(() => ctx.db.transaction(async (tx) => {
      const enterprise = await fundsEnterprise(tx, scope, input.enterpriseId);
      if (!enterprise) throw notFound();
      return postReceipt(tx, ctx, enterprise, { amountFen: input.amountFen, receivedOn: input.receivedOn, key, source: 'manual' });
    }));
    return { receipt: toReceipt(row), created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await receiptByKey(ctx.db, key);
    if (!winner) throw error;
    return { receipt: sameReceipt(winner, input), created: false };
  }
}

// ---- return run (先收后返) -------------------------------------------------------------------------------------

/**
 * Returns to each grassroots union the configured share (≥ 80 %, settings `returnBp` valid on the month's first
 * day) of the grassroots parts the street holds for it (222, counterparty the union) up to `period`; the rest is
 * the street's income. Per union: returned = the larger part of splitFen(held, [returnBp, 10000 − returnBp]).
 * One entry for the run; nothing held answers with `entryId: null`.
 */
export async function runReturns(ctx: ServiceContext, input: { orgId: number; period: string }): Promise<ReturnRun> {
  const scope = writeScope(ctx.scope);
  return ledgerWrite(() => ctx.db.transaction(async (tx) => {
    const org = await findOrg(tx, scope, input.orgId);
    if (!org) throw notFound();
    if (org.kind !== 'street_federation') throw fieldError('orgId', 'funds.notStreet');
    refuseFuturePeriod(input.period, 'posting');
    // one run at a time per street
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('funds.returns'), ${org.id})`);
    const settings = await requireSettings(tx, periodStart(input.period));
    const heldRows = await queryRows<{ union_id: number; union_path: string; held: string }>(tx, sql`
      select l.counterparty_org_id as union_id, u.path::text as union_path, sum(l.credit_fen - l.debit_fen)::text as held
        from journal_lines l join journal_entries e on e.id = l.entry_id join orgs u on u.id = l.counterparty_org_id
       where l.org_id = ${org.id} and l.account_code = '222' and e.period <= ${input.period}
       group by 1, 2 having sum(l.credit_fen - l.debit_fen) > 0 order by 1`);
    const held = heldRows.map((h) => ({ ...h, held: fenFigure(h.held, 'heldFen') }));
    const today = shanghaiDate();
    const backs: number[] = [];
    const lines = held.flatMap((h) => {
      const [back, kept] = splitFen(h.held, [settings.returnBp, 10_000 - settings.returnBp]) as [number, number];
      backs.push(back);
      return [
        { orgId: org.id, orgPath: org.path, account: '222' as const, debitFen: h.held, counterpartyOrgId: h.union_id },
        { orgId: org.id, orgPath: org.path, account: '102' as const, creditFen: back, counterpartyOrgId: h.union_id },
        { orgId: org.id, orgPath: org.path, account: '402' as const, creditFen: kept, counterpartyOrgId: h.union_id },
        { orgId: h.union_id, orgPath: h.union_path, account: '102' as const, debitFen: back },
        { orgId: h.union_id, orgPath: h.union_path, account: '40301' as const, creditFen: back },
      ];
    });
    const returned = sumFen(backs, 'returnedFen');
    const total = sumFen(held.map((h) => h.held), 'heldFen');
    let entryId: number | null = null;
    if (held.length > 0) {
      const [runs] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from journal_entries where idempotency_key like ${`return:${org.id}:%`}`);
      ({ entryId } = await postEntry(tx, {
        idempotencyKey: `return:${org.id}:${(runs?.n ?? 0) + 1}`, period: input.period, postedOn: today, kind: 'return',
        memo: `${org.name} 先收后返 ${input.period}`, createdBy: ctx.actor.userId, lines,
      }));
      await recordAudit(tx, ctx.actor, ctx.ip, {
        action: 'create', objectType: 'fund_return_run', objectId: entryId, orgPath: org.path,
        detail: { period: input.period, unions: held.length, returnedFen: returned, heldFen: total, returnBp: settings.returnBp },
      });
    }
    return { orgId: org.id, period: input.period, returnBp: settings.returnBp, unions: held.length, heldFen: total, returnedFen: returned, retainedFen: total - returned, entryId };
  }));
}

// ---- periods and settings -------------------------------------------------------------------------------------

export async function listPeriods(ctx: ServiceContext) {
  const items = await queryRows<{ period: string; status: 'open' | 'closed'; closedAt: string | null }>(ctx.db, sql`
    select period, status, to_char(closed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "closedAt" from ledger_periods order by period desc limit 36`);
  return { items };
}

/** Closes a past month: it refuses postings from then on (they go to the next open month). */
export async function closePeriod(ctx: ServiceContext, period: string) {
  const scope = writeScope(ctx.scope);
  if (period >= shanghaiDate().slice(0, 7)) throw new AppError('conflict', 409, 'funds.periodNotOpen');
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`insert into ledger_periods (period) values (${period}) on conflict (period) do nothing`);
    const [row] = await queryRows<{ status: string }>(tx, sql`select status from ledger_periods where period = ${period} for update`);
    if (row?.status !== 'open') throw new AppError('conflict', 409, 'funds.periodNotOpen');
    // postings in flight finish first; then the month and every open month before it close (books close in order)
    await tx.execute(sql`select pg_advisory_xact_lock(${LEDGER_CLOSE_LOCK})`);
    await tx.execute(sql`update ledger_periods set status = 'closed', closed_at = now(), closed_by = ${ctx.actor.userId} where period <= ${period} and status = 'open'`);
    await recordAudit(tx, ctx.actor, ctx.ip, { action: 'update', objectType: 'ledger_period', objectId: period, orgPath: scope.path, detail: { status: 'closed' } });
    const [closed] = await queryRows<{ closedAt: string }>(tx, sql`select to_char(closed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "closedAt" from ledger_periods where period = ${period}`);
    return { period, status: 'closed' as const, closedAt: closed?.closedAt ?? null };
  });
}

export async function listSettings(ctx: ServiceContext) {
  return { items: await allSettings(ctx.db) };
}

/** Adds dated settings from today or later (never retroactive). */
export async function addSettings(ctx: ServiceContext, input: FundSettingsInput): Promise<FundSettings> {
  const scope = writeScope(ctx.scope);
  if (input.validFrom < shanghaiDate()) throw fieldError('validFrom', 'funds.retroactive');
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await queryRows<{ id: number }>(tx, sql`
        insert into fund_settings (valid_from, rate_bp, preparatory_rate_bp, grassroots_bp, city_bp, district_bp, street_bp, return_bp, average_wage_fen, created_by)
        values (${input.validFrom}, ${input.rateBp}, ${input.preparatoryRateBp}, ${input.grassrootsBp}, ${input.cityBp}, ${input.districtBp},
                ${input.streetBp}, ${input.returnBp}, ${input.averageWageFen}, ${ctx.actor.userId}) returning id`);
      await recordAudit(tx, ctx.actor, ctx.ip, { action: 'create', objectType: 'fund_settings', objectId: row!.id, orgPath: scope.path, detail: { ...input } });
      return { id: row!.id, ...input };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw fieldError('validFrom', 'funds.settingsDuplicate', 409, 'conflict');
    throw error;
  }
}

export async function addRateException(ctx: ServiceContext, input: {
  enterpriseId: number; kind: 'reduced' | 'per_head'; rateBp?: number | undefined; perHeadFen?: number | undefined; reason: string; validFrom: string; validTo: string;
}) {
  const scope = writeScope(ctx.scope);
  return ctx.db.transaction(async (tx) => {
    const enterprise = await fundsEnterprise(tx, scope, input.enterpriseId);
    if (!enterprise) throw notFound();
    const rateBp = input.kind === 'reduced' ? input.rateBp ?? null : null;
    const perHeadFen = input.kind === 'per_head' ? input.perHeadFen ?? null : null;
    const [row] = await queryRows<{ id: number }>(tx, sql`
      insert into fund_rate_exceptions (enterprise_id, kind, rate_bp, per_head_fen, reason, valid_from, valid_to, approved_by)
      values (${enterprise.id}, ${input.kind}, ${rateBp}, ${perHeadFen}, ${input.reason}, ${input.validFrom}, ${input.validTo}, ${ctx.actor.userId}) returning id`);
    await recordAudit(tx, ctx.actor, ctx.ip, { action: 'create', objectType: 'fund_rate_exception', objectId: row!.id, orgPath: enterprise.orgPath, detail: { ...input } });
    return { id: row!.id, enterpriseId: enterprise.id, kind: input.kind, rateBp, perHeadFen, reason: input.reason, validFrom: input.validFrom, validTo: input.validTo };
  });
}

// ---- reports --------------------------------------------------------------------------------------------------

async function unitOf(ctx: ServiceContext, orgId: number | undefined): Promise<{ id: number; name: string; path: string }> {
  const scope: Scope = ctx.scope;
  if (scope.kind !== 'subtree') throw notFound();
  const org = await findOrg(ctx.db, scope, orgId ?? scope.rootOrgId);
  if (!org) throw notFound();
  return { id: org.id, name: org.name, path: org.path };
}

const accountName = (code: string, locale: Locale) =>
  (fundAccountCodes as readonly string[]).includes(code) ? label(fundAccountLabels, code as FundAccountCode, locale) : code;

/** Movements within `period` of every union in the subtree, per account; debits equal credits. */
export async function trialBalance(ctx: ServiceContext, query: { orgId?: number | undefined; period: string }, locale: Locale): Promise<TrialBalance> {
  const unit = await unitOf(ctx, query.orgId);
  refuseFuturePeriod(query.period, 'view');
  const rows = await trialBalanceRows(ctx.db, unit.path, query.period);
  return {
    org: { id: unit.id, name: unit.name },
    period: query.period,
    accounts: rows.accounts.map((r) => ({ code: r.code, name: accountName(r.code, locale), debitFen: r.debit, creditFen: r.credit })),
    totalDebitFen: rows.totalDebit,
    totalCreditFen: rows.totalCredit,
  };
}

/**
 * 资产负债表: balances through the end of `period` (assets debit-positive; liabilities and net assets
 * credit-positive; 331 结余 carries its own balance, e.g. a surplus brought forward, plus income − expenses to date, as
 * no closing entries are posted);
 * 收入支出表: income and expenses within `period`. Consolidated over the subtree (flows between its unions are
 * not eliminated).
 */
export async function statement(ctx: ServiceContext, kind: StatementKind, query: { orgId?: number | undefined; period: string }, locale: Locale): Promise<Statement> {
  const unit = await unitOf(ctx, query.orgId);
  refuseFuturePeriod(query.period, 'view');
  const rows = await balanceRows(ctx.db, unit.path, query.period, kind === 'balance-sheet');
  const classOf = (code: string) => fundAccountClass[code as FundAccountCode];
  const sign = (cls: string) => (cls === 'asset' || cls === 'expense' ? 1 : -1);
  const classes = kind === 'balance-sheet' ? (['asset', 'liability', 'net_assets'] as const) : (['income', 'expense'] as const);
  // every total summed exactly (sumFen): past 2^53 − 1 fen a 422 naming it, never a rounded figure
  const surplus = sumFen(rows.filter((r) => ['income', 'expense'].includes(classOf(r.code))).map((r) => -r.net), 'amountFen');
  const sections = classes.map((cls) => {
    const lines = rows.filter((r) => classOf(r.code) === cls && r.net !== 0).map((r) => ({ code: r.code, name: accountName(r.code, locale), amountFen: sign(cls) * r.net }));
    // the surplus to date joins 331 结余 (one line: a brought-forward balance on 331 and this year's surplus)
    const balance331 = lines.find((l) => l.code === '331');
    if (cls === 'net_assets' && surplus !== 0) {
      if (balance331) balance331.amountFen = sumFen([balance331.amountFen, surplus], 'amountFen');
      else lines.push({ code: '331', name: accountName('331', locale), amountFen: surplus });
    }
    return { class: cls, lines, totalFen: sumFen(lines.map((l) => l.amountFen), 'totalFen') };
  });
  const total = (cls: string) => sections.find((s) => s.class === cls)?.totalFen ?? 0;
  const resultFen = kind === 'balance-sheet'
    ? sumFen([total('asset'), -total('liability'), -total('net_assets')], 'resultFen')
    : sumFen([total('income'), -total('expense')], 'resultFen');
  return { kind, org: { id: unit.id, name: unit.name }, period: query.period, sections, resultFen };
}

/** The arrears worklist of a unit: enterprises owing funds, most overdue first, with the next dunning step due. */
export async function arrears(ctx: ServiceContext, query: { orgId?: number | undefined; page: number; pageSize: number }, today = shanghaiDate()): Promise<Paged<ArrearsItem>> {
  const unit = await unitOf(ctx, query.orgId);
  const rows = await arrearsRows(ctx.db, ctx.scope, unit.path, query.pageSize, (query.page - 1) * query.pageSize);
  return { items: rows.map((r) => toArrearsItem(r, today)), total: rows[0]?.total ?? 0, totalExact: true };
}

export function toArrearsItem(r: { enterprise_id: number; name: string; credit_code: string; assessed: number; paid: number; oldest: string; steps: string[] | null }, today: string): ArrearsItem {
  const overdue = monthsOverdue(r.oldest, today);
  const steps = (r.steps ?? []) as DunningStep[];
  return {
    enterpriseId: r.enterprise_id, name: r.name, creditCode: r.credit_code, assessedFen: r.assessed, paidFen: r.paid, arrearsFen: r.assessed - r.paid,
    oldestUnpaidPeriod: r.oldest, monthsOverdue: overdue, stepsDone: steps, nextStep: nextDunningStep(steps, overdue),
  };
}

/** The two rates of a unit's figures: collected ÷ assessed and returned ÷ grassroots parts collected (0 for none). */
function withRates(org: { id: number; name: string }, f: { assessed: number; collected: number; grassroots: number; arrears: number; returned: number }): FundsFigures {
  return {
    org: { id: org.id, name: org.name }, assessedFen: f.assessed, collectedFen: f.collected,
    collectionRate: f.assessed > 0 ? f.collected / f.assessed : 0, arrearsFen: f.arrears, grassrootsFen: f.grassroots, returnedFen: f.returned,
    returnRate: f.grassroots > 0 ? f.returned / f.grassroots : 0,
  };
}

/**
 * Cockpit figures of a unit's subtree for a year (`year` "YYYY", default the Shanghai year), and of each child unit
 * (at most 200, in id order): assessed (current assessments of the year's months), collected (receipts received in
 * the year), arrears (all months to date), the grassroots parts collected, returned (40301 in the year's months),
 * all in fen, and the two rates. Read from the figures the triggers of migration `funds_figures` keep per unit
 * (metrics `fa:<year>`, `fc:<year>`, `fg:<year>`, `fret:<year>`, `farr`; folded rows plus pending deltas): a few
 * primary-key lookups per unit, whatever the subtree's size. Equal to {@link directSummary} (tested after random
 * writes). 404 for a unit outside the actor's scope.
 */
export async function summary(ctx: ServiceContext, query: { orgId?: number | undefined; year?: string | undefined }): Promise<FundsSummary> {
  return keptSummary(ctx.db, await unitOf(ctx, query.orgId), query.year ?? shanghaiDate().slice(0, 4));
}

/** {@link summary} of `unit` (in scope already) for `year` from the kept figures. */
export async function keptSummary(db: Database, unit: { id: number; name: string }, year: string): Promise<FundsSummary> {
  const metrics = { assessed: `fa:${year}`, collected: `fc:${year}`, grassroots: `fg:${year}`, returned: `fret:${year}`, arrears: 'farr' };
  const names = Object.values(metrics);
  const figureOf: Record<string, string> = {
    [metrics.assessed]: 'assessedFen', [metrics.collected]: 'collectedFen', [metrics.grassroots]: 'grassrootsFen', [metrics.returned]: 'returnedFen', [metrics.arrears]: 'arrearsFen',
  };
  const rows = await queryRows<{ id: number; name: string; metric: string | null; value: string | null }>(db, sql`
    with u as (select id, name, 0 as place from orgs where id = ${unit.id}
               union all
               (select id, name, 1 from orgs where parent_id = ${unit.id} and status <> 'dissolved' order by id limit 200))
    select u.id, u.name, f.metric, f.value::text as value
      from u left join lateral (
        select metric, sum(value) as value
          from (select metric, value from org_figures where org_id = u.id and metric = any(${sql.param(names)}::text[])
                union all
                select metric, delta from org_figure_deltas where org_id = u.id and metric = any(${sql.param(names)}::text[])) x
         group by metric) f on true
     order by u.place, u.id`);
  const units = new Map<number, { org: { id: number; name: string }; values: Map<string, number> }>();
  for (const r of rows) {
    const entry = units.get(r.id) ?? { org: { id: r.id, name: r.name }, values: new Map<string, number>() };
    units.set(r.id, entry);
    if (r.metric !== null) entry.values.set(r.metric, fenFigure(r.value, figureOf[r.metric] ?? r.metric));
  }
  const [own, ...children] = [...units.values()].map((u) => withRates(u.org, {
    assessed: u.values.get(metrics.assessed) ?? 0, collected: u.values.get(metrics.collected) ?? 0, grassroots: u.values.get(metrics.grassroots) ?? 0,
    returned: u.values.get(metrics.returned) ?? 0, arrears: u.values.get(metrics.arrears) ?? 0,
  }));
  return { ...own!, year, children };
}

/**
 * {@link summary} computed directly from assessments, receipts and the ledger's balances, one scan of the subtree
 * per unit and child: the reference the kept figures are tested against, and the benchmark's baseline.
 */
export async function directSummary(db: Database, unit: { id: number; name: string; path: string }, year: string): Promise<FundsSummary> {
  const children = await queryRows<{ id: number; name: string; path: string }>(db, sql`
    select id, name, path::text as path from orgs where parent_id = ${unit.id} and status <> 'dissolved' order by id limit 200`);
  const own = await directFigures(db, unit, year);
  const rows: FundsFigures[] = [];
  for (const c of children) rows.push(await directFigures(db, c, year));
  return { ...own, year, children: rows };
}

/** One unit's funds figures for `year` computed directly: one scan of its subtree (see {@link directSummary}). */
export async function directFigures(db: Database, u: { id: number; name: string; path: string }, year: string): Promise<FundsFigures> {
  const [row] = await queryRows<{ assessed: string; collected: string; grassroots: string; arrears: string; returned: string }>(db, sql`
    with e as (select id from enterprises where org_path <@ ${u.path}::ltree),
         a as (select fa.enterprise_id, fa.assessment_fen, fa.period from fund_assessments fa join e on e.id = fa.enterprise_id where fa.replaced_by_id is null),
         r as (select fr.enterprise_id, fr.amount_fen, fr.grassroots_fen, fr.received_on from fund_receipts fr join e on e.id = fr.enterprise_id),
         owed as (select enterprise_id, sum(assessment_fen) as x from a group by 1),
         paid as (select enterprise_id, sum(amount_fen) as x from r group by 1)
    select coalesce((select sum(assessment_fen) from a where period like ${`${year}-%`}), 0)::text as assessed,
           coalesce((select sum(amount_fen) from r where to_char(received_on, 'YYYY') = ${year}), 0)::text as collected,
           coalesce((select sum(grassroots_fen) from r where to_char(received_on, 'YYYY') = ${year}), 0)::text as grassroots,
           coalesce((select sum(greatest(owed.x - coalesce(paid.x, 0), 0)) from owed left join paid using (enterprise_id)), 0)::text as arrears,
           coalesce((select sum(b.credit_fen - b.debit_fen) from ledger_balances b
                      where b.org_path <@ ${u.path}::ltree and b.account_code = '40301' and b.period like ${`${year}-%`}), 0)::text as returned`);
  return withRates(u, {
    assessed: fenFigure(row!.assessed, 'assessedFen'), collected: fenFigure(row!.collected, 'collectedFen'), grassroots: fenFigure(row!.grassroots, 'grassrootsFen'),
    arrears: fenFigure(row!.arrears, 'arrearsFen'), returned: fenFigure(row!.returned, 'returnedFen'),
  });
}

/** An enterprise's statement: its assessments (current), receipts and arrears. */
export async function enterpriseStatement(ctx: ServiceContext, enterpriseId: number, today = shanghaiDate()) {
  const enterprise = await fundsEnterprise(ctx.db, ctx.scope, enterpriseId);
  if (!enterprise) throw notFound();
  const assessments = await ctx.db.transaction(async (tx) => {
    const rows = await queryRows<AssessmentRow>(tx, sql`
      select id, enterprise_id, period, payroll_fen::float8 as payroll_fen, estimated, basis, rate_bp, per_head_fen::float8 as per_head_fen,
             employee_count, assessment_fen::float8 as assessment_fen, entry_id::int as entry_id, replaces_id
        from fund_assessments where enterprise_id = ${enterpriseId} and replaced_by_id is null order by period desc`);
    return Promise.all(rows.map((r) => toAssessment(tx, r)));
  });
  const receipts = (await queryRows<ReceiptRow>(ctx.db, sql`select ${receiptColumns} from fund_receipts where enterprise_id = ${enterpriseId} order by received_on desc, id desc`)).map(toReceipt);
  const [owing] = await arrearsRows(ctx.db, ctx.scope, enterprise.orgPath, 1, 0, enterpriseId);
  return {
    enterprise: { id: enterprise.id, name: enterprise.name, creditCode: enterprise.creditCode },
    assessments, receipts, arrears: owing ? toArrearsItem(owing, today) : null,
  };
}
