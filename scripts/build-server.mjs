// The server as one ES module for `npm start` (apps/api/dist/server.mjs): our TypeScript (the API and the
// workspace packages) bundled by esbuild, every npm package left external and loaded by Node from node_modules as
// usual. Loading it takes a fraction of running the sources through tsx, which compiles ≈ 300 files on every start.
// Each source file keeps its own `import.meta.url` (written in as its original file URL), so paths computed from it
// — migrations, the repo root, the PGlite worker script, fonts — stay what they are when run from source.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
export const serverBundle = join(repoRoot, 'apps/api/dist/server.mjs');
const SOURCES = ['apps/api/src', 'packages/db/src', 'packages/contracts/src'].map((dir) => join(repoRoot, dir));

function newestSourceMtime() {
  let newest = 0;
  for (const dir of SOURCES) {
    for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return Math.max(newest, statSync(join(repoRoot, 'package-lock.json')).mtimeMs, statSync(fileURLToPath(import.meta.url)).mtimeMs);
}

/** Keeps each of our files' import.meta.url as its source location; npm packages are not ours to bundle. */
const keepSourceLocations = {
  name: 'lianxin-source-locations',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@lianxin/') ? undefined : { path: args.path, external: true }));
    build.onLoad({ filter: /\.(ts|tsx|mjs|js)$/ }, (args) => {
      if (args.path.includes(`${'/'}node_modules${'/'}`)) return undefined;
      const source = readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      return { contents: source, loader: args.path.endsWith('.ts') ? 'ts' : args.path.endsWith('.tsx') ? 'tsx' : 'js' };
    });
  },
};

/** Builds the bundle when a source is newer than it; returns its path, or null when esbuild cannot (tsx then). */
export async function ensureServerBundle({ log = console.log } = {}) {
  if (existsSync(serverBundle) && statSync(serverBundle).mtimeMs >= newestSourceMtime()) return serverBundle;
  const started = Date.now();
  try {
    const esbuild = await import('esbuild');
    await esbuild.build({
      entryPoints: [join(repoRoot, 'apps/api/src/server.ts')],
      outfile: serverBundle,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: 'linked',
      logLevel: 'warning',
      plugins: [keepSourceLocations],
    });
    log(`Server bundle built in ${Date.now() - started} ms (apps/api/dist/server.mjs).`);
    return serverBundle;
  } catch (error) {
    log(`Server bundle not built (${error.message}); running the sources through tsx.`);
    return null;
  }
}
