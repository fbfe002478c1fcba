import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  attendanceSchema, congressSessionSchema, idParamSchema, myCongressSchema, proposalAnswerSchema, proposalBestSchema, proposalCreateSchema, proposalFileSchema,
  proposalListQuerySchema, proposalListSchema, proposalProgressCreateSchema, proposalRateSchema, proposalReturnSchema, proposalSchema, sessionCreateSchema,
  sessionListQuerySchema, sessionListSchema,
} from '@lianxin/contracts';
import { access } from '../../access/route-access.ts';
import { serviceContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { votesOfMember } from '../votes/votes.service.ts';
import {
  answerProposal, congressOfMember, createSession, fileProposal, getSession, listProposals, listSessions, markBest, postProgress, rateProposal,
  recordAttendance, returnProposal, secondProposal, submitProposal,
} from './congress.service.ts';

const tags = ['congress'];

export const congressRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/congress/sessions',
    { schema: { tags, querystring: sessionListQuerySchema, response: { 200: sessionListSchema } }, config: { access: access.staffRead() } },
    async (request) => listSessions(serviceContext(request), request.query.orgId),
  );
  app.post(
    '/api/congress/sessions',
    { schema: { tags, description: 'A session with its representatives (members of the union or below) and the proposal window.', body: sessionCreateSchema, response: { 201: congressSessionSchema } }, config: { access: access.staffWrite() } },
    async (request, reply) => reply.status(201).send(await createSession(serviceContext(request), request.body)),
  );
  app.get(
    '/api/congress/sessions/:id',
    { schema: { tags, params: idParamSchema, response: { 200: congressSessionSchema } }, config: { access: access.staffRead() } },
    async (request) => getSession(serviceContext(request), request.params.id),
  );
  app.put(
    '/api/congress/sessions/:id/attendance',
    { schema: { tags, description: 'The representatives present; quorum is two thirds of all.', params: idParamSchema, body: attendanceSchema, response: { 200: congressSessionSchema } }, config: { access: access.staffWrite() } },
    async (request) => recordAttendance(serviceContext(request), request.params.id, request.body.present),
  );
  app.get(
    '/api/congress/proposals',
    { schema: { tags, description: 'A session\'s proposals; `best=true` lists its best proposals (优秀提案).', querystring: proposalListQuerySchema, response: { 200: proposalListSchema } }, config: { access: access.staffRead() } },
    async (request) => listProposals(serviceContext(request), request.query.sessionId, request.query.state, request.query.best),
  );
  app.post(
    '/api/congress/proposals',
    {
      schema: {
        tags, description: 'A representative\'s proposal (一事一议), in the session\'s window; the same proposal sent again while submitted answers the first with 200.',
        body: proposalCreateSchema, response: { 200: proposalSchema, 201: proposalSchema },
      },
      config: { access: access.member },
    },
    async (request, reply) => {
      const { proposal, created } = await submitProposal(serviceContext(request), request.body);
      return reply.status(created ? 201 : 200).send(proposal);
    },
  );
  app.post(
    '/api/congress/proposals/:id/second',
    { schema: { tags, description: '附议 by another representative of the session.', params: idParamSchema, response: { 200: proposalSchema } }, config: { access: access.member } },
    async (request) => secondProposal(serviceContext(request), request.params.id),
  );
  app.post(
    '/api/congress/proposals/:id/file',
    { schema: { tags, description: '立案 by the proposal committee (needs the seconders).', params: idParamSchema, body: proposalFileSchema, response: { 200: proposalSchema } }, config: { access: access.staffWrite('congress.fileProposals') } },
    async (request) => fileProposal(serviceContext(request), request.params.id, request.body),
  );
  app.post(
    '/api/congress/proposals/:id/return',
    { schema: { tags, description: 'Returned with a written reason (kept as an opinion).', params: idParamSchema, body: proposalReturnSchema, response: { 200: proposalSchema } }, config: { access: access.staffWrite('congress.fileProposals') } },
    async (request) => returnProposal(serviceContext(request), request.params.id, request.body.reason),
  );
  app.post(
    '/api/congress/proposals/:id/answer',
    { schema: { tags, description: 'The department\'s answer, signed by the responsible leader.', params: idParamSchema, body: proposalAnswerSchema, response: { 200: proposalSchema } }, config: { access: access.staffWrite() } },
    async (request) => answerProposal(serviceContext(request), request.params.id, request.body),
  );
  app.post(
    '/api/congress/proposals/:id/progress',
    { schema: { tags, description: '办理进展: the department\'s progress note after its answer; `done` (落实完成) is the last one.', params: idParamSchema, body: proposalProgressCreateSchema, response: { 200: proposalSchema } }, config: { access: access.staffWrite() } },
    async (request) => postProgress(serviceContext(request), request.params.id, request.body),
  );
  app.post(
    '/api/congress/proposals/:id/best',
    { schema: { tags, description: '优秀提案: the proposal committee marks (or unmarks) a filed and answered proposal.', params: idParamSchema, body: proposalBestSchema, response: { 200: proposalSchema } }, config: { access: access.staffWrite('congress.fileProposals') } },
    async (request) => markBest(serviceContext(request), request.params.id, request.body.best),
  );
  app.post(
    '/api/congress/proposals/:id/rate',
    { schema: { tags, description: 'The proposer rates the answer; 不满意 sends it back once.', params: idParamSchema, body: proposalRateSchema, response: { 200: proposalSchema } }, config: { access: access.member } },
    async (request) => rateProposal(serviceContext(request), request.params.id, request.body.rating, request.body.comment),
  );
  app.get(
    '/api/me/congress',
    { schema: { tags, description: 'The member\'s sessions, their proposals and the votes they are entitled to.', response: { 200: myCongressSchema } }, config: { access: access.member } },
    async (request) => {
      const ctx = serviceContext(request);
      if (ctx.actor.memberId === null) throw notFound();
      const [congress, votes] = await Promise.all([congressOfMember(ctx.db, ctx.actor.memberId), votesOfMember(ctx.db, ctx.actor.memberId)]);
      return { memberId: ctx.actor.memberId, ...congress, votes };
    },
  );
};
