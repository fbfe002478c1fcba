import { sql } from 'drizzle-orm';
import {
  pgTable, integer, bigint, text, date, timestamp, jsonb, boolean, doublePrecision, point, smallint, index, primaryKey, uniqueIndex, type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import {
  acceptanceStates, calendarDayKinds, requestChannels, requestStatuses, serviceListKinds, stationFacilities, stationLevels, transferStates, type OpeningHours,
} from '@lianxin/contracts';
import { ltree } from './types.ts';
import { orgs } from './orgs.ts';
import { enterprises } from './enterprises.ts';
import { users } from './users.ts';

/**
 * 机制二: the official working-day calendar, service positions, service categories and service requests
 * (DOMAIN.md §3 and §9.1).
 */

/**
 * The years whose official schedule (国务院办公厅 holiday notice) is entered. A year missing here is unknown:
 * deadlines reaching into it are provisional. `source`: 'chinese-days@<version>' for years loaded from the package,
 * 'city' once city staff entered or corrected it.
 */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  source: text('source').notNull(),
  updatedBy: integer('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/** The exceptions to Monday–Friday: holidays on weekdays, weekend days made working days (调休). */
export const calendarDays = pgTable('calendar_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  kind: text('kind', { enum: calendarDayKinds }).notNull(),
  /** the holiday's name, e.g. 国庆节 */
  name: text('name').notNull().default(''),
});

/** Request categories with their 限时办结 limit in working days (city defaults; consultation 1, general 5, complex 15). */
export const serviceCategories = pgTable('service_categories', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  workingDays: integer('working_days').notNull(),
  sort: integer('sort').notNull().default(0),
});

/**
 * Service positions. `lat`/`lng` are WGS-84 degrees; `geo` is a generated planar point (longitude scaled by
 * cos 31.23°, Shanghai's latitude, so that one unit is about one degree of latitude either way) with a GiST index:
 * `geo <-> point` walks the index nearest first, and the query re-ranks the candidates by great-circle distance.
 */
export const serviceStations = pgTable(
  'service_stations',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    orgId: integer('org_id').notNull().references(() => orgs.id),
    orgPath: ltree('org_path').notNull(),
    name: text('name').notNull(),
    level: text('level', { enum: stationLevels }).notNull(),
    address: text('address').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    geo: point('geo', { mode: 'tuple' }).generatedAlwaysAs(sql`point(lng * 0.85505, lat)`),
    hours: jsonb('hours').$type<OpeningHours>().notNull(),
    facilities: text('facilities', { enum: stationFacilities }).array().notNull(),
    contactPhone: text('contact_phone').notNull().default(''),
    acceptance: text('acceptance', { enum: acceptanceStates }).notNull().default('pending'),
    acceptedOn: date('accepted_on', { mode: 'string' }),
    inspector: text('inspector').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('service_stations_geo_idx').using('gist', t.geo),
    index('service_stations_path_idx').using('gist', t.orgPath),
  ],
);

/**
 * Service requests (诉求). The receiving union (`org_id`, live path) keeps it; the owner is whoever first received or
 * accepted it (首问负责) and stays accountable through a transfer (转办: `transfer_*`, the receiver's staff member
 * becomes the handler). `due_on` is the Asia/Shanghai day the limit ends (null while paused); an overdue request is
 * escalated to the parent union (`escalated_*`, 上代下). The requester's phone is personal data: AES-GCM ciphertext
 * plus a keyed hash.
 */
export const serviceRequests = pgTable(
  'service_requests',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    categoryCode: text('category_code').notNull().references(() => serviceCategories.code),
    orgId: integer('org_id').notNull().references(() => orgs.id),
    orgPath: ltree('org_path').notNull(),
    channel: text('channel', { enum: requestChannels }).notNull(),
    status: text('status', { enum: requestStatuses }).notNull(),
    description: text('description').notNull(),
    requesterName: text('requester_name').notNull(),
    requesterPhoneEnc: text('requester_phone_enc').notNull(),
    requesterPhoneHash: text('requester_phone_hash').notNull(),
    /** the member account that submitted it on the H5 (rates it there) */
    requesterUserId: integer('requester_user_id').references(() => users.id),
    stationId: integer('station_id').references(() => serviceStations.id),
    /** the enterprise the request is about, when staff name one (机制三 counts it for the automatic early warning) */
    enterpriseId: integer('enterprise_id').references(() => enterprises.id),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'string' }).notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    /** the category's limit at receipt, working days */
    limitDays: integer('limit_days').notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    provisional: boolean('provisional').notNull().default(false),
    ownerUserId: integer('owner_user_id').references(() => users.id),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, mode: 'string' }),
    transferOrgId: integer('transfer_org_id').references(() => orgs.id),
    transferOrgPath: ltree('transfer_org_path'),
    transferReason: text('transfer_reason'),
    transferState: text('transfer_state', { enum: transferStates }),
    handlerUserId: integer('handler_user_id').references(() => users.id),
    extensionDays: integer('extension_days'),
    extensionReason: text('extension_reason'),
    extendedBy: integer('extended_by').references(() => users.id),
    escalatedOrgId: integer('escalated_org_id').references(() => orgs.id),
    escalatedOrgPath: ltree('escalated_org_path'),
    escalatedAt: timestamp('escalated_at', { withTimezone: true, mode: 'string' }),
    /** the working day before due on which the reminder went out */
    remindedOn: date('reminded_on', { mode: 'string' }),
    result: text('result'),
    resolvedOn: date('resolved_on', { mode: 'string' }),
    onTime: boolean('on_time'),
    /** working days from receipt to resolution, pauses not counted */
    workingDaysTaken: integer('working_days_taken'),
    rating: smallint('rating'),
    ratingComment: text('rating_comment'),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('service_requests_path_idx').using('gist', t.orgPath),
    index('service_requests_transfer_path_idx').using('gist', t.transferOrgPath),
    index('service_requests_escalated_path_idx').using('gist', t.escalatedOrgPath),
    // "mine, due first": the open requests of an owner (or handler) in due order, read off the index with a limit
    index('service_requests_owner_open_idx').on(t.ownerUserId, t.dueOn, t.id).where(sql`status in ('received', 'in_progress', 'paused')`),
    index('service_requests_handler_open_idx').on(t.handlerUserId, t.dueOn, t.id).where(sql`status in ('received', 'in_progress', 'paused')`),
    index('service_requests_owner_idx').on(t.ownerUserId),
    index('service_requests_enterprise_idx').on(t.enterpriseId, t.receivedOn).where(sql`enterprise_id is not null`),
    index('service_requests_status_due_idx').on(t.status, t.dueOn),
  ],
);

/** 补正 pauses of a request's clock: from the day materials were requested to the day they arrived. */
export const serviceRequestPauses = pgTable(
  'service_request_pauses',
  {
    requestId: integer('request_id').notNull().references(() => serviceRequests.id),
    fromOn: date('from_on', { mode: 'string' }).notNull(),
    toOn: date('to_on', { mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.fromOn] })],
);

/** What happened to a request, for its page (the audit log keeps the same with the actor's scope). */
export const serviceRequestEvents = pgTable(
  'service_request_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    requestId: integer('request_id').notNull().references(() => serviceRequests.id),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    action: text('action').notNull(),
    actorUserId: integer('actor_user_id').references(() => users.id),
    note: text('note').notNull().default(''),
  },
  (t) => [index('service_request_events_request_idx').on(t.requestId)],
);


/**
 * A unit's published lists (服务清单 / 责任清单 / 资源清单, DOMAIN.md §3): items by category. Rows without a unit are
 * the city's templates; a unit adopts a template (its own row pointing at it, once) and adds its own items.
 */
export const serviceItems = pgTable(
  'service_items',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    orgId: integer('org_id').references(() => orgs.id),
    orgPath: ltree('org_path'),
    list: text('list', { enum: serviceListKinds }).notNull(),
    category: text('category').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    templateId: integer('template_id').references((): AnyPgColumn => serviceItems.id),
    sort: integer('sort').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('service_items_path_idx').using('gist', t.orgPath),
    uniqueIndex('service_items_adopted_uq').on(t.orgId, t.templateId),
  ],
);
