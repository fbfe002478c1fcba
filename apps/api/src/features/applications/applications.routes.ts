import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  applicationCodeRequestSchema, applicationCreatedSchema, applicationCreateSchema, applicationItemSchema, applicationListQuerySchema,
  applicationListResponseSchema, applicationRejectSchema, applicationStatusRequestSchema, applicationStatusSchema, idParamSchema,
} from '@lianxin/contracts';
import { regionName } from '@lianxin/db';
import { serviceContext } from '../../context.ts';
import { listApplications, lookupEnterprises, toApplicationItem } from './applications.repo.ts';
import { applicationStatus, approveApplication, rejectApplication, submitApplication } from './applications.service.ts';
import { access } from '../../access/route-access.ts';
import { issueCode, perPhoneRateLimit } from '../phone-verification/phone-verification.service.ts';

export const applicationRoutes: FastifyPluginAsyncZod = async (app) => {
  const publicLimit = { rateLimit: { max: 30, timeWindow: 60_000 } };

  app.post(
    '/api/applications/code',
    {
      schema: {
        tags: ['membership'],
        description: 'Sends a one-time code to the applicant\'s phone; POST /api/applications carries it as phoneCode.',
        body: applicationCodeRequestSchema,
        response: { 202: z.object({ sent: z.literal(true) }) },
      },
      config: { ...perPhoneRateLimit(5), access: access.public },
    },
    async (request, reply) => {
      await issueCode(app.db, app.keys, request.body.phone, 'application', { address: request.ip, codesPerAddressPerHour: app.config.smsCodesPerAddressPerHour });
      void app.flushNotifications();
      return reply.status(202).send({ sent: true as const });
    },
  );

  app.post(
    '/api/applications',
    {
      schema: {
        tags: ['membership'],
        description:
          'Online / out-of-enterprise application (no login) with the phone\'s one-time code; routed to a union, the reason returned. ' +
          'The answer never says whether the person is already a member or has applied before.',
        body: applicationCreateSchema,
        response: { 201: applicationCreatedSchema },
      },
      config: { access: access.public, rateLimit: { max: app.config.applicationRateLimit, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const created = await submitApplication({ db: app.db, keys: app.keys, ip: request.ip, locale: request.locale }, request.body);
      void app.flushNotifications();
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/api/applications/status',
    {
      schema: {
        tags: ['membership'],
        description: 'The applicant\'s status check by reference and the phone it was submitted with (both in the body, never in a URL).',
        body: applicationStatusRequestSchema,
        response: { 200: applicationStatusSchema },
      },
      config: { ...publicLimit, access: access.public },
    },
    async (request) => applicationStatus(app.db, app.keys, request.body.reference, request.body.phone),
  );

  app.get(
    '/api/enterprises/lookup',
    {
      schema: {
        tags: ['membership'],
        description: 'Employer picker for applicants (public registry data: name, credit code, street — its GB/T 2260 code and Chinese name).',
        querystring: z.object({ q: z.string().trim().min(2).max(40) }),
        response: { 200: z.object({ items: z.array(z.object({ creditCode: z.string(), name: z.string(), regionCode: z.string(), regionName: z.string() })) }) },
      },
      config: { ...publicLimit, access: access.public },
    },
    async (request) => ({
      items: (await lookupEnterprises(app.db, request.query.q)).map((e) => ({
        creditCode: e.creditCode, name: e.name, regionCode: e.regionCode, regionName: regionName(e.regionCode),
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
