// npm start: build the web bundle when it is missing, then run the server (TypeScript through tsx).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
if (!existsSync('apps/web/dist/index.html')) run('npm', ['run', 'build:web']);
run(process.execPath, ['--import', 'tsx', 'apps/api/src/server.ts']);
