import {
  pgTable, integer, bigint, text, date, timestamp, jsonb, index, uniqueIndex, primaryKey,
} from 'drizzle-orm/pg-core';
import { campaignStages, letterKinds, santongshiPhases } from '@lianxin/contracts';
import { ltree } from './types.ts';
import { orgs } from './orgs.ts';
import { enterprises } from './enterprises.ts';
import { users } from './users.ts';

/**
 * Cockpit figures per organisation for its whole subtree (the organisation included), one row per metric
 * ("enterprises", "target", "covered_target", "employees_covered", "members", "members:informal",
 * "fed:industry_federation" …). Statement-level triggers on enterprises, members and orgs never update these
 * rows: they append to `org_figure_deltas`, so concurrent writers never wait on the city's row. A compaction
 * folds the deltas in; a figure is its row plus its pending deltas.
 */
export const orgFigures = pgTable(
  'org_figures',
  {
    orgId: integer('org_id').notNull(),
    metric: text('metric').notNull(),
    value: bigint('value', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.metric] })],
);

export const orgFigureDeltas = pgTable(
  'org_figure_deltas',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer('org_id').notNull(),
    metric: text('metric').notNull(),
    delta: bigint('delta', { mode: 'number' }).notNull(),
  },
  (t) => [index('org_figure_deltas_org_idx').on(t.orgId)],
);

/** Month-end figures of every organisation, for the trend lines: `metrics` maps metric → value. */
export const coverageSnapshots = pgTable(
  'coverage_snapshots',
  {
    period: text('period').notNull(),
    orgId: integer('org_id').notNull(),
    metrics: jsonb('metrics').$type<Record<string, number>>().notNull(),
    takenAt: timestamp('taken_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.period] })],
);

/** A unit's coverage target due by a date; rates in basis points (8500 = 85%). */
export const coverageTargets = pgTable(
  'coverage_targets',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    orgId: integer('org_id').notNull().references(() => orgs.id),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    coverageBp: integer('coverage_bp').notNull(),
    membershipBp: integer('membership_bp'),
    note: text('note').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('coverage_targets_org_due_uq').on(t.orgId, t.dueOn)],
);

/** The union-building campaign's state per uncovered enterprise (建会攻坚清单). No row = 未接触. */
export const campaignItems = pgTable(
  'campaign_items',
  {
    enterpriseId: integer('enterprise_id').primaryKey().references(() => enterprises.id),
    stage: text('stage', { enum: campaignStages }).notNull().default('not_contacted'),
    assigneeId: integer('assignee_id').references(() => users.id),
    nextFollowUpOn: date('next_follow_up_on', { mode: 'string' }),
    notes: text('notes').notNull().default(''),
    updatedBy: integer('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('campaign_items_stage_idx').on(t.stage)],
);

/**
 * An enterprise's campaign history: stage changes, notes, letters issued, 三同时 tasks done. `orgPath` is the
 * responsible union's path when the event happened (scope of whoever may read it).
 */
export const enterpriseEvents = pgTable(
  'enterprise_events',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    enterpriseId: integer('enterprise_id').notNull().references(() => enterprises.id),
    orgPath: ltree('org_path').notNull(),
    kind: text('kind', { enum: ['stage', 'note', 'letter', 'task'] }).notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
    userId: integer('user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('enterprise_events_enterprise_idx').on(t.enterpriseId)],
);

/**
 * The two legal letters (两书) issued to a refusing enterprise. `content` keeps everything printed on the
 * letter as issued, so the PDF is rendered again identically on every download.
 */
export const enterpriseLetters = pgTable(
  'enterprise_letters',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    enterpriseId: integer('enterprise_id').notNull().references(() => enterprises.id),
    kind: text('kind', { enum: letterKinds }).notNull(),
    documentNumber: text('document_number').notNull(),
    issuerOrgId: integer('issuer_org_id').notNull().references(() => orgs.id),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('enterprise_letters_enterprise_idx').on(t.enterpriseId)],
);

/** 三同时: union building at registration, construction and opening of a new enterprise. */
export const santongshiTasks = pgTable(
  'santongshi_tasks',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    enterpriseId: integer('enterprise_id').notNull().references(() => enterprises.id),
    phase: text('phase', { enum: santongshiPhases }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    doneOn: date('done_on', { mode: 'string' }),
    doneBy: integer('done_by').references(() => users.id),
  },
  (t) => [uniqueIndex('santongshi_tasks_enterprise_phase_uq').on(t.enterpriseId, t.phase), index('santongshi_tasks_due_idx').on(t.dueOn)],
);
