import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../src/config.ts';
import { loadPiiKey } from '../src/security/pii-cipher.ts';

/**
 * With DATABASE_URL the master key of personal data must come from LIANXIN_PII_KEY: a key file beside the data
 * is copied with it, and each server would make up its own. The embedded default keeps its 0600 key file.
 */

const dir = mkdtempSync(join(tmpdir(), 'lianxin-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the PII master key', () => {
  const key = randomBytes(32).toString('base64');

  it('comes from LIANXIN_PII_KEY when set, embedded or not', () => {
    expect(loadPiiKey({ piiKey: key, databaseUrl: 'postgres://db/lianxin' }, join(dir, 'unused.key')).toString('base64')).toBe(key);
    expect(loadPiiKey({ piiKey: key, databaseUrl: undefined }, join(dir, 'unused.key')).toString('base64')).toBe(key);
    expect(existsSync(join(dir, 'unused.key'))).toBe(false);
  });

  it('is required with DATABASE_URL, never read from or written to a file', () => {
    const file = join(dir, 'pg.key');
    expect(() => loadPiiKey({ piiKey: undefined, databaseUrl: 'postgres://db/lianxin' }, file)).toThrow(/LIANXIN_PII_KEY is not set.*DATABASE_URL/s);
    expect(existsSync(file)).toBe(false);
  });

  it('must be 32 bytes of base64', () => {
    for (const bad of [randomBytes(16).toString('base64'), randomBytes(31).toString('base64'), randomBytes(64).toString('base64'), 'not base64 at all']) {
      expect(() => loadPiiKey({ piiKey: bad, databaseUrl: undefined }, join(dir, 'x.key')), bad).toThrow(/LIANXIN_PII_KEY must be 32 bytes/);
    }
  });

  it('on the embedded database: a 0600 key file made once and read back', () => {
    const file = join(dir, 'data', 'pii.key');
    const first = loadPiiKey({ piiKey: undefined, databaseUrl: undefined }, file);
    expect(first).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadPiiKey({ piiKey: undefined, databaseUrl: undefined }, file)).toEqual(first);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.toString('base64'));
  });

  it('the server refuses to start with DATABASE_URL and no key, saying what to set, before touching the database', () => {
    const dataDir = join(dir, 'server');
    const env = { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/never', LIANXIN_PII_KEY: '', LIANXIN_DATA_DIR: dataDir, PORT: '0' };
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'apps/api/src/server.ts'], { cwd: repoRoot, env, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('LIANXIN_PII_KEY is not set');
    expect(result.stderr).toContain('openssl rand -base64 32');
    expect(existsSync(join(dataDir, 'pii.key'))).toBe(false);

    const badProxy = spawnSync(process.execPath, ['--import', 'tsx', 'apps/api/src/server.ts'], {
      cwd: repoRoot, env: { ...env, LIANXIN_PII_KEY: randomBytes(32).toString('base64'), TRUST_PROXY: 'true' }, encoding: 'utf8', timeout: 60_000,
    });
    expect(badProxy.status).toBe(1);
    expect(badProxy.stderr).toContain('TRUST_PROXY=true');
  });
});
