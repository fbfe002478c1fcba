import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig, parseTrustProxy } from '../src/config.ts';
import { newPhone } from './support/fixtures.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

/**
 * One-time codes cost an SMS each. The per-phone limits (a minute apart, five an hour) keyed by phone; before the
 * per-address cap one address could ask codes for thousands of numbers (an SMS bomb on strangers, the operator's
 * bill). Now: `smsCodesPerAddressPerHour` (SMS_CODES_PER_ADDRESS_PER_HOUR, 20 by default) codes an hour per client
 * address across numbers and the three code routes, a 429 with Retry-After past it.
 */
const codeRoutes = ['/api/applications/code', '/api/member-auth/code', '/api/service-requests/code'];

function askCode(t: TestApp, i: number, remoteAddress: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'POST', url: codeRoutes[i % codeRoutes.length]!, payload: { phone: newPhone() }, remoteAddress, headers });
}

describe('the per-address cap on SMS codes (no proxy trusted)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ smsCodesPerAddressPerHour: 20 });
  });
  afterAll(() => t.close());

  it('is 20 an hour by default', () => {
    expect(loadConfig({}).smsCodesPerAddressPerHour).toBe(20);
    expect(loadConfig({ SMS_CODES_PER_ADDRESS_PER_HOUR: '50' }).smsCodesPerAddressPerHour).toBe(50);
    expect(() => loadConfig({ SMS_CODES_PER_ADDRESS_PER_HOUR: '0' })).toThrow(/SMS_CODES_PER_ADDRESS_PER_HOUR/);
  });

  it('sends codes to 20 different numbers from one address, then refuses with 429, Retry-After and a message in the user\'s language — forged forwarding headers or not', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await askCode(t, i, '203.0.113.40', { 'x-forwarded-for': `198.51.100.${i + 1}` })).statusCode);
    expect(statuses).toEqual(Array(20).fill(202));
    for (let i = 20; i < 26; i++) {
      const refused = await askCode(t, i, '203.0.113.40', { 'x-forwarded-for': `198.51.100.${i + 1}`, 'x-real-ip': `198.51.100.${i + 1}` });
      expect(refused.statusCode, `#${i + 1}`).toBe(429);
      expect(refused.json()).toMatchObject({ code: 'rate_limited', message: '当前网络获取验证码次数过多，请 60 分钟后再试' });
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(3000);
      expect(retryAfter).toBeLessThanOrEqual(3600);
    }
    const english = await t.app.inject({ method: 'POST', url: codeRoutes[0]!, payload: { phone: newPhone() }, remoteAddress: '203.0.113.40', headers: { 'accept-language': 'en' } });
    expect(english.statusCode).toBe(429);
    expect(english.json<{ message: string }>().message).toBe('Too many codes were requested from this network; try again in 60 min');
    // no code was stored or sent past the cap
    const [stored] = await t.handle.query<{ n: number }>(`select count(*)::int as n from otp_codes where address_hash = $1`, [t.app.keys.blindIndex('address:203.0.113.40')]);
    expect(stored!.n).toBe(20);
  });

  it('leaves other addresses their own budget, and frees the address as its codes leave the hour', async () => {
    expect((await askCode(t, 0, '203.0.113.41')).statusCode).toBe(202);
    const hash = t.app.keys.blindIndex('address:203.0.113.40');
    expect((await askCode(t, 1, '203.0.113.40')).statusCode).toBe(429);
    // the five oldest codes of the address leave the hour: five more go out, the sixth is refused again
    await t.handle.query(`update otp_codes set created_at = created_at - interval '61 minutes'
                           where id in (select id from otp_codes where address_hash = $1 order by id limit 5)`, [hash]);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await askCode(t, i, '203.0.113.40')).statusCode);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
  });

  it('keeps the per-phone limits with their own Retry-After: a second code within the minute waits out the minute', async () => {
    const phone = newPhone();
    const first = await t.app.inject({ method: 'POST', url: '/api/applications/code', payload: { phone }, remoteAddress: '203.0.113.42' });
    expect(first.statusCode).toBe(202);
    const again = await t.app.inject({ method: 'POST', url: '/api/applications/code', payload: { phone }, remoteAddress: '203.0.113.42' });
    expect(again.statusCode).toBe(429);
    expect(again.json()).toMatchObject({ code: 'rate_limited', message: '尝试次数过多，请稍后再试' });
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(again.headers['retry-after'])).toBeLessThanOrEqual(60);
  });
});

describe('the per-address cap behind a named proxy (TRUST_PROXY=10.0.0.0/8)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ smsCodesPerAddressPerHour: 3, trustProxy: parseTrustProxy('10.0.0.0/8') });
  });
  afterAll(() => t.close());

  it('counts each client the proxy reports on its own; a forged first entry does not give a fresh budget', async () => {
    const via = (i: number, xff: string) => askCode(t, i, '10.0.0.2', { 'x-forwarded-for': xff });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await via(i, `${i + 1}.${i + 1}.${i + 1}.${i + 1}, 198.51.100.30`)).statusCode);
    expect(statuses).toEqual([202, 202, 202, 429, 429]);
    // another client behind the same proxy
    expect((await via(0, '198.51.100.31')).statusCode).toBe(202);
  });
});
