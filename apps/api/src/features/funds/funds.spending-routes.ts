import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  budgetLineCreateSchema, budgetLineSchema, budgetLineUpdateSchema, budgetListSchema, budgetQuery, idParamSchema, memberFundsQuery, memberFundsSchema,
  spendingCreateSchema, spendingListSchema, spendingReverseSchema, spendingSchema, subsidyListSchema, subsidyQuery, subsidyRunCreateSchema, subsidyRunSchema,
} from '@lianxin/contracts';
import { access } from '../../access/route-access.ts';
import { serviceContext } from '../../context.ts';
import { createBudgetLine, listBudget, listSpendings, recordSpending, reverseSpending, updateBudgetLine } from './funds.budgets.ts';
import { memberFunds } from './funds.disclosure.ts';
import { listSubsidies, runSubsidies } from './funds.subsidies.ts';

const tags = ['funds'];

/** Spending of union funds: budgets and payments against them, the 两非一无 subsidy runs, 经费公开 to members. */
export const fundsSpendingRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/funds/budgets', {
    schema: { tags, description: 'A unit\'s budget lines of a year (基本支出 / 项目支出) with spent, remaining and execution rate.', querystring: budgetQuery, response: { 200: budgetListSchema } },
    config: { access: access.staffRead() },
  }, async (request) => listBudget(serviceContext(request), request.query));

  app.post('/api/funds/budgets', {
    schema: { tags, description: 'A budget line of a union of the scope (amount in fen, the expense account its spending posts to).', body: budgetLineCreateSchema, response: { 201: budgetLineSchema } },
    config: { access: access.staffWrite() },
  }, async (request, reply) => reply.status(201).send(await createBudgetLine(serviceContext(request), request.body)));

  app.patch('/api/funds/budgets/:id', {
    schema: { tags, description: '预算调整: a line\'s new amount, never below what it has spent.', params: idParamSchema, body: budgetLineUpdateSchema, response: { 200: budgetLineSchema } },
    config: { access: access.staffWrite() },
  }, async (request) => updateBudgetLine(serviceContext(request), request.params.id, request.body));

  app.get('/api/funds/budgets/:id/spendings', {
    schema: { tags, description: 'A budget line with its payments, newest first.', params: idParamSchema, response: { 200: spendingListSchema } },
    config: { access: access.staffRead() },
  }, async (request) => listSpendings(serviceContext(request), request.params.id));

  app.post('/api/funds/budgets/:id/spendings', {
    schema: {
      tags, description: 'A payment against a line, posted Dr expense / Cr 102 at the union (201); more than the line has left is 400; the same idempotencyKey again answers the first (200).',
      params: idParamSchema, body: spendingCreateSchema, response: { 200: spendingSchema, 201: spendingSchema },
    },
    config: { access: access.staffWrite() },
  }, async (request, reply) => {
    const { spending, created } = await recordSpending(serviceContext(request), request.params.id, request.body);
    return reply.status(created ? 201 : 200).send(spending);
  });

  app.post('/api/funds/budget-spendings/:id/reverse', {
    schema: { tags, description: 'Corrects a payment by reversing its entry in the current month.', params: idParamSchema, body: spendingReverseSchema, response: { 200: spendingSchema } },
    config: { access: access.staffWrite() },
  }, async (request) => reverseSpending(serviceContext(request), request.params.id, request.body.reason));

  app.get('/api/funds/subsidies', {
    schema: { tags, description: 'The 两非一无 new-member subsidies a district or street federation owes or has paid, with totals.', querystring: subsidyQuery, response: { 200: subsidyListSchema } },
    config: { access: access.staffRead() },
  }, async (request) => listSubsidies(serviceContext(request), request.query));

  app.post('/api/funds/subsidies/runs', {
    schema: {
      tags, description: 'Pays the federation\'s pending subsidies of members joined by the month\'s end in one entry (201); the month\'s run again answers the first (200).',
      body: subsidyRunCreateSchema, response: { 200: subsidyRunSchema, 201: subsidyRunSchema },
    },
    config: { access: access.staffWrite('funds.subsidies') },
  }, async (request, reply) => {
    const run = await runSubsidies(serviceContext(request), request.body);
    return reply.status(run.created ? 201 : 200).send(run);
  });

  app.get('/api/me/funds', {
    schema: { tags, description: '经费公开: the signed-in member\'s union\'s income, spending and budget execution of a year (its own books; nothing personal).', querystring: memberFundsQuery, response: { 200: memberFundsSchema } },
    config: { access: access.member },
  }, async (request) => memberFunds(serviceContext(request), request.query.year, request.locale));
};
