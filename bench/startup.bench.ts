/**
 * Start-up: the time from running `npm start` until `/api/health` answers 200 (the server listens only once the
 * database holds all demo data; each run then signs in and reads a list to prove it). Measured in one run:
 *   first start on an empty data dir (the demo image copied), warm restart (same data dir),
 *   and the baseline of before: the sources through tsx, seeding an empty data dir (LIANXIN_DEMO_IMAGE=off), and
 *   its warm restart.
 * The server's own timeline line (where each second went) is printed beside each figure. The server bundle and the
 * demo image are built first, outside the measurement (npm install's postinstall builds them).
 */
import { loadavg } from 'node:os';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt } from './stats.ts';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 3);
const PASSWORD = 'bench-demo-password';

interface Start { ms: number; timeline: string }

async function startOnce(command: string[], dataDir: string, extraEnv: Record<string, string> = {}): Promise<Start> {
  const port = 4100 + Math.floor(Math.random() * 800);
  const started = performance.now();
  const child = spawn(command[0]!, command.slice(1), {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LIANXIN_DATA_DIR: dataDir, DEMO_PASSWORD: PASSWORD, DATABASE_URL: '', LOG_LEVEL: 'warn', ...extraEnv },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const base = `http://127.0.0.1:${port}`;
  let ms = 0;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) {
        ms = performance.now() - started;
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  // all demo data readable: a demo login works and its lists are full
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo-baoshan', password: PASSWORD }),
  });
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith('lianxin_session='))?.split(';')[0] ?? '';
  const list = (await (await fetch(`${base}/api/enterprises?page=1&pageSize=1`, { headers: { cookie } })).json()) as { total?: number };
  if (!login.ok || !(Number(list.total) > 0)) throw new Error(`demo data not readable after start-up: login ${login.status}, ${JSON.stringify(list)}`);
  process.kill(-child.pid!, 'SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return { ms, timeline: /Start-up [^\n]*/.exec(output)?.[0] ?? '' };
}

async function series(name: string, command: string[], extraEnv: Record<string, string> = {}) {
  const first: Start[] = [];
  const warm: Start[] = [];
  for (let run = 0; run < RUNS; run++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'lianxin-startup-'));
    try {
      first.push(await startOnce(command, dataDir, extraEnv));
      warm.push(await startOnce(command, dataDir, extraEnv));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const line = (what: string, starts: Start[]) => {
    const ms = starts.map((s) => s.ms).sort((a, b) => a - b);
    console.log(`  ${name.padEnd(34)} ${what.padEnd(12)} ${fmt(ms[Math.floor(ms.length / 2)]! / 1000)} s [${fmt(ms[0]! / 1000)}–${fmt(ms.at(-1)! / 1000)}]`);
    console.log(`      ${starts.at(-1)?.timeline}`);
  };
  line('first start', first);
  line('warm restart', warm);
  return { first: first.map((s) => s.ms), warm: warm.map((s) => s.ms) };
}

export async function benchStartup() {
  // outside the measurement, as npm install's postinstall does: the server bundle and the demo image
  const prepared = spawnSync(process.execPath, ['scripts/start.mjs', '--prepare'], {
    cwd: repoRoot, stdio: 'inherit', env: { ...process.env, CI: '', DEMO_PASSWORD: PASSWORD, DATABASE_URL: '' },
  });
  if (prepared.status !== 0) throw new Error('prepare failed');
  console.log(`\nStart-up until /api/health answers 200 with the demo data readable, median of ${RUNS} [min–max]; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const shipped = await series('npm start (bundle, demo image)', ['npm', 'start']);
  const before = await series('before: tsx, seeding', [process.execPath, '--import', 'tsx', 'apps/api/src/server.ts'], { LIANXIN_DEMO_IMAGE: 'off' });
  return { shipped, before };
}
