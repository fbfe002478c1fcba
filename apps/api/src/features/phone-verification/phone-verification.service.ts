import { randomInt } from 'node:crypto';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { otpCodes, queryRows, type Database, type Tx } from '@lianxin/db';
import { fieldError, rateLimited } from '../../errors.ts';
import type { AppKeys } from '../../security/keys.ts';
import type { SmsTemplate } from '../notifications/outbox.ts';

/**
 * One-time codes sent to a phone, for a purpose: `sign_in` (a member signs in; single use), `application`
 * (an applicant proves the phone is theirs; the code verifies the phone for its lifetime, so a retried submit with
 * the same code finds the first application) and `service_request` (a requester on the H5 without an account; like
 * `application`). One machinery, one set of limits for every purpose.
 */
export type CodePurpose = 'sign_in' | 'application' | 'service_request';

export const CODE_TTL_MS = 5 * 60 * 1000;
/** one code a minute and five an hour per phone and purpose; five wrong tries spend a code */
export const CODE_RESEND_MS = 60 * 1000;
export const CODES_PER_HOUR = 5;
export const CODE_MAX_ATTEMPTS = 5;

const smsTemplate: Record<CodePurpose, SmsTemplate> = { sign_in: 'otp', application: 'application_code', service_request: 'request_code' };

/** Per-address-and-number request cap for the code routes (the service adds the per-number limits). */
export function perPhoneRateLimit(max: number) {
  return {
    rateLimit: {
      max,
      timeWindow: 60_000,
      keyGenerator: (request: { ip: string; body?: unknown }) => `${request.ip}|${(request.body as { phone?: string } | undefined)?.phone ?? ''}`,
    },
  };
}

/** Who asked for a code and how many codes one address may have an hour (config `smsCodesPerAddressPerHour`). */
export interface CodeRequester {
  /** the client address as Fastify resolved it (`request.ip`: TRUST_PROXY decides whether a proxy may report it) */
  address: string;
  codesPerAddressPerHour: number;
}

/**
 * Issues a code for `phone`. `send` says whether an SMS goes out (sign-in sends only to members, so the answer is
 * the same for every number); the code is stored either way, so the limits are too. Limits, all over the last
 * hour: one code a minute and {@link CODES_PER_HOUR} per phone and purpose, and `codesPerAddressPerHour` per
 * client address across numbers and purposes (one address cannot send codes to thousands of phones). Past a limit:
 * 429 with `Retry-After` (seconds until the oldest counted code leaves the hour, or the minute has passed); the
 * address limit says so in its message (`otp.addressLimit`). The address is stored as a blind index, never in clear.
 */
export async function issueCode(
  db: Database,
  keys: AppKeys,
  phone: string,
  purpose: CodePurpose,
  requester: CodeRequester,
  send: (db: Database) => Promise<boolean> | boolean = () => true,
): Promise<void> {
  const phoneHash = keys.blindIndex(phone);
  const addressHash = keys.blindIndex(`address:${requester.address}`);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const sending = await send(db);
  const now = Date.now();
  const hourAgo = new Date(now - 3600_000).toISOString();
  // one statement: the limits checked and the code (and its SMS) written only when they allow it
  const [result] = await queryRows<{ id: number | null; phoneCount: number; phoneFirstMs: number | null; phoneLastMs: number | null; addressCount: number; addressFirstMs: number | null }>(db, sql`
    with recent as (
      select count(*)::int as n, min(created_at) as first, max(created_at) as last from otp_codes
       where phone_hash = ${phoneHash} and purpose = ${purpose} and created_at > ${hourAgo}::timestamptz
    ), by_address as (
      select count(*)::int as n, min(created_at) as first from otp_codes
       where address_hash = ${addressHash} and created_at > ${hourAgo}::timestamptz
    ), code as (
      insert into otp_codes (phone_hash, purpose, code_hash, expires_at, address_hash)
      select ${phoneHash}, ${purpose}, ${keys.otpHash(phoneHash, code)}, ${new Date(now + CODE_TTL_MS).toISOString()}::timestamptz, ${addressHash}
        from recent, by_address
       where recent.n < ${CODES_PER_HOUR} and (recent.last is null or recent.last <= ${new Date(now - CODE_RESEND_MS).toISOString()}::timestamptz)
         and by_address.n < ${requester.codesPerAddressPerHour}
      returning id
    ), sms as (
      insert into notifications (channel, recipient_enc, template, params)
      select 'sms', ${sending ? keys.cipher.encrypt(phone) : ''}, ${smsTemplate[purpose]}, ${JSON.stringify({ code })}::jsonb
        from code where ${sending}::boolean
    )
    select (select id from code) as id, recent.n as "phoneCount",
           (extract(epoch from recent.first) * 1000)::float8 as "phoneFirstMs", (extract(epoch from recent.last) * 1000)::float8 as "phoneLastMs",
           by_address.n as "addressCount", (extract(epoch from by_address.first) * 1000)::float8 as "addressFirstMs"
      from recent, by_address`);
  if (!result) throw new Error('the code statement answers one row (its aggregates)');
  if (result.id !== null) return;
  // refused: how long until the limit that refused lets a code through again
  const secondsUntil = (sinceMs: number | null, afterMs: number) => (sinceMs === null ? 1 : (sinceMs + afterMs - now) / 1000);
  if (result.addressCount >= requester.codesPerAddressPerHour) {
    const wait = secondsUntil(result.addressFirstMs, 3600_000);
    throw rateLimited(wait, 'otp.addressLimit', { minutes: Math.max(1, Math.ceil(wait / 60)) });
  }
  const untilHour = result.phoneCount >= CODES_PER_HOUR ? secondsUntil(result.phoneFirstMs, 3600_000) : 0;
  throw rateLimited(Math.max(untilHour, secondsUntil(result.phoneLastMs, CODE_RESEND_MS)));
}

/**
 * Checks `code` against the phone's latest live code for the purpose. A wrong code counts a try; `singleUse`
 * spends the code (only the request that marks it used wins). Returns whether the code holds.
 */
export async function verifyCode(
  db: Database | Tx,
  keys: AppKeys,
  phone: string,
  purpose: CodePurpose,
  code: string,
  options: { singleUse: boolean },
): Promise<boolean> {
  const phoneHash = keys.blindIndex(phone);
  const [otp] = await db
    .select({ id: otpCodes.id, codeHash: otpCodes.codeHash, attempts: otpCodes.attempts })
    .from(otpCodes)
    .where(and(
      eq(otpCodes.phoneHash, phoneHash), eq(otpCodes.purpose, purpose), gt(otpCodes.expiresAt, new Date().toISOString()),
      options.singleUse ? isNull(otpCodes.usedAt) : undefined,
    ))
    .orderBy(desc(otpCodes.id))
    .limit(1);
  return checkCodeRow(db, keys, phone, code, otp ?? null, options);
}

/** The latest live code row as a combined read returns it (see {@link verifyCode}). */
export interface CodeRow {
  id: number;
  codeHash: string;
  attempts: number;
}

/** The second half of {@link verifyCode}, for callers that read the code row in a query of their own. */
export async function checkCodeRow(
  db: Database | Tx,
  keys: AppKeys,
  phone: string,
  code: string,
  otp: CodeRow | null,
  options: { singleUse: boolean },
): Promise<boolean> {
  if (!otp || otp.attempts >= CODE_MAX_ATTEMPTS) return false;
  if (otp.codeHash !== keys.otpHash(keys.blindIndex(phone), code)) {
    await db.update(otpCodes).set({ attempts: sql`${otpCodes.attempts} + 1` }).where(eq(otpCodes.id, otp.id));
    return false;
  }
  if (!options.singleUse) return true;
  const used = await db
    .update(otpCodes)
    .set({ usedAt: sql`now()` })
    .where(and(eq(otpCodes.id, otp.id), isNull(otpCodes.usedAt)))
    .returning({ id: otpCodes.id });
  return used.length > 0;
}

/** A 400 on the field `phoneCode`: missing, wrong or expired. */
export const phoneCodeInvalid = () => fieldError('phoneCode', 'otp.invalid');
