import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditListResponseSchema, auditQuerySchema } from '@lianxin/contracts';
import { accessScope } from '../../access/access.ts';
import { requireActor } from '../../plugins/session.ts';
import { listAudit } from './audit.repo.ts';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    { schema: { tags: ['audit'], querystring: auditQuerySchema, response: { 200: auditListResponseSchema } } },
    async (request) => listAudit(app.db, accessScope(requireActor(request)), request.query),
  );
};
