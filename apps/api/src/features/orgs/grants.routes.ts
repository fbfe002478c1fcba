import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { grantCreateSchema, grantListResponseSchema, grantSchema, idParamSchema } from '@lianxin/contracts';
import { access } from '../../access/route-access.ts';
import { serviceContext } from '../../context.ts';
import { createGrant, deleteGrant, listGrants } from './grants.service.ts';

/** Duties granted at a unit (unit head, committees, checkers, assessors). */
export const grantRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/orgs/:id/grants',
    { schema: { tags: ['orgs'], params: idParamSchema, response: { 200: grantListResponseSchema } }, config: { access: access.staffRead() } },
    async (request) => ({ items: await listGrants(serviceContext(request), request.params.id) }),
  );
  app.post(
    '/api/orgs/:id/grants',
    {
      schema: { tags: ['orgs'], params: idParamSchema, body: grantCreateSchema, response: { 201: grantSchema } },
      config: { access: access.staffWrite('grants.manage') },
    },
    async (request, reply) => reply.status(201).send(await createGrant(serviceContext(request), request.params.id, request.body)),
  );
  app.delete(
    '/api/grants/:id',
    { schema: { tags: ['orgs'], params: idParamSchema }, config: { access: access.staffWrite('grants.manage') } },
    async (request, reply) => {
      await deleteGrant(serviceContext(request), request.params.id);
      return reply.status(204).send();
    },
  );
};
