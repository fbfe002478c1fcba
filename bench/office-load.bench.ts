/**
 * The embedded database under a real office's load: the API on PGlite at demo scale (the demo image, as `npm start`
 * gives it), while `/api/health` is asked every 100 ms:
 *   office     50 staff users, each reading the console's lists, tree, cockpit and workbench one after another
 *              with a think time of 0.5–1.5 s between answers (how people use the console), for 20 s;
 *   saturation 50 connections (autocannon) sending the same reads back to back with no think time, for 20 s:
 *              what the embedded database does when it cannot keep up. Once with PGlite on its worker thread (the default) and once
 * inline (LIANXIN_PGLITE_ENGINE=inline, as before), against a bare Fastify route of the same server in the same run.
 * Each server runs in its own process (bench/support/office-server.ts), so the load generator never shares its
 * event loop. Reports timeouts (10 s), errors, p50/p99 latency and health latency during the load.
 */
import { loadavg } from 'node:os';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { fmt, percentile } from './stats.ts';

const CONNECTIONS = Number(process.env.BENCH_OFFICE_CONNECTIONS ?? 50);
const DURATION = Number(process.env.BENCH_OFFICE_SECONDS ?? 20);

/** What a district office's console reads: lists, a search, the tree, the cockpit, detail pages. */
const reads = [
  '/api/enterprises?page=1&pageSize=20',
  '/api/members?page=1&pageSize=20',
  '/api/applications?page=1&pageSize=20',
  '/api/orgs/children',
  '/api/enterprises?q=%E7%89%A9%E6%B5%81&page=1&pageSize=20',
  '/api/coverage',
  '/api/workbench',
  '/api/auth/me',
];

async function startServer(engine: 'worker' | 'inline'): Promise<{ base: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./support/office-server.ts', import.meta.url).pathname], {
    env: { ...process.env, LIANXIN_PGLITE_ENGINE: engine, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    const match = /^listening (\d+)$/.exec(line);
    if (match) return { base: `http://127.0.0.1:${match[1]}`, child };
    console.log(`  [server] ${line}`);
  }
  throw new Error(`the ${engine} server stopped before listening`);
}

async function signIn(base: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo-baoshan', password: 'bench-demo-password' }),
  });
  if (!response.ok) throw new Error(`sign-in: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('lianxin_session='));
  return cookie!.split(';')[0]!;
}

/** Asks /api/health every 100 ms until stopped; latency of each answer (a failure counts as 10 s). */
function healthProbe(base: string) {
  const samples: number[] = [];
  let failures = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const response = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(10_000) });
        await response.arrayBuffer();
        if (!response.ok) failures++;
        samples.push(performance.now() - started);
      } catch {
        failures++;
        samples.push(10_000);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return { n: samples.length, failures, p50: percentile(samples, 50), p99: percentile(samples, 99), max: Math.max(...samples) };
  };
}

/** 50 users with think time; latency of every request, timeouts (10 s) and errors counted. */
async function users(base: string, paths: string[], cookie: string) {
  const latencies: number[] = [];
  let timeouts = 0;
  let errors = 0;
  const until = Date.now() + DURATION * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, user) => {
      await new Promise((r) => setTimeout(r, (user * 1000) / CONNECTIONS)); // users arrive over the first second
      while (Date.now() < until) {
        const path = paths[next++ % paths.length]!;
        const started = performance.now();
        try {
          const response = await fetch(base + path, { headers: { cookie, 'accept-encoding': 'br' }, signal: AbortSignal.timeout(10_000) });
          await response.arrayBuffer();
          if (!response.ok) errors++;
          latencies.push(performance.now() - started);
        } catch (error) {
          if ((error as Error).name === 'TimeoutError') timeouts++;
          else errors++;
        }
        await new Promise((r) => setTimeout(r, 500 + Math.random() * 1000));
      }
    }),
  );
  return {
    requests: latencies.length, rps: latencies.length / DURATION, p50: percentile(latencies, 50), p99: percentile(latencies, 99),
    max: Math.max(...latencies), timeouts, errors,
  };
}

async function load(base: string, paths: string[], cookie: string | null) {
  const result = await autocannon({
    url: base, connections: CONNECTIONS, duration: DURATION, timeout: 10,
    requests: paths.map((path) => ({ method: 'GET', path, headers: cookie ? { cookie } : {} })),
  });
  return {
    requests: result.requests.total, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99,
    max: result.latency.max, timeouts: result.timeouts, errors: result.errors, non2xx: result.non2xx,
  };
}

export async function benchOfficeLoad() {
  const results: Record<string, unknown> = {};
  console.log(`\nOffice load on the embedded database (demo scale): ${CONNECTIONS} connections × ${DURATION} s, health every 100 ms; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on this machine`);
  for (const engine of ['worker', 'inline'] as const) {
    const { base, child } = await startServer(engine);
    try {
      const cookie = await signIn(base);
      const bare = await load(base, ['/bench/bare'], null);
      console.log(`  ${engine.padEnd(6)} bare route             ${fmt(bare.rps, 0)} req/s  p50 ${bare.p50} ms  p99 ${bare.p99} ms`);
      let probe = healthProbe(base);
      const office = await users(base, reads, cookie);
      const officeHealth = await probe();
      console.log(
        `  ${engine.padEnd(6)} office (50 users)      ${fmt(office.rps, 1)} req/s  p50 ${fmt(office.p50, 0)} ms  p99 ${fmt(office.p99, 0)} ms  ` +
          `max ${fmt(office.max, 0)} ms  timeouts ${office.timeouts}  errors ${office.errors}`,
      );
      console.log(`  ${engine.padEnd(6)}   /api/health meanwhile p50 ${fmt(officeHealth.p50, 1)} ms  p99 ${fmt(officeHealth.p99, 1)} ms  max ${fmt(officeHealth.max, 1)} ms  (${officeHealth.n} asks, ${officeHealth.failures} failed)`);
      probe = healthProbe(base);
      const saturation = await load(base, reads, cookie);
      const saturationHealth = await probe();
      console.log(
        `  ${engine.padEnd(6)} saturation (50 conns)  ${fmt(saturation.rps, 1)} req/s  p50 ${saturation.p50} ms  p99 ${saturation.p99} ms  ` +
          `max ${saturation.max} ms  timeouts ${saturation.timeouts}  errors ${saturation.errors}  non-2xx ${saturation.non2xx}  (${fmt(saturation.rps / bare.rps, 4)}× bare)`,
      );
      console.log(`  ${engine.padEnd(6)}   /api/health meanwhile p50 ${fmt(saturationHealth.p50, 1)} ms  p99 ${fmt(saturationHealth.p99, 1)} ms  max ${fmt(saturationHealth.max, 1)} ms  (${saturationHealth.n} asks, ${saturationHealth.failures} failed)`);
      results[engine] = { bare, office, officeHealth, saturation, saturationHealth };
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }
  return results;
}
