/**
 * "Export follows the screen": a list's xlsx export takes the list's own query (filters, search, sort — not the
 * page) and writes exactly the rows the list would show, in the list's order. Each list exposes its WHERE and
 * ORDER BY (the one filter→SQL path); the export first reads the matching ids in that order (one narrow query),
 * then streams the rows to the client in chunks of ids, so the download starts at once and the client can show
 * progress against the row count sent in the headers before the first byte of the file.
 */
import { PassThrough } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FastifyReply } from 'fastify';
import { type SQL } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { queryRows, type Database } from '@lianxin/db';
import { AppError } from '../errors.ts';
import { attachment, XLSX_TYPE } from './xlsx.ts';

/** More rows than this is refused (400 `export.tooLarge`): narrow the filters. */
export const EXPORT_MAX_ROWS = 1_000_000;
/** Rows read and written per round trip. */
export const EXPORT_CHUNK = 2_000;

/** Response headers of a streamed export: the number of data rows, and a size estimate for a progress bar. */
export const EXPORT_ROWS_HEADER = 'x-export-rows';
export const EXPORT_SIZE_HEADER = 'x-export-estimated-bytes';

export type Cell = string | number | null;

export interface XlsxExport<Row> {
  /** the download's file name (Chinese allowed) */
  filename: string;
  sheet: string;
  /** header text and column width, one per cell of `cells` */
  columns: readonly (readonly [string, number])[];
  /** the rows of these ids, in any order (the export puts them back into the list's order) */
  rows: (ids: number[]) => Promise<Row[]>;
  id: (row: Row) => number;
  cells: (row: Row) => Cell[];
  /** compressed bytes a row takes in the file, roughly, for the progress estimate */
  bytesPerRow?: number;
}

/**
 * The ids a list shows, in its order, for all its pages: `select <id> from … where <the list's where> order by
 * <the list's order>`. Refuses more than EXPORT_MAX_ROWS.
 */
export async function exportIds(db: Database, query: SQL): Promise<number[]> {
  const rows = await queryRows<{ id: number | string }>(db, query);
  if (rows.length > EXPORT_MAX_ROWS) throw new AppError('validation_failed', 400, 'export.tooLarge', { max: EXPORT_MAX_ROWS });
  return rows.map((r) => Number(r.id));
}

/**
 * Writes the workbook of `ids` to `out` chunk by chunk: one sheet, exactly one (bold, frozen) header row, then one
 * row per id in the ids' order. Resolves when the file is complete.
 */
export async function writeXlsxRows<Row>(out: PassThrough, spec: XlsxExport<Row>, ids: readonly number[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(spec.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spec.columns.map(([, width]) => ({ width }));
  const header = sheet.addRow(spec.columns.map(([h]) => h));
  header.font = { bold: true };
  header.commit();
  for (let start = 0; start < ids.length; start += EXPORT_CHUNK) {
    const chunk = ids.slice(start, start + EXPORT_CHUNK);
    const byId = new Map((await spec.rows(chunk)).map((row) => [spec.id(row), row]));
    for (const id of chunk) {
      const row = byId.get(id);
      // a row deleted between the two reads is left out rather than written empty
      if (row) sheet.addRow(spec.cells(row)).commit();
    }
    // let the event loop run between chunks: the socket sends what is written so far, and other requests (a
    // health check, the next page of someone's list) are served meanwhile — on the embedded database a query
    // resolves without ever reaching the I/O phase otherwise
    await nextTurn();
  }
  sheet.commit();
  await workbook.commit();
}

/**
 * Sends the export as a streamed download: the headers (with the row count) go out first, then the file as it is
 * written. A failure after the headers ends the download early (the browser reports it as failed); it is logged.
 */
export function sendXlsxExport<Row>(reply: FastifyReply, spec: XlsxExport<Row>, ids: readonly number[]): FastifyReply {
  const out = new PassThrough();
  writeXlsxRows(out, spec, ids).catch((error: unknown) => {
    reply.log.error({ err: error }, 'export failed while streaming');
    out.destroy(error instanceof Error ? error : new Error('export failed'));
  });
  return reply
    .type(XLSX_TYPE)
    .header('content-disposition', attachment(spec.filename))
    .header(EXPORT_ROWS_HEADER, String(ids.length))
    .header(EXPORT_SIZE_HEADER, String(4_000 + ids.length * (spec.bytesPerRow ?? 60)))
    .send(out);
}
