import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  idParamSchema, orgChildrenQuerySchema, orgDirectoryQuerySchema, orgCoverageSchema, orgCreateSchema, orgDetailSchema, orgListResponseSchema,
  orgMoveSchema, orgSearchQuerySchema, orgSearchResponseSchema, orgSummarySchema, orgUpdateSchema,
} from '@lianxin/contracts';
import { serviceContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { childSummaries, findOrg, orgDirectory, orgSummary, searchOrgs } from './orgs.repo.ts';
import { createOrg, getOrgDetail, moveOrg, setCoverage, updateOrg } from './orgs.service.ts';
import { access } from '../../access/route-access.ts';

export const orgRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/orgs/children',
    {
      schema: {
        tags: ['orgs'],
        description: 'Children of an organisation with counts; without parentId, the actor\'s own organisation.',
        querystring: orgChildrenQuerySchema,
        response: { 200: orgListResponseSchema },
      },
      config: { access: access.staffRead() },
    },
    async (request) => {
      const ctx = serviceContext(request);
      const parentId = request.query.parentId;
      if (parentId === undefined) {
        const own = await orgSummary(ctx.db, ctx.scope, ctx.actor.orgId);
        return { items: own ? [own] : [] };
      }
      if (!(await findOrg(ctx.db, ctx.scope, parentId))) throw notFound();
      return { items: await childSummaries(ctx.db, ctx.scope, parentId) };
    },
  );

  app.get(
    '/api/orgs/search',
    { schema: { tags: ['orgs'], querystring: orgSearchQuerySchema, response: { 200: orgSearchResponseSchema } }, config: { access: access.staffRead() } },
    async (request) => {
      const ctx = serviceContext(request);
      return { items: await searchOrgs(ctx.db, ctx.scope, request.query.q) };
    },
  );

  app.get(
    '/api/orgs/directory',
    {
      schema: {
        tags: ['orgs'],
        description: 'Union names citywide (no details), for choosing where a member transfers to.',
        querystring: orgDirectoryQuerySchema,
        response: { 200: orgSearchResponseSchema },
      },
      config: { access: access.staffRead() },
    },
    async (request) => ({ items: await orgDirectory(serviceContext(request).db, request.query.q) }),
  );

  app.get(
    '/api/orgs/:id',
    { schema: { tags: ['orgs'], params: idParamSchema, response: { 200: orgDetailSchema } }, config: { access: access.staffRead() } },
    async (request) => getOrgDetail(serviceContext(request), request.params.id),
  );

  app.get(
    '/api/orgs/:id/summary',
    {
      schema: {
        tags: ['orgs'],
        description: 'Name, kind and counts only: no personal data, so no audit entry (for labels and filters).',
        params: idParamSchema,
        response: { 200: orgSummarySchema },
      },
      config: { access: access.staffRead() },
    },
    async (request) => {
      const ctx = serviceContext(request);
      const summary = await orgSummary(ctx.db, ctx.scope, request.params.id);
      if (!summary) throw notFound();
      return summary;
    },
  );

  app.post(
    '/api/orgs',
    { schema: { tags: ['orgs'], body: orgCreateSchema, response: { 201: orgDetailSchema } }, config: { access: access.staffWrite() } },
    async (request, reply) => reply.status(201).send(await createOrg(serviceContext(request), request.body)),
  );

  app.patch(
    '/api/orgs/:id',
    { schema: { tags: ['orgs'], params: idParamSchema, body: orgUpdateSchema, response: { 200: orgDetailSchema } }, config: { access: access.staffWrite() } },
    async (request) => updateOrg(serviceContext(request), request.params.id, request.body),
  );

  app.post(
    '/api/orgs/:id/move',
    { schema: { tags: ['orgs'], params: idParamSchema, body: orgMoveSchema, response: { 200: orgDetailSchema } }, config: { access: access.staffWrite() } },
    async (request) => moveOrg(serviceContext(request), request.params.id, request.body.newParentId),
  );

  app.put(
    '/api/orgs/:id/coverage',
    { schema: { tags: ['orgs'], params: idParamSchema, body: orgCoverageSchema, response: { 200: orgDetailSchema } }, config: { access: access.staffWrite() } },
    async (request) => setCoverage(serviceContext(request), request.params.id, request.body.enterpriseIds),
  );

};
