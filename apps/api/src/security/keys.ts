import { createHmac, hkdfSync } from 'node:crypto';
import { PiiCipher } from './pii-cipher.ts';

/**
 * Purpose keys derived from the one master key (LIANXIN_PII_KEY or the key file): encryption, the blind index,
 * card-token signing, OTP hashing and the sign-in lockout's account keys never share a key.
 */
export interface AppKeys {
  cipher: PiiCipher;
  /** keyed hash for finding encrypted values (ID numbers, phones) without decrypting */
  blindIndex(value: string): string;
  /** HMAC for signed tokens (member cards) */
  sign(payload: string): string;
  /** HMAC for one-time codes */
  otpHash(phoneHash: string, code: string): string;
  /** keyed hash of a lower-cased sign-in name: the lockout counts names, accounts or not, without storing them */
  accountKey(username: string): string;
}

function derive(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `lianxin:${purpose}`, 32));
}

const hmac = (key: Buffer, value: string) => createHmac('sha256', key).update(value).digest('base64url');

export function deriveKeys(master: Buffer): AppKeys {
  const encryption = derive(master, 'pii-encryption');
  const index = derive(master, 'blind-index');
  const card = derive(master, 'card-token');
  const otp = derive(master, 'otp');
  const account = derive(master, 'login-throttle');
  return {
    cipher: new PiiCipher(encryption),
    blindIndex: (value) => hmac(index, value.trim().toUpperCase()),
    sign: (payload) => hmac(card, payload),
    otpHash: (phoneHash, code) => hmac(otp, `${phoneHash}:${code}`),
    accountKey: (username) => hmac(account, username.trim().toLowerCase()),
  };
}
