import { z } from 'zod';
import { calendarDateSchema, calendarMonthSchema, fenSchema, recordIdQuery, recordIdSchema } from './input.ts';
import { pageQuery, pagedResponse } from './paging.ts';

/**
 * Union funds (机制四, issue 13): assessment (应缴), collection, the 60/40 split and 先收后返, the double-entry custody
 * ledger (集中管理、统一开户、分户核算) and 依法催缴. Money is integer fen everywhere (1 yuan = 100 fen); rates and shares
 * are basis points (200 = 2 %, 6000 = 60 %). Sources: 工会法 (2 % of 工资总额), DOMAIN.md §5, 《工会会计制度》.
 */

export const positiveFenSchema = fenSchema.refine((v) => v > 0, { message: 'funds.fenPositive' });

/**
 * The largest amount one funds input may carry: 10^13 fen = 1,000 亿元 (100 billion yuan), far above any union's or
 * enterprise's monthly figure (the city's year of funds is some 10^11–10^12 fen) and 900× below
 * Number.MAX_SAFE_INTEGER, so a single amount is always exact. Sums of many amounts may still pass 2^53; the API
 * converts every sum it answers through one checked helper (apps/api fen-figures.ts: a 422 naming the figure).
 */
export const FUNDS_MAX_FEN = 10_000_000_000_000;

/** Message keys naming each bounded funds field and the bound (funds.messages.ts). */
export type FundsMaxKey =
  | 'funds.payrollMax' | 'funds.receiptMax' | 'funds.averageWageMax' | 'funds.perHeadMax' | 'funds.budgetMax' | 'funds.spendingMax' | 'funds.chairAmountMax';

/**
 * A funds amount in fen: a whole number, 0 or more (more than 0 with `positive`), at most {@link FUNDS_MAX_FEN};
 * past the bound the message is `maxKey`, which names the field and the bound (zh-CN, English).
 */
export function fundsFenSchema(maxKey: FundsMaxKey, positive = false) {
  const base = z.number().int({ message: 'money.fen' }).min(positive ? 1 : 0, { message: positive ? 'funds.fenPositive' : 'money.fen' });
  return base.max(FUNDS_MAX_FEN, { message: maxKey });
}

/** Classes of 《工会会计制度》: assets, liabilities, net assets, income, expenses. */
export const accountClasses = ['asset', 'liability', 'net_assets', 'income', 'expense'] as const;
export type AccountClass = (typeof accountClasses)[number];

/**
 * The chart of accounts the platform posts to. Codes follow the 2010 edition of 《工会会计制度》 as DOMAIN.md §9.5 quotes
 * them; the 2021 edition (财会〔2021〕7号) was NOT verified here. 135 and 241 are the platform's own codes for the
 * assessed-but-unpaid funds and their not-yet-allocated counterpart, 242 for unidentified bank money held in
 * suspense until matched (no code for them was found in the sources). 40302 is the platform's sub-account of 403
 * 上级补助收入 for the 两非一无 subsidies (40301 holds the 先收后返 returns); 502 维权支出, 503 业务支出 and 504 行政支出
 * are the 2010 edition's expense codes beside 501 and 506, for budget spending.
 */
export const fundAccountCodes = ['102', '135', '221', '222', '231', '241', '242', '331', '402', '40301', '40302', '501', '502', '503', '504', '506'] as const;
export type FundAccountCode = (typeof fundAccountCodes)[number];
export const fundAccountClass: Record<FundAccountCode, AccountClass> = {
  '102': 'asset', '135': 'asset',
  '221': 'liability', '222': 'liability', '231': 'liability', '241': 'liability', '242': 'liability',
  '331': 'net_assets',
  '402': 'income', '40301': 'income', '40302': 'income',
  '501': 'expense', '502': 'expense', '503': 'expense', '504': 'expense', '506': 'expense',
};

/** How an assessment was computed. */
export const assessmentBases = ['standard', 'reduced', 'per_head', 'preparatory'] as const;
export type AssessmentBasis = (typeof assessmentBases)[number];

/** The four steps of 依法催缴, then the papers for a 支付令 application (after 3 months overdue). */
export const dunningSteps = ['lawyer_letter', 'interview', 'dunning_letter', 'assessment_letter', 'payment_order'] as const;
export type DunningStep = (typeof dunningSteps)[number];
/** Steps that print a letter (PDF). */
export const dunningLetterSteps: readonly DunningStep[] = ['lawyer_letter', 'dunning_letter', 'assessment_letter', 'payment_order'];

export const statementKinds = ['balance-sheet', 'income-expense'] as const;
export type StatementKind = (typeof statementKinds)[number];

export const rateExceptionKinds = ['reduced', 'per_head'] as const;
export type RateExceptionKind = (typeof rateExceptionKinds)[number];

const idempotencyKeySchema = z.string().trim().min(8, { message: 'funds.idempotencyKey' }).max(100, { message: 'funds.idempotencyKey' })
  .regex(/^[A-Za-z0-9._:-]+$/, { message: 'funds.idempotencyKey' });

/** `POST /api/funds/payroll`: an enterprise's monthly 工资总额, by hand or estimated (employees × the average wage). */
export const payrollCreateSchema = z.object({
  enterpriseId: recordIdSchema,
  period: calendarMonthSchema,
  /** absent with `estimated: true`: the employee count × the configured average monthly wage */
  payrollFen: fundsFenSchema('funds.payrollMax').optional(),
  estimated: z.boolean().default(false),
}).refine((v) => v.estimated || v.payrollFen !== undefined, { message: 'required', path: ['payrollFen'] });
export type PayrollCreate = z.infer<typeof payrollCreateSchema>;

export const assessmentSchema = z.object({
  id: z.number().int(),
  enterpriseId: z.number().int(),
  period: z.string(),
  payrollFen: z.number().int(),
  estimated: z.boolean(),
  basis: z.enum(assessmentBases),
  rateBp: z.number().int(),
  perHeadFen: z.number().int(),
  employeeCount: z.number().int(),
  assessmentFen: z.number().int(),
  grassrootsFen: z.number().int(),
  upperFen: z.number().int(),
  upper: z.object({ cityFen: z.number().int(), districtFen: z.number().int(), streetFen: z.number().int() }),
  entryId: z.number().int(),
  /** the assessment this one replaced (its entry was reversed) */
  replacedId: z.number().int().nullable(),
});
export type Assessment = z.infer<typeof assessmentSchema>;

/** `POST /api/funds/receipts`: a payment recorded by hand; the key makes a retry post once. */
export const receiptCreateSchema = z.object({
  enterpriseId: recordIdSchema,
  amountFen: fundsFenSchema('funds.receiptMax', true),
  receivedOn: calendarDateSchema,
  idempotencyKey: idempotencyKeySchema,
});
export type ReceiptCreate = z.infer<typeof receiptCreateSchema>;

export const receiptSchema = z.object({
  id: z.number().int(),
  enterpriseId: z.number().int(),
  amountFen: z.number().int(),
  receivedOn: z.string(),
  /** the month it was posted in: receivedOn's month when open, else the first open month after it */
  period: z.string(),
  grassrootsFen: z.number().int(),
  upperFen: z.number().int(),
  entryId: z.number().int(),
  source: z.enum(['manual', 'bank']),
});
export type Receipt = z.infer<typeof receiptSchema>;

export const receiptImportResultSchema = z.object({
  total: z.number().int(),
  matched: z.number().int(),
  /** lines kept in the matching queue (no single enterprise found) */
  queued: z.number().int(),
  /** lines posted before (same bank reference) */
  duplicates: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), message: z.string() })),
});
export type ReceiptImportResult = z.infer<typeof receiptImportResultSchema>;

/** A payroll file's outcome, row by row: all rows post together, or none when any row is refused. */
export const payrollImportResultSchema = z.object({
  /** data rows read (all sheets with a header) */
  total: z.number().int(),
  /** true when the file's rows were posted (no row refused); false posts nothing */
  posted: z.boolean(),
  /** new assessments */
  created: z.number().int(),
  /** assessments replacing an earlier payroll of the month (through a reversal) */
  replaced: z.number().int(),
  /** rows equal to the month's current payroll: nothing posted */
  unchanged: z.number().int(),
  rows: z.array(z.object({
    sheet: z.string(),
    row: z.number().int(),
    enterpriseId: z.number().int(),
    enterpriseName: z.string(),
    period: z.string(),
    payrollFen: z.number().int(),
    /** null until posted (a file with refused rows) */
    assessmentFen: z.number().int().nullable(),
    status: z.enum(['created', 'replaced', 'unchanged', 'valid']),
  })),
  errors: z.array(z.object({ sheet: z.string(), row: z.number().int(), field: z.string(), message: z.string() })),
});
export type PayrollImportResult = z.infer<typeof payrollImportResultSchema>;

export const unmatchedLineSchema = z.object({
  id: z.number().int(),
  receivedOn: z.string(),
  payerName: z.string(),
  creditCode: z.string(),
  amountFen: z.number().int(),
  reference: z.string(),
});
export const unmatchedListSchema = z.object({ items: z.array(unmatchedLineSchema) });
export const unmatchedMatchSchema = z.object({ enterpriseId: recordIdSchema });

export const fundsOrgPeriodQuery = z.object({ orgId: recordIdQuery.optional(), period: calendarMonthSchema });

export const trialBalanceSchema = z.object({
  org: z.object({ id: z.number().int(), name: z.string() }),
  period: z.string(),
  accounts: z.array(z.object({ code: z.string(), name: z.string(), debitFen: z.number().int(), creditFen: z.number().int() })),
  totalDebitFen: z.number().int(),
  totalCreditFen: z.number().int(),
});
export type TrialBalance = z.infer<typeof trialBalanceSchema>;

export const statementParamsSchema = z.object({ kind: z.enum(statementKinds) });

/** The books as files: the trial balance or a statement, as xlsx or PDF. */
export const fundsReports = ['trial-balance', ...statementKinds] as const;
export type FundsReport = (typeof fundsReports)[number];
export const fundsReportParamsSchema = z.object({ report: z.enum(fundsReports) });
export const fundsReportQuery = fundsOrgPeriodQuery.extend({ format: z.enum(['xlsx', 'pdf']) });
export const statementSchema = z.object({
  kind: z.enum(statementKinds),
  org: z.object({ id: z.number().int(), name: z.string() }),
  period: z.string(),
  sections: z.array(z.object({
    class: z.enum(accountClasses),
    lines: z.array(z.object({ code: z.string(), name: z.string(), amountFen: z.number().int() })),
    totalFen: z.number().int(),
  })),
  /** balance sheet: assets − liabilities − net assets (0); income-expense: income − expenses (the surplus) */
  resultFen: z.number().int(),
});
export type Statement = z.infer<typeof statementSchema>;

export const arrearsQuerySchema = z.object({ orgId: recordIdQuery.optional(), ...pageQuery() });
export const arrearsItemSchema = z.object({
  enterpriseId: z.number().int(),
  name: z.string(),
  creditCode: z.string(),
  assessedFen: z.number().int(),
  paidFen: z.number().int(),
  arrearsFen: z.number().int(),
  /** the oldest month not fully paid (payments settle the oldest months first) */
  oldestUnpaidPeriod: z.string(),
  /** whole months past the due day (the 15th of the following month), counted on the Shanghai day */
  monthsOverdue: z.number().int(),
  stepsDone: z.array(z.enum(dunningSteps)),
  nextStep: z.enum(dunningSteps).nullable(),
});
export type ArrearsItem = z.infer<typeof arrearsItemSchema>;
export const arrearsResponseSchema = pagedResponse(arrearsItemSchema);

export const dunningStepCreateSchema = z.object({
  step: z.enum(dunningSteps),
  note: z.string().trim().max(500).default(''),
  /** days the enterprise is given to pay (letters) */
  deadlineDays: z.number().int().min(1).max(90).default(15),
});
export const dunningStepSchema = z.object({
  id: z.number().int(),
  enterpriseId: z.number().int(),
  step: z.enum(dunningSteps),
  issuedOn: z.string(),
  documentNumber: z.string().nullable(),
  arrearsFen: z.number().int(),
  note: z.string(),
  hasLetter: z.boolean(),
});
export type DunningStepRecord = z.infer<typeof dunningStepSchema>;
export const dunningHistorySchema = z.object({ items: z.array(dunningStepSchema) });
export const enterpriseIdParams = z.object({ enterpriseId: recordIdQuery });

export const periodParamsSchema = z.object({ period: calendarMonthSchema });
export const ledgerPeriodSchema = z.object({ period: z.string(), status: z.enum(['open', 'closed']), closedAt: z.string().nullable() });
export const ledgerPeriodListSchema = z.object({ items: z.array(ledgerPeriodSchema) });

export const returnRunCreateSchema = z.object({ orgId: recordIdSchema, period: calendarMonthSchema });
export const returnRunSchema = z.object({
  orgId: z.number().int(),
  period: z.string(),
  returnBp: z.number().int(),
  unions: z.number().int(),
  /** the grassroots parts held for the unions before the run */
  heldFen: z.number().int(),
  returnedFen: z.number().int(),
  retainedFen: z.number().int(),
  entryId: z.number().int().nullable(),
});
export type ReturnRun = z.infer<typeof returnRunSchema>;

/** Dated settings: from `validFrom` on (never before, never retroactively). Shares of the upper part sum to 10000. */
export const fundSettingsCreateSchema = z.object({
  validFrom: calendarDateSchema,
  rateBp: z.number().int().min(1).max(10_000),
  preparatoryRateBp: z.number().int().min(0).max(10_000),
  grassrootsBp: z.number().int().min(0).max(10_000),
  cityBp: z.number().int().min(0).max(10_000),
  districtBp: z.number().int().min(0).max(10_000),
  streetBp: z.number().int().min(0).max(10_000),
  returnBp: z.number().int().min(8000, { message: 'funds.returnShare' }).max(10_000, { message: 'funds.returnShare' }),
  averageWageFen: fundsFenSchema('funds.averageWageMax', true),
}).refine((s) => s.cityBp + s.districtBp + s.streetBp === 10_000, { message: 'funds.sharesSum', path: ['streetBp'] });
export type FundSettingsInput = z.infer<typeof fundSettingsCreateSchema>;
export const fundSettingsSchema = z.object({
  id: z.number().int(), validFrom: z.string(), rateBp: z.number().int(), preparatoryRateBp: z.number().int(),
  grassrootsBp: z.number().int(), cityBp: z.number().int(), districtBp: z.number().int(), streetBp: z.number().int(),
  returnBp: z.number().int(), averageWageFen: z.number().int(),
});
export type FundSettings = z.infer<typeof fundSettingsSchema>;
export const fundSettingsListSchema = z.object({ items: z.array(fundSettingsSchema) });

/** 差异化缴纳 (reduced rate) or a fixed amount per employee (joint unions), approved with a reason for a validity period. */
export const rateExceptionCreateSchema = z.object({
  enterpriseId: recordIdSchema,
  kind: z.enum(rateExceptionKinds),
  rateBp: z.number().int().min(0).max(200).optional(),
  perHeadFen: fundsFenSchema('funds.perHeadMax').optional(),
  reason: z.string().trim().min(2, { message: 'funds.reasonRequired' }).max(500),
  validFrom: calendarMonthSchema,
  validTo: calendarMonthSchema,
}).refine((v) => (v.kind === 'reduced' ? v.rateBp !== undefined : v.perHeadFen !== undefined), { message: 'required', path: ['rateBp'] })
  .refine((v) => v.validTo >= v.validFrom, { message: 'funds.validity', path: ['validTo'] });
export const rateExceptionSchema = z.object({
  id: z.number().int(), enterpriseId: z.number().int(), kind: z.enum(rateExceptionKinds), rateBp: z.number().int().nullable(),
  perHeadFen: z.number().int().nullable(), reason: z.string(), validFrom: z.string(), validTo: z.string(),
});

/** Cockpit figures of a unit's subtree for a year: assessed, collected, arrears, returned and the two rates. */
export const fundsSummaryQuery = z.object({ orgId: recordIdQuery.optional(), year: z.string().regex(/^(20|21)\d{2}$/, { message: 'funds.year' }).optional() });
export const fundsFiguresSchema = z.object({
  org: z.object({ id: z.number().int(), name: z.string() }),
  assessedFen: z.number().int(),
  collectedFen: z.number().int(),
  /** collected ÷ assessed (0 when nothing was assessed) */
  collectionRate: z.number(),
  arrearsFen: z.number().int(),
  /** grassroots parts collected for the unions of the subtree (returnable) */
  grassrootsFen: z.number().int(),
  returnedFen: z.number().int(),
  /** returned ÷ grassroots part collected */
  returnRate: z.number(),
});
export type FundsFigures = z.infer<typeof fundsFiguresSchema>;
export const fundsSummarySchema = fundsFiguresSchema.extend({ year: z.string(), children: z.array(fundsFiguresSchema) });
export type FundsSummary = z.infer<typeof fundsSummarySchema>;

// ---- chair allowances (长宁: 300–800 yuan a month by size and 星级) ----------------------------------------------

export const chairAllowanceQuery = z.object({ orgId: recordIdQuery.optional(), period: calendarMonthSchema });
export const chairAllowanceRunCreateSchema = z.object({ orgId: recordIdSchema, period: calendarMonthSchema });
export const chairAllowanceItemSchema = z.object({
  orgId: z.number().int(),
  name: z.string(),
  chairName: z.string(),
  members: z.number().int(),
  /** 星级 of the last finished year; null when the union was not evaluated */
  stars: z.number().int().nullable(),
  amountFen: z.number().int(),
  /** the ledger entry of this union and month, once posted */
  entryId: z.number().int().nullable(),
});
export const chairAllowanceRunSchema = z.object({
  org: z.object({ id: z.number().int(), name: z.string() }),
  period: z.string(),
  /** the year whose stars count (the last finished one before the month) */
  starsYear: z.number().int(),
  items: z.array(chairAllowanceItemSchema),
  totalFen: z.number().int(),
  /** entries posted by this call (0 on a rerun) */
  postedCount: z.number().int(),
  postedFen: z.number().int(),
});
export type ChairAllowanceRun = z.infer<typeof chairAllowanceRunSchema>;

/** A new dated chair allowance setting (city staff): from today or later, never before the latest posted run's month. */
export const chairAllowanceSettingsCreateSchema = z.object({
  validFrom: calendarDateSchema,
  baseFen: fundsFenSchema('funds.chairAmountMax', true),
  perStarFen: z.number().int().min(0).max(10_000_000),
  sizeTiers: z.array(z.object({ minMembers: z.number().int().min(0).max(1_000_000), addFen: z.number().int().min(0).max(10_000_000) })).max(10),
  maxFen: fundsFenSchema('funds.chairAmountMax'),
}).refine((s) => s.maxFen >= s.baseFen, { message: 'funds.chairMaxBelowBase', path: ['maxFen'] })
  .refine((s) => new Set(s.sizeTiers.map((t) => t.minMembers)).size === s.sizeTiers.length, { message: 'funds.chairTiersTwice', path: ['sizeTiers'] });
export type ChairAllowanceSettingsInput = z.infer<typeof chairAllowanceSettingsCreateSchema>;
export const chairAllowanceSettingsItemSchema = z.object({
  id: z.number().int(), validFrom: z.string(), baseFen: z.number().int(), perStarFen: z.number().int(),
  sizeTiers: z.array(z.object({ minMembers: z.number().int(), addFen: z.number().int() })), maxFen: z.number().int(),
});
export const chairAllowanceSettingsListSchema = z.object({
  items: z.array(chairAllowanceSettingsItemSchema),
  /** the month of the latest posted run (no new setting may start before it), null when none */
  latestPostedPeriod: z.string().nullable(),
});
export type ChairAllowanceSettingsList = z.infer<typeof chairAllowanceSettingsListSchema>;
