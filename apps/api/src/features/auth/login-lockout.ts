/**
 * The sign-in lockout rule (等保 2.0 三级 "登录失败处理", DOMAIN.md §8: limit failed attempts and lock), as pure functions of a
 * counter state and a clock, so the rule is tested without waiting. Times are epoch milliseconds.
 *
 * - `maxFailures` failures within `windowMs` of the window's first failure lock the account name;
 * - the first lock lasts `lockMs`, each further lock in a row twice the one before, at most `maxLockMs`;
 * - attempts during a lock are refused and not counted (a lock never lengthens itself), and once it ends a new
 *   window begins;
 * - a day without failures after the last lock ended forgets the locks in a row; a successful sign-in forgets
 *   everything (the caller deletes the state).
 */
import type { LockoutPolicy } from '../../config.ts';

export interface LockoutState {
  failures: number;
  windowStartedAt: number;
  lastFailureAt: number;
  lockedUntil: number | null;
  lockCount: number;
}

const QUIET_DAY_MS = 24 * 60 * 60 * 1000;

/** True while a lock holds at `now`. */
export function isLocked(state: LockoutState | undefined, now: number): boolean {
  return state?.lockedUntil != null && state.lockedUntil > now;
}

/** How long the n-th lock in a row lasts (n ≥ 1), in ms. */
export function lockDuration(policy: LockoutPolicy, n: number): number {
  return Math.min(policy.lockMs * 2 ** Math.max(0, n - 1), policy.maxLockMs);
}

/**
 * The state after one more failure at `now` (state undefined: the first failure of this name). `lockedNow` is
 * true when this failure started a lock; `counted` is false for an attempt refused during a lock.
 */
export function afterFailure(
  state: LockoutState | undefined,
  now: number,
  policy: LockoutPolicy,
): { state: LockoutState; lockedNow: boolean; counted: boolean } {
  if (state && isLocked(state, now)) return { state: { ...state, lastFailureAt: now }, lockedNow: false, counted: false };
  // quiet since the last failure and the end of the last lock: the row of locks is forgotten
  const lockCount = state && now - Math.max(state.lastFailureAt, state.lockedUntil ?? 0) < QUIET_DAY_MS ? state.lockCount : 0;
  const freshWindow = !state || state.lockedUntil !== null || now - state.windowStartedAt >= policy.windowMs;
  const failures = freshWindow ? 1 : state.failures + 1;
  const windowStartedAt = freshWindow ? now : state.windowStartedAt;
  if (failures >= policy.maxFailures) {
    const count = lockCount + 1;
    return {
      state: { failures: 0, windowStartedAt, lastFailureAt: now, lockedUntil: now + lockDuration(policy, count), lockCount: count },
      lockedNow: true,
      counted: true,
    };
  }
  return { state: { failures, windowStartedAt, lastFailureAt: now, lockedUntil: null, lockCount }, lockedNow: false, counted: true };
}
