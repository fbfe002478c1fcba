import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  EVIDENCE_MAX_MB, evidenceFileSchema, evidenceListSchema, idParamSchema, evaluationParamsSchema, evaluationQuerySchema, evaluationSchema, evaluationSummarySchema, memberRatingSchema, ratingQuestionSetSchema, ratingQuestionsUpdateSchema,
  sampleDrawSchema, sampleSchema, scoreEntrySchema, selfCheckSchema, recordIdSchema,
} from '@lianxin/contracts';
import { access } from '../../access/route-access.ts';
import { AppError, fieldError } from '../../errors.ts';
import { attachment } from '../../lib/xlsx.ts';
import { evidenceDownload, evidenceTooLarge, listEvidence, uploadEvidence } from './evaluation.evidence.ts';
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
    '/api/evaluation/:year/evidence',
    {
      schema: { tags, description: `工会自查 evidence: multipart \`orgId\`, \`itemCode\` and \`file\` (pdf, jpg, png, xlsx or docx by its first bytes, at most ${EVIDENCE_MAX_MB} MB).`, params: evaluationParamsSchema, response: { 201: evidenceFileSchema } },
      config: { access: access.staffWrite() },
    },
    async (request, reply) => {
      const ctx = serviceContext(request);
      const required = () => new AppError('validation_failed', 400, 'evaluation.evidenceRequired', {}, { file: 'evaluation.evidenceRequired' });
      if (!request.isMultipart()) throw required();
      const fields: Record<string, string> = {};
      let file: { filename: string; data: Buffer } | null = null;
      try {
        for await (const part of request.parts({ limits: { files: 1, fields: 5, fileSize: EVIDENCE_MAX_MB * 1024 * 1024 } })) {
          if (part.type === 'file') {
            const data = await part.toBuffer();
            if (part.fieldname === 'file' && !file) file = { filename: part.filename, data };
          } else if (typeof part.value === 'string') {
            fields[part.fieldname] = part.value;
          }
        }
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw evidenceTooLarge();
        throw error;
      }
      const orgId = recordIdSchema.safeParse(Number(fields.orgId));
      if (!orgId.success) throw fieldError('orgId', 'required');
      if (!fields.itemCode) throw fieldError('itemCode', 'required');
      if (!file || file.data.length === 0) throw required();
      return reply.status(201).send(await uploadEvidence(ctx, request.params.year, { orgId: orgId.data, itemCode: fields.itemCode.slice(0, 10), filename: file.filename, data: file.data }));
    },
  );
  app.get(
    '/api/evaluation/:year/evidence',
    { schema: { tags, description: 'A union\'s 工会自查 evidence files of the year (staff in scope, checkers included).', params: evaluationParamsSchema, querystring: evaluationQuerySchema, response: { 200: evidenceListSchema } }, config: { access: access.staffRead() } },
    async (request) => listEvidence(serviceContext(request), request.params.year, request.query.orgId),
  );
  app.get(
    '/api/evaluation/evidence/:id',
    { schema: { tags, description: 'One evidence file, as an attachment.', params: idParamSchema }, config: { access: access.staffRead() } },
    async (request, reply) => {
      const file = await evidenceDownload(serviceContext(request), request.params.id);
      return reply.type(file.contentType).header('content-disposition', attachment(file.filename)).send(file.data);
    },
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
