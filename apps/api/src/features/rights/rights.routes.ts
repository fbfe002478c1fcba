import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import {
  caseCreateSchema, caseItemSchema, caseListQuerySchema, caseListResponseSchema, caseStageSchema, consultationCreateSchema, consultationItemSchema,
  consultationListQuerySchema, consultationListResponseSchema, consultationStepSchema, idParamSchema, meetingCreateSchema,
  rightsSummaryQuerySchema, rightsSummarySchema, warningCloseSchema, warningCreateSchema, warningItemSchema, warningListQuerySchema,
  warningListResponseSchema, partyParamSchema, revealedPhoneSchema,
} from '@lianxin/contracts';
import { serviceContext } from '../../context.ts';
import { access } from '../../access/route-access.ts';
import { agreementPdf, createCase, getCase, listCases, moveCase, revealPartyPhone } from './cases.service.ts';
import { createConsultation, getConsultation, listConsultations, moveConsultation } from './consultations.service.ts';
import { rightsSummary } from './summary.service.ts';
import { addMeeting, closeWarning, createWarning, getWarning, listWarnings, warningLetterPdf } from './warnings.service.ts';

const sendPdf = (reply: FastifyReply, { file, filename }: { file: Buffer; filename: string }) => reply
  .type('application/pdf')
  .header('content-disposition', `inline; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent(filename)}`)
  .send(file);

export const rightsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/rights/cases',
    {
      schema: {
        tags: ['rights'], description: 'Opens a legal-aid / dispute case (零门槛). Group flag from the city threshold. The same case sent again (a double tap, a retry within 10 minutes) answers the first with 200.',
        body: caseCreateSchema, response: { 200: caseItemSchema, 201: caseItemSchema },
      },
      config: { access: access.staffWrite() },
    },
    async (request, reply) => {
      const { item, created } = await createCase(serviceContext(request), request.body);
      return reply.status(created ? 201 : 200).send(item);
    },
  );
  app.get(
    '/api/rights/cases',
    { schema: { tags: ['rights'], querystring: caseListQuerySchema, response: { 200: caseListResponseSchema } }, config: { access: access.staffRead() } },
    async (request) => listCases(serviceContext(request), request.query),
  );
  app.get(
    '/api/rights/cases/:id',
    { schema: { tags: ['rights'], params: idParamSchema, response: { 200: caseItemSchema } }, config: { access: access.staffRead() } },
    async (request) => getCase(serviceContext(request), request.params.id),
  );
  app.post(
    '/api/rights/cases/:id/stage',
    {
      schema: { tags: ['rights'], description: '受理 → 调查 → 调解 → 结案 (with outcome and amount recovered).', params: idParamSchema, body: caseStageSchema, response: { 200: caseItemSchema } },
      config: { access: access.staffWrite() },
    },
    async (request) => moveCase(serviceContext(request), request.params.id, request.body),
  );
  app.post(
    '/api/rights/cases/:id/parties/:partyId/phone',
    {
      schema: { tags: ['rights'], description: 'A party\'s phone in clear, for staff whose scope holds the case; audit-logged.', params: partyParamSchema, response: { 200: revealedPhoneSchema } },
      config: { access: access.staffWrite() },
    },
    async (request) => revealPartyPhone(serviceContext(request), request.params.id, request.params.partyId),
  );
  app.get(
    '/api/rights/cases/:id/agreement.pdf',
    { schema: { tags: ['rights'], params: idParamSchema }, config: { access: access.staffRead() } },
    async (request, reply) => sendPdf(reply, await agreementPdf(serviceContext(request), request.params.id)),
  );

  app.post(
    '/api/rights/warnings',
    {
      schema: { tags: ['rights'], description: 'A warning with its 整改意见函; the same warning sent again the same day answers the first with 200.', body: warningCreateSchema, response: { 200: warningItemSchema, 201: warningItemSchema } },
      config: { access: access.staffWrite() },
    },
    async (request, reply) => {
      const { item, created } = await createWarning(serviceContext(request), request.body);
      return reply.status(created ? 201 : 200).send(item);
    },
  );
  app.get(
    '/api/rights/warnings',
    { schema: { tags: ['rights'], querystring: warningListQuerySchema, response: { 200: warningListResponseSchema } }, config: { access: access.staffRead() } },
    async (request) => listWarnings(serviceContext(request), request.query),
  );
  app.get(
    '/api/rights/warnings/:id',
    { schema: { tags: ['rights'], params: idParamSchema, response: { 200: warningItemSchema } }, config: { access: access.staffRead() } },
    async (request) => getWarning(serviceContext(request), request.params.id),
  );
  app.post(
    '/api/rights/warnings/:id/meetings',
    { schema: { tags: ['rights'], description: '紧急约见 record.', params: idParamSchema, body: meetingCreateSchema, response: { 201: warningItemSchema } }, config: { access: access.staffWrite() } },
    async (request, reply) => reply.status(201).send(await addMeeting(serviceContext(request), request.params.id, request.body)),
  );
  app.post(
    '/api/rights/warnings/:id/close',
    { schema: { tags: ['rights'], params: idParamSchema, body: warningCloseSchema, response: { 200: warningItemSchema } }, config: { access: access.staffWrite() } },
    async (request) => closeWarning(serviceContext(request), request.params.id, request.body.resolution),
  );
  app.get(
    '/api/rights/warnings/:id/letter.pdf',
    { schema: { tags: ['rights'], description: '《工会劳动法律监督整改意见函》', params: idParamSchema }, config: { access: access.staffRead() } },
    async (request, reply) => sendPdf(reply, await warningLetterPdf(serviceContext(request), request.params.id)),
  );

  app.post(
    '/api/rights/consultations',
    {
      schema: {
        tags: ['rights'], description: '恳谈会: opens with the issues collected (one under way per enterprise); the same one sent again answers the first with 200.',
        body: consultationCreateSchema, response: { 200: consultationItemSchema, 201: consultationItemSchema },
      },
      config: { access: access.staffWrite() },
    },
    async (request, reply) => {
      const { item, created } = await createConsultation(serviceContext(request), request.body);
      return reply.status(created ? 201 : 200).send(item);
    },
  );
  app.get(
    '/api/rights/consultations',
    { schema: { tags: ['rights'], querystring: consultationListQuerySchema, response: { 200: consultationListResponseSchema } }, config: { access: access.staffRead() } },
    async (request) => listConsultations(serviceContext(request), request.query),
  );
  app.get(
    '/api/rights/consultations/:id',
    { schema: { tags: ['rights'], params: idParamSchema, response: { 200: consultationItemSchema } }, config: { access: access.staffRead() } },
    async (request) => getConsultation(serviceContext(request), request.params.id),
  );
  app.post(
    '/api/rights/consultations/:id/step',
    {
      schema: {
        tags: ['rights'], description: '收集议题 → 确定参会人员 → 意见反馈 → 召开恳谈会 → 结果公开, each dated, in order.',
        params: idParamSchema, body: consultationStepSchema, response: { 200: consultationItemSchema },
      },
      config: { access: access.staffWrite() },
    },
    async (request) => moveConsultation(serviceContext(request), request.params.id, request.body),
  );

  app.get(
    '/api/rights/summary',
    {
      schema: { tags: ['rights'], description: 'Rights figures of a unit\'s subtree (trigger-kept; contract coverage as of today).', querystring: rightsSummaryQuerySchema, response: { 200: rightsSummarySchema } },
      config: { access: access.staffRead() },
    },
    async (request) => rightsSummary(serviceContext(request), request.query),
  );
};
