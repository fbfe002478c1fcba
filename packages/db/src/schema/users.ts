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
    /** absolute end (12 h after sign-in), whatever the activity */
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
    /** last request seen, moved at most once a minute; a session idle longer than the idle timeout is over */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/**
 * Failed password sign-ins per account name, for the lockout (等保: lock after repeated failures). The key is a
 * keyed hash of the lower-cased name, so names that are no account are counted and locked the same way without
 * being stored in clear. In the database so a lock survives restarts and holds across server processes.
 */
export const loginThrottle = pgTable(
  'login_throttle',
  {
    accountKey: text('account_key').primaryKey(),
    /** failures in the current window */
    failures: integer('failures').notNull().default(0),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true, mode: 'string' }).notNull(),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true, mode: 'string' }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'string' }),
    /** locks in a row (each one twice as long as the one before), forgotten after a quiet day */
    lockCount: integer('lock_count').notNull().default(0),
  },
  (t) => [index('login_throttle_last_failure_idx').on(t.lastFailureAt)],
);
