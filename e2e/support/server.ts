import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    demoPassword: string;
    /** JSON lines of every SMS the server sent (its SMS transport writes them there) */
    smsFile: string;
  }
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const DEMO_PASSWORD = 'e2e-demo-password';

/** Starts the real server (as `npm start` would) on a fresh embedded database and waits for health. */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'lianxin-e2e-'));
  // E2E_PORT: a fixed port where a shared machine assigns each person a range
  const port = Number(process.env.E2E_PORT) || 3100 + Math.floor(Math.random() * 800);
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/server.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LIANXIN_DATA_DIR: dataDir, DEMO_PASSWORD, SMS_TRANSPORT: `file:${join(dataDir, 'sms.jsonl')}`, DATABASE_URL: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const smsFile = join(dataDir, 'sms.jsonl');
  const baseUrl = `http://127.0.0.1:${port}`;
  // a first start after a code change builds the demo image (startup/demo-image.ts): minutes on a busy machine
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server did not become healthy in 300 s');
    await new Promise((r) => setTimeout(r, 300));
  }
  project.provide('baseUrl', baseUrl);
  project.provide('demoPassword', DEMO_PASSWORD);
  project.provide('smsFile', smsFile);
  return async () => {
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dataDir, { recursive: true, force: true });
  };
}
