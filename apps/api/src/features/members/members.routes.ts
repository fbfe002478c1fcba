import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  idParamSchema, memberDetailSchema, memberLeaveSchema, memberListQuerySchema, memberListResponseSchema, memberRevealSchema,
  memberUpdateSchema, transferCreateSchema, transferItemSchema, transferListQuerySchema, transferListResponseSchema,
  transferRejectSchema,
} from '@lianxin/contracts';
import { serviceContext } from '../../context.ts';
import { decideTransfer, listTransfers, requestTransfer } from '../transfers/transfers.service.ts';
import { listMembers, toMemberItem } from './members.repo.ts';
import { getMemberDetail, leaveMember, revealMember, updateMember } from './members.service.ts';
import { access } from '../../access/route-access.ts';

export const memberRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/members',
    { schema: { tags: ['membership'], querystring: memberListQuerySchema, response: { 200: memberListResponseSchema } }, config: { access: access.staffRead() } },
    async (request) => {
      const ctx = serviceContext(request);
      const page = await listMembers(ctx.db, ctx.scope, request.query, ctx.keys.blindIndex);
      return { ...page, items: page.items.map((r) => toMemberItem(r, ctx.cipher)) };
    },
  );
  app.get(
    '/api/members/:id',
    { schema: { tags: ['membership'], params: idParamSchema, response: { 200: memberDetailSchema } }, config: { access: access.staffRead() } },
    async (request) => getMemberDetail(serviceContext(request), request.params.id),
  );
  app.patch(
    '/api/members/:id',
    { schema: { tags: ['membership'], params: idParamSchema, body: memberUpdateSchema, response: { 200: memberDetailSchema } }, config: { access: access.staffWrite() } },
    async (request) => updateMember(serviceContext(request), request.params.id, request.body),
  );
  app.post(
    '/api/members/:id/leave',
    { schema: { tags: ['membership'], params: idParamSchema, body: memberLeaveSchema, response: { 200: memberDetailSchema } }, config: { access: access.staffWrite() } },
    async (request) => leaveMember(serviceContext(request), request.params.id, request.body.reason),
  );
  app.post(
    '/api/members/:id/reveal',
    { schema: { tags: ['membership'], description: 'ID number and phone in clear, for allowed roles; audit-logged.', params: idParamSchema, response: { 200: memberRevealSchema } }, config: { access: access.staffRead('members.reveal') } },
    async (request) => revealMember(serviceContext(request), request.params.id),
  );
  app.post(
    '/api/members/:id/transfers',
    { schema: { tags: ['membership'], params: idParamSchema, body: transferCreateSchema, response: { 201: transferItemSchema } }, config: { access: access.staffWrite() } },
    async (request, reply) =>
      reply.status(201).send(await requestTransfer(serviceContext(request), request.params.id, request.body.toOrgId, request.body.reason)),
  );
  app.get(
    '/api/transfers',
    { schema: { tags: ['membership'], querystring: transferListQuerySchema, response: { 200: transferListResponseSchema } }, config: { access: access.staffRead() } },
    async (request) => ({ items: await listTransfers(serviceContext(request), request.query.direction, request.query.status) }),
  );
  app.post(
    '/api/transfers/:id/approve',
    { schema: { tags: ['membership'], params: idParamSchema, response: { 200: transferItemSchema } }, config: { access: access.staffWrite() } },
    async (request) => decideTransfer(serviceContext(request), request.params.id, { approve: true }),
  );
  app.post(
    '/api/transfers/:id/reject',
    { schema: { tags: ['membership'], params: idParamSchema, body: transferRejectSchema, response: { 200: transferItemSchema } }, config: { access: access.staffWrite() } },
    async (request) => decideTransfer(serviceContext(request), request.params.id, { approve: false, reason: request.body.reason }),
  );
};
