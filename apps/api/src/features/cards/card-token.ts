import { timingSafeEqual } from 'node:crypto';
import type { AppKeys } from '../../security/keys.ts';

export interface CardClaims {
  /** member id */
  m: number;
  /** card number */
  c: string;
  /** card version: revocation bumps it */
  v: number;
}

/** base64url(JSON claims) + "." + HMAC-SHA256 — what the e-card's QR code carries. */
export function signCardToken(keys: AppKeys, claims: CardClaims): string {
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${keys.sign(body)}`;
}

/** The claims of a genuine token, or null for anything forged, altered or malformed. */
export function verifyCardToken(keys: AppKeys, token: string): CardClaims | null {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(keys.sign(body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<CardClaims>;
    if (typeof claims.m !== 'number' || typeof claims.c !== 'string' || typeof claims.v !== 'number') return null;
    return { m: claims.m, c: claims.c, v: claims.v };
  } catch {
    return null;
  }
}
