import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  evaluationParamsSchema, evaluationQuerySchema, evaluationSchema, evaluationSummarySchema, memberRatingSchema, ratingQuestionSetSchema, ratingQuestionsUpdateSchema,
  sampleDrawSchema, sampleSchema, scoreEntrySchema, selfCheckSchema, recordIdSchema,
} from '@lianxin/contracts';
import { access } from '../../access/route-access.ts';
import { serviceContext } from '../../context.ts';
import {
  postIncentiveGrant, drawDistrictSample, evaluationSummary, getEvaluation, myRatingQuestions, rateUnion, ratingQuestions, saveSelfCheck, saveSpotCheck,
  saveThirdParty, setRatingQuestions,
} from './evaluation.service.ts';

const tags = ['evaluation'];

export const evaluationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/evaluation/:year',
    { schema: { tags, description: 'Scores by part, the combined score and the stars of a union for a year.', params: evaluationParamsSchema, querystring: evaluationQuerySchema, response: { 200: evaluationSchema } }, config: { access: access.staffRead() } },
    async (request) => getEvaluation(serviceContext(request), request.params.year, request.query.orgId),
  );
  app.get(
    '/api/evaluation/:year/summary',
    { schema: { tags, description: 'The cockpit\'s figures: evaluated units of the subtree by stars, ratings, sampled and checked units.', params: evaluationParamsSchema, querystring: evaluationQuerySchema, response: { 200: evaluationSummarySchema } }, config: { access: access.staffRead() } },
    async (request) => evaluationSummary(serviceContext(request), request.params.year, request.query.orgId),
  );
  app.post(
    '/api/evaluation/:year/grant',
    {
      schema: { tags, description: 'Posts the unit\'s 星级 incentive grant of the year to the funds ledger (once per unit and year; a repeat answers the first).', params: evaluationParamsSchema, body: z.object({ orgId: recordIdSchema }), response: { 200: evaluationSchema } },
      config: { access: access.staffWrite() },
    },
    async (request) => postIncentiveGrant(serviceContext(request), request.params.year, request.body.orgId),
  );
  app.put(
    '/api/evaluation/:year/self-check',
    { schema: { tags, description: '工会自查 against the 5 areas / 19 items.', params: evaluationParamsSchema, body: selfCheckSchema, response: { 200: evaluationSchema } }, config: { access: access.staffWrite() } },
    async (request) => saveSelfCheck(serviceContext(request), request.params.year, request.body),
  );
  app.post(
    '/api/evaluation/:year/samples',
    { schema: { tags, description: '上级抽查: a seeded random sample of a district\'s grassroots unions; the seed is recorded.', params: evaluationParamsSchema, body: sampleDrawSchema, response: { 201: sampleSchema } }, config: { access: access.staffWrite() } },
    async (request, reply) => reply.status(201).send(await drawDistrictSample(serviceContext(request), request.params.year, request.body)),
  );
  app.put(
    '/api/evaluation/:year/spot-check',
    { schema: { tags, description: 'A checker scores a unit of the sample.', params: evaluationParamsSchema, body: scoreEntrySchema, response: { 200: evaluationSchema } }, config: { access: access.staffWrite('evaluation.check') } },
    async (request) => saveSpotCheck(serviceContext(request), request.params.year, request.body),
  );
  app.put(
    '/api/evaluation/:year/third-party',
    { schema: { tags, description: '第三方评审: the assessor\'s score and report.', params: evaluationParamsSchema, body: scoreEntrySchema, response: { 200: evaluationSchema } }, config: { access: access.staffWrite('evaluation.assess') } },
    async (request) => saveThirdParty(serviceContext(request), request.params.year, request.body),
  );
  app.get(
    '/api/evaluation/:year/questions',
    { schema: { tags, description: '会员评家 questions that apply to a union in a year (its own, the nearest set above, e.g. the city\'s, or the built-in set).', params: evaluationParamsSchema, querystring: evaluationQuerySchema, response: { 200: ratingQuestionSetSchema } }, config: { access: access.staffRead() } },
    async (request) => ratingQuestions(serviceContext(request), request.params.year, request.query.orgId),
  );
  app.put(
    '/api/evaluation/:year/questions',
    { schema: { tags, description: 'A union (or the city, as the default) sets its 会员评家 questions for a year; 409 once members below it have rated that year.', params: evaluationParamsSchema, body: ratingQuestionsUpdateSchema, response: { 200: ratingQuestionSetSchema } }, config: { access: access.staffWrite() } },
    async (request) => setRatingQuestions(serviceContext(request), request.params.year, request.body),
  );
  app.get(
    '/api/me/evaluation/:year/questions',
    { schema: { tags, description: '会员评家: the questions the member answers for their union this year.', params: evaluationParamsSchema, response: { 200: ratingQuestionSetSchema } }, config: { access: access.member } },
    async (request) => myRatingQuestions(serviceContext(request), request.params.year),
  );
  app.post(
    '/api/me/evaluation/:year/rating',
    { schema: { tags, description: '会员评家: the member rates their union, once a year.', params: evaluationParamsSchema, body: memberRatingSchema, response: { 201: z.object({ ok: z.literal(true) }) } }, config: { access: access.member } },
    async (request, reply) => {
      await rateUnion(serviceContext(request), request.params.year, request.body.answers);
      return reply.status(201).send({ ok: true as const });
    },
  );
};
