import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { ActorGrant } from '@lianxin/contracts';
import { members, orgs, sessions, users, type Database } from '@lianxin/db';

/** The absolute cap: a session ends 12 h after sign-in however active it is. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** `last_seen_at` moves at most this often: a cheap sliding expiry, not a write on every request. */
export const SESSION_TOUCH_MS = 60 * 1000;

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

/**
 * The live session of a cookie token: not past its 12 h cap, used within `idleMs`, of a user not disabled and —
 * for a member's account — of a membership still active (a member who has left is signed out at the next
 * request). Undefined otherwise.
 */
export async function findSession(db: Database, token: string, idleMs: number) {
  const now = Date.now();
  const [row] = await db
    .select({
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
      user: { id: users.id, username: users.username, displayName: users.displayName, role: users.role },
      memberId: users.memberId,
      org: { id: orgs.id, name: orgs.name, kind: orgs.kind, regionCode: orgs.regionCode, path: orgs.path },
      grants: userGrantsOf(users.id),
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .leftJoin(members, eq(members.id, users.memberId))
    .where(
      and(
        eq(sessions.tokenHash, sha256(token)),
        gt(sessions.expiresAt, new Date(now).toISOString()),
        gt(sessions.lastSeenAt, new Date(now - idleMs).toISOString()),
        eq(users.disabled, false),
        or(isNull(users.memberId), eq(members.status, 'active')),
      ),
    );
  return row;
}
export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;

/** Moves the idle clock of a session last seen more than a minute ago (at most one write a minute per session). */
export async function touchSession(db: Database, token: string, lastSeenAt: string): Promise<void> {
  if (Date.now() - Date.parse(lastSeenAt) < SESSION_TOUCH_MS) return;
  await db
    .update(sessions)
    .set({ lastSeenAt: sql`now()` })
    .where(and(eq(sessions.tokenHash, sha256(token)), lt(sessions.lastSeenAt, new Date(Date.now() - SESSION_TOUCH_MS).toISOString())));
}

export async function deleteSession(db: Database, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
}

/** Deletes sessions past their cap or idle too long (they no longer open anything; this keeps the table small). */
export async function pruneSessions(db: Database, idleMs: number): Promise<number> {
  const now = Date.now();
  const gone = await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, new Date(now).toISOString()), lt(sessions.lastSeenAt, new Date(now - idleMs).toISOString())))
    .returning({ tokenHash: sessions.tokenHash });
  return gone.length;
}
