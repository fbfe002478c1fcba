/**
 * The books as files: the trial balance, 资产负债表 and 收入支出表 of a unit's subtree for a month, as xlsx (the
 * list exports' streaming writer; amounts as numbers of yuan with two decimals, so Excel can sum them) and as PDF
 * (the official-document page with Noto Sans SC embedded). The figures are those of the screen (trialBalance,
 * statement in funds.service.ts); nothing personal is in them.
 */
import { accountClassLabels, label, statementKindLabels, type Locale, type Statement, type TrialBalance } from '@lianxin/contracts';
import { formatChineseDate, openOfficialDocument } from '../../lib/official-pdf.ts';
import { headerRow, writeXlsx } from '../../lib/xlsx.ts';
import { yuan } from './dunning.pdf.ts';

/** A report as a table: the rows' amounts in fen at `amounts` (column indexes). */
export interface ReportTable {
  title: string;
  org: string;
  period: string;
  headers: string[];
  widths: number[];
  amounts: number[];
  rows: { cells: (string | number)[]; total?: boolean }[];
}

const texts = {
  'zh-CN': {
    trial: '试算平衡表', code: '科目代码', account: '科目名称', debit: '借方（元）', credit: '贷方（元）', amount: '金额（元）', cls: '类别',
    total: '合计', subtotal: '小计', unit: '编制单位', period: '会计期间', currency: '金额单位：元', resultBs: '资产 − 负债 − 净资产',
    resultIe: '收支结余', printed: '打印日期',
  },
  en: {
    trial: 'Trial balance', code: 'Code', account: 'Account', debit: 'Debit (yuan)', credit: 'Credit (yuan)', amount: 'Amount (yuan)', cls: 'Class',
    total: 'Total', subtotal: 'Subtotal', unit: 'Unit', period: 'Period', currency: 'Amounts in yuan', resultBs: 'Assets − liabilities − net assets',
    resultIe: 'Surplus', printed: 'Printed',
  },
} as const;

export function trialBalanceTable(tb: TrialBalance, locale: Locale): ReportTable {
  const x = texts[locale];
  return {
    title: x.trial, org: tb.org.name, period: tb.period,
    headers: [x.code, x.account, x.debit, x.credit], widths: [12, 30, 18, 18], amounts: [2, 3],
    rows: [
      ...tb.accounts.map((a) => ({ cells: [a.code, a.name, a.debitFen, a.creditFen] })),
      { cells: ['', x.total, tb.totalDebitFen, tb.totalCreditFen], total: true },
    ],
  };
}

export function statementTable(st: Statement, locale: Locale): ReportTable {
  const x = texts[locale];
  const rows: ReportTable['rows'] = [];
  for (const section of st.sections) {
    const cls = label(accountClassLabels, section.class, locale);
    for (const line of section.lines) rows.push({ cells: [cls, line.code, line.name, line.amountFen] });
    rows.push({ cells: [cls, '', `${cls}${x.subtotal}`, section.totalFen], total: true });
  }
  rows.push({ cells: ['', '', st.kind === 'balance-sheet' ? x.resultBs : x.resultIe, st.resultFen], total: true });
  return {
    title: label(statementKindLabels, st.kind, locale), org: st.org.name, period: st.period,
    headers: [x.cls, x.code, x.account, x.amount], widths: [12, 12, 30, 18], amounts: [3], rows,
  };
}

/** The report's file name: 顾村镇总工会-试算平衡表-2026-10.xlsx */
export const reportFilename = (table: ReportTable, ext: 'xlsx' | 'pdf') => `${table.org}-${table.title}-${table.period}.${ext}`;

/** Header row first (frozen), the rows, then the unit and period under the table. */
export async function reportWorkbook(table: ReportTable, locale: Locale): Promise<Buffer> {
  const x = texts[locale];
  return writeXlsx((addSheet) => {
    const sheet = addSheet(table.title.slice(0, 31), table.widths);
    headerRow(sheet, table.headers);
    for (const { cells, total } of table.rows) {
      const row = sheet.addRow(cells.map((c, i) => (table.amounts.includes(i) && typeof c === 'number' ? c / 100 : c)));
      for (const i of table.amounts) row.getCell(i + 1).numFmt = '#,##0.00';
      if (total) row.font = { bold: true };
      row.commit();
    }
    sheet.addRow([]).commit();
    sheet.addRow([`${x.unit}：${table.org}`, '', `${x.period}：${table.period}`, x.currency]).commit();
  });
}

/** Signed yuan with separators: −1,234.50 */
const signedYuan = (fen: number) => (fen < 0 ? `-${yuan(-fen)}` : yuan(fen));

/** The official page: the title, unit and period, then the table, a page break with the header repeated when needed. */
export async function reportPdf(table: ReportTable, locale: Locale, today: string): Promise<Buffer> {
  const x = texts[locale];
  const { doc, width, left, finished } = openOfficialDocument({ title: table.title, author: table.org, subject: `${table.org} ${table.title} ${table.period}`, date: today });
  const [year, month] = table.period.split('-');
  const period = locale === 'zh-CN' ? `${year}年${Number(month)}月` : table.period;
  doc.fontSize(10).text(`${x.unit}：${table.org}`, { width });
  doc.text(`${x.period}：${period}\u3000\u3000${x.currency}`, { width });
  doc.moveDown(0.8);
  const total = table.widths.reduce((a, w) => a + w, 0);
  const cols = table.widths.map((w) => (w / total) * width);
  const starts = cols.map((_, i) => left + cols.slice(0, i).reduce((a, w) => a + w, 0));
  const lineHeight = 18;
  const bottom = doc.page.height - doc.page.margins.bottom;
  const drawRow = (cells: string[], bold: boolean) => {
    if (doc.y + lineHeight > bottom) doc.addPage();
    const y = doc.y;
    doc.font(bold ? 'cjk-bold' : 'cjk').fontSize(10);
    cells.forEach((text, i) => {
      doc.text(text, starts[i]! + 2, y + 4, { width: cols[i]! - 4, align: table.amounts.includes(i) ? 'right' : 'left', lineBreak: false, ellipsis: true });
    });
    doc.moveTo(left, y + lineHeight).lineTo(left + width, y + lineHeight).lineWidth(0.5).strokeColor('#999999').stroke();
    doc.x = left;
    doc.y = y + lineHeight;
  };
  drawRow(table.headers, true);
  for (const { cells, total: isTotal } of table.rows) {
    if (doc.y + lineHeight > bottom) drawRow(table.headers, true);
    drawRow(cells.map((c, i) => (table.amounts.includes(i) && typeof c === 'number' ? signedYuan(c) : String(c))), Boolean(isTotal));
  }
  doc.moveDown(1.5);
  doc.font('cjk').fontSize(10).text(`${x.printed}：${locale === 'zh-CN' ? formatChineseDate(today) : today}`, left, doc.y, { width, align: 'right' });
  doc.end();
  return finished;
}
