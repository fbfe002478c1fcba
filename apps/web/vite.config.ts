import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import { defineConfig, type Connect, type Plugin, type Rollup } from 'vite';

type OutputBundle = Rollup.OutputBundle;
type OutputChunk = Rollup.OutputChunk;
import react from '@vitejs/plugin-react';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Vendor chunks: the React runtime (both UIs), the router, the antd desktop kit (console only) and antd-mobile (H5 only).
 * Helpers both kits use (dayjs, classnames, @rc-component/mini-decimal…) go to a small shared chunk so the H5
 * never loads the antd chunk. ECharts (with zrender) is its own chunk, loaded only by the cockpit route.
 */
const kits = /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|cookie|set-cookie-parser|antd|@ant-design[\\/][\w-]+|@rc-component[\\/](?!mini-decimal)[\w-]+|antd-mobile|@react-spring|@use-gesture|ahooks|rc-[\w-]+|zod|echarts|zrender)[\\/]/;
const vendorGroups = [
  { name: 'react-vendor', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 40 },
  { name: 'router', test: /[\\/]node_modules[\\/](react-router|react-router-dom|cookie|set-cookie-parser)[\\/]/, priority: 35 },
  // helpers outside the kits (@babel/runtime, dayjs, classnames…), claimed first so the kit groups do not drag them in
  {
    name: 'vendor',
    test: (id: string) => /[\\/]node_modules[\\/]/.test(id) && !kits.test(id),
    priority: 30,
  },
  { name: 'antd-vendor', test: /[\\/]node_modules[\\/](antd|@ant-design[\\/][\w-]+|@rc-component[\\/](?!mini-decimal)[\w-]+)[\\/]/, priority: 20 },
  { name: 'mobile-vendor', test: /[\\/]node_modules[\\/](antd-mobile|@react-spring|@use-gesture|ahooks|rc-[\w-]+)[\\/]/, priority: 20 },
  { name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]/, priority: 10 },
  { name: 'echarts', test: /[\\/]node_modules[\\/](echarts|zrender)[\\/]/, priority: 10 },
  // The contracts every UI uses (the join form's schemas and labels): one chunk instead of one per module. The package
  // is `sideEffects: false`, so a page loads only the contracts modules it imports (the H5 none of funds, rights…);
  // without this group those few would come as seven small files on the H5's first page.
  { name: 'contracts-core', test: /[\\/]packages[\\/]contracts[\\/]src[\\/](members|members\.labels|enterprises|orgs|phone|input|paging|dates)\.ts$/, priority: 5 },
];

/** The H5 is its own single-page app under /m/: its routes (/m/join, /m/card…) get m/index.html, as the API server does. */
const h5Fallback: Connect.NextHandleFunction = (req, _res, next) => {
  const path = (req.url ?? '').split('?')[0] ?? '';
  if (/^\/m(\/|$)/.test(path) && !/\.[a-z0-9]+$/i.test(path) && (req.headers.accept ?? '').includes('text/html')) req.url = '/m/index.html';
  next();
};
const h5FallbackPlugin: Plugin = {
  name: 'lianxin-h5-fallback',
  configureServer: (server) => void server.middlewares.use(h5Fallback),
  configurePreviewServer: (server) => void server.middlewares.use(h5Fallback),
};

/**
 * Pre-compressed copies of every text asset of the build (`x.js.br`, `x.js.gz` beside `x.js`), written once here at
 * the strongest levels (brotli 11, gzip 9) so that the server sends them with no work per request
 * (@fastify/static `preCompressed`). Files under 1 KB stay as they are: the headers would eat the saving.
 */
const compressible = /\.(js|mjs|css|html|svg|json|txt|map)$/;
async function compressTree(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  await Promise.all(
    entries
      .filter((entry) => entry.isFile() && compressible.test(entry.name))
      .map(async (entry) => {
        const file = join(entry.parentPath, entry.name);
        if ((await stat(file)).size < 1024) return;
        const data = await readFile(file);
        const [br, gz] = await Promise.all([
          promisify(brotliCompress)(data, {
            params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: data.length },
          }),
          promisify(gzip)(data, { level: 9 }),
        ]);
        await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
      }),
  );
}
/**
 * A page per H5 route (`m/join/index.html`…): m/index.html plus `modulepreload` links for the route's lazy chunk and
 * everything it imports, so that a phone opening /m/join fetches the join form's code together with the app's
 * instead of one round trip later, when the router asks for it. The server sends `m/<route>/index.html` when there
 * is one (plugins/web.ts).
 */
/** route under /m/ → its feature folder (the lazy pages of mobile-app.tsx) */
const h5Routes: Record<string, string> = { join: 'join', status: 'status', login: 'auth', card: 'card' };
async function writeRoutePages(dir: string, bundle: OutputBundle): Promise<void> {
  const base = await readFile(join(dir, 'm/index.html'), 'utf8');
  const chunks = Object.values(bundle).filter((item): item is OutputChunk => item.type === 'chunk');
  for (const [route, folder] of Object.entries(h5Routes)) {
    const entry = chunks.find((chunk) => chunk.isDynamicEntry && new RegExp(`src/mobile/features/${folder}/[\\w-]+-page\\.tsx$`).test(chunk.facadeModuleId ?? ''));
    if (!entry) continue;
    const files = new Set<string>();
    const visit = (chunk: OutputChunk) => {
      if (files.has(chunk.fileName)) return;
      files.add(chunk.fileName);
      for (const name of chunk.imports) {
        const imported = bundle[name];
        if (imported?.type === 'chunk') visit(imported);
      }
    };
    visit(entry);
    const links = [...files]
      .filter((file) => !base.includes(`/${file}"`))
      .map((file) => `    <link rel="modulepreload" crossorigin href="/${file}">`);
    const css = [...files].flatMap((file) => [...((bundle[file] as OutputChunk).viteMetadata?.importedCss ?? [])])
      .filter((file) => !base.includes(`/${file}"`))
      .map((file) => `    <link rel="stylesheet" crossorigin href="/${file}">`);
    await mkdir(join(dir, 'm', route), { recursive: true });
    await writeFile(join(dir, 'm', route, 'index.html'), base.replace('  </head>', `${[...links, ...css].join('\n')}\n  </head>`));
  }
}

const routePagesAndPrecompressPlugin: Plugin = {
  name: 'lianxin-route-pages-precompress',
  apply: 'build',
  writeBundle: async (options, bundle) => {
    if (!options.dir) return;
    await writeRoutePages(options.dir, bundle);
    await compressTree(options.dir);
  },
};

export default defineConfig({
  plugins: [react(), h5FallbackPlugin, routePagesAndPrecompressPlugin],
  // The workspace root hoists an older React for antd-mobile's peers; bundle the app's React 19 only.
  resolve: { dedupe: ['react', 'react-dom'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      input: { console: here('./index.html'), mobile: here('./m/index.html') },
      output: { codeSplitting: { groups: vendorGroups } },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
