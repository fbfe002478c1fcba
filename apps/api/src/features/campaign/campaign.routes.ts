import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assigneeSchema, campaignHistorySchema, campaignUpdateSchema, idParamSchema, letterCreateSchema, letterSchema, santongshiListResponseSchema,
  santongshiQuerySchema, santongshiTaskSchema, worklistQuerySchema, worklistResponseSchema, recordIdQuery } from '@lianxin/contracts';
import { serviceContext } from '../../context.ts';
import { listAssignees } from './assignees.repo.ts';
import { getCampaignHistory, getWorklist, issueLetter, letterPdf, updateCampaignItem } from './campaign.service.ts';
import { completeSantongshiTask, listSantongshiTasks } from './santongshi.service.ts';
import { access } from '../../access/route-access.ts';

const enterpriseParams = z.object({ enterpriseId: recordIdQuery });

export const campaignRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/campaign/worklist',
    {
      schema: {
        tags: ['campaign'],
        description: '建会攻坚清单: uncovered target enterprises of a unit (default: your own), largest first.',
        querystring: worklistQuerySchema,
        response: { 200: worklistResponseSchema },
      },
      config: { access: access.staffRead() },
    },
    async (request) => getWorklist(serviceContext(request), request.query),
  );
  app.get(
    '/api/campaign/items/:enterpriseId',
    { schema: { tags: ['campaign'], params: enterpriseParams, response: { 200: campaignHistorySchema } }, config: { access: access.staffRead() } },
    async (request) => getCampaignHistory(serviceContext(request), request.params.enterpriseId),
  );
  app.patch(
    '/api/campaign/items/:enterpriseId',
    {
      schema: {
        tags: ['campaign'],
        description: 'Stage, assignee, follow-up, notes. Stage `built` needs `union` (existing or new) and links it at once.',
        params: enterpriseParams,
        body: campaignUpdateSchema,
        response: { 200: campaignHistorySchema },
      },
      config: { access: access.staffWrite() },
    },
    async (request) => updateCampaignItem(serviceContext(request), request.params.enterpriseId, request.body),
  );
  app.post(
    '/api/campaign/items/:enterpriseId/letters',
    { schema: { tags: ['campaign'], params: enterpriseParams, body: letterCreateSchema, response: { 201: letterSchema } }, config: { access: access.staffWrite() } },
    async (request, reply) =>
      reply.status(201).send(await issueLetter(serviceContext(request), request.params.enterpriseId, request.body.kind, request.body.deadlineDays)),
  );
  app.get(
    '/api/campaign/letters/:id/pdf',
    { schema: { tags: ['campaign'], params: idParamSchema }, config: { access: access.staffRead() } },
    async (request, reply) => {
      const { file, filename } = await letterPdf(serviceContext(request), request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="letter.pdf"; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .send(file);
    },
  );
  app.get(
    '/api/campaign/assignees',
    { schema: { tags: ['campaign'], response: { 200: z.object({ items: z.array(assigneeSchema) }) } }, config: { access: access.staffRead() } },
    async (request) => ({ items: await listAssignees(serviceContext(request)) }),
  );
  app.get(
    '/api/campaign/santongshi',
    {
      schema: {
        tags: ['campaign'],
        description: '三同时 tasks of new enterprises in a unit (default: your own).',
        querystring: santongshiQuerySchema,
        response: { 200: santongshiListResponseSchema },
      },
      config: { access: access.staffRead() },
    },
    async (request) => listSantongshiTasks(serviceContext(request), request.query),
  );
  app.post(
    '/api/campaign/santongshi/:id/done',
    { schema: { tags: ['campaign'], params: idParamSchema, response: { 200: santongshiTaskSchema } }, config: { access: access.staffWrite() } },
    async (request) => completeSantongshiTask(serviceContext(request), request.params.id),
  );
};
