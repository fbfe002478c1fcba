import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import type { DatabaseHandle } from '@lianxin/db';
import { idNumberCheckChar } from '@lianxin/contracts';
import { buildApp } from '../apps/api/src/app.ts';
import { loadConfig } from '../apps/api/src/config.ts';
import { MemorySmsTransport } from '../apps/api/src/features/notifications/outbox.ts';
import { fmt } from './stats.ts';

let serial = 0;
function riderBody(): string {
  serial++;
  const body = `310113199${serial % 10}0${1 + (serial % 9)}1${serial % 9}${String(serial % 1000).padStart(3, '0')}`;
  return JSON.stringify({
    name: '压测骑手', idNumber: body + idNumberCheckChar(body), phone: `139${String(serial).padStart(8, '0')}`,
    occupation: 'rider', regionCode: '310113109',
  });
}

async function load(url: string, options: Partial<autocannon.Options>) {
  const result = await autocannon({ url, connections: 50, duration: 10, ...options });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

/**
 * POST /api/applications (validate, blind-index, membership check, routing queries, encrypted insert, audit) under
 * autocannon, against a bare route doing one indexed lookup in the same server, same run.
 */
export async function benchApplications(handle: DatabaseHandle) {
  const config = { ...loadConfig({}), webDist: null, applicationRateLimit: 10_000_000 };
  const app = await buildApp({ handle, config, piiKey: randomBytes(32), smsTransport: new MemorySmsTransport() });
  const [sample] = await handle.query<{ credit_code: string }>('select credit_code from enterprises limit 1');
  app.get('/bench/indexed-lookup', async () => {
    const rows = await handle.query<{ id: number }>('select id from enterprises where credit_code = $1', [sample?.credit_code]);
    return { id: rows[0]?.id ?? null };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    await load(`${base}/bench/indexed-lookup`, { duration: 2 }); // warm-up
    const bare = await load(`${base}/bench/indexed-lookup`, {});
    const applications = await load(`${base}/api/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [{ method: 'POST', path: '/api/applications', setupRequest: (request: autocannon.Request) => ({ ...request, body: riderBody() }) }],
    });
    console.log(`\nPOST /api/applications under autocannon (50 connections, 10 s, ${handle.kind})`);
    console.log(`  bare route, one indexed lookup (baseline)  ${Math.round(bare.rps)} req/s  p50 ${bare.p50} ms  p99 ${bare.p99} ms`);
    console.log(`  POST /api/applications                     ${Math.round(applications.rps)} req/s  p50 ${applications.p50} ms  p99 ${applications.p99} ms  non-2xx ${applications.non2xx}`);
    console.log(`  ratio (applications / baseline): ${fmt(applications.rps / bare.rps)}`);
    return { bare, applications };
  } finally {
    await app.close();
  }
}
