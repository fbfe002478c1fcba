import { sql } from 'drizzle-orm';
import {
  pgTable, integer, text, boolean, date, timestamp, doublePrecision, index, uniqueIndex,
} from 'drizzle-orm/pg-core';
import { industrySections, ownershipTypes, unionStatuses } from '@lianxin/contracts';
import { ltree } from './types.ts';
import { regions } from './regions.ts';
import { orgs } from './orgs.ts';

/**
 * The enterprise registry. `orgId` is the union responsible for the enterprise: the union that covers it
 * (its own union first), otherwise the territorial union of its street; `orgPath` copies that union's path
 * so that scope checks and subtree counts are one indexed ltree test.
 */
export const enterprises = pgTable(
  'enterprises',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    creditCode: text('credit_code').notNull(),
    name: text('name').notNull(),
    /** pinyin initials of the name, lower case (e.g. "shlxkj" for 上海连心科技), for search */
    nameInitials: text('name_initials').notNull(),
    /** the name's search key (search_key(): NFKC, lower case, no spaces, brackets or dots): kept by the database */
    searchKey: text('search_key').notNull().generatedAlwaysAs(sql`search_key(name)`),
    /** uni- and bigrams of the search key and of the initials, GIN-indexed: any search of 1+ characters */
    searchGrams: text('search_grams').array().notNull().generatedAlwaysAs(sql`search_grams(search_key(name)) || search_grams(name_initials)`),
    ownership: text('ownership', { enum: ownershipTypes }).notNull(),
    dualReal: boolean('dual_real').notNull(),
    employeeCount: integer('employee_count').notNull(),
    industry: text('industry', { enum: industrySections }).notNull(),
    address: text('address').notNull().default(''),
    regionCode: text('region_code').notNull().references(() => regions.code),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    registeredOn: date('registered_on', { mode: 'string' }),
    openedOn: date('opened_on', { mode: 'string' }),
    unionStatus: text('union_status', { enum: unionStatuses }).notNull().default('none'),
    /** a 建会目标企业 under the current rule (settings 'coverage.targetRule'); kept by the writers and a daily refresh */
    isTarget: boolean('is_target').notNull().default(false),
    orgId: integer('org_id').notNull().references(() => orgs.id),
    orgPath: ltree('org_path').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('enterprises_credit_code_uq').on(t.creditCode),
    index('enterprises_org_path_gist').using('gist', t.orgPath),
    index('enterprises_org_idx').on(t.orgId),
    index('enterprises_region_idx').on(t.regionCode),
    // the campaign worklist: uncovered target enterprises, largest first
    index('enterprises_worklist_idx').on(t.employeeCount.desc(), t.id).where(sql`is_target and union_status = 'none'`),
    index('enterprises_search_grams_gin').using('gin', t.searchGrams),
    index('enterprises_search_key_idx').on(t.searchKey),
    // credit-code prefix search (LIKE 'X%' needs pattern ops under a non-C collation)
    index('enterprises_credit_code_prefix_idx').on(t.creditCode.op('text_pattern_ops')),
    // the list sorted by name (either direction): when a search matches thousands, walking the names in order
    // and testing each row stops after one page instead of sorting every match (docs/PERFORMANCE.md)
    index('enterprises_name_idx').on(t.name, t.id),
  ],
);
