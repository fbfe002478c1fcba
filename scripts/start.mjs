// npm start: build the web bundle when it is missing, bundle the server when a source changed (esbuild, ≈ 1 s),
// then run it — in this process (a second Node would cost its own start, ≈ 0.1–0.2 s of every restart).
// `--prepare` (postinstall) does the same builds and the demo data image, without serving.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { ensureServerBundle } from './build-server.mjs';

const prepare = process.argv.includes('--prepare');
const run = (cmd, args, env = process.env) => {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (result.status === 0) return;
  // a failed preparation must not fail npm install: npm start does the same work later
  if (prepare) console.warn(`${cmd} ${args.join(' ')} failed; npm start will try again.`);
  process.exit(prepare ? 0 : (result.status ?? 1));
};
// CI's tests start their own servers; LIANXIN_SKIP_PREPARE=1 skips it by hand
if (prepare && (process.env.CI === 'true' || process.env.LIANXIN_SKIP_PREPARE)) process.exit(0);
if (!existsSync('apps/web/dist/index.html')) run('npm', ['run', 'build:web']);
const bundle = await ensureServerBundle();
const server = bundle ? [bundle] : ['--import', 'tsx', 'apps/api/src/server.ts'];
if (prepare) {
  // builds the demo image and stops (LIANXIN_PREPARE_ONLY): the first `npm start` on an empty data dir copies it
  const result = spawnSync(process.execPath, server, { stdio: 'inherit', env: { ...process.env, LIANXIN_PREPARE_ONLY: 'true' } });
  if (result.status !== 0) console.warn('npm start will build the demo image on its first start instead.');
  process.exit(0);
}
if (bundle) {
  // what `node --enable-source-maps apps/api/dist/server.mjs` did: stack traces name the TypeScript sources
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(bundle).href);
} else {
  run(process.execPath, ['--enable-source-maps', ...server]);
}
