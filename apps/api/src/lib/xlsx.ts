/**
 * Spreadsheets out, for every feature: the streaming xlsx writer and its header row, the download headers, and
 * telling an upload's kind (reading an upload is `xlsx-reader.ts`). Nothing here knows what the rows mean.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An attachment header that carries a Chinese file name. */
export const attachment = (filename: string) => `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`;

export type SheetWriter = ReturnType<ExcelJS.stream.xlsx.WorkbookWriter['addWorksheet']>;

/**
 * Builds an xlsx with exceljs' streaming writer (rows are flushed as they are committed, so a 200,000-row
 * report does not hold a whole workbook model) and returns the file.
 */
export async function writeXlsx(build: (addSheet: (name: string, widths: number[]) => SheetWriter) => Promise<void> | void): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  await build((name, widths) => {
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = widths.map((width) => ({ width }));
    return sheet;
  });
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}

/** Writes a bold header row. */
export function headerRow(sheet: SheetWriter, headers: string[]): void {
  const row = sheet.addRow(headers);
  row.font = { bold: true };
  row.commit();
}

// ---- reading: lib/xlsx-reader.ts streams uploads -------------------------------------------------------------

/**
 * The kind of an uploaded spreadsheet: xlsx from its first bytes (an xlsx is a zip; a legacy .xls is refused), else
 * csv from its name or type; null for anything else.
 */
export function fileKind(buffer: Buffer, filename = '', mimetype = ''): 'xlsx' | 'csv' | null {
  if (buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50) return /\.xls$/i.test(filename) ? null : 'xlsx';
  if (/\.(csv|txt|tsv)$/i.test(filename) || /csv|text\/plain/.test(mimetype)) return 'csv';
  return null;
}
