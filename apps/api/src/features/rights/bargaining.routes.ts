import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  calendarItemCreateSchema, calendarItemSchema, calendarQuerySchema, preparationQuerySchema, preparationSchema, checkCreateSchema, contractCreateSchema, contractFileSchema, contractItemSchema, contractListQuerySchema, contractListResponseSchema,
  contractVetoSchema, idParamSchema, roundCreateSchema, roundItemSchema, roundListQuerySchema,
} from '@lianxin/contracts';
import { serviceContext } from '../../context.ts';
import { access } from '../../access/route-access.ts';
import { addCalendarItem, getPreparation, listCalendar, savePreparation } from './bargaining-prep.service.ts';
import { addCheck, createContract, createRound, fileContract, getContract, listContracts, listRounds, vetoContract } from './bargaining.service.ts';

export const bargainingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/bargaining/rounds',
    {
      schema: {
        tags: ['bargaining'], description: 'The next round of a topic\'s talks (3 as a rule, 5 at most); the same round sent again answers the recorded one with 200.',
        body: roundCreateSchema, response: { 200: roundItemSchema, 201: roundItemSchema },
      },
      config: { access: access.staffWrite() },
    },
    async (request, reply) => {
      const { round, created } = await createRound(serviceContext(request), request.body);
      return reply.status(created ? 201 : 200).send(round);
    },
  );
  app.get(
    '/api/bargaining/rounds',
    { schema: { tags: ['bargaining'], querystring: roundListQuerySchema, response: { 200: z.object({ items: z.array(roundItemSchema) }) } }, config: { access: access.staffRead() } },
    async (request) => listRounds(serviceContext(request), request.query),
  );
  app.post(
    '/api/bargaining/contracts',
    { schema: { tags: ['bargaining'], body: contractCreateSchema, response: { 201: contractItemSchema } }, config: { access: access.staffWrite() } },
    async (request, reply) => reply.status(201).send(await createContract(serviceContext(request), request.body)),
  );
  app.get(
    '/api/bargaining/contracts',
    { schema: { tags: ['bargaining'], querystring: contractListQuerySchema, response: { 200: contractListResponseSchema } }, config: { access: access.staffRead() } },
    async (request) => listContracts(serviceContext(request), request.query),
  );
  app.get(
    '/api/bargaining/contracts/:id',
    { schema: { tags: ['bargaining'], params: idParamSchema, response: { 200: contractItemSchema } }, config: { access: access.staffRead() } },
    async (request) => getContract(serviceContext(request), request.params.id),
  );
  app.post(
    '/api/bargaining/contracts/:id/file',
    { schema: { tags: ['bargaining'], description: '备案 with the human-resources bureau.', params: idParamSchema, body: contractFileSchema, response: { 200: contractItemSchema } }, config: { access: access.staffWrite() } },
    async (request) => fileContract(serviceContext(request), request.params.id, request.body.filedOn),
  );
  app.post(
    '/api/bargaining/contracts/:id/veto',
    {
      schema: { tags: ['bargaining'], description: 'The workers\' congress joint council vetoes a wage agreement.', params: idParamSchema, body: contractVetoSchema, response: { 200: contractItemSchema } },
      config: { access: access.staffWrite('congress.jointCouncil') },
    },
    async (request) => vetoContract(serviceContext(request), request.params.id, request.body.reason),
  );
  app.post(
    '/api/bargaining/contracts/:id/checks',
    { schema: { tags: ['bargaining'], description: '三访三查 after signing.', params: idParamSchema, body: checkCreateSchema, response: { 201: contractItemSchema } }, config: { access: access.staffWrite() } },
    async (request, reply) => reply.status(201).send(await addCheck(serviceContext(request), request.params.id, request.body)),
  );
  app.get(
    '/api/bargaining/calendar',
    { schema: { tags: ['bargaining'], querystring: calendarQuerySchema, response: { 200: z.object({ items: z.array(calendarItemSchema) }) } }, config: { access: access.staffRead() } },
    async (request) => listCalendar(serviceContext(request), request.query.enterpriseId),
  );
  app.post(
    '/api/bargaining/calendar',
    {
      schema: { tags: ['bargaining'], description: 'A line of the bargaining calendar: a topic in a month, or every month (month null).', body: calendarItemCreateSchema, response: { 201: calendarItemSchema } },
      config: { access: access.staffWrite() },
    },
    async (request, reply) => reply.status(201).send(await addCalendarItem(serviceContext(request), request.body)),
  );
  app.get(
    '/api/bargaining/preparations',
    { schema: { tags: ['bargaining'], querystring: preparationQuerySchema, response: { 200: preparationSchema } }, config: { access: access.staffRead() } },
    async (request) => getPreparation(serviceContext(request), request.query.enterpriseId, request.query.year),
  );
  app.put(
    '/api/bargaining/preparations',
    {
      schema: { tags: ['bargaining'], description: 'The year\'s preparation data: last year\'s profit, CPI, the wage guideline (基准线/上线/下线).', body: preparationSchema, response: { 200: preparationSchema } },
      config: { access: access.staffWrite() },
    },
    async (request) => savePreparation(serviceContext(request), request.body),
  );
};
