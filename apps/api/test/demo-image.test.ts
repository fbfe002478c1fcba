import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adoptImageKey, copyImageData, demoImageKey, type DemoImage } from '../src/startup/demo-image.ts';
import { StartupTimeline } from '../src/startup/timeline.ts';

const scratch = mkdtempSync(join(tmpdir(), 'lianxin-image-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function fakeImage(name: string, key: string | null): DemoImage {
  const dir = join(scratch, name);
  mkdirSync(join(dir, 'pgdata', 'base'), { recursive: true });
  writeFileSync(join(dir, 'pgdata', 'PG_VERSION'), '17\n');
  writeFileSync(join(dir, 'pgdata', 'base', 'table'), 'rows');
  if (key) writeFileSync(join(dir, 'pii.key'), key);
  return { dir, pgdata: join(dir, 'pgdata'), piiKeyFile: key ? join(dir, 'pii.key') : null, logins: 'Demo logins\n' };
}

describe('demo image', () => {
  it('is keyed by the code and by the settings baked into it (password, PII key)', () => {
    const plain = demoImageKey({ piiKey: undefined }, {});
    expect(demoImageKey({ piiKey: undefined }, {})).toBe(plain);
    expect(demoImageKey({ piiKey: undefined }, { DEMO_PASSWORD: 'secret' })).not.toBe(plain);
    expect(demoImageKey({ piiKey: 'a2V5' }, {})).not.toBe(plain);
  });

  it("gives a fresh data directory the image's key file, keeps an equal one, refuses a different one", () => {
    const image = fakeImage('keyed', 'image-key');
    const fresh = join(scratch, 'fresh', 'pii.key');
    expect(adoptImageKey(image, fresh)).toBe(true);
    expect(readFileSync(fresh, 'utf8')).toBe('image-key');
    expect(adoptImageKey(image, fresh)).toBe(true);
    const other = join(scratch, 'other', 'pii.key');
    mkdirSync(join(scratch, 'other'));
    writeFileSync(other, 'another-key');
    expect(adoptImageKey(image, other)).toBe(false);
    expect(adoptImageKey(fakeImage('env-keyed', null), other)).toBe(true); // built with LIANXIN_PII_KEY: no file
  });

  it('copies the data directory as files, replacing whatever a failed start left', () => {
    const image = fakeImage('data', null);
    const target = join(scratch, 'target', 'pglite');
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, 'leftover'), 'x');
    copyImageData(image, target);
    expect(readFileSync(join(target, 'PG_VERSION'), 'utf8')).toBe('17\n');
    expect(readFileSync(join(target, 'base', 'table'), 'utf8')).toBe('rows');
    expect(() => readFileSync(join(target, 'leftover'))).toThrow();
  });
});

describe('start-up timeline', () => {
  it('names each step with the time since the previous one', () => {
    const timeline = new StartupTimeline();
    timeline.mark('node + modules');
    timeline.mark('database open');
    expect(timeline.steps.map((s) => s.step)).toEqual(['node + modules', 'database open']);
    expect(timeline.steps.every((s) => s.ms >= 0)).toBe(true);
    expect(timeline.summary()).toMatch(/^Start-up \d+\.\d\d s since the process started: node \+ modules \d+\.\d\d s · database open \d+\.\d\d s$/);
  });
});
