import { existsSync, readdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Vite's content-hashed output: a changed file gets a new name, so a browser may keep each one for good. */
const HASHED = `${sep}assets${sep}`;
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Pages (index.html of each app) name the current hashed files: revalidated every time, answered 304 when unchanged. */
export const REVALIDATE = 'no-cache';

/**
 * Serves the built web bundle: the staff console at / and the member H5 at /m/, each with SPA fallback.
 * The build writes brotli and gzip copies of every text file (vite.config.ts); `preCompressed` sends the best one
 * the browser accepts (`Content-Encoding: br`, `Vary: Accept-Encoding`), else the plain file. ETag and
 * Last-Modified come from the file, so a revalidated page costs a 304.
 */
export async function registerWeb(app: FastifyInstance, distDir: string): Promise<void> {
  if (!existsSync(join(distDir, 'index.html'))) {
    app.log.warn(`no web bundle at ${distDir}; run npm run build:web`);
    return;
  }
  await app.register(fastifyStatic, {
    root: distDir,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('cache-control', path.includes(HASHED) ? IMMUTABLE : REVALIDATE);
    },
  });
  // H5 routes with a page of their own (m/join/index.html: the route's chunks preloaded, see vite.config.ts)
  const routePages = new Set(
    (existsSync(join(distDir, 'm')) ? readdirSync(join(distDir, 'm'), { withFileTypes: true }) : [])
      .filter((entry) => entry.isDirectory() && existsSync(join(distDir, 'm', entry.name, 'index.html')))
      .map((entry) => entry.name),
  );
  app.get('/m/*', (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (/\.[a-z0-9]+$/i.test(path)) return reply.sendFile(path.slice(1));
    const route = path.split('/')[2] ?? '';
    return reply.sendFile(routePages.has(route) ? `m/${route}/index.html` : 'm/index.html');
  });
  app.get('/*', (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith('/api/')) return reply.callNotFound();
    return /\.[a-z0-9]+$/i.test(path) ? reply.sendFile(path.slice(1)) : reply.sendFile('index.html');
  });
}
