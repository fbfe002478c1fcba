import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { consultationIssueCreateSchema, idParamSchema, myCaseSchema, myConsultationSchema, myRightsSchema } from '@lianxin/contracts';
import { access } from '../../access/route-access.ts';
import { serviceContext } from '../../context.ts';
import { myCase, myRights, submitConsultationIssue } from './member-rights.service.ts';

/** 我的维权 on the H5: the member's own cases, their enterprise's contracts in force and its 恳谈会 (member-rights.service.ts). */
export const memberRightsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/me/rights',
    {
      schema: {
        tags: ['rights'], description: 'The signed-in member\'s cases (each read audit-logged), the contracts in force covering their enterprise and its 恳谈会.',
        response: { 200: myRightsSchema },
      },
      config: { access: access.member },
    },
    async (request) => myRights(serviceContext(request)),
  );
  app.get(
    '/api/me/rights/cases/:id',
    {
      schema: { tags: ['rights'], description: 'One of the member\'s cases with its stage history; 404 unless the member is a party.', params: idParamSchema, response: { 200: myCaseSchema } },
      config: { access: access.member },
    },
    async (request) => myCase(serviceContext(request), request.params.id),
  );
  app.post(
    '/api/me/rights/consultations/:id/issues',
    {
      schema: {
        tags: ['rights'],
        description: 'An issue for the member\'s enterprise\'s 恳谈会 while it collects issues: one per member, meeting and day; the same one sent again that day answers the first with 200.',
        params: idParamSchema, body: consultationIssueCreateSchema, response: { 200: myConsultationSchema, 201: myConsultationSchema },
      },
      config: { access: access.member },
    },
    async (request, reply) => {
      const { item, created } = await submitConsultationIssue(serviceContext(request), request.params.id, request.body);
      return reply.status(created ? 201 : 200).send(item);
    },
  );
};
