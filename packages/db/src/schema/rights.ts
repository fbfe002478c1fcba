import { sql } from 'drizzle-orm';
import {
  pgTable, integer, bigint, boolean, text, date, timestamp, jsonb, index, primaryKey, uniqueIndex,
} from 'drizzle-orm/pg-core';
import {
  bargainingTopics, caseOutcomes, caseStatuses, caseTypes, consultationSteps, contractKinds, contractStatuses, warningLevels, warningSignals, warningSources,
} from '@lianxin/contracts';
import { ltree } from './types.ts';
import { enterprises } from './enterprises.ts';
import { members } from './members.ts';
import { orgs } from './orgs.ts';
import { users } from './users.ts';

/**
 * 机制三 rights: dispute cases, early warnings, collective bargaining. Money in integer fen (bigint), dates are
 * Asia/Shanghai calendar days. `org_path` copies the responsible union's path of the enterprise when the record
 * was made (live: a move rewrites it), so scope checks and the figure triggers need no join.
 */

/** A legal-aid / labour-dispute case (法律援助 / 劳动争议调解): 受理 → 调查 → 调解 → 结案. */
export const rightsCases = pgTable(
  'rights_cases',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    /** e.g. "RC2026-000123" */
    caseNumber: text('case_number').notNull(),
    enterpriseId: integer('enterprise_id').notNull().references(() => enterprises.id),
    orgPath: ltree('org_path').notNull(),
    type: text('type', { enum: caseTypes }).notNull(),
    status: text('status', { enum: caseStatuses }).notNull().default('accepted'),
    outcome: text('outcome', { enum: caseOutcomes }),
    workerCount: integer('worker_count').notNull(),
    /** 群体性: worker count at or above the city's threshold when the case was opened */
    isGroup: boolean('is_group').notNull(),
    claimFen: bigint('claim_fen', { mode: 'number' }).notNull(),
    recoveredFen: bigint('recovered_fen', { mode: 'number' }).notNull().default(0),
    description: text('description').notNull().default(''),
    mediationOrg: text('mediation_org').notNull().default(''),
    mediator: text('mediator').notNull().default(''),
    lawyer: text('lawyer').notNull().default(''),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    mediationAppliedOn: date('mediation_applied_on', { mode: 'string' }),
    closedOn: date('closed_on', { mode: 'string' }),
    agreementText: text('agreement_text'),
    /** the service request the case was opened from (requests module) */
    requestId: integer('request_id'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('rights_cases_number_uq').on(t.caseNumber),
    index('rights_cases_enterprise_idx').on(t.enterpriseId, t.receivedOn),
    index('rights_cases_path_idx').using('gist', t.orgPath),
  ],
);

/**
 * The workers of a case (零门槛: members or not); phones encrypted with the PII cipher and found through the same
 * blind index as members' (`phone_hash`). `member_id` links a party who is a member — picked by staff, or matched on
 * the phone's blind index when the case is opened (the rights-party-link job backfills older rows) — so the member
 * sees the case on the H5 (我的维权).
 */
export const rightsCaseWorkers = pgTable(
  'rights_case_workers',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    caseId: integer('case_id').notNull().references(() => rightsCases.id),
    name: text('name').notNull(),
    phoneEnc: text('phone_enc'),
    /** blind index of the phone (AppKeys.blindIndex); null without a phone, or until the link job has read it */
    phoneHash: text('phone_hash'),
    memberId: integer('member_id').references(() => members.id),
  },
  (t) => [
    index('rights_case_workers_case_idx').on(t.caseId),
    index('rights_case_workers_member_idx').on(t.memberId),
    // the link job's worklist: rows with a phone whose blind index is not yet written
    index('rights_case_workers_unlinked_idx').on(t.id).where(sql`phone_enc is not null and phone_hash is null`),
  ],
);

/** A case's steps (stage changes with their dates), for the detail's history. */
export const rightsCaseSteps = pgTable(
  'rights_case_steps',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    caseId: integer('case_id').notNull().references(() => rightsCases.id),
    fromStatus: text('from_status', { enum: caseStatuses }).notNull(),
    toStatus: text('to_status', { enum: caseStatuses }).notNull(),
    on: date('on', { mode: 'string' }).notNull(),
    note: text('note').notNull().default(''),
    userId: integer('user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('rights_case_steps_case_idx').on(t.caseId)],
);

/** The early-warning register (预警): signals per enterprise, entered by staff or raised automatically. */
export const rightsWarnings = pgTable(
  'rights_warnings',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    enterpriseId: integer('enterprise_id').notNull().references(() => enterprises.id),
    orgPath: ltree('org_path').notNull(),
    signal: text('signal', { enum: warningSignals }).notNull(),
    level: text('level', { enum: warningLevels }).notNull(),
    source: text('source', { enum: warningSources }).notNull(),
    status: text('status', { enum: ['open', 'closed'] }).notNull().default('open'),
    description: text('description').notNull().default(''),
    raisedOn: date('raised_on', { mode: 'string' }).notNull(),
    /** the rectification deadline printed on the 整改意见函 */
    deadline: date('deadline', { mode: 'string' }).notNull(),
    closedOn: date('closed_on', { mode: 'string' }),
    resolution: text('resolution').notNull().default(''),
    /** what the letter printed (issuer, document number), fixed when the warning is raised */
    letter: jsonb('letter').$type<Record<string, unknown>>().notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('rights_warnings_enterprise_idx').on(t.enterpriseId),
    index('rights_warnings_path_idx').using('gist', t.orgPath),
    // one open automatic warning per enterprise: the guard when two cases arrive at once
    uniqueIndex('rights_warnings_auto_open_uq').on(t.enterpriseId).where(sql`source = 'auto' and status = 'open'`),
  ],
);

/** 紧急约见: emergency meetings with an enterprise over a major warning or a group dispute. */
export const rightsMeetings = pgTable(
  'rights_meetings',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    warningId: integer('warning_id').notNull().references(() => rightsWarnings.id),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    participants: text('participants').notNull(),
    minutes: text('minutes').notNull().default(''),
    commitments: text('commitments').notNull().default(''),
    followUpOn: date('follow_up_on', { mode: 'string' }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('rights_meetings_warning_idx').on(t.warningId)],
);

/** A round of collective bargaining (3 as a rule, 5 at most per enterprise, topic and year). */
export const bargainingRounds = pgTable(
  'bargaining_rounds',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    enterpriseId: integer('enterprise_id').notNull().references(() => enterprises.id),
    topic: text('topic', { enum: bargainingTopics }).notNull(),
    year: integer('year').notNull(),
    roundNo: integer('round_no').notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    attendees: text('attendees').notNull().default(''),
    unionDemandBp: integer('union_demand_bp'),
    unionDemandFen: bigint('union_demand_fen', { mode: 'number' }),
    companyOfferBp: integer('company_offer_bp'),
    companyOfferFen: bigint('company_offer_fen', { mode: 'number' }),
    minutes: text('minutes').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('bargaining_rounds_uq').on(t.enterpriseId, t.topic, t.year, t.roundNo)],
);

/**
 * 区域性/行业性集体合同: a contract signed by a regional or industry union (a kind of `isMultiEnterpriseKind`) for the
 * enterprises in its scope. Each covered enterprise gets its own `bargaining_contracts` row pointing here (the join
 * rows: enterprise, employees at signing), so coverage, overlap, expiry reminders and checks work per enterprise
 * and an enterprise is never under two standing contracts of a kind at once — it counts once.
 */
export const bargainingRegionalContracts = pgTable(
  'bargaining_regional_contracts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    orgId: integer('org_id').notNull().references(() => orgs.id),
    orgPath: ltree('org_path').notNull(),
    kind: text('kind', { enum: contractKinds }).notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }).notNull(),
    signedOn: date('signed_on', { mode: 'string' }).notNull(),
    coveredEnterprises: integer('covered_enterprises').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('bargaining_regional_contracts_path_idx').using('gist', t.orgPath)],
);

/** A collective contract or wage agreement (集体合同 / 工资专项集体合同) of one enterprise (its own or its share of a regional one). */
export const bargainingContracts = pgTable(
  'bargaining_contracts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    enterpriseId: integer('enterprise_id').notNull().references(() => enterprises.id),
    orgPath: ltree('org_path').notNull(),
    kind: text('kind', { enum: contractKinds }).notNull(),
    status: text('status', { enum: contractStatuses }).notNull().default('signed'),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }).notNull(),
    increaseBp: integer('increase_bp').notNull().default(0),
    minimumWageFen: bigint('minimum_wage_fen', { mode: 'number' }).notNull(),
    signedOn: date('signed_on', { mode: 'string' }).notNull(),
    filedOn: date('filed_on', { mode: 'string' }),
    coveredEmployees: integer('covered_employees').notNull(),
    vetoReason: text('veto_reason').notNull().default(''),
    /** set when the enterprise is covered by a regional/industry contract */
    regionalContractId: integer('regional_contract_id').references(() => bargainingRegionalContracts.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('bargaining_contracts_regional_idx').on(t.regionalContractId),
    index('bargaining_contracts_enterprise_idx').on(t.enterpriseId, t.kind),
    index('bargaining_contracts_path_idx').using('gist', t.orgPath),
    index('bargaining_contracts_valid_to_idx').on(t.validTo),
  ],
);

/** 三访三查: checks after signing that the contract is honoured (the agreed wages actually paid). */
export const bargainingChecks = pgTable(
  'bargaining_checks',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    contractId: integer('contract_id').notNull().references(() => bargainingContracts.id),
    checkedOn: date('checked_on', { mode: 'string' }).notNull(),
    visits: text('visits').notNull().default(''),
    wagesPaid: boolean('wages_paid').notNull(),
    findings: text('findings').notNull().default(''),
    rectification: text('rectification').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('bargaining_checks_contract_idx').on(t.contractId)],
);

/**
 * 恳谈会 (consultation meeting, 闵行): at least once a year per enterprise, in fixed steps, each dated —
 * collect issues → set participants → feedback → meeting → results published. One under way per enterprise.
 */
export const rightsConsultations = pgTable(
  'rights_consultations',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    enterpriseId: integer('enterprise_id').notNull().references(() => enterprises.id),
    orgPath: ltree('org_path').notNull(),
    step: text('step', { enum: consultationSteps }).notNull().default('collecting'),
    collectedOn: date('collected_on', { mode: 'string' }).notNull(),
    issues: text('issues').notNull(),
    participantsOn: date('participants_on', { mode: 'string' }),
    participants: text('participants'),
    feedbackOn: date('feedback_on', { mode: 'string' }),
    feedback: text('feedback'),
    heldOn: date('held_on', { mode: 'string' }),
    minutes: text('minutes'),
    publishedOn: date('published_on', { mode: 'string' }),
    results: text('results'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('rights_consultations_enterprise_idx').on(t.enterpriseId, t.heldOn),
    index('rights_consultations_path_idx').using('gist', t.orgPath),
    uniqueIndex('rights_consultations_open_uq').on(t.enterpriseId).where(sql`step <> 'published'`),
  ],
);

/**
 * An issue a member raises for their enterprise's 恳谈会 while it collects issues (收集议题) on the H5: one per member,
 * meeting and Asia/Shanghai day (a unique index; a double tap answers the first). The console shows them with the
 * meeting's record; an anonymous one is shown without the member's name.
 */
export const rightsConsultationIssues = pgTable(
  'rights_consultation_issues',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    consultationId: integer('consultation_id').notNull().references(() => rightsConsultations.id),
    memberId: integer('member_id').notNull().references(() => members.id),
    text: text('text').notNull(),
    anonymous: boolean('anonymous').notNull().default(false),
    /** the Asia/Shanghai day it was submitted */
    submittedOn: date('submitted_on', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('rights_consultation_issues_daily_uq').on(t.consultationId, t.memberId, t.submittedOn)],
);

/**
 * An enterprise's bargaining calendar (电装: bonus talks in June, wage talks in October, welfare monthly): one row per
 * topic and month, `month` null = every month.
 */
export const bargainingCalendarItems = pgTable(
  'bargaining_calendar_items',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    enterpriseId: integer('enterprise_id').notNull().references(() => enterprises.id),
    topic: text('topic', { enum: bargainingTopics }).notNull(),
    /** 1–12, or null for every month */
    month: integer('month'),
    note: text('note').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('bargaining_calendar_enterprise_idx').on(t.enterpriseId),
    uniqueIndex('bargaining_calendar_uq').on(t.enterpriseId, t.topic, sql`coalesce(${t.month}, 0)`),
  ],
);

/**
 * Preparation data of a year's talks (协商准备): last year's profit (fen), the CPI change and the government wage
 * guideline (基准线 / 上线 / 下线), percentages in basis points (450 = 4.50 %).
 */
export const bargainingPreparations = pgTable(
  'bargaining_preparations',
  {
    enterpriseId: integer('enterprise_id').notNull().references(() => enterprises.id),
    year: integer('year').notNull(),
    lastYearProfitFen: bigint('last_year_profit_fen', { mode: 'number' }),
    cpiBp: integer('cpi_bp'),
    guidelineBaseBp: integer('guideline_base_bp'),
    guidelineUpperBp: integer('guideline_upper_bp'),
    guidelineLowerBp: integer('guideline_lower_bp'),
    updatedBy: integer('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.enterpriseId, t.year] })],
);
