/// <reference lib="dom" />
/**
 * The member H5 on a phone network: Chromium (playwright-core, Debian's /usr/bin/chromium) throttled through CDP to
 * 1.6 Mbps down / 750 kbps up / 150 ms RTT loads `/m/` and `/m/join` from the built bundle as the server ships it
 * (pre-compressed brotli, cache headers of plugins/web.ts) and, in the same run from the same server, the same
 * files uncompressed (the browser asks for `Accept-Encoding: identity`). Each load is a first visit (fresh context,
 * empty cache); a repeat visit in the same context shows what the immutable assets save.
 *
 * Interactive = the page's first control usable: `/m/` the join tile, `/m/join` the name input enabled.
 * Bytes = what crossed the network (CDP encodedDataLength: headers and bodies as sent).
 * Needs `npm run build:web` first.
 */
import { loadavg } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { registerCompression } from '../apps/api/src/plugins/compression.ts';
import { registerSecurityHeaders } from '../apps/api/src/plugins/security-headers.ts';
import { registerWeb } from '../apps/api/src/plugins/web.ts';
import { fmt, percentile } from './stats.ts';

const dist = fileURLToPath(new URL('../apps/web/dist/', import.meta.url));
const RUNS = Number(process.env.BENCH_H5_RUNS ?? 3);
const network = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8), uploadThroughput: (750e3 / 8) };

const pages = [
  { path: '/m/', ready: () => !!document.querySelector('[data-testid="m-tile-join"]') },
  {
    path: '/m/join',
    ready: () => {
      const input = document.querySelector<HTMLInputElement>('[data-testid="join-name"] input');
      return !!input && !input.disabled;
    },
  },
];

interface Load { ms: number; bytes: number; requests: number }

async function load(page: Page, url: string, ready: () => boolean, identity: boolean): Promise<Load> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', network);
  if (identity) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
    bytes += event.encodedDataLength;
    requests++;
  });
  const started = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(ready, undefined, { polling: 20, timeout: 60_000 });
  const ms = performance.now() - started;
  // what is still in flight (lazy chunks already requested) counts towards the bytes
  await page.waitForLoadState('networkidle');
  await cdp.detach();
  return { ms, bytes, requests };
}

async function measure(browser: Browser, base: string, path: string, ready: () => boolean, identity: boolean) {
  const first: Load[] = [];
  const repeat: Load[] = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true });
    const page = await context.newPage();
    first.push(await load(page, base + path, ready, identity));
    repeat.push(await load(page, base + path, ready, identity));
    await context.close();
  }
  const summary = (loads: Load[]) => ({
    ms: percentile(loads.map((l) => l.ms), 50),
    msMin: Math.min(...loads.map((l) => l.ms)),
    msMax: Math.max(...loads.map((l) => l.ms)),
    kb: percentile(loads.map((l) => l.bytes), 50) / 1024,
    requests: loads[0]?.requests ?? 0,
  });
  return { first: summary(first), repeat: summary(repeat) };
}

export async function benchH5Network() {
  if (!existsSync(`${dist}m/index.html`)) throw new Error('no web bundle: run npm run build:web first');
  const app = Fastify({ logger: false });
  registerSecurityHeaders(app, { secure: false });
  await registerCompression(app);
  await registerWeb(app, dist);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const results: Record<string, unknown> = {};
  try {
    console.log(`\nH5 on 1.6 Mbps / 150 ms RTT (Chromium, CDP throttling), median of ${RUNS} first visits [min–max]; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    for (const { path, ready } of pages) {
      const shipped = await measure(browser, base, path, ready, false);
      const plain = await measure(browser, base, path, ready, true);
      results[path] = { shipped, uncompressed: plain };
      const row = (what: string, m: typeof shipped.first) =>
        console.log(`  ${path.padEnd(8)} ${what.padEnd(26)} interactive ${fmt(m.ms / 1000)} s [${fmt(m.msMin / 1000)}–${fmt(m.msMax / 1000)}]  ${fmt(m.kb, 0)} KB  ${m.requests} requests`);
      row('shipped (brotli), first', shipped.first);
      row('uncompressed, first', plain.first);
      row('shipped, repeat visit', shipped.repeat);
      console.log(`  ${path.padEnd(8)} ratio uncompressed/shipped: time ${fmt(plain.first.ms / shipped.first.ms)}×, bytes ${fmt(plain.first.kb / shipped.first.kb)}×`);
    }
  } finally {
    await browser.close();
    await app.close();
  }
  return results;
}
