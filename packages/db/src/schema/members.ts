import { sql } from 'drizzle-orm';
import {
  pgTable, integer, bigint, text, date, timestamp, jsonb, index, uniqueIndex, check, type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import {
  applicationStatuses, joinChannels, memberCategories, memberStatuses, occupations, routingReasons,
} from '@lianxin/contracts';
import { ltree } from './types.ts';
import { orgs } from './orgs.ts';
import { enterprises } from './enterprises.ts';
import { regions } from './regions.ts';

/**
 * Real-name members. ID number and phone are AES-256-GCM ciphertexts (`*_enc`) found through keyed hashes
 * (`*_hash`, a blind index). One active membership per identity citywide: a partial unique index.
 */
export const members = pgTable(
  'members',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    name: text('name').notNull(),
    /** pinyin initials of the name (nameInitials()), written with the name: search by 2-letter initials */
    nameInitials: text('name_initials').notNull().default(''),
    /** uni- and bigrams of the name's search key and of its initials (see enterprises.searchGrams), GIN-indexed */
    searchGrams: text('search_grams').array().notNull().generatedAlwaysAs(sql`search_grams(search_key(name)) || search_grams(name_initials)`),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    phoneHash: text('phone_hash').notNull(),
    gender: text('gender', { enum: ['male', 'female'] }).notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    occupation: text('occupation', { enum: occupations }).notNull(),
    category: text('category', { enum: memberCategories }).notNull(),
    joinChannel: text('join_channel', { enum: joinChannels }).notNull(),
    orgId: integer('org_id').notNull().references(() => orgs.id),
    orgPath: ltree('org_path').notNull(),
    enterpriseId: integer('enterprise_id').references(() => enterprises.id),
    status: text('status', { enum: memberStatuses }).notNull().default('active'),
    cardNumber: text('card_number').notNull(),
    /** bumped when a card is revoked or re-issued: older QR tokens stop verifying */
    cardVersion: integer('card_version').notNull().default(1),
    joinedOn: date('joined_on', { mode: 'string' }).notNull(),
    leftOn: date('left_on', { mode: 'string' }),
    leftReason: text('left_reason'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('members_active_identity_uq').on(t.idNumberHash).where(sql`status = 'active'`),
    uniqueIndex('members_card_number_uq').on(t.cardNumber),
    index('members_phone_hash_idx').on(t.phoneHash),
    index('members_org_path_gist').using('gist', t.orgPath),
    index('members_org_idx').on(t.orgId),
    index('members_enterprise_idx').on(t.enterpriseId),
    index('members_search_grams_gin').using('gin', t.searchGrams),
  ],
);

/** Online / out-of-enterprise applications, routed to a union by the routing rule; the reason is kept. */
export const applications = pgTable(
  'applications',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    reference: text('reference').notNull(),
    name: text('name').notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    phoneHash: text('phone_hash').notNull(),
    occupation: text('occupation', { enum: occupations }).notNull(),
    employerId: integer('employer_id').references(() => enterprises.id),
    regionCode: text('region_code').references(() => regions.code),
    routedOrgId: integer('routed_org_id').notNull().references(() => orgs.id),
    routedOrgPath: ltree('routed_org_path').notNull(),
    reasonCode: text('reason_code', { enum: routingReasons }).notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: applicationStatuses }).notNull().default('pending'),
    rejectReason: text('reject_reason'),
    decidedBy: integer('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'string' }),
    memberId: integer('member_id').references((): AnyPgColumn => members.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('applications_reference_uq').on(t.reference),
    index('applications_routed_path_gist').using('gist', t.routedOrgPath),
    index('applications_status_idx').on(t.status),
    index('applications_identity_idx').on(t.idNumberHash),
    // one pending application per identity: a double tap, a retry or two submits at once find the first
    uniqueIndex('applications_one_pending_uq').on(t.idNumberHash).where(sql`status = 'pending'`),
  ],
);

/**
 * Submissions the public form accepted but kept out of the staff queues: the identity is already an active member
 * (`already_member`), or has a pending application from another phone (`pending_elsewhere`). The applicant sees the
 * same answer as for any accepted application; the status check answers as for a pending one; the SMS explains.
 * Only the phone's blind index is kept (for the status check), no name, no ID number.
 */
export const divertedApplications = pgTable(
  'diverted_applications',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    reference: text('reference').notNull(),
    kind: text('kind', { enum: ['already_member', 'pending_elsewhere'] }).notNull(),
    phoneHash: text('phone_hash').notNull(),
    routedOrgId: integer('routed_org_id').notNull().references(() => orgs.id),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('diverted_applications_reference_uq').on(t.reference)],
);

/** 组织关系转接: the receiving union approves; history kept. */
export const memberTransfers = pgTable(
  'member_transfers',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    memberId: integer('member_id').notNull().references(() => members.id),
    fromOrgId: integer('from_org_id').notNull().references(() => orgs.id),
    fromOrgPath: ltree('from_org_path').notNull(),
    toOrgId: integer('to_org_id').notNull().references(() => orgs.id),
    toOrgPath: ltree('to_org_path').notNull(),
    reason: text('reason'),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] }).notNull().default('pending'),
    rejectReason: text('reject_reason'),
    requestedBy: integer('requested_by'),
    decidedBy: integer('decided_by'),
    requestedAt: timestamp('requested_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    uniqueIndex('member_transfers_one_pending_uq').on(t.memberId).where(sql`status = 'pending'`),
    index('member_transfers_to_path_gist').using('gist', t.toOrgPath),
    index('member_transfers_from_path_gist').using('gist', t.fromOrgPath),
  ],
);

/**
 * Subsidies a new 两非一无 member entitles its union to, one per paying level (`orgId`: the district or street
 * federation that pays); paid later by the funds module's run, which posts them and marks them paid together.
 */
export const subsidyEntitlements = pgTable(
  'subsidy_entitlements',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    memberId: integer('member_id').notNull().references(() => members.id),
    level: text('level', { enum: ['district', 'street'] }).notNull(),
    orgId: integer('org_id').notNull().references(() => orgs.id),
    amountFen: integer('amount_fen').notNull(),
    status: text('status', { enum: ['pending', 'paid'] }).notNull().default('pending'),
    /** the funds module's payment run that paid it (one journal entry per paying unit and month) */
    paidEntryId: bigint('paid_entry_id', { mode: 'number' }),
    paidPeriod: text('paid_period'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('subsidy_entitlements_member_idx').on(t.memberId),
    index('subsidy_entitlements_org_idx').on(t.orgId, t.status),
    check('subsidy_entitlements_paid', sql`(${t.status} = 'paid') = (${t.paidEntryId} is not null)`),
  ],
);

/** Notification outbox: written in the transaction of the event, delivered afterwards by a transport. */
export const notifications = pgTable(
  'notifications',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    channel: text('channel', { enum: ['sms'] }).notNull(),
    /** encrypted recipient (a phone number) */
    recipientEnc: text('recipient_enc').notNull(),
    template: text('template').notNull(),
    params: jsonb('params').$type<Record<string, string>>().notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index('notifications_pending_idx').on(t.id).where(sql`status = 'pending'`)],
);

/** One-time codes sent to a phone, for a purpose (member sign-in, verifying an applicant's or a service requester's phone); only a hash is kept. */
export const otpCodes = pgTable(
  'otp_codes',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    phoneHash: text('phone_hash').notNull(),
    purpose: text('purpose', { enum: ['sign_in', 'application', 'service_request'] }).notNull().default('sign_in'),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    /** blind index (keyed hash) of the client address that asked for the code, for the per-address cap; null before it */
    addressHash: text('address_hash'),
  },
  (t) => [index('otp_codes_phone_idx').on(t.phoneHash, t.createdAt), index('otp_codes_address_idx').on(t.addressHash, t.createdAt)],
);

/** Settings as key → JSON value (e.g. subsidy amounts per level). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});
