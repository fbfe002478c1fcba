import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadConfig, parseTrustProxy } from '../src/config.ts';
import { GUCUN, newIdNumber, newPhone } from './support/fixtures.ts';
import { applicationCode, startTestApp, type TestApp } from './support/test-app.ts';

/**
 * The client address (`request.ip`) decides every rate limit and is what the audit log records. Only a proxy
 * named in TRUST_PROXY may report it in X-Forwarded-For; by default no header moves it. Before, `trustProxy: true`
 * let anyone rotate X-Forwarded-For: 100 password guesses, 0 refused, and a forged address in the audit log.
 */

/** Headers a client can send to claim another address; none may move `request.ip` unless a trusted proxy sent them. */
function forgedHeaders(i: number): Record<string, string> {
  const address = `198.51.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`;
  return {
    'x-forwarded-for': i % 3 === 0 ? address : i % 3 === 1 ? `${address}, 127.0.0.1` : `10.${i % 200}.0.1, ${address}`,
    'x-real-ip': address,
    forwarded: `for=${address}`,
    'true-client-ip': address,
    'cf-connecting-ip': address,
    'x-client-ip': address,
  };
}

let probeCount = 0;
/** The address the app saw: a failed sign-in of a fresh name, read back from the audit log. */
async function addressSeen(t: TestApp, options: { remoteAddress?: string; headers?: Record<string, string> }): Promise<string | null> {
  const username = `probe-${process.pid}-${probeCount++}`;
  const response = await t.app.inject({
    method: 'POST', url: '/api/auth/login', payload: { username, password: 'x' }, headers: options.headers ?? {},
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
  });
  expect(response.statusCode).toBe(401);
  const [row] = await t.handle.query<{ ip: string | null }>(
    `select ip from audit_log where action = 'login_failed' and detail->>'account' = $1`, [t.app.keys.accountKey(username).slice(0, 12)],
  );
  return row?.ip ?? null;
}

describe('TRUST_PROXY parsing', () => {
  it('trusts nothing unless proxies are named', () => {
    for (const off of [undefined, '', '  ', 'false']) expect(parseTrustProxy(off), String(off)).toBe(false);
    expect(loadConfig({}).trustProxy).toBe(false);
  });

  it('takes addresses, CIDRs (prefix or netmask) and the proxy-addr presets', () => {
    expect(parseTrustProxy('10.0.0.5')).toEqual(['10.0.0.5']);
    expect(parseTrustProxy(' 10.0.0.0/8, loopback ,::1, fd00::/8,192.168.0.0/255.255.0.0, linklocal,uniquelocal,172.16.0.0/12,::ffff:10.0.0.1'))
      .toEqual(['10.0.0.0/8', 'loopback', '::1', 'fd00::/8', '192.168.0.0/255.255.0.0', 'linklocal', 'uniquelocal', '172.16.0.0/12', '::ffff:10.0.0.1']);
  });

  it('refuses trust-everything, hop counts and anything not an address, with what to set instead', () => {
    const refused = ['true', '*', '1', '2', '0', '10', 'proxy.local', '10.0.0.0/33', '::1/129', '10.0.0.1/8/1', '10.0.0/8', '10.0.0.0/abc',
      '10.0.0.0/255.0.0.0.0', '::/ffff::', '10.0.0.1,', 'loopback,evil', '256.0.0.1'];
    for (const value of refused) {
      if (value === '10.0.0.1,') {
        // a trailing comma is only an empty entry
        expect(parseTrustProxy(value)).toEqual(['10.0.0.1']);
        continue;
      }
      expect(() => parseTrustProxy(value), value).toThrow(/TRUST_PROXY/);
    }
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/name the reverse proxies/);
  });
});

describe('trusting no proxy (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ applicationRateLimit: 5 });
  });
  afterAll(() => t.close());

  it('keeps the socket address whatever forwarding headers a client sends, and audits that address', async () => {
    expect(await addressSeen(t, { remoteAddress: '203.0.113.5' })).toBe('203.0.113.5');
    for (let i = 0; i < 12; i++) {
      expect(await addressSeen(t, { remoteAddress: '203.0.113.5', headers: forgedHeaders(i) }), JSON.stringify(forgedHeaders(i))).toBe('203.0.113.5');
    }
    // a client claiming to be the server itself
    expect(await addressSeen(t, { remoteAddress: '203.0.113.5', headers: { 'x-forwarded-for': '127.0.0.1' } })).toBe('203.0.113.5');
    expect(await addressSeen(t, { remoteAddress: '2001:db8::7', headers: { 'x-forwarded-for': '::1' } })).toBe('2001:db8::7');
  });

  it('100 password guesses with rotating forwarding headers: all but the first 10 refused', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) {
      const response = await t.app.inject({
        method: 'POST', url: '/api/auth/login', payload: { username: 'demo-baoshan', password: `guess-${i}` },
        headers: forgedHeaders(i), remoteAddress: '203.0.113.9',
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(t.config.loginRateLimit.max);
    expect(statuses.filter((s) => s === 429)).toHaveLength(100 - t.config.loginRateLimit.max);
  });

  it('one address trying many names (password spraying) is stopped after 30 attempts a minute, headers or not', async () => {
    const statuses: number[] = [];
    let retryAfter: string | string[] | number | undefined;
    for (let i = 0; i < 40; i++) {
      const response = await t.app.inject({
        method: 'POST', url: '/api/auth/login', payload: { username: `spray-${i}`, password: 'Summer2026!' },
        headers: forgedHeaders(i), remoteAddress: '203.0.113.77',
      });
      statuses.push(response.statusCode);
      retryAfter = response.headers['retry-after'];
    }
    // the refusal says when to come back (within the minute's window)
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    expect(t.config.loginAddressRateLimit).toBe(30);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
    // another address is not affected
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'spray-x', password: 'x' }, remoteAddress: '203.0.113.78' })).statusCode).toBe(401);
  });

  /**
   * Every rate-limited route, found through the route inventory: rotating forged headers from one address count
   * against that address's one budget. A new rate-limited route needs a body here (the test fails without one).
   */
  const applicant = { name: '王测试', idNumber: newIdNumber(), phone: newPhone(), occupation: 'rider', regionCode: GUCUN, phoneCode: '000000' };
  const guest: Record<string, unknown> = { categoryCode: 'general', description: '驿站热水器坏了', requesterName: '周骑手', phone: newPhone(), phoneCode: '000000' };
  const probes: Record<string, { url: string; body?: unknown }> = {
    'POST /api/auth/login': { url: '/api/auth/login', body: { username: 'demo-yanghang-sw', password: 'guess' } },
    'POST /api/member-auth/code': { url: '/api/member-auth/code', body: { phone: newPhone() } },
    'POST /api/member-auth/login': { url: '/api/member-auth/login', body: { phone: newPhone(), code: '123456' } },
    'POST /api/applications/code': { url: '/api/applications/code', body: { phone: newPhone() } },
    'POST /api/applications': { url: '/api/applications', body: applicant },
    'POST /api/applications/status': { url: '/api/applications/status', body: { reference: 'ABCDE12345', phone: newPhone() } },
    'GET /api/enterprises/lookup': { url: `/api/enterprises/lookup?q=${encodeURIComponent('物流')}` },
    'POST /api/cards/verify': { url: '/api/cards/verify', body: { token: 'not-a-real-token' } },
    'GET /api/calendar/due': { url: '/api/calendar/due?from=2026-09-30&workingDays=5' },
    'GET /api/calendar/:year': { url: '/api/calendar/2026' },
    'GET /api/service-categories': { url: '/api/service-categories' },
    'GET /api/stations/nearest': { url: '/api/stations/nearest?lat=31.35&lng=121.38&limit=3' },
    'POST /api/service-requests/code': { url: '/api/service-requests/code', body: { phone: newPhone() } },
    // the body gets 顾村's union and a valid code in the test below; the same body again answers the first (200)
    'POST /api/service-requests/public': { url: '/api/service-requests/public', body: guest },
    // well-formed tokens with a wrong signature: 404, counted like any other answer
    'POST /api/service-requests/by-link': { url: '/api/service-requests/by-link', body: { token: `f1-${'A'.repeat(43)}` } },
    'POST /api/service-requests/rate-by-link': { url: '/api/service-requests/rate-by-link', body: { token: `r1-${'A'.repeat(43)}`, score: 5 } },
  };

  it('every rate-limited route has a probe here', () => {
    const limited = t.app.routeInventory.filter((r) => r.rateLimit !== undefined).map((r) => `${r.method} ${r.url}`);
    expect(limited.length).toBeGreaterThanOrEqual(8);
    expect(limited.filter((key) => !probes[key]), 'rate-limited routes without a probe').toEqual([]);
  });

  it('no rate-limited route can be escaped by rotating forwarding headers', async () => {
    // the applicant's phone holds a code, so the submits are served (the same reference each time) until the limit
    applicant.phoneCode = await applicationCode(t, applicant.phone);
    // the guest's request goes to 顾村's street union with the code its phone was sent
    const [gucunUnion] = await t.handle.query<{ id: number }>(`select id from orgs where region_code = $1 and kind = 'street_federation' limit 1`, [GUCUN]);
    guest.orgId = gucunUnion!.id;
    expect((await t.app.inject({ method: 'POST', url: '/api/service-requests/code', payload: { phone: guest.phone }, remoteAddress: '203.0.113.250' })).statusCode).toBe(202);
    await t.app.flushNotifications();
    guest.phoneCode = t.sms.sent.filter((m) => m.phone === guest.phone && m.template === 'request_code').at(-1)!.params.code!;
    const limited = t.app.routeInventory.filter((r) => r.rateLimit !== undefined);
    let address = 20;
    for (const route of limited) {
      const key = `${route.method} ${route.url}`;
      const probe = probes[key]!;
      const max = route.rateLimit!;
      // a fresh socket address per route, so earlier routes' budgets do not interfere
      const remoteAddress = `203.0.113.${address++}`;
      const send = (i: number): Promise<LightMyRequestResponse> => t.app.inject({
        method: route.method as InjectOptions['method'], url: probe.url, headers: forgedHeaders(i), remoteAddress,
        ...(probe.body !== undefined ? { payload: probe.body as InjectOptions['payload'] } : {}),
      });
      for (let i = 0; i < max; i++) {
        const response = await send(i);
        expect(response.statusCode, `${key} #${i + 1}: ${response.body}`).not.toBe(400);
        expect(response.headers['x-ratelimit-remaining'], `${key} #${i + 1}`).toBe(String(max - i - 1));
      }
      for (let i = max; i < max + 3; i++) {
        const refused = await send(i);
        expect(refused.statusCode, `${key} #${i + 1} with ${JSON.stringify(forgedHeaders(i))}`).toBe(429);
        expect(refused.json()).toMatchObject({ code: 'rate_limited' });
      }
    }
  });
});

describe('trusting a named proxy (TRUST_PROXY=10.0.0.0/8)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ trustProxy: parseTrustProxy('10.0.0.0/8'), loginRateLimit: { max: 3, windowMs: 60_000 } });
  });
  afterAll(() => t.close());

  it('takes the client address from the proxy, and only from the proxy', async () => {
    // the proxy reports its client
    expect(await addressSeen(t, { remoteAddress: '10.0.0.2', headers: { 'x-forwarded-for': '198.51.100.7' } })).toBe('198.51.100.7');
    // the client forged a first entry; the proxy appended the real one
    expect(await addressSeen(t, { remoteAddress: '10.0.0.2', headers: { 'x-forwarded-for': '6.6.6.6, 198.51.100.7' } })).toBe('198.51.100.7');
    // two trusted proxies in a row
    expect(await addressSeen(t, { remoteAddress: '10.0.0.2', headers: { 'x-forwarded-for': '6.6.6.6, 198.51.100.7, 10.1.2.3' } })).toBe('198.51.100.7');
    // other headers than X-Forwarded-For are not read even from the proxy
    expect(await addressSeen(t, { remoteAddress: '10.0.0.2', headers: { 'x-real-ip': '198.51.100.8' } })).toBe('10.0.0.2');
    // a client reaching the server directly cannot use the header
    expect(await addressSeen(t, { remoteAddress: '203.0.113.5', headers: { 'x-forwarded-for': '198.51.100.7' } })).toBe('203.0.113.5');
    expect(await addressSeen(t, { remoteAddress: '203.0.113.5', headers: { 'x-forwarded-for': '10.0.0.9' } })).toBe('203.0.113.5');
  });

  it('limits each client behind the proxy on its own, and a forged first entry does not reset the budget', async () => {
    const attempt = (xff: string) => t.app.inject({
      method: 'POST', url: '/api/auth/login', payload: { username: 'demo-nanjingdonglu', password: 'guess' },
      headers: { 'x-forwarded-for': xff }, remoteAddress: '10.0.0.2',
    });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await attempt(`${i}.${i}.${i}.${i}, 198.51.100.20`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429, 429, 429]);
    // another client behind the same proxy has its own budget
    expect((await attempt('198.51.100.21')).statusCode).toBe(401);
  });
});
