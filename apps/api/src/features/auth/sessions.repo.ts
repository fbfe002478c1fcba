import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { ActorGrant } from '@lianxin/contracts';
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

/** The duties granted to a user, as the actor carries them (one small indexed subquery). */
export function userGrantsOf(userId: typeof users.id) {
  return sql<ActorGrant[]>`coalesce((select json_agg(json_build_object('kind', g.kind, 'orgId', g.org_id, 'orgPath', g.org_path::text)
                                      order by g.id) from user_grants g where g.user_id = ${userId}), '[]'::json)`;
}

export async function findSession(db: Database, token: string) {
  const [row] = await db
    .select({
      csrfToken: sessions.csrfToken,
      user: { id: users.id, username: users.username, displayName: users.displayName, role: users.role },
      memberId: users.memberId,
      org: { id: orgs.id, name: orgs.name, kind: orgs.kind, regionCode: orgs.regionCode, path: orgs.path },
      grants: userGrantsOf(users.id),
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
