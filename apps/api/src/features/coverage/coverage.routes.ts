import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  coverageQuerySchema, coverageResponseSchema, coverageTargetInputSchema, coverageTargetSchema, coverageTrendSchema, idParamSchema,
  staffingResponseSchema, targetRuleSchema, recordIdQuery } from '@lianxin/contracts';
import { serviceContext } from '../../context.ts';
import { attachment, XLSX_TYPE } from '../../lib/xlsx.ts';
import { coverageWorkbook } from './coverage.export.ts';
import {
  deleteTarget, getCoverageJson, getCoverageTrend, getFullCoverage, getTargetRule, listTargets, saveTarget, setTargetRule,
} from './coverage.service.ts';
import { getStaffing } from './staffing.service.ts';
import { access } from '../../access/route-access.ts';
import { sendJson } from '../../lib/send-json.ts';

const orgQuery = z.object({ orgId: recordIdQuery.optional() });

export const coverageRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/coverage',
    {
      schema: {
        tags: ['coverage'],
        description: 'The cockpit: figures of a unit (default: your own), one page of the units below it (childKind, childPage, childPageSize, childSort, childOrder) and the bar chart of its federations and joint unions, against targets. Rates are fractions.',
        querystring: coverageQuerySchema,
        response: { 200: coverageResponseSchema },
      },
      config: { access: access.staffRead() },
    },
    async (request, reply) => sendJson(reply, await getCoverageJson(serviceContext(request), request.query)),
  );
  app.get(
    '/api/coverage/export.xlsx',
    { schema: { tags: ['coverage'], querystring: coverageQuerySchema }, config: { access: access.staffRead() } },
    async (request, reply) => {
      const coverage = await getFullCoverage(serviceContext(request), request.query);
      const file = await coverageWorkbook(coverage, request.locale);
      return reply.type(XLSX_TYPE).header('content-disposition', attachment(`建会入会情况-${coverage.org.name}-${coverage.period}.xlsx`)).send(file);
    },
  );
  app.get(
    '/api/coverage/trend',
    { schema: { tags: ['coverage'], querystring: orgQuery, response: { 200: coverageTrendSchema } }, config: { access: access.staffRead() } },
    async (request) => getCoverageTrend(serviceContext(request), request.query.orgId),
  );
  app.get(
    '/api/coverage/staffing',
    { schema: { tags: ['coverage'], querystring: orgQuery, response: { 200: staffingResponseSchema } }, config: { access: access.staffRead() } },
    async (request) => getStaffing(serviceContext(request), request.query.orgId),
  );
  app.get(
    '/api/coverage/targets',
    { schema: { tags: ['coverage'], querystring: orgQuery, response: { 200: z.object({ items: z.array(coverageTargetSchema) }) } }, config: { access: access.staffRead() } },
    async (request) => ({ items: await listTargets(serviceContext(request), request.query.orgId) }),
  );
  app.post(
    '/api/coverage/targets',
    { schema: { tags: ['coverage'], body: coverageTargetInputSchema, response: { 201: coverageTargetSchema } }, config: { access: access.staffWrite('coverage.setTargets') } },
    async (request, reply) => reply.status(201).send(await saveTarget(serviceContext(request), request.body)),
  );
  app.put(
    '/api/coverage/targets/:id',
    { schema: { tags: ['coverage'], params: idParamSchema, body: coverageTargetInputSchema, response: { 200: coverageTargetSchema } }, config: { access: access.staffWrite('coverage.setTargets') } },
    async (request) => saveTarget(serviceContext(request), request.body, request.params.id),
  );
  app.delete(
    '/api/coverage/targets/:id',
    { schema: { tags: ['coverage'], params: idParamSchema }, config: { access: access.staffWrite('coverage.setTargets') } },
    async (request, reply) => {
      await deleteTarget(serviceContext(request), request.params.id);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/coverage/target-rule',
    { schema: { tags: ['coverage'], response: { 200: targetRuleSchema } }, config: { access: access.staffRead() } },
    async (request) => getTargetRule(serviceContext(request)),
  );
  app.put(
    '/api/coverage/target-rule',
    {
      schema: {
        tags: ['coverage'],
        description: 'City staff only. Every enterprise is re-evaluated in the same transaction.',
        body: targetRuleSchema,
        response: { 200: z.object({ rule: targetRuleSchema, changed: z.number().int() }) },
      },
      config: { access: access.staffWrite('coverage.setTargetRule') },
    },
    async (request) => setTargetRule(serviceContext(request), request.body),
  );
};
