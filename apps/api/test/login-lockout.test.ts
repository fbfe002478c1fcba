import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import type { LockoutPolicy } from '../src/config.ts';
import { login } from '../src/features/auth/auth.service.ts';
import { afterFailure, isLocked, lockDuration, type LockoutState } from '../src/features/auth/login-lockout.ts';
import { startTestApp, TEST_PASSWORD, type TestApp } from './support/test-app.ts';

const MIN = 60_000;
const policy: LockoutPolicy = { maxFailures: 5, windowMs: 15 * MIN, lockMs: 15 * MIN, maxLockMs: 24 * 60 * MIN };
const t0 = Date.UTC(2026, 2, 1, 8, 0, 0);

/** Fails n times, a minute apart from `start`, and returns the final state and the index of each new lock. */
function failures(n: number, start: number, state?: LockoutState, gap = MIN) {
  const locks: number[] = [];
  let current = state;
  for (let i = 0; i < n; i++) {
    const next = afterFailure(current, start + i * gap, policy);
    if (next.lockedNow) locks.push(i);
    current = next.state;
  }
  return { state: current!, locks, last: start + (n - 1) * gap };
}

describe('the lockout rule (fake clock)', () => {
  it('locks at the fifth failure within 15 minutes, for 15 minutes', () => {
    const four = failures(4, t0);
    expect(isLocked(four.state, four.last)).toBe(false);
    expect(four.locks).toEqual([]);
    const five = failures(5, t0);
    expect(five.locks).toEqual([4]);
    expect(five.state.lockedUntil).toBe(five.last + 15 * MIN);
    expect(isLocked(five.state, five.last + 15 * MIN - 1)).toBe(true);
    expect(isLocked(five.state, five.last + 15 * MIN)).toBe(false);
  });

  it('does not lock failures spread wider than the window', () => {
    // four, then four more after the window ran out, then one more: never five in one window
    const spread = failures(4, t0);
    const later = failures(4, t0 + 16 * MIN, spread.state);
    expect(later.locks).toEqual([]);
    expect(later.state.failures).toBe(4);
    // every failure 4 minutes apart: the fifth of a window is 16 minutes after its first
    expect(failures(50, t0, undefined, 4 * MIN).locks).toEqual([]);
    // 3 minutes apart: the fifth falls at 12 minutes
    expect(failures(5, t0, undefined, 3 * MIN).locks).toEqual([4]);
  });

  it('refuses without counting during a lock, and starts a new window once it ends', () => {
    const locked = failures(5, t0);
    const during = afterFailure(locked.state, locked.last + MIN, policy);
    expect(during).toMatchObject({ lockedNow: false, counted: false });
    expect(during.state.lockedUntil).toBe(locked.state.lockedUntil);
    const after = afterFailure(during.state, locked.state.lockedUntil!, policy);
    expect(after).toMatchObject({ lockedNow: false, counted: true, state: { failures: 1, lockedUntil: null } });
  });

  it('doubles each lock in a row up to a day, and forgets the row after a quiet day', () => {
    let state: LockoutState | undefined;
    let now = t0;
    const durations: number[] = [];
    for (let lock = 0; lock < 10; lock++) {
      for (let i = 0; i < 5; i++) {
        const next = afterFailure(state, now, policy);
        state = next.state;
        if (next.lockedNow) durations.push(state.lockedUntil! - now);
        now += 1000;
      }
      now = state!.lockedUntil! + MIN;
    }
    expect(durations.map((d) => d / MIN)).toEqual([15, 30, 60, 120, 240, 480, 960, 1440, 1440, 1440]);
    expect(lockDuration(policy, 1)).toBe(15 * MIN);
    // a day without failures: the next lock is a first lock again
    const rested = failures(5, state!.lockedUntil! + 24 * 60 * MIN, state);
    expect(rested.state.lockCount).toBe(1);
    expect(rested.state.lockedUntil! - rested.last).toBe(15 * MIN);
  });

  it('holds its invariants over random failure sequences', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let run = 0; run < 200; run++) {
      let state: LockoutState | undefined;
      let now = t0;
      const times: number[] = [];
      for (let i = 0; i < 40; i++) {
        now += Math.floor(random() * 10 * MIN);
        const wasLocked = isLocked(state, now);
        const next = afterFailure(state, now, policy);
        if (wasLocked) expect(next).toMatchObject({ counted: false, lockedNow: false });
        if (next.counted) times.push(now);
        if (next.lockedNow) {
          // a lock needs five counted failures within the window, and lasts one of the allowed lengths
          const lastFive = times.slice(-5);
          expect(lastFive).toHaveLength(5);
          expect(lastFive[4]! - lastFive[0]!).toBeLessThan(policy.windowMs);
          expect([15, 30, 60, 120, 240, 480, 960, 1440]).toContain((next.state.lockedUntil! - now) / MIN);
          times.length = 0;
        }
        state = next.state;
      }
    }
  });
});

describe('sign-in lockout through the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    // a generous rate limit, so that what refuses here is the lockout, not the limiter
    t = await startTestApp({ loginRateLimit: { max: 1000, windowMs: 60_000 }, loginAddressRateLimit: 1000 });
  });
  afterAll(() => t.close());

  const attempt = (username: string, password: string, remoteAddress = '203.0.113.1') =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
  const answer = (r: LightMyRequestResponse) => ({ status: r.statusCode, body: r.json<unknown>(), cookie: r.headers['set-cookie'] ?? null });
  const audit = (action: string, objectId: number | null, since: number) =>
    t.handle.query<{ action: string; ip: string; detail: Record<string, unknown>; object_id: string | null; org_path: string | null; actor_user_id: number | null }>(
      `select * from audit_log where action = $1 and ${objectId === null ? 'object_id is null' : `object_id = '${objectId}'`} and id > $2 order by id`,
      [action, since],
    );
  const lastAuditId = async () => (await t.handle.query<{ id: number }>('select coalesce(max(id), 0)::int as id from audit_log'))[0]!.id;
  const userId = async (username: string) => (await t.handle.query<{ id: number }>('select id from users where username = $1', [username]))[0]!.id;

  it('locks an account after five failures from any addresses; then the right password gets the wrong-password answer', async () => {
    const since = await lastAuditId();
    const wrong = answer(await attempt('demo-gucun', 'wrong-1'));
    for (let i = 2; i <= 5; i++) expect((await attempt('demo-gucun', `wrong-${i}`, `203.0.113.${i}`)).statusCode).toBe(401);
    const locked = answer(await attempt('demo-gucun', TEST_PASSWORD, '198.51.100.50'));
    expect(locked).toEqual(wrong);
    expect(locked).toEqual({ status: 401, body: { code: 'invalid_credentials', message: '用户名或密码错误', fields: {} }, cookie: null });

    const id = await userId('demo-gucun');
    const failed = await audit('login_failed', id, since);
    expect(failed.map((f) => [f.detail.reason, f.detail.failures ?? null])).toEqual([
      ['wrong_password', 1], ['wrong_password', 2], ['wrong_password', 3], ['wrong_password', 4], ['wrong_password', 5], ['locked', null],
    ]);
    expect(failed.map((f) => f.ip)).toEqual(['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4', '203.0.113.5', '198.51.100.50']);
    const [lock, ...more] = await audit('login_locked', id, since);
    expect(more).toEqual([]);
    expect(lock).toMatchObject({ ip: '203.0.113.5', actor_user_id: null, detail: { minutes: 15, lockCount: 1 } });
    expect(lock!.org_path).toBe((await t.handle.query<{ path: string }>(`select o.path::text as path from users u join orgs o on o.id = u.org_id where u.id = $1`, [id]))[0]!.path);
    // no password in any audit entry
    expect(JSON.stringify(failed)).not.toContain('wrong-');
    expect(JSON.stringify(failed)).not.toContain(TEST_PASSWORD);
  });

  it('counts every spelling of a name as the one name', async () => {
    for (const spelling of ['Demo-Baoshan', 'DEMO-BAOSHAN', ' demo-baoshan', 'demo-Baoshan', 'demo-baoshan ']) {
      expect((await attempt(spelling, 'wrong')).statusCode).toBe(401);
    }
    expect((await attempt('demo-baoshan', TEST_PASSWORD)).statusCode).toBe(401);
  });

  it('locks unknown names the same way and never writes them in clear', async () => {
    const since = await lastAuditId();
    const name = `nobody-${process.pid}`;
    const first = answer(await attempt(name, 'secret-typed-as-name'));
    for (let i = 0; i < 6; i++) expect(answer(await attempt(name, 'x'))).toEqual(first);
    const failed = await audit('login_failed', null, since);
    const mine = failed.filter((f) => f.detail.account === t.app.keys.accountKey(name).slice(0, 12));
    expect(mine.map((f) => f.detail.reason)).toEqual(['unknown_user', 'unknown_user', 'unknown_user', 'unknown_user', 'unknown_user', 'locked', 'locked']);
    const locks = (await audit('login_locked', null, since)).filter((f) => f.detail.account === t.app.keys.accountKey(name).slice(0, 12));
    expect(locks).toHaveLength(1);
    // under the city's path, so city staff see them on the audit page
    const [city] = await t.handle.query<{ path: string }>('select path::text as path from orgs where parent_id is null');
    expect(mine.every((f) => f.org_path === city!.path)).toBe(true);
    const everything = JSON.stringify(await t.handle.query('select * from audit_log where id > $1', [since]));
    expect(everything).not.toContain(name);
    expect(everything).not.toContain('secret-typed-as-name');
    expect(JSON.stringify(await t.handle.query('select * from login_throttle'))).not.toContain(name);
  });

  it('a lock expires (fake clock through the service), and success forgets the failures', async () => {
    const deps = { db: t.app.db, keys: t.app.keys, lockout: policy };
    let now = Date.now();
    const clock = { ...deps, now: () => now };
    const tryAt = (password: string) => login(clock, 'demo-yanghang-sw', password, '203.0.113.7').then(() => 'ok', () => 'refused');
    for (let i = 0; i < 5; i++) expect(await tryAt('wrong')).toBe('refused');
    now += 15 * MIN - 1000;
    expect(await tryAt(TEST_PASSWORD)).toBe('refused');
    now += 1000;
    expect(await tryAt(TEST_PASSWORD)).toBe('ok');
    // the success forgot everything: four failures and the fifth at once do not add to earlier ones
    for (let i = 0; i < 4; i++) expect(await tryAt('wrong')).toBe('refused');
    expect(await tryAt(TEST_PASSWORD)).toBe('ok');
    for (let i = 0; i < 4; i++) expect(await tryAt('wrong')).toBe('refused');
    expect(await tryAt(TEST_PASSWORD)).toBe('ok');
    expect(await t.handle.query(`select * from login_throttle where account_key = $1`, [t.app.keys.accountKey('demo-yanghang-sw')])).toEqual([]);
  });

  it('counts a disabled account\'s correct password as a failure', async () => {
    await t.handle.query(`update users set disabled = true where username = 'demo-assessor'`);
    const since = await lastAuditId();
    expect((await attempt('demo-assessor', TEST_PASSWORD)).statusCode).toBe(401);
    const [entry] = await audit('login_failed', await userId('demo-assessor'), since);
    expect(entry!.detail).toEqual({ reason: 'disabled', failures: 1 });
  });

  it('holds across server processes and restarts: the counter lives in the database', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('demo-nanjingdonglu', 'wrong')).statusCode).toBe(401);
    // a second app on the same database with the same master key (another process, or this one restarted)
    const other = await buildApp({ handle: t.handle, config: t.config, piiKey: t.piiKey });
    await other.ready();
    try {
      const response = await other.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-nanjingdonglu', password: TEST_PASSWORD } });
      expect(response.statusCode).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('counts concurrent failures one by one: one lock, not one per request', async () => {
    const since = await lastAuditId();
    const name = `burst-${process.pid}`;
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(name, `x${i}`, `203.0.113.${100 + i}`)));
    expect(answers.every((r) => r.statusCode === 401)).toBe(true);
    const account = t.app.keys.accountKey(name).slice(0, 12);
    const mine = (await audit('login_failed', null, since)).filter((f) => f.detail.account === account);
    expect(mine).toHaveLength(12);
    const counted = mine.filter((f) => f.detail.failures !== undefined).map((f) => f.detail.failures as number).sort((a, b) => a - b);
    expect(counted).toEqual([1, 2, 3, 4, 5]);
    expect((await audit('login_locked', null, since)).filter((f) => f.detail.account === account)).toHaveLength(1);
  });
});
