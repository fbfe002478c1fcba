import { timingSafeEqual } from 'node:crypto';
import type { AppKeys } from '../../security/keys.ts';

/**
 * How long a QR token on the e-card verifies, in seconds. Short, so a screenshot or a photo of someone's card is
 * useless a minute and a half later; the H5 page fetches a new token before this runs out.
 */
export const CARD_TOKEN_TTL_S = 90;

export interface CardClaims {
  /** member id */
  m: number;
  /** card number */
  c: string;
  /** card version: revocation bumps it */
  v: number;
  /** expiry, epoch seconds */
  e: number;
}

/**
 * base64url(JSON claims) + "." + HMAC-SHA256 — what the e-card's QR code carries; `expiresAt` (epoch seconds)
 * becomes claim `e`.
 */
export function signCardToken(keys: AppKeys, claims: Omit<CardClaims, 'e'>, expiresAt: number): string {
  const body = Buffer.from(JSON.stringify({ ...claims, e: expiresAt })).toString('base64url');
  return `${body}.${keys.sign(body)}`;
}

export type CardTokenCheck =
  | { ok: true; claims: CardClaims }
  | { ok: false; reason: 'expired'; claims: CardClaims }
  | { ok: false; reason: 'forged' };

/**
 * Checks a token at `now` (epoch ms): `forged` for anything altered, signed with another key, malformed or
 * without an expiry (the tokens of before expiry existed), `expired` once `now` reaches claim `e` (with the
 * genuine claims, so the refusal can be audited against the member).
 */
export function checkCardToken(keys: AppKeys, token: string, now: number): CardTokenCheck {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return { ok: false, reason: 'forged' };
  const expected = Buffer.from(keys.sign(body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'forged' };
  let claims: Partial<CardClaims>;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<CardClaims>;
  } catch {
    return { ok: false, reason: 'forged' };
  }
  if (typeof claims.m !== 'number' || typeof claims.c !== 'string' || typeof claims.v !== 'number' || typeof claims.e !== 'number') {
    return { ok: false, reason: 'forged' };
  }
  const genuine = { m: claims.m, c: claims.c, v: claims.v, e: claims.e };
  if (now >= claims.e * 1000) return { ok: false, reason: 'expired', claims: genuine };
  return { ok: true, claims: genuine };
}
