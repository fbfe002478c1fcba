import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  arrearsQuerySchema, arrearsResponseSchema, chairAllowanceQuery, chairAllowanceSettingsCreateSchema, chairAllowanceSettingsItemSchema, chairAllowanceSettingsListSchema, chairAllowanceRunCreateSchema, chairAllowanceRunSchema, assessmentSchema, dunningHistorySchema, dunningStepCreateSchema, dunningStepSchema, enterpriseIdParams,
  fundSettingsCreateSchema, fundSettingsListSchema, fundSettingsSchema, fundsOrgPeriodQuery, fundsReportParamsSchema, fundsReportQuery, shanghaiDate, fundsSummaryQuery, fundsSummarySchema, idParamSchema,
  ledgerPeriodListSchema, ledgerPeriodSchema, payrollCreateSchema, payrollImportResultSchema, periodParamsSchema, rateExceptionCreateSchema, rateExceptionSchema,
  receiptCreateSchema, receiptImportResultSchema, receiptSchema, returnRunCreateSchema, returnRunSchema, statementParamsSchema, statementSchema,
  trialBalanceSchema, unmatchedListSchema, unmatchedMatchSchema, arrearsItemSchema,
} from '@lianxin/contracts';
import { access } from '../../access/route-access.ts';
import { serviceContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { attachment, XLSX_TYPE } from '../../lib/xlsx.ts';
import { dunningHistory, dunningLetterPdf, takeDunningStep } from './dunning.service.ts';
import { importBankStatement, matchUnmatched, unmatchedLines } from './funds.import.ts';
import { addChairSettings, chairAllowances, listChairSettings, runChairAllowances } from './funds.chairs.ts';
import { importPayroll } from './funds.payroll-import.ts';
import { reportFilename, reportPdf, reportWorkbook, statementTable, trialBalanceTable } from './funds.reports.ts';
import {
  addRateException, addSettings, arrears, closePeriod, enterpriseStatement, listPeriods, listSettings, recordPayroll, recordReceipt, runReturns, statement,
  summary, trialBalance,
} from './funds.service.ts';

const tags = ['funds'];
const fileError = (key: 'import.fileRequired' | 'import.fileTooLarge', params: Record<string, number> = {}, status = 400) =>
  new AppError('validation_failed', status, key, params, { file: key });

/** The one uploaded `file` of a multipart request and its text fields (a few, short). */
async function readUpload(request: FastifyRequest): Promise<{ data: Buffer; filename: string; mimetype: string; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw fileError('import.fileRequired');
  let file: { data: Buffer; filename: string; mimetype: string } | null = null;
  const fields: Record<string, string> = {};
  try {
    for await (const part of request.parts({ limits: { files: 1, fields: 5, fieldSize: 200 } })) {
      if (part.type === 'file') {
        if (part.fieldname === 'file' && !file) file = { data: await part.toBuffer(), filename: part.filename, mimetype: part.mimetype };
        else await part.toBuffer();
      } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw fileError('import.fileTooLarge', { max: 30 }, 413);
    throw error;
  }
  if (!file || file.data.length === 0) throw fileError('import.fileRequired');
  return { ...file, fields };
}

const enterpriseStatementSchema = z.object({
  enterprise: z.object({ id: z.number().int(), name: z.string(), creditCode: z.string() }),
  assessments: z.array(assessmentSchema),
  receipts: z.array(receiptSchema),
  arrears: arrearsItemSchema.nullable(),
});

/** Union funds: payroll and assessment, receipts and bank import, returns, the ledger's reports, 依法催缴. */
export const fundsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/api/funds/payroll', {
    schema: { tags, description: 'An enterprise\'s 工资总额 for a month → its assessment (201); a second one for the month replaces the first through a reversal (200); the same payroll again, assessing the same, posts nothing and answers the current assessment (200).', body: payrollCreateSchema, response: { 200: assessmentSchema, 201: assessmentSchema } },
    config: { access: access.staffWrite() },
  }, async (request, reply) => {
    const { assessment, replaced, unchanged } = await recordPayroll(serviceContext(request), request.body);
    return reply.status(replaced || unchanged ? 200 : 201).send(assessment);
  });

  app.post('/api/funds/payroll/import', {
    schema: {
      tags,
      description: 'multipart `file`: 工资总额 by enterprise (统一社会信用代码 or 企业名称, 工资总额 in yuan, 所属月份 or the field `period`), xlsx (every sheet with a header) or csv (UTF-8, GB18030, UTF-16). All rows post in one transaction, or none when any row is refused (the answer lists every row\'s problem).',
      response: { 200: payrollImportResultSchema },
    },
    config: { access: access.staffWrite() },
  }, async (request) => {
    const ctx = serviceContext(request);
    const upload = await readUpload(request);
    return importPayroll(ctx, upload.data, { period: upload.fields.period, filename: upload.filename, mimetype: upload.mimetype }, request.locale);
  });

  app.post('/api/funds/receipts', {
    schema: { tags, description: 'A payment by hand (201); a retry with the same idempotencyKey answers the first receipt (200).', body: receiptCreateSchema, response: { 200: receiptSchema, 201: receiptSchema } },
    config: { access: access.staffWrite() },
  }, async (request, reply) => {
    const { receipt, created } = await recordReceipt(serviceContext(request), request.body);
    return reply.status(created ? 201 : 200).send(receipt);
  });

  app.post('/api/funds/receipts/import', {
    schema: { tags, description: 'multipart `file`: a bank statement (csv/xlsx) with 交易日期, 付款人名称, 金额, 流水号 (统一社会信用代码 optional).', response: { 200: receiptImportResultSchema } },
    config: { access: access.staffWrite() },
  }, async (request) => {
    const ctx = serviceContext(request);
    const { data } = await readUpload(request);
    return importBankStatement(ctx, data, request.locale);
  });

  app.get('/api/funds/unmatched', {
    schema: { tags, description: 'The matching queue: imported bank lines no single enterprise matched.', response: { 200: unmatchedListSchema } },
    config: { access: access.staffRead() },
  }, async (request) => unmatchedLines(serviceContext(request)));

  app.post('/api/funds/unmatched/:id/match', {
    schema: { tags, params: idParamSchema, body: unmatchedMatchSchema, response: { 201: receiptSchema } },
    config: { access: access.staffWrite() },
  }, async (request, reply) => reply.status(201).send(await matchUnmatched(serviceContext(request), request.params.id, request.body.enterpriseId)));

  app.get('/api/funds/trial-balance', {
    schema: { tags, description: 'Movements within `period` per account, the unit\'s subtree consolidated.', querystring: fundsOrgPeriodQuery, response: { 200: trialBalanceSchema } },
    config: { access: access.staffRead() },
  }, async (request) => trialBalance(serviceContext(request), request.query, request.locale));

  app.get('/api/funds/statements/:kind', {
    schema: { tags, description: '资产负债表 (balance-sheet) or 收入支出表 (income-expense) of the unit\'s subtree.', params: statementParamsSchema, querystring: fundsOrgPeriodQuery, response: { 200: statementSchema } },
    config: { access: access.staffRead() },
  }, async (request) => statement(serviceContext(request), request.params.kind, request.query, request.locale));

  app.get('/api/funds/reports/:report', {
    schema: { tags, description: 'The trial balance, 资产负债表 or 收入支出表 of the unit\'s subtree for `period` as a file: `format=xlsx` or `pdf`.', params: fundsReportParamsSchema, querystring: fundsReportQuery },
    config: { access: access.staffRead() },
  }, async (request, reply) => {
    const ctx = serviceContext(request);
    const { report } = request.params;
    const { format, ...query } = request.query;
    const table = report === 'trial-balance'
      ? trialBalanceTable(await trialBalance(ctx, query, request.locale), request.locale)
      : statementTable(await statement(ctx, report, query, request.locale), request.locale);
    const filename = reportFilename(table, format);
    if (format === 'xlsx') return reply.type(XLSX_TYPE).header('content-disposition', attachment(filename)).send(await reportWorkbook(table, request.locale));
    return reply.type('application/pdf')
      .header('content-disposition', `attachment; filename="report.pdf"; filename*=UTF-8''${encodeURIComponent(filename)}`)
      .send(await reportPdf(table, request.locale, shanghaiDate()));
  });

  app.get('/api/funds/summary', {
    schema: { tags, description: 'Cockpit figures of a unit and its children for a year.', querystring: fundsSummaryQuery, response: { 200: fundsSummarySchema } },
    config: { access: access.staffRead() },
  }, async (request) => summary(serviceContext(request), request.query));

  app.get('/api/funds/arrears', {
    schema: { tags, description: 'The arrears worklist of a unit, most overdue first, with the next dunning step.', querystring: arrearsQuerySchema, response: { 200: arrearsResponseSchema } },
    config: { access: access.staffRead() },
  }, async (request) => arrears(serviceContext(request), request.query));

  app.get('/api/funds/enterprises/:enterpriseId', {
    schema: { tags, description: 'An enterprise\'s statement: assessments, receipts, arrears.', params: enterpriseIdParams, response: { 200: enterpriseStatementSchema } },
    config: { access: access.staffRead() },
  }, async (request) => enterpriseStatement(serviceContext(request), request.params.enterpriseId));

  app.get('/api/funds/dunning/:enterpriseId', {
    schema: { tags, params: enterpriseIdParams, response: { 200: dunningHistorySchema } },
    config: { access: access.staffRead() },
  }, async (request) => dunningHistory(serviceContext(request), request.params.enterpriseId));

  app.post('/api/funds/dunning/:enterpriseId/step', {
    schema: { tags, description: 'Takes the next step of 依法催缴 (in order; 支付令 papers after 3 months overdue).', params: enterpriseIdParams, body: dunningStepCreateSchema, response: { 201: dunningStepSchema } },
    config: { access: access.staffWrite() },
  }, async (request, reply) => reply.status(201).send(await takeDunningStep(serviceContext(request), request.params.enterpriseId, request.body)));

  app.get('/api/funds/dunning-steps/:id/pdf', {
    schema: { tags, params: idParamSchema },
    config: { access: access.staffRead() },
  }, async (request, reply) => {
    const { file, filename } = await dunningLetterPdf(serviceContext(request), request.params.id);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="letter.pdf"; filename*=UTF-8''${encodeURIComponent(filename)}`).send(file);
  });

  app.post('/api/funds/returns', {
    schema: { tags, description: '先收后返: returns the configured share of the grassroots parts a street holds to its unions.', body: returnRunCreateSchema, response: { 200: returnRunSchema } },
    config: { access: access.staffWrite('funds.returns') },
  }, async (request) => runReturns(serviceContext(request), request.body));

  app.get('/api/funds/chair-allowances', {
    schema: { tags, description: 'The register of a street\'s union chairs with each one\'s monthly allowance (by members and last year\'s 星级) and what is posted.', querystring: chairAllowanceQuery, response: { 200: chairAllowanceRunSchema } },
    config: { access: access.staffRead() },
  }, async (request) => chairAllowances(serviceContext(request), request.query));

  app.post('/api/funds/chair-allowances', {
    schema: { tags, description: 'Posts the month\'s chair allowances of a street (one entry per union and month; a rerun posts nothing new).', body: chairAllowanceRunCreateSchema, response: { 200: chairAllowanceRunSchema } },
    config: { access: access.staffWrite('funds.returns') },
  }, async (request) => runChairAllowances(serviceContext(request), request.body));

  app.get('/api/funds/chair-allowance-settings', {
    schema: { tags, description: 'The dated chair allowance settings, newest first, and the month of the latest posted run.', response: { 200: chairAllowanceSettingsListSchema } },
    config: { access: access.staffRead() },
  }, async (request) => listChairSettings(serviceContext(request)));

  app.post('/api/funds/chair-allowance-settings', {
    schema: { tags, description: 'A new dated chair allowance setting from today or later, never before the latest posted run\'s month.', body: chairAllowanceSettingsCreateSchema, response: { 201: chairAllowanceSettingsItemSchema } },
    config: { access: access.staffWrite('funds.manage') },
  }, async (request, reply) => reply.status(201).send(await addChairSettings(serviceContext(request), request.body)));

  app.get('/api/funds/periods', {
    schema: { tags, response: { 200: ledgerPeriodListSchema } },
    config: { access: access.staffRead() },
  }, async (request) => listPeriods(serviceContext(request)));

  app.post('/api/funds/periods/:period/close', {
    schema: { tags, description: 'Closes a past month: later postings for it go to the next open month.', params: periodParamsSchema, response: { 200: ledgerPeriodSchema } },
    config: { access: access.staffWrite('funds.manage') },
  }, async (request) => closePeriod(serviceContext(request), request.params.period));

  app.get('/api/funds/settings', {
    schema: { tags, response: { 200: fundSettingsListSchema } },
    config: { access: access.staffRead() },
  }, async (request) => listSettings(serviceContext(request)));

  app.post('/api/funds/settings', {
    schema: { tags, description: 'Dated settings from today or later (never retroactive).', body: fundSettingsCreateSchema, response: { 201: fundSettingsSchema } },
    config: { access: access.staffWrite('funds.manage') },
  }, async (request, reply) => reply.status(201).send(await addSettings(serviceContext(request), request.body)));

  app.post('/api/funds/rate-exceptions', {
    schema: { tags, description: '差异化缴纳 or a per-head amount for an enterprise, with a reason and validity.', body: rateExceptionCreateSchema, response: { 201: rateExceptionSchema } },
    config: { access: access.staffWrite('funds.approveRates') },
  }, async (request, reply) => reply.status(201).send(await addRateException(serviceContext(request), request.body)));
};
