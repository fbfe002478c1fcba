/**
 * Payroll import (xlsx/csv as the offices make them): every visible sheet whose first rows hold a header
 * (统一社会信用代码 or 企业名称, and 工资总额; 所属月份 optional, else the month chosen on upload) is read, title
 * rows above the header skipped; "12,345.67" and "¥12345" are yuan, numbers stored as text are read as numbers.
 * Each row names one enterprise of the importer's scope (credit code first, else the name normalised as every
 * name search is) and a month.
 *
 * All or nothing: the rows are checked first; when any row is refused nothing is posted and every row's problem is
 * answered, so the office corrects the file and uploads it again. Posting a corrected file after a partial one
 * would reverse and repost every row that went through the first time; one transaction avoids that noise. A valid
 * file posts in one transaction, each row as POST /api/funds/payroll does (a second payroll for the month replaces
 * the first through a reversal); a row equal to the month's current payroll posts nothing, so uploading the same
 * file again changes nothing.
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '@lianxin/db';
import { FUNDS_MAX_FEN, parseYuan, payrollCreateSchema, translate, type Locale, type MessageKey, type PayrollImportResult } from '@lianxin/contracts';
import { writeScope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { ledgerErrorCode } from './ledger.repo.ts';
import { fundsEnterprise } from './funds.repo.ts';
import { postPayroll } from './funds.service.ts';
import { fileError, findHeader, readMonth, readSheets } from './funds.sheets.ts';

/** Data rows of one file at most (a street's enterprises for a year, and more). */
export const PAYROLL_IMPORT_MAX_ROWS = 5_000;

const columns = {
  creditCode: ['统一社会信用代码', '信用代码', '单位统一社会信用代码', '企业统一社会信用代码'],
  name: ['企业名称', '单位名称', '企业', '单位', '名称'],
  period: ['所属月份', '月份', '所属期', '期间', '工资月份', '年月'],
  payroll: ['工资总额', '工资总额（元）', '工资总额(元)', '月工资总额', '本月工资总额', '应发工资总额', '工资总额元'],
} as const;
type Column = keyof typeof columns;

interface Candidate { sheet: string; row: number; creditCode: string; name: string; period: string; payrollFen: number }

/** Reads, checks and (when every row is valid) posts a payroll file into the actor's scope. */
export async function importPayroll(ctx: ServiceContext, buffer: Buffer, options: { period?: string | undefined; filename?: string; mimetype?: string }, locale: Locale): Promise<PayrollImportResult> {
  const scope = writeScope(ctx.scope);
  const defaultPeriod = options.period ? readMonth(options.period) : null;
  const { sheets, more } = await readSheets(buffer, PAYROLL_IMPORT_MAX_ROWS + 20, options.filename, options.mimetype);
  if (more) throw fileError('funds.importTooManyRows', { max: PAYROLL_IMPORT_MAX_ROWS });
  const result: PayrollImportResult = { total: 0, posted: false, created: 0, replaced: 0, unchanged: 0, rows: [], errors: [] };
  const error = (sheet: string, row: number, field: Column, key: MessageKey, params: Record<string, string | number> = {}) => {
    if (result.errors.length < 500) result.errors.push({ sheet, row, field: columns[field][0], message: translate(key, locale, params) });
  };

  // the sheets with a header (one with 工资总额 and a way to name the enterprise)
  const candidates: Candidate[] = [];
  let withHeader = 0;
  for (const sheet of sheets) {
    const byCode = findHeader(sheet.rows, columns, ['creditCode', 'payroll']);
    const header = 'at' in byCode ? byCode : findHeader(sheet.rows, columns, ['name', 'payroll']);
    if (!('at' in header)) continue;
    withHeader++;
    const { index } = header;
    for (const { row, values } of sheet.rows.slice(header.at + 1)) {
      const cell = (c: Column) => (index[c] >= 0 ? (values[index[c]] ?? '') : '');
      const creditCode = cell('creditCode').toUpperCase();
      const name = cell('name');
      const payrollText = cell('payroll');
      // a total row (合计) or a note under the table: neither an enterprise nor a figure of one
      if (!creditCode && (!name || /^(合计|总计|小计)/.test(name.replace(/\s/g, '')))) continue;
      if (!creditCode && !payrollText) continue;
      result.total++;
      if (result.total > PAYROLL_IMPORT_MAX_ROWS) throw fileError('funds.importTooManyRows', { max: PAYROLL_IMPORT_MAX_ROWS });
      const period = index.period >= 0 && cell('period') !== '' ? readMonth(cell('period')) : defaultPeriod;
      const payrollFen = parseYuan(payrollText);
      if (payrollFen === null) { error(sheet.name, row, 'payroll', 'funds.importPayroll'); continue; }
      if (payrollFen > FUNDS_MAX_FEN) { error(sheet.name, row, 'payroll', 'funds.importPayrollMax'); continue; }
      if (!period || !payrollCreateSchema.safeParse({ enterpriseId: 1, period, payrollFen }).success) { error(sheet.name, row, 'period', 'funds.importMonth'); continue; }
      candidates.push({ sheet: sheet.name, row, creditCode, name, period, payrollFen });
    }
  }
  if (withHeader === 0) {
    throw fileError('funds.importPayrollHeader', {
      columns: `${columns.creditCode[0]}（或${columns.name[0]}）、${columns.payroll[0]}`, sheets: sheets.map((s) => `「${s.name}」`).join('、') || '—',
    });
  }

  // the enterprises, in scope only: one query for the codes, one for the names
  const codes = [...new Set(candidates.filter((c) => c.creditCode).map((c) => c.creditCode))];
  const byCode = new Map((await queryRows<{ id: number; name: string; code: string }>(ctx.db, sql`
    select id, name, credit_code as code from enterprises where credit_code = any(${sql.param(codes)}::text[]) and org_path <@ ${scope.path}::ltree`)).map((e) => [e.code, e]));
  const names = [...new Set(candidates.filter((c) => !c.creditCode).map((c) => c.name))];
  const byName = new Map<string, { id: number; name: string }[]>();
  for (const e of await queryRows<{ id: number; name: string; given: string }>(ctx.db, sql`
    select e.id, e.name, n.given from unnest(${sql.param(names)}::text[]) as n(given)
      join enterprises e on e.search_key = search_key(n.given) and e.org_path <@ ${scope.path}::ltree`)) {
    byName.set(e.given, [...(byName.get(e.given) ?? []), { id: e.id, name: e.name }]);
  }
  const seen = new Map<string, number>();
  const valid: (Candidate & { enterpriseId: number; enterpriseName: string })[] = [];
  for (const c of candidates) {
    const found = c.creditCode ? byCode.get(c.creditCode) : byName.get(c.name)?.length === 1 ? byName.get(c.name)![0] : undefined;
    if (!found) {
      if (!c.creditCode && (byName.get(c.name)?.length ?? 0) > 1) error(c.sheet, c.row, 'name', 'funds.importEnterpriseAmbiguous');
      else error(c.sheet, c.row, c.creditCode ? 'creditCode' : 'name', 'funds.importEnterprise');
      continue;
    }
    const key = `${found.id}:${c.period}`;
    const first = seen.get(key);
    if (first !== undefined) { error(c.sheet, c.row, 'creditCode', 'funds.importRowTwice', { row: first }); continue; }
    seen.set(key, c.row);
    valid.push({ ...c, enterpriseId: found.id, enterpriseName: found.name });
  }
  if (result.errors.length > 0 || valid.length === 0) {
    result.rows = valid.map((v) => ({ sheet: v.sheet, row: v.row, enterpriseId: v.enterpriseId, enterpriseName: v.enterpriseName, period: v.period, payrollFen: v.payrollFen, assessmentFen: null, status: 'valid' as const }));
    if (valid.length === 0 && result.errors.length === 0) throw fileError('import.empty');
    return result;
  }

  // every row valid: post them together
  try {
    await ctx.db.transaction(async (tx) => {
      for (const v of valid) {
        const enterprise = await fundsEnterprise(tx, scope, v.enterpriseId, true);
        if (!enterprise) throw new AppError('conflict', 409, 'funds.importEnterprise');
        const [current] = await queryRows<{ payroll: number; assessment: number; estimated: boolean }>(tx, sql`
          select payroll_fen::float8 as payroll, assessment_fen::float8 as assessment, estimated from fund_assessments
           where enterprise_id = ${v.enterpriseId} and period = ${v.period} and replaced_by_id is null`);
        const base = { sheet: v.sheet, row: v.row, enterpriseId: v.enterpriseId, enterpriseName: v.enterpriseName, period: v.period, payrollFen: v.payrollFen };
        if (current && !current.estimated && current.payroll === v.payrollFen) {
          result.unchanged++;
          result.rows.push({ ...base, assessmentFen: current.assessment, status: 'unchanged' });
          continue;
        }
        const { assessment, replaced } = await postPayroll(tx, ctx, enterprise, { enterpriseId: v.enterpriseId, period: v.period, payrollFen: v.payrollFen, estimated: false });
        if (replaced) result.replaced++;
        else result.created++;
        result.rows.push({ ...base, assessmentFen: assessment.assessmentFen, status: replaced ? 'replaced' : 'created' });
      }
    });
  } catch (e) {
    if (ledgerErrorCode(e) === 'LF001') throw new AppError('conflict', 409, 'funds.periodClosed');
    throw e;
  }
  result.posted = true;
  return result;
}
