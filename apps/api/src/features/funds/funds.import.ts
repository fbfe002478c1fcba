/**
 * Bank-statement import (csv/xlsx): each credit line is matched to one enterprise of the importer's scope by
 * credit code, else by the payer's name normalised as every name search is (search_key: NFKC, case, brackets,
 * spaces), with the amount deciding between several same-named enterprises (the one whose arrears equal it); a
 * matched line posts a receipt keyed by the importing unit and its bank reference (a re-import posts nothing twice;
 * a reference is the bank's per account, so another unit's same 流水号 is another line), the rest wait in the
 * matching queue with their money in suspense at the importing unit (Dr 102 / Cr 242 暂收款—待查明款项); matching
 * one posts its receipt and moves it out of suspense (Dr 242 / Cr 102). Partial and over-payments are kept as paid. Rows are independent: a bad row
 * (no readable day, a day after today, no amount, reference or payer) is reported and the others go on.
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '@lianxin/db';
import { FUNDS_MAX_FEN, parseYuan, shanghaiDate, translate, type Locale, type MessageKey, type ReceiptImportResult } from '@lianxin/contracts';
import { writeScope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { AppError, isUniqueViolation, notFound } from '../../errors.ts';
import { fundsEnterprise } from './funds.repo.ts';
import { fileError, findHeader, readDate, readSheets } from './funds.sheets.ts';
import { postReceipt } from './funds.service.ts';
import { postEntry } from './ledger.repo.ts';

/** Lines read from one statement at most. */
export const BANK_IMPORT_MAX_ROWS = 5_000;

const columns = {
  date: ['交易日期', '日期', '到账日期', '记账日期'],
  payer: ['付款人名称', '付款人', '对方户名', '对方名称', '付款方'],
  creditCode: ['统一社会信用代码', '付款人统一社会信用代码', '信用代码'],
  amount: ['金额', '贷方金额', '收入金额', '金额（元）', '金额(元)'],
  reference: ['流水号', '交易流水号', '银行流水号'],
} as const;
const required = ['date', 'payer', 'amount', 'reference'] as const;

/** A bank line's receipt key: the importing unit (its custody account) and the bank's 流水号. */
export const bankKey = (orgId: number, reference: string) => `bank:${orgId}:${reference}`;

/** The suspense posting of a queued line (Dr 102 / Cr 242 at the importing unit). */
const suspenseKey = (orgId: number, reference: string) => `suspense:${orgId}:${reference}`;

/** Imports a bank statement into the receipts of the actor's scope. */
export async function importBankStatement(ctx: ServiceContext, buffer: Buffer, locale: Locale): Promise<ReceiptImportResult> {
  const scope = writeScope(ctx.scope);
  const { sheets } = await readSheets(buffer, BANK_IMPORT_MAX_ROWS + 20);
  const rows = sheets[0]?.rows ?? [];
  const header = findHeader(rows, columns, required);
  if ('missing' in header) throw fileError('funds.importHeader', { columns: header.missing.map((c) => columns[c][0]).join('、') });
  const { index } = header;
  const result: ReceiptImportResult = { total: 0, matched: 0, queued: 0, duplicates: 0, errors: [] };
  const error = (row: number, field: string, key: MessageKey) => {
    if (result.errors.length < 100) result.errors.push({ row, field, message: translate(key, locale) });
  };
  const today = shanghaiDate();
  for (const { row, values } of rows.slice(header.at + 1, header.at + 1 + BANK_IMPORT_MAX_ROWS)) {
    const cell = (k: number) => (k >= 0 ? (values[k] ?? '') : '');
    result.total++;
    const receivedOn = readDate(cell(index.date));
    const amountFen = parseYuan(cell(index.amount));
    const payer = cell(index.payer);
    const reference = cell(index.reference).slice(0, 100);
    const creditCode = cell(index.creditCode).toUpperCase();
    if (!receivedOn) { error(row, columns.date[0], 'date.invalid'); continue; }
    if (receivedOn > today) { error(row, columns.date[0], 'funds.receiptFuture'); continue; }
    if (amountFen === null) { error(row, columns.amount[0], 'funds.importAmount'); continue; }
    if (amountFen > FUNDS_MAX_FEN) { error(row, columns.amount[0], 'funds.importAmountMax'); continue; }
    if (!reference) { error(row, columns.reference[0], 'funds.importReference'); continue; }
    if (!payer) { error(row, columns.payer[0], 'required'); continue; }
    const key = bankKey(scope.rootOrgId, reference);
    // a duplicate is a line this unit imported before (a reference is unique per custody account, not citywide);
    // receipts imported before the key named the unit count when their enterprise is in scope
    const [seen] = await queryRows<{ n: number }>(ctx.db, sql`
      select (select count(*) from fund_receipts where idempotency_key = ${key})
           + (select count(*) from fund_receipts r join enterprises e on e.id = r.enterprise_id
               where r.idempotency_key = ${`bank:${reference}`} and e.org_path <@ ${scope.path}::ltree)
           + (select count(*) from fund_unmatched_lines where org_id = ${scope.rootOrgId} and reference = ${reference}) as n`);
    if (Number(seen?.n ?? 0) > 0) { result.duplicates++; continue; }
    const enterpriseId = await matchEnterprise(ctx, scope.path, creditCode, payer, amountFen);
    try {
      await ctx.db.transaction(async (tx) => {
        const enterprise = enterpriseId ? await fundsEnterprise(tx, scope, enterpriseId) : undefined;
        if (enterprise) {
          await postReceipt(tx, ctx, enterprise, { amountFen, receivedOn, key, source: 'bank' });
          result.matched++;
        } else {
          await tx.execute(sql`
            insert into fund_unmatched_lines (org_id, org_path, reference, received_on, payer_name, credit_code, amount_fen)
            values (${scope.rootOrgId}, ${scope.path}::ltree, ${reference}, ${receivedOn}, ${payer.slice(0, 200)}, ${creditCode.slice(0, 18)}, ${amountFen})`);
          // the money is in the bank: held in suspense at the importing unit until someone says whose it is
          await postEntry(tx, {
            idempotencyKey: suspenseKey(scope.rootOrgId, reference), period: receivedOn.slice(0, 7), postedOn: shanghaiDate(), kind: 'receipt',
            memo: `待查明款项 ${payer.slice(0, 100)} ${reference}`, createdBy: ctx.actor.userId,
            lines: [
              { orgId: scope.rootOrgId, orgPath: scope.path, account: '102', debitFen: amountFen },
              { orgId: scope.rootOrgId, orgPath: scope.path, account: '242', creditFen: amountFen },
            ],
          });
          result.queued++;
        }
      });
    } catch (e) {
      if (isUniqueViolation(e)) { result.duplicates++; continue; }
      if (e instanceof AppError) { error(row, columns.payer[0], e.messageKey); continue; }
      throw e;
    }
  }
  return result;
}

/** The one enterprise of the scope a line belongs to, or null: credit code first, then the normalised name (and the amount among namesakes). */
async function matchEnterprise(ctx: ServiceContext, path: string, creditCode: string, payer: string, amountFen: number): Promise<number | null> {
  if (creditCode) {
    const byCode = await queryRows<{ id: number }>(ctx.db, sql`select id from enterprises where credit_code = ${creditCode} and org_path <@ ${path}::ltree limit 2`);
    if (byCode.length === 1) return byCode[0]!.id;
  }
  const byName = await queryRows<{ id: number; owed: string }>(ctx.db, sql`
    select e.id,
           (coalesce((select sum(assessment_fen) from fund_assessments a where a.enterprise_id = e.id and a.replaced_by_id is null), 0)
            - coalesce((select sum(amount_fen) from fund_receipts r where r.enterprise_id = e.id), 0))::text as owed
      from enterprises e where e.search_key = search_key(${payer}) and e.org_path <@ ${path}::ltree limit 20`);
  if (byName.length === 1) return byName[0]!.id;
  // compared exactly as text: no rounding of a large figure, and nothing to refuse
  const byAmount = byName.filter((e) => e.owed === String(amountFen));
  return byAmount.length === 1 ? byAmount[0]!.id : null;
}

/** The matching queue of the actor's scope. */
export async function unmatchedLines(ctx: ServiceContext) {
  if (ctx.scope.kind !== 'subtree') throw notFound();
  const items = await queryRows<{ id: number; receivedOn: string; payerName: string; creditCode: string; amountFen: number; reference: string }>(ctx.db, sql`
    select id, received_on::text as "receivedOn", payer_name as "payerName", credit_code as "creditCode", amount_fen::float8 as "amountFen", reference
      from fund_unmatched_lines where receipt_id is null and org_path <@ ${ctx.scope.path}::ltree order by received_on, id limit 500`);
  return { items };
}

/** Matches a queued line to an enterprise by hand: posts its receipt. */
export async function matchUnmatched(ctx: ServiceContext, lineId: number, enterpriseId: number) {
  const scope = writeScope(ctx.scope);
  return ctx.db.transaction(async (tx) => {
    const [line] = await queryRows<{ id: number; org_id: number; reference: string; received_on: string; amount_fen: number; receipt_id: number | null }>(tx, sql`
      select id, org_id, reference, received_on::text as received_on, amount_fen::float8 as amount_fen, receipt_id from fund_unmatched_lines
       where id = ${lineId} and org_path <@ ${scope.path}::ltree for update`);
    if (!line) throw notFound();
    if (line.receipt_id !== null) throw new AppError('conflict', 409, 'funds.matchedAlready');
    const enterprise = await fundsEnterprise(tx, scope, enterpriseId);
    if (!enterprise) throw notFound();
    const receipt = await postReceipt(tx, ctx, enterprise, { amountFen: line.amount_fen, receivedOn: line.received_on, key: bankKey(line.org_id, line.reference), source: 'bank' });
    // out of suspense: the receipt above took the money in at the enterprise's street; the importing unit's 242
    // and 102 give it back (lines queued before the suspense account was kept have nothing to clear)
    const [held] = await queryRows<{ org_path: string }>(tx, sql`
      select l.org_path::text as org_path from journal_entries e join journal_lines l on l.entry_id = e.id
       where e.idempotency_key = ${suspenseKey(line.org_id, line.reference)} and l.account_code = '242' limit 1`);
    if (held) {
      await postEntry(tx, {
        idempotencyKey: `${suspenseKey(line.org_id, line.reference)}:cleared`, period: receipt.period, postedOn: shanghaiDate(), kind: 'adjustment',
        memo: `待查明款项转出 ${enterprise.name} ${line.reference}`, createdBy: ctx.actor.userId,
        lines: [
          { orgId: line.org_id, orgPath: held.org_path, account: '242', debitFen: line.amount_fen, enterpriseId: enterprise.id },
          { orgId: line.org_id, orgPath: held.org_path, account: '102', creditFen: line.amount_fen, enterpriseId: enterprise.id },
        ],
      });
    }
    await tx.execute(sql`update fund_unmatched_lines set receipt_id = ${receipt.id} where id = ${line.id}`);
    return { id: receipt.id, enterpriseId: receipt.enterprise_id, amountFen: receipt.amount_fen, receivedOn: receipt.received_on, period: receipt.period,
      grassrootsFen: receipt.grassroots_fen, upperFen: receipt.upper_fen, entryId: receipt.entry_id, source: receipt.source };
  });
}
