import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import { orgs, sessions, users, type Database } from '@lianxin/db';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Database, userId: number): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.insert(sessions).values({
    tokenHash: sha256(token),
    userId,
    csrfToken,
    expiresAt: new Date(Date.now() + SESSION_TTL_MS).toISOString(),
  });
  return { token, csrfToken };
}

export async function findSession(db: Database, token: string) {
  const [row] = await db
    .select({
      csrfToken: sessions.csrfToken,
      user: { id: users.id, username: users.username, displayName: users.displayName, role: users.role },
      memberId: users.memberId,
      org: { id: orgs.id, name: orgs.name, kind: orgs.kind, regionCode: orgs.regionCode, path: orgs.path },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(and(eq(sessions.tokenHash, sha256(token)), gt(sessions.expiresAt, new Date().toISOString()), eq(users.disabled, false)));
  return row;
}
export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;

export async function deleteSession(db: Database, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
}
