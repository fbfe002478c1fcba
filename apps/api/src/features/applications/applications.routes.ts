import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  applicationCreatedSchema, applicationCreateSchema, applicationItemSchema, applicationListQuerySchema,
  applicationListResponseSchema, applicationReferenceParamsSchema, applicationRejectSchema, applicationStatusQuerySchema,
  applicationStatusSchema, idParamSchema,
} from '@lianxin/contracts';
import { regionName } from '@lianxin/db';
import { serviceContext } from '../../context.ts';
import { listApplications, lookupEnterprises, toApplicationItem } from './applications.repo.ts';
import { applicationStatus, approveApplication, rejectApplication, submitApplication } from './applications.service.ts';
import { access } from '../../access/route-access.ts';

export const applicationRoutes: FastifyPluginAsyncZod = async (app) => {
  const publicLimit = { rateLimit: { max: 30, timeWindow: 60_000 } };

  app.post(
    '/api/applications',
    {
      schema: {
        tags: ['membership'],
        description: 'Online / out-of-enterprise application (no login); routed to a union, the reason returned.',
        body: applicationCreateSchema,
        response: { 201: applicationCreatedSchema },
      },
      config: { access: access.public, rateLimit: { max: app.config.applicationRateLimit, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const created = await submitApplication({ db: app.db, keys: app.keys, ip: request.ip, locale: request.locale }, request.body);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/applications/:reference',
    {
      schema: { tags: ['membership'], params: applicationReferenceParamsSchema, querystring: applicationStatusQuerySchema, response: { 200: applicationStatusSchema } },
      config: { ...publicLimit, access: access.public },
    },
    async (request) => applicationStatus(app.db, app.keys, request.params.reference, request.query.phone),
  );

  app.get(
    '/api/enterprises/lookup',
    {
      schema: {
        tags: ['membership'],
        description: 'Employer picker for applicants (public registry data: name, credit code, street).',
        querystring: z.object({ q: z.string().trim().min(2).max(40) }),
        response: { 200: z.object({ items: z.array(z.object({ creditCode: z.string(), name: z.string(), regionName: z.string() })) }) },
      },
      config: { ...publicLimit, access: access.public },
    },
    async (request) => ({
      items: (await lookupEnterprises(app.db, request.query.q)).map((e) => ({
        creditCode: e.creditCode, name: e.name, regionName: regionName(e.regionCode),
      })),
    }),
  );

  app.get(
    '/api/applications',
    { schema: { tags: ['membership'], querystring: applicationListQuerySchema, response: { 200: applicationListResponseSchema } }, config: { access: access.staffRead() } },
    async (request) => {
      const ctx = serviceContext(request);
      const page = await listApplications(ctx.db, ctx.scope, request.query);
      return { ...page, items: page.items.map((r) => toApplicationItem(r, ctx.cipher)) };
    },
  );

  app.post(
    '/api/applications/:id/approve',
    { schema: { tags: ['membership'], params: idParamSchema, response: { 200: applicationItemSchema } }, config: { access: access.staffWrite() } },
    async (request) => approveApplication(serviceContext(request), request.params.id),
  );

  app.post(
    '/api/applications/:id/reject',
    { schema: { tags: ['membership'], params: idParamSchema, body: applicationRejectSchema, response: { 200: applicationItemSchema } }, config: { access: access.staffWrite() } },
    async (request) => rejectApplication(serviceContext(request), request.params.id, request.body.reason),
  );
};
