import { sql } from 'drizzle-orm';
import {
  pgTable, integer, bigint, text, date, timestamp, jsonb, boolean, index, uniqueIndex, primaryKey, check,
} from 'drizzle-orm/pg-core';
import { accountClasses, assessmentBases, budgetKinds, dunningSteps, rateExceptionKinds } from '@lianxin/contracts';
import { ltree } from './types.ts';
import { orgs } from './orgs.ts';
import { enterprises } from './enterprises.ts';
import { users } from './users.ts';

/**
 * Union funds (issue 13): the custody ledger and what feeds it. Money is integer fen in bigint columns. The
 * journal is append-only (triggers in the custom migration `funds_rules`): every entry balances per union at commit
 * (a deferred constraint trigger), UPDATE and DELETE are refused (a move may rewrite `journal_lines.org_path` only),
 * a closed month refuses postings, and `ledger_balances` is kept by a statement trigger.
 */

/** The chart of accounts (seeded by the custom migration; names and codes in contracts funds.ts / funds.labels.ts). */
export const fundAccounts = pgTable('fund_accounts', {
  code: text('code').primaryKey(),
  class: text('class', { enum: accountClasses }).notNull(),
  name: text('name').notNull(),
});

/** Ledger months, citywide: a month without a row is open; a closed month refuses postings. */
export const ledgerPeriods = pgTable('ledger_periods', {
  period: text('period').primaryKey(),
  status: text('status', { enum: ['open', 'closed'] }).notNull().default('open'),
  closedAt: timestamp('closed_at', { withTimezone: true, mode: 'string' }),
  closedBy: integer('closed_by').references(() => users.id),
});

/** A posting: one idempotency key each, in one month; `reversesId` points at the entry a reversal undoes. */
export const journalEntries = pgTable(
  'journal_entries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    idempotencyKey: text('idempotency_key').notNull(),
    period: text('period').notNull(),
    postedOn: date('posted_on', { mode: 'string' }).notNull(),
    kind: text('kind', { enum: ['assessment', 'receipt', 'return', 'reversal', 'adjustment', 'expenditure', 'subsidy'] }).notNull(),
    memo: text('memo').notNull().default(''),
    reversesId: bigint('reverses_id', { mode: 'number' }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('journal_entries_key_idx').on(t.idempotencyKey),
    uniqueIndex('journal_entries_reverses_idx').on(t.reversesId),
  ],
);

/**
 * A line of an entry in one union's sub-ledger (分户核算): `orgPath` is the union's current path (live, rewritten
 * by a move). Exactly one of debit / credit is positive.
 */
export const journalLines = pgTable(
  'journal_lines',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    entryId: bigint('entry_id', { mode: 'number' }).notNull().references(() => journalEntries.id),
    orgId: integer('org_id').notNull().references(() => orgs.id),
    orgPath: ltree('org_path').notNull(),
    accountCode: text('account_code').notNull().references(() => fundAccounts.code),
    debitFen: bigint('debit_fen', { mode: 'number' }).notNull().default(0),
    creditFen: bigint('credit_fen', { mode: 'number' }).notNull().default(0),
    /** the union a held grassroots part belongs to (222 lines at the street), for the return run */
    counterpartyOrgId: integer('counterparty_org_id'),
    enterpriseId: integer('enterprise_id'),
  },
  (t) => [
    index('journal_lines_entry_idx').on(t.entryId),
    index('journal_lines_org_idx').on(t.orgId, t.accountCode),
    check('journal_lines_one_side', sql`(${t.debitFen} > 0 and ${t.creditFen} = 0) or (${t.creditFen} > 0 and ${t.debitFen} = 0)`),
  ],
);

/** Movements per union, account and month, kept by a trigger on journal_lines: the trial balance reads these. */
export const ledgerBalances = pgTable(
  'ledger_balances',
  {
    orgId: integer('org_id').notNull(),
    accountCode: text('account_code').notNull(),
    period: text('period').notNull(),
    orgPath: ltree('org_path').notNull(),
    debitFen: bigint('debit_fen', { mode: 'number' }).notNull().default(0),
    creditFen: bigint('credit_fen', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.accountCode, t.period] }),
    index('ledger_balances_path_idx').using('gist', t.orgPath),
    index('ledger_balances_period_idx').on(t.period),
  ],
);

/** Dated settings (citywide), from `validFrom` on; a period uses the last settings valid on its first day. */
export const fundSettings = pgTable(
  'fund_settings',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    rateBp: integer('rate_bp').notNull(),
    preparatoryRateBp: integer('preparatory_rate_bp').notNull(),
    grassrootsBp: integer('grassroots_bp').notNull(),
    cityBp: integer('city_bp').notNull(),
    districtBp: integer('district_bp').notNull(),
    streetBp: integer('street_bp').notNull(),
    returnBp: integer('return_bp').notNull(),
    averageWageFen: bigint('average_wage_fen', { mode: 'number' }).notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('fund_settings_valid_from_idx').on(t.validFrom),
    check('fund_settings_shares', sql`${t.cityBp} + ${t.districtBp} + ${t.streetBp} = 10000 and ${t.grassrootsBp} between 0 and 10000`),
    check('fund_settings_return', sql`${t.returnBp} between 8000 and 10000`),
  ],
);

/** 差异化缴纳 (reduced rate) or a per-head amount for an enterprise, approved for months validFrom…validTo. */
export const fundRateExceptions = pgTable(
  'fund_rate_exceptions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    enterpriseId: integer('enterprise_id').notNull().references(() => enterprises.id),
    kind: text('kind', { enum: rateExceptionKinds }).notNull(),
    rateBp: integer('rate_bp'),
    perHeadFen: bigint('per_head_fen', { mode: 'number' }),
    reason: text('reason').notNull(),
    validFrom: text('valid_from').notNull(),
    validTo: text('valid_to').notNull(),
    approvedBy: integer('approved_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('fund_rate_exceptions_enterprise_idx').on(t.enterpriseId)],
);

/** An enterprise's assessment for a month; a replaced one keeps its row with `replacedById` (its entry reversed). */
export const fundAssessments = pgTable(
  'fund_assessments',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    enterpriseId: integer('enterprise_id').notNull().references(() => enterprises.id),
    period: text('period').notNull(),
    payrollFen: bigint('payroll_fen', { mode: 'number' }).notNull(),
    estimated: boolean('estimated').notNull().default(false),
    employeeCount: integer('employee_count').notNull(),
    basis: text('basis', { enum: assessmentBases }).notNull(),
    rateBp: integer('rate_bp').notNull(),
    perHeadFen: bigint('per_head_fen', { mode: 'number' }).notNull().default(0),
    assessmentFen: bigint('assessment_fen', { mode: 'number' }).notNull(),
    entryId: bigint('entry_id', { mode: 'number' }).notNull().references(() => journalEntries.id),
    replacesId: integer('replaces_id'),
    replacedById: integer('replaced_by_id'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    // one current assessment per enterprise and month: the guard under concurrent entry
    uniqueIndex('fund_assessments_current_idx').on(t.enterpriseId, t.period).where(sql`${t.replacedById} is null`),
  ],
);

/** A payment by an enterprise (by hand or a matched bank line); the key is the client's (or the bank reference). */
export const fundReceipts = pgTable(
  'fund_receipts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    enterpriseId: integer('enterprise_id').notNull().references(() => enterprises.id),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    period: text('period').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    source: text('source', { enum: ['manual', 'bank'] }).notNull(),
    grassrootsFen: bigint('grassroots_fen', { mode: 'number' }).notNull(),
    upperFen: bigint('upper_fen', { mode: 'number' }).notNull(),
    entryId: bigint('entry_id', { mode: 'number' }).notNull().references(() => journalEntries.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('fund_receipts_key_idx').on(t.idempotencyKey),
    index('fund_receipts_enterprise_idx').on(t.enterpriseId),
    check('fund_receipts_positive', sql`${t.amountFen} > 0`),
  ],
);

/**
 * Bank-statement lines no single enterprise matched (the matching queue), held at the importing unit (the
 * custody account the statement belongs to): a 流水号 is unique per importing unit, not citywide.
 */
export const fundUnmatchedLines = pgTable(
  'fund_unmatched_lines',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    orgId: integer('org_id').notNull().references(() => orgs.id),
    orgPath: ltree('org_path').notNull(),
    reference: text('reference').notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    payerName: text('payer_name').notNull(),
    creditCode: text('credit_code').notNull().default(''),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    receiptId: integer('receipt_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('fund_unmatched_reference_idx').on(t.orgId, t.reference), index('fund_unmatched_path_idx').using('gist', t.orgPath)],
);

/** Every step of 依法催缴 taken for an enterprise; `content` keeps what its letter printed. */
export const dunningStepsTable = pgTable(
  'dunning_steps',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    enterpriseId: integer('enterprise_id').notNull().references(() => enterprises.id),
    step: text('step', { enum: dunningSteps }).notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    documentNumber: text('document_number'),
    arrearsFen: bigint('arrears_fen', { mode: 'number' }).notNull(),
    note: text('note').notNull().default(''),
    content: jsonb('content').$type<Record<string, unknown>>(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('dunning_steps_once_idx').on(t.enterpriseId, t.step)],
);

/**
 * The union chairs' monthly allowance, a dated city setting (a month uses the one valid on its first day): base,
 * per star, size tiers by active members, maximum (contracts chairAllowanceFen). The register of chairs is the
 * unions' `orgs.chair_name`; each union's allowance of a month is one journal entry keyed `chair-allowance:<orgId>:<month>`.
 */
export const chairAllowanceSettings = pgTable('chair_allowance_settings', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  validFrom: date('valid_from', { mode: 'string' }).notNull().unique(),
  baseFen: bigint('base_fen', { mode: 'number' }).notNull(),
  perStarFen: bigint('per_star_fen', { mode: 'number' }).notNull(),
  sizeTiers: jsonb('size_tiers').$type<{ minMembers: number; addFen: number }[]>().notNull(),
  maxFen: bigint('max_fen', { mode: 'number' }).notNull(),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
}, (t) => [check('chair_allowance_amounts', sql`${t.baseFen} > 0 and ${t.perStarFen} >= 0 and ${t.maxFen} >= ${t.baseFen}`)]);

/**
 * A union's budget line for a year (DOMAIN.md §5: first-level budget units with 基本支出 and 项目支出): the amount
 * and the expense account its spending posts to. `orgPath` is the union's current path (live, in the path registry).
 */
export const budgetLines = pgTable(
  'budget_lines',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    orgId: integer('org_id').notNull().references(() => orgs.id),
    orgPath: ltree('org_path').notNull(),
    year: integer('year').notNull(),
    kind: text('kind', { enum: budgetKinds }).notNull(),
    name: text('name').notNull(),
    accountCode: text('account_code').notNull().references(() => fundAccounts.code),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('budget_lines_name_idx').on(t.orgId, t.year, t.name),
    index('budget_lines_path_idx').using('gist', t.orgPath),
    check('budget_lines_positive', sql`${t.amountFen} > 0`),
  ],
);

/**
 * A payment against a budget line, posted through the ledger (Dr the line's expense account / Cr 102 at the union);
 * a correction is a reversing entry (`reversalEntryId`), never a change of the payment.
 */
export const budgetSpendings = pgTable(
  'budget_spendings',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    lineId: integer('line_id').notNull().references(() => budgetLines.id),
    spentOn: date('spent_on', { mode: 'string' }).notNull(),
    payee: text('payee').notNull(),
    purpose: text('purpose').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    period: text('period').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    entryId: bigint('entry_id', { mode: 'number' }).notNull().references(() => journalEntries.id),
    reversalEntryId: bigint('reversal_entry_id', { mode: 'number' }).references(() => journalEntries.id),
    reverseReason: text('reverse_reason'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('budget_spendings_key_idx').on(t.idempotencyKey),
    index('budget_spendings_line_idx').on(t.lineId),
    check('budget_spendings_positive', sql`${t.amountFen} > 0`),
  ],
);
