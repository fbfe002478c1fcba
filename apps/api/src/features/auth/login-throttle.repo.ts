import { eq, sql } from 'drizzle-orm';
import { loginThrottle, type Database, type Tx } from '@lianxin/db';
import type { LockoutState } from './login-lockout.ts';

type Row = typeof loginThrottle.$inferSelect;

const toState = (row: Row): LockoutState => ({
  failures: row.failures,
  windowStartedAt: Date.parse(row.windowStartedAt),
  lastFailureAt: Date.parse(row.lastFailureAt),
  lockedUntil: row.lockedUntil === null ? null : Date.parse(row.lockedUntil),
  lockCount: row.lockCount,
});

const toRow = (state: LockoutState) => ({
  failures: state.failures,
  windowStartedAt: new Date(state.windowStartedAt).toISOString(),
  lastFailureAt: new Date(state.lastFailureAt).toISOString(),
  lockedUntil: state.lockedUntil === null ? null : new Date(state.lockedUntil).toISOString(),
  lockCount: state.lockCount,
});

/** The counter of one account key (undefined: no failures remembered). */
export async function readLockout(db: Database | Tx, accountKey: string): Promise<LockoutState | undefined> {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.accountKey, accountKey));
  return row ? toState(row) : undefined;
}

/**
 * Reads the counter locked FOR UPDATE inside the caller's transaction (creating an empty one first, so even the
 * first failures of a name, arriving at once from several processes, queue on one row), lets `next` compute the
 * new state and writes it.
 */
export async function updateLockout<T extends { state: LockoutState }>(
  tx: Tx,
  accountKey: string,
  now: number,
  next: (state: LockoutState) => T,
): Promise<T> {
  const at = new Date(now).toISOString();
  await tx.insert(loginThrottle).values({ accountKey, windowStartedAt: at, lastFailureAt: at }).onConflictDoNothing();
  const [row] = await tx.select().from(loginThrottle).where(eq(loginThrottle.accountKey, accountKey)).for('update');
  if (!row) throw new Error('login_throttle row vanished inside its transaction');
  const result = next(toState(row));
  await tx.update(loginThrottle).set(toRow(result.state)).where(eq(loginThrottle.accountKey, accountKey));
  return result;
}

/** A successful sign-in forgets the name's failures and locks. */
export async function clearLockout(db: Database | Tx, accountKey: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.accountKey, accountKey));
}

/**
 * Forgets counters quiet for a day after their last failure and the end of their last lock — what the rule
 * forgets anyway (login-lockout.ts) — so the failures of random names do not pile up.
 */
export async function pruneLockouts(db: Database, now: number): Promise<number> {
  const dayAgo = new Date(now - 24 * 60 * 60 * 1000).toISOString();
  const gone = await db
    .delete(loginThrottle)
    .where(sql`greatest(${loginThrottle.lastFailureAt}, coalesce(${loginThrottle.lockedUntil}, ${loginThrottle.lastFailureAt})) < ${dayAgo}`)
    .returning({ key: loginThrottle.accountKey });
  return gone.length;
}
