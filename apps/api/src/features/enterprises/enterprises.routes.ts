import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  enterpriseCreateSchema, enterpriseListQuerySchema, enterpriseListResponseSchema, enterpriseSchema,
  enterpriseUpdateSchema, idParamSchema,
} from '@lianxin/contracts';
import { serviceContext } from '../../context.ts';
import { listEnterprises } from './enterprises.repo.ts';
import { createEnterprise, getEnterprise, updateEnterprise } from './enterprises.service.ts';
import { access } from '../../access/route-access.ts';

export const enterpriseRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/enterprises',
    {
      schema: {
        tags: ['enterprises'],
        description: 'Enterprises in the actor\'s scope; q matches the name, its pinyin initials or a credit-code prefix.',
        querystring: enterpriseListQuerySchema,
        response: { 200: enterpriseListResponseSchema },
      },
      config: { access: access.staffRead() },
    },
    async (request) => {
      const ctx = serviceContext(request);
      return listEnterprises(ctx.db, ctx.scope, request.query);
    },
  );

  app.get(
    '/api/enterprises/:id',
    { schema: { tags: ['enterprises'], params: idParamSchema, response: { 200: enterpriseSchema } }, config: { access: access.staffRead() } },
    async (request) => getEnterprise(serviceContext(request), request.params.id),
  );

  app.post(
    '/api/enterprises',
    { schema: { tags: ['enterprises'], body: enterpriseCreateSchema, response: { 201: enterpriseSchema } }, config: { access: access.staffWrite() } },
    async (request, reply) => reply.status(201).send(await createEnterprise(serviceContext(request), request.body)),
  );

  app.patch(
    '/api/enterprises/:id',
    {
      schema: { tags: ['enterprises'], params: idParamSchema, body: enterpriseUpdateSchema, response: { 200: enterpriseSchema } },
      config: { access: access.staffWrite() },
    },
    async (request) => updateEnterprise(serviceContext(request), request.params.id, request.body),
  );
};
