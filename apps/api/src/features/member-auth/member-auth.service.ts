import { randomInt } from 'node:crypto';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { members, orgs, otpCodes, users, type Database } from '@lianxin/db';
import { AppError } from '../../errors.ts';
import type { AppKeys } from '../../security/keys.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { toSessionUser } from '../auth/auth.service.ts';
import { createSession, userGrantsOf } from '../auth/sessions.repo.ts';
import { enqueueSms } from '../notifications/outbox.ts';

export const OTP_TTL_MS = 5 * 60 * 1000;
const OTP_RESEND_MS = 60 * 1000;
const OTP_PER_HOUR = 5;
const OTP_MAX_ATTEMPTS = 5;

/**
 * Issues a one-time code for a member's phone. The answer is the same whether or not the phone belongs to a
 * member (no membership lookup from outside); only members get an SMS. Limited to one a minute, five an hour.
 */
export async function requestOtp(db: Database, keys: AppKeys, phone: string): Promise<void> {
  const phoneHash = keys.blindIndex(phone);
  const recent = await db
    .select({ createdAt: otpCodes.createdAt })
    .from(otpCodes)
    .where(and(eq(otpCodes.phoneHash, phoneHash), gt(otpCodes.createdAt, new Date(Date.now() - 3600_000).toISOString())))
    .orderBy(desc(otpCodes.createdAt));
  const last = recent[0];
  if (recent.length >= OTP_PER_HOUR || (last && Date.now() - Date.parse(last.createdAt) < OTP_RESEND_MS)) {
    throw new AppError('rate_limited', 429);
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const [member] = await db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.phoneHash, phoneHash), eq(members.status, 'active')))
    .limit(1);
  await db.transaction(async (tx) => {
    await tx.insert(otpCodes).values({
      phoneHash, codeHash: keys.otpHash(phoneHash, code), expiresAt: new Date(Date.now() + OTP_TTL_MS).toISOString(),
    });
    if (member) await enqueueSms(tx, keys.cipher, phone, 'otp', { code });
  });
}

/** Checks the latest code (single use, expiring, 5 tries) and opens a member session. */
export async function loginWithOtp(db: Database, keys: AppKeys, phone: string, code: string, ip: string) {
  const phoneHash = keys.blindIndex(phone);
  const [otp] = await db
    .select()
    .from(otpCodes)
    .where(and(eq(otpCodes.phoneHash, phoneHash), isNull(otpCodes.usedAt), gt(otpCodes.expiresAt, new Date().toISOString())))
    .orderBy(desc(otpCodes.id))
    .limit(1);
  const invalid = () => new AppError('invalid_credentials', 401, 'otp.invalid', {}, { code: 'otp.invalid' });
  if (!otp || otp.attempts >= OTP_MAX_ATTEMPTS) throw invalid();
  if (otp.codeHash !== keys.otpHash(phoneHash, code)) {
    await db.update(otpCodes).set({ attempts: sql`${otpCodes.attempts} + 1` }).where(eq(otpCodes.id, otp.id));
    throw invalid();
  }
  // single use: only the request that flips used_at wins
  const used = await db
    .update(otpCodes)
    .set({ usedAt: sql`now()` })
    .where(and(eq(otpCodes.id, otp.id), isNull(otpCodes.usedAt)))
    .returning({ id: otpCodes.id });
  if (used.length === 0) throw invalid();
  const [member] = await db
    .select({ id: members.id, name: members.name, orgId: members.orgId, orgPath: members.orgPath })
    .from(members)
    .where(and(eq(members.phoneHash, phoneHash), eq(members.status, 'active')))
    .orderBy(desc(members.id))
    .limit(1);
  if (!member) throw invalid();

  // the member's account is created at first sign-in and follows the membership's union
  await db
    .insert(users)
    .values({ username: `member-${member.id}`, displayName: member.name, passwordHash: '!', role: 'member', orgId: member.orgId, memberId: member.id })
    .onConflictDoUpdate({ target: users.memberId, set: { orgId: member.orgId, displayName: member.name } });
  const [account] = await db
    .select({
      user: { id: users.id, username: users.username, displayName: users.displayName, role: users.role },
      org: { id: orgs.id, name: orgs.name, kind: orgs.kind, regionCode: orgs.regionCode, path: orgs.path },
      grants: userGrantsOf(users.id),
    })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(eq(users.memberId, member.id));
  if (!account) throw invalid();
  const session = await createSession(db, account.user.id);
  await recordAudit(db, { userId: account.user.id, username: account.user.username }, ip, {
    action: 'login', objectType: 'member', objectId: member.id, orgPath: member.orgPath,
  });
  return { ...session, user: toSessionUser(account) };
}
