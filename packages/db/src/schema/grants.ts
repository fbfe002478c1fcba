import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { grantKinds } from '@lianxin/contracts';
import { orgs } from './orgs.ts';
import { ltree } from './types.ts';
import { users } from './users.ts';

/**
 * Duties granted to a user at an organisation, beside their role (contracts' capabilities module): unit head,
 * proposal committee, joint council, checker, assessor. A grant holds at the unit and its subtree. `orgPath` is
 * the unit's path (live: a move rewrites it), so "who may act here" is one ltree test.
 */
export const userGrants = pgTable(
  'user_grants',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    userId: integer('user_id').notNull().references(() => users.id),
    orgId: integer('org_id').notNull().references(() => orgs.id),
    orgPath: ltree('org_path').notNull(),
    kind: text('kind', { enum: grantKinds }).notNull(),
    grantedBy: integer('granted_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('user_grants_uq').on(t.userId, t.orgId, t.kind),
    index('user_grants_org_path_gist').using('gist', t.orgPath),
  ],
);
