import { and, desc, eq } from 'drizzle-orm';
import { members, orgs, users, type Database } from '@lianxin/db';
import { AppError } from '../../errors.ts';
import type { AppKeys } from '../../security/keys.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { toSessionUser } from '../auth/auth.service.ts';
import { createSession, userGrantsOf } from '../auth/sessions.repo.ts';
import { issueCode, verifyCode, type CodeRequester } from '../phone-verification/phone-verification.service.ts';

/**
 * Issues a one-time sign-in code. The answer is the same whether or not the phone belongs to a member ("if this
 * number can sign in, a code is on its way"); only members get an SMS. Limits: phone-verification.service.ts.
 */
export async function requestOtp(db: Database, keys: AppKeys, phone: string, requester: CodeRequester): Promise<void> {
  const phoneHash = keys.blindIndex(phone);
  await issueCode(db, keys, phone, 'sign_in', requester, async (db) => {
    const [member] = await db
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.phoneHash, phoneHash), eq(members.status, 'active')))
      .limit(1);
    return member !== undefined;
  });
}

/** Checks the latest code (single use, expiring, 5 tries) and opens a member session. */
export async function loginWithOtp(db: Database, keys: AppKeys, phone: string, code: string, ip: string) {
  const phoneHash = keys.blindIndex(phone);
  const invalid = () => new AppError('invalid_credentials', 401, 'otp.invalid', {}, { code: 'otp.invalid' });
  if (!(await verifyCode(db, keys, phone, 'sign_in', code, { singleUse: true }))) throw invalid();
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
