import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../../access/route-access.ts';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    { schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']) }) } }, config: { access: access.public } },
    async () => {
      // not behind a busy database's queue: a statement it answered in the last 2 s counts (DatabaseHandle.ping)
      await app.dbHandle.ping();
      return { status: 'ok' as const, db: app.dbHandle.kind };
    },
  );
};
