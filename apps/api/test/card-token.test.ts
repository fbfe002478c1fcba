import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signCardToken, verifyCardToken } from '../src/features/cards/card-token.ts';
import { deriveKeys } from '../src/security/keys.ts';

const keys = deriveKeys(randomBytes(32));

describe('card tokens', () => {
  const claims = { m: 7, c: '3100000000000077', v: 1 };
  it('verifies its own signature', () => {
    expect(verifyCardToken(keys, signCardToken(keys, claims))).toEqual(claims);
  });
  it('refuses altered, re-signed or malformed tokens', () => {
    const token = signCardToken(keys, claims);
    const [body, signature] = token.split('.') as [string, string];
    const forgedBody = Buffer.from(JSON.stringify({ ...claims, m: 8 })).toString('base64url');
    expect(verifyCardToken(keys, `${forgedBody}.${signature}`)).toBeNull();
    const altered = signature.slice(0, -1) + (signature.endsWith('A') ? 'B' : 'A');
    expect(verifyCardToken(keys, `${body}.${altered}`)).toBeNull();
    expect(verifyCardToken(deriveKeys(randomBytes(32)), token)).toBeNull();
    expect(verifyCardToken(keys, 'not-a-token')).toBeNull();
    expect(verifyCardToken(keys, `${token}.x`)).toBeNull();
  });
  it('derives distinct keys per purpose', () => {
    expect(keys.blindIndex('13800000000')).not.toBe(keys.sign('13800000000'));
    expect(keys.blindIndex(' 11010519491231002x')).toBe(keys.blindIndex('11010519491231002X'));
  });
});
