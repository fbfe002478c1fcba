/**
 * The embedded database under a real office's load: the API on PGlite at demo scale (the demo image, as `npm start`
 * gives it), 50 concurrent staff connections (autocannon) cycling through the console's list and detail reads for
 * 20 s, while `/api/health` is asked every 100 ms. Once with PGlite on its worker thread (the default) and once
 * inline (LIANXIN_PGLITE_ENGINE=inline, as before), against a bare Fastify route of the same server in the same run.
 * Each server runs in its own process (bench/support/office-server.ts), so the load generator never shares its
 * event loop. Reports timeouts (10 s), errors, p50/p99 latency and health latency during the load.
 */
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
  console.log(`\nOffice load on the embedded database (demo scale): ${CONNECTIONS} connections × ${DURATION} s, health every 100 ms`);
  for (const engine of ['worker', 'inline'] as const) {
    const { base, child } = await startServer(engine);
    try {
      const cookie = await signIn(base);
      const bare = await load(base, ['/bench/bare'], null);
      const stopProbe = healthProbe(base);
      const office = await load(base, reads, cookie);
      const health = await stopProbe();
      results[engine] = { bare, office, health };
      console.log(`  ${engine.padEnd(6)} bare route      ${fmt(bare.rps, 0)} req/s  p50 ${bare.p50} ms  p99 ${bare.p99} ms`);
      console.log(
        `  ${engine.padEnd(6)} office reads    ${fmt(office.rps, 0)} req/s  p50 ${office.p50} ms  p99 ${office.p99} ms  max ${office.max} ms  ` +
          `timeouts ${office.timeouts}  errors ${office.errors}  non-2xx ${office.non2xx}  (${fmt(office.rps / bare.rps, 4)}× bare)`,
      );
      console.log(`  ${engine.padEnd(6)} /api/health     during the load: p50 ${fmt(health.p50, 1)} ms  p99 ${fmt(health.p99, 1)} ms  max ${fmt(health.max, 1)} ms  (${health.n} asks, ${health.failures} failed)`);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }
  return results;
}
