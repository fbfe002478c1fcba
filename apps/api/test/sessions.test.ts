import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { authFeature } from '../src/features/auth/auth.feature.ts';
import { createSession } from '../src/features/auth/sessions.repo.ts';
import { GUCUN, newIdNumber, newPhone } from './support/fixtures.ts';
import { applyOnline, request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

/**
 * Sessions end after 30 minutes without a request (SESSION_IDLE_MINUTES), 12 hours after sign-in whatever the
 * activity, and at the next request once their user is disabled or their membership has ended. The idle clock
 * moves at most once a minute per session.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const sessionRow = async (session: Session) =>
  (await t.handle.query<{ last_seen_at: string; expires_at: string }>(
    `select last_seen_at::text, expires_at::text from sessions where user_id = $1 order by created_at desc limit 1`, [session.userId],
  ))[0]!;
/** Moves a session's clocks into the past, as if that much time had gone by since (the server's clock is real). */
const age = (session: Session, column: 'last_seen_at' | 'expires_at', interval: string) =>
  t.handle.query(`update sessions set ${column} = ${column} - $2::interval where user_id = $1`, [session.userId, interval]);
const me = (session: Session) => request(t.app, session, 'GET', '/api/auth/me');

describe('idle timeout', () => {
  it('defaults to 30 minutes and is configurable', () => {
    expect(loadConfig({}).sessionIdleMs).toBe(30 * 60_000);
    expect(loadConfig({ SESSION_IDLE_MINUTES: '15' }).sessionIdleMs).toBe(15 * 60_000);
    for (const bad of ['0', '-5', 'soon', 'NaN']) expect(() => loadConfig({ SESSION_IDLE_MINUTES: bad }), bad).toThrow(/SESSION_IDLE_MINUTES/);
  });

  it('ends a session unused for longer than the idle timeout, for staff and for every kind of route', async () => {
    const session = await signIn(t.app, 'demo-gucun');
    await age(session, 'last_seen_at', '29 minutes');
    expect((await me(session)).statusCode).toBe(200);
    // that request moved the idle clock: another 29 minutes later it still works
    await age(session, 'last_seen_at', '29 minutes');
    expect((await request(t.app, session, 'GET', '/api/enterprises?pageSize=1')).statusCode).toBe(200);
    await age(session, 'last_seen_at', '31 minutes');
    expect((await me(session)).statusCode).toBe(401);
    expect((await request(t.app, session, 'GET', '/api/enterprises?pageSize=1')).statusCode).toBe(401);
    expect((await request(t.app, session, 'POST', '/api/auth/logout')).statusCode).toBe(401);
  });

  it('keeps the 12-hour cap for a session in constant use', async () => {
    const session = await signIn(t.app, 'demo-baoshan');
    expect((await me(session)).statusCode).toBe(200);
    await age(session, 'expires_at', '12 hours');
    expect((await me(session)).statusCode).toBe(401);
  });

  it('moves the idle clock at most once a minute, not on every request', async () => {
    const session = await signIn(t.app, 'demo-nanjingdonglu');
    const fresh = (await sessionRow(session)).last_seen_at;
    for (let i = 0; i < 20; i++) expect((await me(session)).statusCode).toBe(200);
    expect((await sessionRow(session)).last_seen_at).toBe(fresh);
    await age(session, 'last_seen_at', '2 minutes');
    const aged = (await sessionRow(session)).last_seen_at;
    expect((await me(session)).statusCode).toBe(200);
    const touched = (await sessionRow(session)).last_seen_at;
    expect(Date.parse(touched)).toBeGreaterThan(Date.parse(aged));
    for (let i = 0; i < 20; i++) expect((await me(session)).statusCode).toBe(200);
    expect((await sessionRow(session)).last_seen_at).toBe(touched);
  });

  it('the housekeeping job deletes ended sessions and quiet sign-in counters', async () => {
    const live = await signIn(t.app, 'demo-yanghang-sw');
    const idle = await signIn(t.app, 'demo-chair');
    await age(idle, 'last_seen_at', '40 minutes');
    await t.handle.query(
      `insert into login_throttle (account_key, failures, window_started_at, last_failure_at, locked_until, lock_count) values
         ('quiet', 2, now() - interval '3 days', now() - interval '3 days', null, 0),
         ('long-lock', 0, now() - interval '30 hours', now() - interval '30 hours', now() - interval '2 hours', 8),
         ('recent', 3, now() - interval '5 minutes', now() - interval '5 minutes', null, 0)`,
    );
    const job = authFeature.jobs!.find((j) => j.name === 'auth-housekeeping')!;
    await job.run(t.app, new Date());
    expect((await me(live)).statusCode).toBe(200);
    expect(await t.handle.query('select 1 from sessions where user_id = $1', [idle.userId])).toEqual([]);
    const keys = (await t.handle.query<{ account_key: string }>(`select account_key from login_throttle where account_key in ('quiet', 'long-lock', 'recent')`))
      .map((r) => r.account_key).sort();
    // the lock that ended two hours ago still counts for the doubling
    expect(keys).toEqual(['long-lock', 'recent']);
  });
});

describe('who may keep a session', () => {
  it('a disabled user loses the session at the next request', async () => {
    const session = await signIn(t.app, 'demo-assessor');
    expect((await me(session)).statusCode).toBe(200);
    await t.handle.query(`update users set disabled = true where username = 'demo-assessor'`);
    expect((await me(session)).statusCode).toBe(401);
    expect((await request(t.app, session, 'GET', '/api/enterprises?pageSize=1')).statusCode).toBe(401);
  });

  it('a member who has left loses the session at the next request, wherever the leaving came from', async () => {
    const staff = await signIn(t.app, 'demo-baoshan');
    const phone = newPhone();
    const created = await applyOnline(t, { name: '赵离会', idNumber: newIdNumber(), phone, occupation: 'courier', regionCode: GUCUN });
    expect(created.statusCode, created.body).toBe(201);
    const queue = (await request(t.app, staff, 'GET', '/api/applications?status=pending&pageSize=200')).json<{ items: { id: number; reference: string }[] }>();
    const item = queue.items.find((i) => i.reference === created.json<{ reference: string }>().reference)!;
    const approved = await request(t.app, staff, 'POST', `/api/applications/${item.id}/approve`);
    const memberId = approved.json<{ memberId: number }>().memberId;

    const signInMember = async (): Promise<Session> => {
      await t.app.inject({ method: 'POST', url: '/api/member-auth/code', payload: { phone } });
      await t.app.flushNotifications();
      const code = t.sms.sent.filter((m) => m.phone === phone && m.template === 'otp').at(-1)!.params.code;
      const response = await t.app.inject({ method: 'POST', url: '/api/member-auth/login', payload: { phone, code } });
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json<{ csrfToken: string; user: { id: number; org: { id: number } } }>();
      return { cookie: `lianxin_session=${response.cookies.find((c) => c.name === 'lianxin_session')!.value}`, csrfToken: body.csrfToken, userId: body.user.id, orgId: body.user.org.id };
    };
    const member = await signInMember();
    expect((await request(t.app, member, 'GET', '/api/me/card')).statusCode).toBe(200);
    expect((await request(t.app, member, 'GET', '/api/me/card/token')).statusCode).toBe(200);

    // leaving through the console
    expect((await request(t.app, staff, 'POST', `/api/members/${memberId}/leave`, { reason: '离职' })).statusCode).toBe(200);
    for (const url of ['/api/me/card', '/api/me/card/token', '/api/auth/me']) expect((await request(t.app, member, 'GET', url)).statusCode, url).toBe(401);

    // and any other way a membership stops being active (a direct status change, e.g. by an import or a script)
    await t.handle.query(`update members set status = 'active', left_on = null where id = $1`, [memberId]);
    // (a new code would wait a minute: open the member's next session directly)
    const opened = await createSession(t.app.db, member.userId);
    const again: Session = { ...member, cookie: `lianxin_session=${opened.token}`, csrfToken: opened.csrfToken };
    expect((await request(t.app, again, 'GET', '/api/auth/me')).statusCode).toBe(200);
    await t.handle.query(`update members set status = 'left' where id = $1`, [memberId]);
    expect((await request(t.app, again, 'GET', '/api/auth/me')).statusCode).toBe(401);
  });
});
