import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ballotCastSchema, ballotReceiptSchema, idParamSchema, voteCreateSchema, voteListQuerySchema, voteListSchema, votePatchSchema,
  voteResultQuerySchema, voteResultSchema, voteSchema,
} from '@lianxin/contracts';
import { access } from '../../access/route-access.ts';
import { serviceContext } from '../../context.ts';
import {
  castBallot, createVote, finishVote, getVote, listVotes, memberVoteResult, publishVote, staffVoteResult, startVote, updateVote,
} from './votes.service.ts';

const tags = ['votes'];

export const votesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/votes',
    { schema: { tags, description: 'Votes of a unit and below (default: your own), newest first.', querystring: voteListQuerySchema, response: { 200: voteListSchema } }, config: { access: access.staffRead() } },
    async (request) => ({ items: await listVotes(serviceContext(request), request.query.orgId) }),
  );
  app.post(
    '/api/votes',
    {
      schema: {
        tags,
        description: 'A vote in state `created`. Without `sessionId` the entitled voters are the active members of `orgId`\'s subtree at start; with it, the session\'s present representatives.',
        body: voteCreateSchema, response: { 201: voteSchema },
      },
      config: { access: access.staffWrite() },
    },
    async (request, reply) => reply.status(201).send(await createVote(serviceContext(request), request.body)),
  );
  app.get(
    '/api/votes/:id',
    { schema: { tags, params: idParamSchema, response: { 200: voteSchema } }, config: { access: access.staffRead() } },
    async (request) => getVote(serviceContext(request), request.params.id),
  );
  app.patch(
    '/api/votes/:id',
    { schema: { tags, description: 'The whole definition again; 409 once started.', params: idParamSchema, body: votePatchSchema, response: { 200: voteSchema } }, config: { access: access.staffWrite() } },
    async (request) => updateVote(serviceContext(request), request.params.id, request.body),
  );
  for (const [step, run] of [['start', startVote], ['finish', finishVote], ['publish', publishVote]] as const) {
    app.post(
      `/api/votes/:id/${step}`,
      { schema: { tags, params: idParamSchema, response: { 200: voteSchema } }, config: { access: access.staffWrite() } },
      async (request) => run(serviceContext(request), request.params.id),
    );
  }
  app.post(
    '/api/votes/:id/ballots',
    {
      schema: { tags, description: 'The signed-in member\'s ballot; the receipt code is shown once.', params: idParamSchema, body: ballotCastSchema, response: { 201: ballotReceiptSchema } },
      config: { access: access.member },
    },
    async (request, reply) => reply.status(201).send(await castBallot(serviceContext(request), request.params.id, request.body.choices)),
  );
  app.get(
    '/api/votes/:id/result',
    {
      schema: { tags, description: 'For the vote\'s union staff from `finished` on; `receipt` finds a ballot in the tally.', params: idParamSchema, querystring: voteResultQuerySchema, response: { 200: voteResultSchema } },
      config: { access: access.staffRead() },
    },
    async (request) => staffVoteResult(serviceContext(request), request.params.id, request.query.receipt),
  );
  app.get(
    '/api/me/votes/:id/result',
    {
      schema: { tags, description: 'For an entitled voter once published; `receipt` finds their ballot in the tally.', params: idParamSchema, querystring: voteResultQuerySchema, response: { 200: voteResultSchema } },
      config: { access: access.member },
    },
    async (request) => memberVoteResult(serviceContext(request), request.params.id, request.query.receipt),
  );
};
