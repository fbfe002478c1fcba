import { pgTable, integer, text, timestamp, boolean, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { roles } from '@lianxin/contracts';
import { orgs } from './orgs.ts';

export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    /** argon2id PHC string */
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: roles }).notNull(),
    orgId: integer('org_id').notNull().references(() => orgs.id),
    /** set for member accounts (role member): the membership they sign in to */
    memberId: integer('member_id'),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_username_uq').on(t.username),
    index('users_org_idx').on(t.orgId),
    uniqueIndex('users_member_uq').on(t.memberId),
  ],
);

/** Server-side sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);
