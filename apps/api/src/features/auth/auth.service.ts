import { eq } from 'drizzle-orm';
import { orgs, users, type Database } from '@lianxin/db';
import type { SessionUser } from '@lianxin/contracts';
import type { LockoutPolicy } from '../../config.ts';
import { AppError } from '../../errors.ts';
import type { AppKeys } from '../../security/keys.ts';
import { cityOrgPath, recordAudit } from '../audit/audit.repo.ts';
import { afterFailure, isLocked } from './login-lockout.ts';
import { clearLockout, readLockout, updateLockout } from './login-throttle.repo.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';
import { createSession, userGrantsOf, type SessionRow } from './sessions.repo.ts';

export function toSessionUser(row: Pick<SessionRow, 'user' | 'org' | 'grants'>): SessionUser {
  const { id, name, kind, regionCode } = row.org;
  return { ...row.user, org: { id, name, kind, regionCode }, grants: row.grants };
}

export interface LoginDeps {
  db: Database;
  keys: AppKeys;
  lockout: LockoutPolicy;
  /** the clock (epoch ms); tests move it */
  now?: () => number;
}

/** Why a sign-in failed, as the audit log records it (the answer to the client is always the same 401). */
type FailureReason = 'wrong_password' | 'unknown_user' | 'disabled' | 'locked';

/**
 * Checks the password and opens a session. Every failure — wrong password, unknown name, disabled account, or a
 * name under lockout even with the right password — is the same 401 after the same argon2 work, is counted
 * against the lower-cased name (`keys.accountKey`, so unknown names lock alike) and is audit-logged; the failure
 * that starts a lock also appends `login_locked`. Unknown names are audited under the city's path with a prefix
 * of their keyed hash, never in clear (people type passwords into the name field). Rule: `login-lockout.ts`.
 */
export async function login(deps: LoginDeps, username: string, password: string, ip: string) {
  const { db, keys } = deps;
  const now = deps.now?.() ?? Date.now();
  const accountKey = keys.accountKey(username);
  const [lockout, [row]] = await Promise.all([
    readLockout(db, accountKey),
    db
      .select({
        user: { id: users.id, username: users.username, displayName: users.displayName, role: users.role },
        passwordHash: users.passwordHash,
        disabled: users.disabled,
        org: { id: orgs.id, name: orgs.name, kind: orgs.kind, regionCode: orgs.regionCode, path: orgs.path },
        grants: userGrantsOf(users.id),
      })
      .from(users)
      .innerJoin(orgs, eq(orgs.id, users.orgId))
      .where(eq(users.username, username)),
  ]);

  const locked = isLocked(lockout, now);
  // the same argon2 work whether the name exists, is locked or not
  const passwordOk = await verifyPassword(row?.passwordHash ?? (await dummyPasswordHash()), password);
  const reason: FailureReason | null = locked ? 'locked' : !row ? 'unknown_user' : !passwordOk ? 'wrong_password' : row.disabled ? 'disabled' : null;

  if (reason !== null || !row) {
    await recordFailure(deps, now, accountKey, reason ?? 'unknown_user', row ? { userId: row.user.id, orgPath: row.org.path } : null, ip);
    throw new AppError('invalid_credentials', 401);
  }
  if (lockout) await clearLockout(db, accountKey);
  const session = await createSession(db, row.user.id);
  await recordAudit(db, { userId: row.user.id, username: row.user.username }, ip, {
    action: 'login', objectType: 'user', objectId: row.user.id, orgPath: row.org.path,
  });
  return { ...session, user: toSessionUser(row) };
}

/** Counts one failure and audits it (and the lock it may start) in one transaction. */
async function recordFailure(
  deps: LoginDeps,
  now: number,
  accountKey: string,
  reason: FailureReason,
  account: { userId: number; orgPath: string } | null,
  ip: string,
): Promise<void> {
  const orgPath = account?.orgPath ?? (await cityOrgPath(deps.db));
  const object = account
    ? { objectType: 'user', objectId: account.userId }
    : { objectType: 'user', objectId: null, account: accountKey.slice(0, 12) };
  await deps.db.transaction(async (tx) => {
    const result = await updateLockout(tx, accountKey, now, (state) => afterFailure(state, now, deps.lockout));
    const detail: Record<string, unknown> = { reason };
    // failures counted in the window so far (an attempt refused during a lock is not counted)
    if (result.counted) detail.failures = result.lockedNow ? deps.lockout.maxFailures : result.state.failures;
    if ('account' in object) detail.account = object.account;
    await recordAudit(tx, null, ip, { action: 'login_failed', objectType: object.objectType, objectId: object.objectId, orgPath, detail });
    if (result.lockedNow && result.state.lockedUntil !== null) {
      await recordAudit(tx, null, ip, {
        action: 'login_locked', objectType: object.objectType, objectId: object.objectId, orgPath,
        detail: {
          ...('account' in object ? { account: object.account } : {}),
          lockedUntil: new Date(result.state.lockedUntil).toISOString(),
          minutes: Math.round((result.state.lockedUntil - now) / 60_000),
          lockCount: result.state.lockCount,
        },
      });
    }
  });
}
