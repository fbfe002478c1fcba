import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Serves the built web bundle: the staff console at / and the member H5 at /m/, each with SPA fallback. */
export async function registerWeb(app: FastifyInstance, distDir: string): Promise<void> {
  if (!existsSync(join(distDir, 'index.html'))) {
    app.log.warn(`no web bundle at ${distDir}; run npm run build:web`);
    return;
  }
  await app.register(fastifyStatic, { root: distDir, prefix: '/', wildcard: false, index: ['index.html'] });
  app.get('/m/*', (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    return /\.[a-z0-9]+$/i.test(path) ? reply.sendFile(path.slice(1)) : reply.sendFile('m/index.html');
  });
  app.get('/*', (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith('/api/')) return reply.callNotFound();
    return /\.[a-z0-9]+$/i.test(path) ? reply.sendFile(path.slice(1)) : reply.sendFile('index.html');
  });
}
