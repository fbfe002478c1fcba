import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CARD_TOKEN_TTL_S, checkCardToken, signCardToken } from '../src/features/cards/card-token.ts';
import { deriveKeys } from '../src/security/keys.ts';

const keys = deriveKeys(randomBytes(32));
/** a fixed clock: 2026-03-01T08:00:00Z */
const issuedAt = Date.UTC(2026, 2, 1, 8, 0, 0);
const expiresAt = issuedAt / 1000 + CARD_TOKEN_TTL_S;

describe('card tokens', () => {
  const claims = { m: 7, c: '3100000000000077', v: 1 };
  const token = signCardToken(keys, claims, expiresAt);

  it('verifies its own signature until the expiry, and not from the expiry on', () => {
    expect(CARD_TOKEN_TTL_S).toBeGreaterThanOrEqual(60);
    expect(CARD_TOKEN_TTL_S).toBeLessThanOrEqual(120);
    for (const at of [issuedAt, issuedAt + 1, issuedAt + (CARD_TOKEN_TTL_S - 1) * 1000, expiresAt * 1000 - 1]) {
      expect(checkCardToken(keys, token, at), `at +${at - issuedAt} ms`).toEqual({ ok: true, claims: { ...claims, e: expiresAt } });
    }
    for (const at of [expiresAt * 1000, expiresAt * 1000 + 1, issuedAt + 3600_000, issuedAt + 365 * 86_400_000]) {
      expect(checkCardToken(keys, token, at), `at +${at - issuedAt} ms`).toEqual({ ok: false, reason: 'expired', claims: { ...claims, e: expiresAt } });
    }
  });

  it('refuses altered, re-signed, malformed and expiry-less tokens as forged', () => {
    const [body, signature] = token.split('.') as [string, string];
    const reencode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const forgeries = [
      `${reencode({ ...claims, m: 8, e: expiresAt })}.${signature}`,
      // a longer life with the old signature
      `${reencode({ ...claims, e: expiresAt + 86_400 })}.${signature}`,
      `${body}.${signature.slice(0, -1) + (signature.endsWith('A') ? 'B' : 'A')}`,
      'not-a-token',
      `${token}.x`,
      `${body}.`,
      `.${signature}`,
      // validly signed, but no expiry (as the tokens issued before expiry existed) or a wrong type
      `${reencode(claims)}.${keys.sign(reencode(claims))}`,
      `${reencode({ ...claims, e: String(expiresAt) })}.${keys.sign(reencode({ ...claims, e: String(expiresAt) }))}`,
      `${Buffer.from('{not json').toString('base64url')}.${keys.sign(Buffer.from('{not json').toString('base64url'))}`,
    ];
    for (const forged of forgeries) expect(checkCardToken(keys, forged, issuedAt), forged).toEqual({ ok: false, reason: 'forged' });
    expect(checkCardToken(deriveKeys(randomBytes(32)), token, issuedAt)).toEqual({ ok: false, reason: 'forged' });
  });

  it('derives distinct keys per purpose', () => {
    expect(keys.blindIndex('13800000000')).not.toBe(keys.sign('13800000000'));
    expect(keys.blindIndex(' 11010519491231002x')).toBe(keys.blindIndex('11010519491231002X'));
    expect(keys.accountKey(' Demo-City ')).toBe(keys.accountKey('demo-city'));
    expect(keys.accountKey('demo-city')).not.toBe(keys.sign('demo-city'));
  });
});
