import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

/**
 * How the web bundle and the API answer travel: hashed assets cached for a year, pages revalidated, the build's
 * brotli/gzip copies sent to browsers that accept them, dynamic answers compressed, `Vary: Accept-Encoding` on both.
 */

const script = `console.log(${JSON.stringify('连心'.repeat(800))});`;
const page = `<!doctype html><title>h5</title><script type="module" src="/assets/mobile-Ab12Cd34.js"></script>${' '.repeat(2000)}`;
const joinPage = page.replace('</title>', '</title><link rel="modulepreload" href="/assets/join-page-Ef56Gh78.js">');

let t: TestApp;
let web: string;
let staff: Session;
beforeAll(async () => {
  // a stand-in for the build: pages and a hashed asset, each with the pre-compressed copies vite.config.ts writes
  web = mkdtempSync(join(tmpdir(), 'lianxin-web-'));
  mkdirSync(join(web, 'm'));
  mkdirSync(join(web, 'm', 'join'));
  mkdirSync(join(web, 'assets'));
  const write = (path: string, body: string) => {
    writeFileSync(join(web, path), body);
    writeFileSync(join(web, `${path}.br`), brotliCompressSync(body));
    writeFileSync(join(web, `${path}.gz`), gzipSync(body));
  };
  write('index.html', page.replace('h5', 'console'));
  write('m/index.html', page);
  write('m/join/index.html', joinPage);
  write('assets/mobile-Ab12Cd34.js', script);
  t = await startTestApp({ webDist: web });
  staff = await signIn(t.app, 'demo-baoshan');
});
afterAll(async () => {
  await t.close();
  rmSync(web, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}), ...headers } });

describe('web bundle', () => {
  it('caches hashed assets for a year, immutable', async () => {
    const response = await get('/assets/mobile-Ab12Cd34.js', 'gzip, deflate, br');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends the brotli copy when brotli is accepted, gzip when only gzip is, the plain file otherwise', async () => {
    const br = await get('/assets/mobile-Ab12Cd34.js', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(script) / 4);

    const gz = await get('/assets/mobile-Ab12Cd34.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);

    const plain = await get('/assets/mobile-Ab12Cd34.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('revalidates pages (no-cache with an ETag; unchanged = 304), the SPA routes included', async () => {
    for (const url of ['/', '/m/', '/m/join']) {
      const response = await get(url, 'br');
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('no-cache');
      expect(response.headers['content-encoding'], url).toBe('br');
      expect(response.headers.etag, url).toBeTruthy();
      const again = await get(url, 'br', { 'if-none-match': String(response.headers.etag) });
      expect(again.statusCode, url).toBe(304);
    }
  });

  it("sends an H5 route its own page when the build wrote one (the route's chunks preloaded), else the app's page", async () => {
    expect(brotliDecompressSync((await get('/m/join', 'br')).rawPayload).toString()).toBe(joinPage);
    expect((await get('/m/join?ref=poster')).body).toBe(joinPage);
    expect((await get('/m/card')).body).toBe(page);
    expect((await get('/m/')).body).toBe(page);
  });
});

describe('API answers', () => {
  it('are compressed when large and accepted, and stay no-store', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/enterprises', headers: { cookie: staff.cookie, 'accept-encoding': 'br' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(String(response.headers.vary)).toMatch(/accept-encoding/i);
    expect(response.headers['cache-control']).toBe('no-store');
    const body = brotliDecompressSync(response.rawPayload).toString();
    expect(body.length).toBeGreaterThan(1024);
    expect(() => JSON.parse(body)).not.toThrow();
  });

  it('are left plain for a client that asks for no encoding', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/enterprises', headers: { cookie: staff.cookie } });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(() => response.json()).not.toThrow();
  });
});
