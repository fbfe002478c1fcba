import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditListResponseSchema, auditQuerySchema } from '@lianxin/contracts';
import { serviceContext } from '../../context.ts';
import { listAudit } from './audit.repo.ts';
import { access } from '../../access/route-access.ts';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    { schema: { tags: ['audit'], querystring: auditQuerySchema, response: { 200: auditListResponseSchema } }, config: { access: access.staffRead() } },
    async (request) => listAudit(app.db, serviceContext(request).scope, request.query),
  );
};
