import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { regionSchema } from '@lianxin/contracts';
import { shanghaiRegions } from '@lianxin/db';
import { requireActor } from '../../plugins/session.ts';

/** GB/T 2260 reference data; the same for everyone signed in. */
export const regionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/regions',
    { schema: { tags: ['regions'], response: { 200: z.object({ items: z.array(regionSchema) }) } } },
    async (request) => {
      requireActor(request);
      return { items: [...shanghaiRegions] };
    },
  );
};
