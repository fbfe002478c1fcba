import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { shanghaiDate, workbenchResponseSchema } from '@lianxin/contracts';
import { access } from '../../access/route-access.ts';
import { serviceContext } from '../../context.ts';

/** 工作台: every feature's items for the actor, side by side (each feature counts inside the actor's scope). */
export const workbenchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/workbench',
    {
      schema: { tags: ['workbench'], description: 'The actor\'s work for today across modules.', response: { 200: workbenchResponseSchema } },
      config: { access: access.staffRead() },
    },
    async (request) => {
      const ctx = serviceContext(request);
      const today = shanghaiDate();
      const lists = await Promise.all(app.features.map((f) => f.workbench?.(ctx, today) ?? Promise.resolve([])));
      return { today, items: lists.flat() };
    },
  );
};
