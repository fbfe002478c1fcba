import { createHash, randomBytes } from 'node:crypto';
import { eq, lt, or, sql, type SQL } from 'drizzle-orm';
import type { ActorGrant } from '@lianxin/contracts';
import { type orgs, queryPrepared, sessions, type users, type Database } from '@lianxin/db';

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
export function userGrantsOf(userId: typeof users.id | SQL) {
  return sql<ActorGrant[]>`coalesce((select json_agg(json_build_object('kind', g.kind, 'orgId', g.org_id, 'orgPath', g.org_path::text)
                                      order by g.id) from user_grants g where g.user_id = ${userId}), '[]'::json)`;
}

interface SessionLookupRow {
  csrf_token: string;
  last_seen_at: string;
  user_id: number;
  username: string;
  display_name: string;
  role: (typeof users.$inferSelect)['role'];
  member_id: number | null;
  org_id: number;
  org_name: string;
  org_kind: (typeof orgs.$inferSelect)['kind'];
  region_code: string;
  org_path: string;
  grants: ActorGrant[];
}

/**
 * The live session of a cookie token: not past its 12 h cap, used within `idleMs`, of a user not disabled and —
 * for a member's account — of a membership still active (a member who has left is signed out at the next
 * request). Undefined otherwise. The same statement moves the idle clock of a session last seen more than a
 * minute ago (at most one write a minute per session): one round trip per request, not two.
 */
export async function findSession(db: Database, token: string, idleMs: number) {
  const now = Date.now();
  const [row] = await queryPrepared<SessionLookupRow>(db, sql`
    with s as (
      select s.token_hash, s.csrf_token, s.last_seen_at::text as last_seen_at, u.id as user_id, u.username, u.display_name, u.role,
             u.member_id, o.id as org_id, o.name as org_name, o.kind as org_kind, o.region_code, o.path::text as org_path,
             ${userGrantsOf(sql`u.id`)} as grants
        from sessions s join users u on u.id = s.user_id join orgs o on o.id = u.org_id left join members m on m.id = u.member_id
       where s.token_hash = ${sha256(token)} and s.expires_at > ${new Date(now).toISOString()}
         and s.last_seen_at > ${new Date(now - idleMs).toISOString()}
         and not u.disabled and (u.member_id is null or m.status = 'active')
    ), touched as (
      update sessions t set last_seen_at = now() from s
       where t.token_hash = s.token_hash and t.last_seen_at < ${new Date(now - SESSION_TOUCH_MS).toISOString()}
    )
    select csrf_token, last_seen_at, user_id, username, display_name, role, member_id, org_id, org_name, org_kind, region_code, org_path, grants from s`);
  if (!row) return undefined;
  return {
    csrfToken: row.csrf_token,
    lastSeenAt: row.last_seen_at,
    user: { id: row.user_id, username: row.username, displayName: row.display_name, role: row.role },
    memberId: row.member_id,
    org: { id: row.org_id, name: row.org_name, kind: row.org_kind, regionCode: row.region_code, path: row.org_path },
    grants: row.grants,
  };
}
export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSession>>>;

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
