import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { parseTrustProxy } from '../src/config.ts';
import { request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

/**
 * Every answer — pages, static files, API answers, refusals, validation errors, 404s — carries the security
 * headers; every /api answer is `Cache-Control: no-store` unless it is public reference data that set its own.
 */

function expectSecurityHeaders(response: LightMyRequestResponse, what: string): void {
  const csp = String(response.headers['content-security-policy'] ?? '');
  expect(csp, `${what}: CSP`).toContain("frame-ancestors 'none'");
  if (!String(response.headers['content-type'] ?? '').startsWith('application/pdf')) {
    expect(csp, `${what}: CSP`).toContain("default-src 'self'");
    expect(csp, `${what}: CSP`).toContain("script-src 'self'");
    expect(csp, `${what}: CSP`).toContain("object-src 'none'");
    expect(csp, `${what}: CSP`).not.toMatch(/script-src[^;]*unsafe/);
  }
  expect(response.headers['x-content-type-options'], `${what}: nosniff`).toBe('nosniff');
  expect(response.headers['referrer-policy'], `${what}: referrer policy`).toBe('no-referrer');
  expect(response.headers['x-frame-options'], `${what}: frame options`).toBe('DENY');
}

const sample = (url: string) => url.replace(':reference', 'ABCDE12345').replace(/:[a-zA-Z]+/g, '1');

let t: TestApp;
let web: string;
let staff: Session;
beforeAll(async () => {
  // a stand-in for the built bundle: both UIs' pages and a hashed asset
  web = mkdtempSync(join(tmpdir(), 'lianxin-web-'));
  mkdirSync(join(web, 'm'));
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>console</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(web, 'm', 'index.html'), '<!doctype html><title>h5</title>');
  writeFileSync(join(web, 'assets', 'app-abc123.js'), 'console.log(1)');
  t = await startTestApp({ webDist: web });
  staff = await signIn(t.app, 'demo-baoshan');
});
afterAll(async () => {
  await t.close();
  rmSync(web, { recursive: true, force: true });
});

describe('security headers', () => {
  it('on every API route, asked anonymously and as staff', async () => {
    expect(t.app.routeInventory.length).toBeGreaterThan(40);
    let checked = 0;
    for (const route of t.app.routeInventory) {
      if (route.url === '/api/auth/logout') continue;
      for (const session of [null, staff]) {
        const response = await request(t.app, session, route.method as 'GET', sample(route.url), route.method === 'GET' ? undefined : {});
        expectSecurityHeaders(response, `${route.method} ${route.url} as ${session ? 'staff' : 'anonymous'} (${response.statusCode})`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(80);
  });

  it('on pages, static files, 404s, malformed bodies and CSRF refusals', async () => {
    const asks: InjectOptions[] = [
      { method: 'GET', url: '/' },
      { method: 'GET', url: '/members?q=%E5%BC%A0' },
      { method: 'GET', url: '/m/' },
      { method: 'GET', url: '/m/card' },
      { method: 'GET', url: '/assets/app-abc123.js' },
      { method: 'GET', url: '/assets/missing.js' },
      { method: 'GET', url: '/api/no-such-route' },
      { method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' },
      { method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'text/plain' }, payload: 'hello' },
      { method: 'POST', url: '/api/enterprises', headers: { cookie: staff.cookie }, payload: {} },
      { method: 'DELETE', url: '/api/orgs/1' },
    ];
    for (const ask of asks) {
      const response = await t.app.inject(ask);
      expectSecurityHeaders(response, `${ask.method} ${ask.url} (${response.statusCode})`);
    }
    const page = await t.app.inject({ method: 'GET', url: '/m/card' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    // the page policy lets the bundle work: its own scripts, antd's and ECharts' inline styles, the QR data URL
    expect(String(page.headers['content-security-policy'])).toMatch(/style-src 'self' 'unsafe-inline'/);
    expect(String(page.headers['content-security-policy'])).toMatch(/img-src 'self' data:/);
  });

  it('sends HSTS only over HTTPS: declared, or reported by a trusted proxy', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).headers['strict-transport-security']).toBeUndefined();
    // a client cannot claim HTTPS when no proxy is trusted
    expect((await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } })).headers['strict-transport-security']).toBeUndefined();
    const behindTls = await startTestApp({ trustProxy: parseTrustProxy('10.0.0.0/8') });
    const declared = await startTestApp({ secureCookies: true });
    try {
      const viaProxy = await behindTls.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' }, remoteAddress: '10.0.0.2' });
      expect(viaProxy.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const plainViaProxy = await behindTls.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'http' }, remoteAddress: '10.0.0.2' });
      expect(plainViaProxy.headers['strict-transport-security']).toBeUndefined();
      const forged = await behindTls.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' }, remoteAddress: '203.0.113.5' });
      expect(forged.headers['strict-transport-security']).toBeUndefined();
      for (const url of ['/api/health', '/api/no-such-route', '/api/members']) {
        expect((await declared.app.inject({ method: 'GET', url })).headers['strict-transport-security'], url).toBe('max-age=31536000; includeSubDomains');
      }
    } finally {
      await behindTls.close();
      await declared.close();
    }
  });
});

describe('Cache-Control on API answers', () => {
  it('no-store on every API answer, anonymous or signed in, success or error', async () => {
    const cacheable: string[] = [];
    for (const route of t.app.routeInventory) {
      if (route.url === '/api/auth/logout') continue;
      for (const session of [null, staff]) {
        const response = await request(t.app, session, route.method as 'GET', sample(route.url), route.method === 'GET' ? undefined : {});
        const value = response.headers['cache-control'];
        if (value !== 'no-store') {
          // only public routes answering reference data may choose their own caching
          expect(route.access.kind, `${route.method} ${route.url}: ${String(value)}`).toBe('public');
          cacheable.push(`${route.method} ${route.url}`);
        }
      }
    }
    // personal data never leaves without no-store: the member list, a member, exports, the audit page
    for (const url of ['/api/members?pageSize=5', '/api/applications?pageSize=5', '/api/audit?pageSize=5', '/api/members/export.xlsx', '/api/auth/me']) {
      const response = await request(t.app, staff, 'GET', url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('no-store');
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/no-such-route' })).headers['cache-control']).toBe('no-store');
    // whatever public route sets its own caching is public reference data, never a person's
    expect(cacheable.every((r) => /^GET \/api\/(regions|openapi\.json)/.test(r)), cacheable.join(', ')).toBe(true);
  });

  it('a route of personal data cannot opt out of no-store', async () => {
    const own = await startTestApp({}, {
      extraRoutes: (app) => {
        app.get('/api/test/personal', { config: { access: { kind: 'session' } } }, async (_request, reply) => reply.header('cache-control', 'public, max-age=600').send({ phone: 'x' }));
        app.get('/api/test/reference', { config: { access: { kind: 'public' } } }, async (_request, reply) => reply.header('cache-control', 'public, max-age=600').send({ ok: true }));
      },
    });
    try {
      const session = await signIn(own.app, 'demo-gucun');
      expect((await request(own.app, session, 'GET', '/api/test/personal')).headers['cache-control']).toBe('no-store');
      expect((await request(own.app, null, 'GET', '/api/test/reference')).headers['cache-control']).toBe('public, max-age=600');
    } finally {
      await own.close();
    }
  });
});
