import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, signIn, startTestApp, TEST_PASSWORD, type TestApp } from './support/test-app.ts';
import { enterpriseInput } from './support/fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ loginRateLimit: { max: 5, windowMs: 60_000 } });
});
afterAll(() => t.close());

describe('login and sessions', () => {
  it('logs in, sets an httpOnly cookie, and returns the user with a CSRF token', async () => {
    const response = await t.app.inject({
      method: 'POST', url: '/api/auth/login', payload: { username: 'demo-gucun', password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'lianxin_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const body = response.json();
    expect(body.user).toMatchObject({ username: 'demo-gucun', role: 'street_staff', org: { name: '宝山区顾村镇总工会' } });
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    expect(JSON.stringify(body)).not.toContain('password');
  });

  it('refuses a wrong password or an unknown user alike, in the request language', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-city', password: 'nope' } });
    const unknown = await t.app.inject({
      method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'nope' }, headers: { 'accept-language': 'en' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ code: 'invalid_credentials', message: '用户名或密码错误', fields: {} });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().message).toBe('Wrong username or password');
  });

  it('validates the login body with field paths', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-city' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed', fields: { password: '必填项' } });
  });

  it('me returns the session user and the current CSRF token; 401 without a session', async () => {
    const session = await signIn(t.app, 'demo-nanjingdonglu');
    const me = await request(t.app, session, 'GET', '/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { username: 'demo-nanjingdonglu' }, csrfToken: session.csrfToken });
    const anonymous = await request(t.app, null, 'GET', '/api/auth/me');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('unauthenticated');
  });

  it('logout ends the session', async () => {
    const session = await signIn(t.app, 'demo-baoshan');
    const out = await request(t.app, session, 'POST', '/api/auth/logout');
    expect(out.statusCode).toBe(204);
    const me = await request(t.app, session, 'GET', '/api/auth/me');
    expect(me.statusCode).toBe(401);
  });

  it('rate-limits repeated attempts on one account from one address', async () => {
    const attempt = () =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-assessor', password: 'guess' } });
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await attempt()).statusCode);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = await attempt();
    expect(limited.json()).toMatchObject({ code: 'rate_limited', message: '尝试次数过多，请稍后再试' });
    // another account from the same address is not locked out
    const other = await t.app.inject({
      method: 'POST', url: '/api/auth/login', payload: { username: 'demo-chair', password: TEST_PASSWORD },
    });
    expect(other.statusCode).toBe(200);
  });
});

describe('CSRF protection on cookie-authenticated writes', () => {
  it('refuses a write without the token, with a wrong token, and accepts the right one', async () => {
    const session = await signIn(t.app, 'demo-gucun');
    const body = enterpriseInput();
    const missing = await t.app.inject({
      method: 'POST', url: '/api/enterprises', payload: body, headers: { cookie: session.cookie },
    });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().code).toBe('csrf_failed');
    const wrong = await t.app.inject({
      method: 'POST', url: '/api/enterprises', payload: body,
      headers: { cookie: session.cookie, 'x-csrf-token': 'x'.repeat(32) },
    });
    expect(wrong.statusCode).toBe(403);
    const count = await t.handle.query<{ n: number }>('select count(*)::int as n from enterprises where credit_code = $1', [body.creditCode]);
    expect(count[0]?.n).toBe(0);
    const right = await request(t.app, session, 'POST', '/api/enterprises', body);
    expect(right.statusCode).toBe(201);
  });

  it('logout needs the token too', async () => {
    const session = await signIn(t.app, 'demo-gucun');
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: session.cookie } });
    expect(response.statusCode).toBe(403);
  });
});
