import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * AES-256-GCM for personal data at rest (phones, ID numbers). Stored form: "v1:" + base64(iv | tag | ciphertext).
 */
export class PiiCipher {
  // IVs come from a pooled random buffer: one randomBytes call per 4096 encryptions (bulk imports encrypt a lot)
  private ivPool = Buffer.alloc(0);
  private ivOffset = 0;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('PII key must be 32 bytes');
  }

  private nextIv(): Buffer {
    if (this.ivOffset + 12 > this.ivPool.length) {
      this.ivPool = randomBytes(12 * 4096);
      this.ivOffset = 0;
    }
    const iv = this.ivPool.subarray(this.ivOffset, this.ivOffset + 12);
    this.ivOffset += 12;
    return iv;
  }

  encrypt(plain: string): string {
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return 'v1:' + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  decrypt(stored: string): string {
    if (!stored.startsWith('v1:')) throw new Error('unknown PII ciphertext version');
    const raw = Buffer.from(stored.slice(3), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}

/**
 * The master key: LIANXIN_PII_KEY (base64 of 32 bytes) when set. Without it, the embedded database keeps a 0600
 * key file under its data directory (created on first use); with DATABASE_URL that is refused — a key file beside
 * the data protects nothing once the data is copied, and a second server would make up another key.
 * Throws an Error whose message says what to set.
 */
export function loadPiiKey(settings: { piiKey: string | undefined; databaseUrl: string | undefined }, keyFile: string): Buffer {
  if (settings.piiKey) {
    const key = Buffer.from(settings.piiKey, 'base64');
    if (key.length !== 32) throw new Error(`LIANXIN_PII_KEY must be 32 bytes in base64 (it decodes to ${key.length}); make one with: openssl rand -base64 32`);
    return key;
  }
  if (settings.databaseUrl) {
    throw new Error(
      'LIANXIN_PII_KEY is not set: with DATABASE_URL the key that encrypts ID numbers and phones must come from the ' +
        'environment (a secret store), never from a file beside the data. Set LIANXIN_PII_KEY to the base64 of 32 ' +
        'random bytes (openssl rand -base64 32) — the same key for every server process, kept as long as the data.',
    );
  }
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  chmodSync(keyFile, 0o600);
  return Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
}
