import { sql } from 'drizzle-orm';
import {
  pgTable, integer, text, date, timestamp, index, uniqueIndex, primaryKey, type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { orgKinds, orgStatuses } from '@lianxin/contracts';
import { ltree } from './types.ts';
import { regions } from './regions.ts';

/** Union organisations, one tree from the city federation down. `path` is the ltree of ids from the root. */
export const orgs = pgTable(
  'orgs',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    parentId: integer('parent_id').references((): AnyPgColumn => orgs.id),
    path: ltree('path').notNull(),
    kind: text('kind', { enum: orgKinds }).notNull(),
    name: text('name').notNull(),
    /** the name's search key and its uni- and bigrams (see enterprises.searchKey): kept by the database */
    searchKey: text('search_key').notNull().generatedAlwaysAs(sql`search_key(name)`),
    searchGrams: text('search_grams').array().notNull().generatedAlwaysAs(sql`search_grams(search_key(name))`),
    regionCode: text('region_code').notNull().references(() => regions.code),
    /** occupation or trade of an industry federation (网约送餐员, 快递物流 …), used to route applications */
    sector: text('sector'),
    establishedOn: date('established_on', { mode: 'string' }),
    chairName: text('chair_name'),
    /** AES-256-GCM ciphertext of the contact mobile number (personal data) */
    contactPhoneEnc: text('contact_phone_enc'),
    status: text('status', { enum: orgStatuses }).notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('orgs_path_gist').using('gist', t.path),
    index('orgs_parent_idx').on(t.parentId),
    index('orgs_region_idx').on(t.regionCode),
    index('orgs_search_grams_gin').using('gin', t.searchGrams),
    // One territorial union (city / district / street-town) per division: uncovered enterprises belong to it.
    uniqueIndex('orgs_territorial_region_uq')
      .on(t.regionCode)
      .where(sql`kind in ('city_federation', 'district_federation', 'street_federation')`),
  ],
);

/** Which enterprises a union covers: its own enterprise for an enterprise union, several for a federation. */
export const orgCoverage = pgTable(
  'org_coverage',
  {
    orgId: integer('org_id').notNull().references(() => orgs.id),
    enterpriseId: integer('enterprise_id').notNull(),
    since: date('since', { mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.enterpriseId] }), index('org_coverage_enterprise_idx').on(t.enterpriseId)],
);

/** Moves of an organisation to another parent, kept as history. */
export const orgMoves = pgTable(
  'org_moves',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    orgId: integer('org_id').notNull().references(() => orgs.id),
    fromParentId: integer('from_parent_id').references(() => orgs.id),
    toParentId: integer('to_parent_id').notNull().references(() => orgs.id),
    movedBy: integer('moved_by'),
    movedAt: timestamp('moved_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('org_moves_org_idx').on(t.orgId)],
);
