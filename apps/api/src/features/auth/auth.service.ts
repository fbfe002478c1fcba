import { eq } from 'drizzle-orm';
import { orgs, users, type Database } from '@lianxin/db';
import type { SessionUser } from '@lianxin/contracts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';
import { createSession, userGrantsOf, type SessionRow } from './sessions.repo.ts';

export function toSessionUser(row: Pick<SessionRow, 'user' | 'org' | 'grants'>): SessionUser {
  const { id, name, kind, regionCode } = row.org;
  return { ...row.user, org: { id, name, kind, regionCode }, grants: row.grants };
}

/** Checks the password and opens a session; a wrong name or password is the same 401. */
export async function login(db: Database, username: string, password: string, ip: string) {
  const [row] = await db
    .select({
      user: { id: users.id, username: users.username, displayName: users.displayName, role: users.role },
      passwordHash: users.passwordHash,
      disabled: users.disabled,
      org: { id: orgs.id, name: orgs.name, kind: orgs.kind, regionCode: orgs.regionCode, path: orgs.path },
      grants: userGrantsOf(users.id),
    })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(eq(users.username, username));

  const ok = await verifyPassword(row?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!row || !ok || row.disabled) {
    if (row) {
      await recordAudit(db, null, ip, {
        action: 'login_failed', objectType: 'user', objectId: row.user.id, orgPath: row.org.path,
      });
    }
    throw new AppError('invalid_credentials', 401);
  }
  const session = await createSession(db, row.user.id);
  await recordAudit(db, { userId: row.user.id, username: row.user.username }, ip, {
    action: 'login', objectType: 'user', objectId: row.user.id, orgPath: row.org.path,
  });
  return { ...session, user: toSessionUser(row) };
}
