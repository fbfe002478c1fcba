import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { regionSchema } from '@lianxin/contracts';
import { shanghaiRegionsWithEnglish } from '@lianxin/db';
import { access } from '../../access/route-access.ts';

/**
 * GB/T 2260 reference data with each division's English name (`nameEn`, shown when the UI is English): public (the
 * member site's join form needs it before anyone signs in).
 */
export const regionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/regions',
    { schema: { tags: ['regions'], response: { 200: z.object({ items: z.array(regionSchema) }) } }, config: { access: access.public } },
    async () => ({ items: [...shanghaiRegionsWithEnglish()] }),
  );
};
