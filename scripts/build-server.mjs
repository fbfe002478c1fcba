// The server bundled for `npm start` (apps/api/dist/server.mjs and its chunks): our TypeScript (the API and the
// workspace packages) bundled by esbuild, every npm package left external and loaded by Node from node_modules as
// usual. Loading it takes a fraction of running the sources through tsx, which compiles ≈ 300 files on every start.
// Each source file keeps its own `import.meta.url` (written in as its original file URL), so paths computed from it
// — migrations, the repo root, the PGlite worker script, fonts — stay what they are when run from source.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
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

/**
 * Packages only an export or an import needs, loaded on first use instead of at start: exceljs (≈ 0.5–2.7 s to
 * load) and pdfkit (≈ 0.3–1.5 s). Their default import becomes a stand-in that `require`s the very file Node's
 * `import` would load (require of an ES module works from Node 20.19) the first time a property is read or it is
 * constructed. Only the bundle does this; tests and tsx import them as written.
 */
const LAZY = new Set(['exceljs', 'pdfkit']);
export const lazyPackages = {
  name: 'lianxin-lazy-packages',
  setup(build) {
    build.onResolve({ filter: /^(exceljs|pdfkit)$/ }, async (args) => {
      if (args.namespace === 'lazy' || !LAZY.has(args.path)) return undefined;
      const real = await build.resolve(args.path, { kind: 'import-statement', resolveDir: args.resolveDir, namespace: 'lazy' });
      return { path: real.path, namespace: 'lazy' };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
      loader: 'js',
      contents: `import { createRequire } from 'node:module';
let real;
const load = () => {
  if (real === undefined) {
    const loaded = createRequire(${JSON.stringify(pathToFileURL(args.path).href)})(${JSON.stringify(args.path)});
    real = loaded && loaded[Symbol.toStringTag] === 'Module' ? loaded.default : loaded;
  }
  return real;
};
export default new Proxy(function lazy() {}, {
  get: (_, key) => load()[key],
  has: (_, key) => key in load(),
  construct: (_, args) => Reflect.construct(load(), args),
  apply: (_, self, args) => Reflect.apply(load(), self, args),
});
`,
    }));
  },
};

/** Keeps each of our files' import.meta.url as its source location; npm packages are not ours to bundle. */
const keepSourceLocations = {
  name: 'lianxin-source-locations',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@lianxin/') || args.namespace === 'lazy' || LAZY.has(args.path) ? undefined : { path: args.path, external: true });
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
    rmSync(join(repoRoot, 'apps/api/dist'), { recursive: true, force: true });
    await esbuild.build({
      entryPoints: [join(repoRoot, 'apps/api/src/server.ts')],
      outdir: join(repoRoot, 'apps/api/dist'),
      outExtension: { '.js': '.mjs' },
      entryNames: '[name]',
      chunkNames: 'chunks/[name]-[hash]',
      // server.ts imports the app dynamically so that it loads while the database thread starts: its own chunk
      splitting: true,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: 'linked',
      logLevel: 'warning',
      plugins: [lazyPackages, keepSourceLocations],
    });
    log(`Server bundle built in ${Date.now() - started} ms (apps/api/dist/server.mjs).`);
    return serverBundle;
  } catch (error) {
    log(`Server bundle not built (${error.message}); running the sources through tsx.`);
    return null;
  }
}
