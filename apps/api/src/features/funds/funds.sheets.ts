/**
 * Reading the funds' uploads (bank statements, payroll lists) as offices make them: xlsx with several sheets and
 * title rows above the header, csv in UTF-8, GB18030 or UTF-16 (Excel's "Unicode text"), with the roster import's
 * readers (lib/xlsx-reader.ts streams and bounds an xlsx; lib/csv.ts decodes and splits text). A file refused
 * says why: a zip bomb or masses of empty formatting inflating past the limit, an overlong cell, an unreadable
 * or unknown file — never only "wrong file type".
 */
import { calendarDateSchema, calendarDayOf, type MessageKey } from '@lianxin/contracts';
import { AppError } from '../../errors.ts';
import { csvRecords, decodeText } from '../../lib/csv.ts';
import { fileKind } from '../../lib/xlsx.ts';
import { XlsxBook, XlsxFormatError, XlsxLimitError } from '../../lib/xlsx-reader.ts';

/** Bytes an uploaded xlsx may inflate to, all parts together (5,000 statement or payroll lines are well under 5 MB). */
export const FUNDS_INFLATED_MAX = 64 * 1024 * 1024;

/** A problem with the whole file, told on the `file` field and as the message. */
export const fileError = (key: MessageKey, params: Record<string, string | number> = {}) =>
  new AppError('validation_failed', 400, key, params, { file: key });

/** One sheet (or the text file) as rows of trimmed texts, with the row numbers the user sees. */
export interface SheetRows {
  name: string;
  rows: { row: number; values: string[] }[];
}

/** The cause of a reading failure as the user's message. */
function readError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof XlsxLimitError) {
    if (error.limit === 'inflated') return fileError('funds.importInflated', { max: Math.round(FUNDS_INFLATED_MAX / 1024 / 1024) });
    if (error.limit === 'cellLength') return fileError('import.cellTooLong', { max: error.max });
    return fileError('import.fileUnreadable');
  }
  if (error instanceof XlsxFormatError) return fileError('import.fileUnreadable');
  return error;
}

/**
 * The visible sheets of an xlsx (hidden ones hold dropdown lists) or the one text file, each read up to `maxRows`
 * non-empty rows (`more` tells the caller a sheet held more). A zip that is not an xlsx, an inflating or
 * unreadable file is refused with its cause.
 */
export async function readSheets(buffer: Buffer, maxRows: number, filename = '', mimetype = ''): Promise<{ sheets: SheetRows[]; more: boolean }> {
  const kind = fileKind(buffer, filename, mimetype) ?? (buffer[0] === 0x50 && buffer[1] === 0x4b ? 'xlsx' : 'csv');
  let more = false;
  if (kind === 'xlsx') {
    let book: XlsxBook | null = null;
    try {
      book = await XlsxBook.open(buffer, { inflatedBytes: FUNDS_INFLATED_MAX });
      const sheets: SheetRows[] = [];
      for (const sheet of book.sheets.filter((s) => !s.hidden)) {
        const rows: SheetRows['rows'] = [];
        read: for await (const batch of book.rows(sheet)) {
          for (const record of batch) {
            if (record.values.every((v) => v.trim() === '')) continue;
            if (rows.length >= maxRows) { more = true; break read; }
            rows.push({ row: record.row, values: record.values.map((v) => v.trim()) });
          }
        }
        sheets.push({ name: sheet.name, rows });
      }
      if (sheets.length === 0) throw fileError('import.fileUnreadable');
      return { sheets, more };
    } catch (error) {
      throw readError(error);
    } finally {
      book?.close();
    }
  }
  const rows: SheetRows['rows'] = [];
  for (const { row, values } of csvRecords(decodeText(buffer))) {
    if (values.every((v) => v.trim() === '')) continue;
    if (rows.length >= maxRows) { more = true; break; }
    rows.push({ row, values: values.map((v) => v.trim()) });
  }
  return { sheets: [{ name: filename || 'csv', rows }], more };
}

const normalizeHeader = (text: string) => text.normalize('NFKC').replace(/[\s*＊:：]/g, '');

/**
 * The header of a sheet among its first 20 rows: the first row naming every required column (header texts
 * compared after NFKC, without spaces and asterisks). Answers the column index per name, or the columns the best
 * row missed.
 */
export function findHeader<C extends string>(
  rows: SheetRows['rows'], columns: Record<C, readonly string[]>, required: readonly NoInfer<C>[],
): { at: number; index: Record<C, number> } | { missing: C[] } {
  let missing: C[] = [...required];
  for (const [at, { values }] of rows.slice(0, 20).entries()) {
    const header = values.map(normalizeHeader);
    const index = Object.fromEntries((Object.keys(columns) as C[]).map((c) => [c, header.findIndex((h) => columns[c].some((name) => normalizeHeader(name) === h))])) as Record<C, number>;
    const lacking = required.filter((c) => index[c] < 0);
    if (lacking.length === 0) return { at, index };
    if (lacking.length < missing.length) missing = lacking;
  }
  return { missing };
}

const excelEpoch = Date.UTC(1899, 11, 30);
/** A day as banks and offices write it: 2026-10-11, 2026/10/11, 20261011, 2026年10月11日, or an Excel serial number. */
export function readDate(text: string): string | null {
  const t = text.trim();
  let day = t;
  if (/^\d{8}$/.test(t)) day = `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6)}`;
  else if (/^\d{4}[/.年-]\d{1,2}[/.月-]\d{1,2}日?$/.test(t)) {
    const [y, m, d] = t.split(/[/.年月日-]/);
    day = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  } else if (/^\d{5}(\.\d+)?$/.test(t)) day = calendarDayOf(excelEpoch + Math.round(Number(t)) * 86_400_000);
  return calendarDateSchema.safeParse(day).success ? day : null;
}

/** A month as offices write it: 2026-10, 2026/10, 202610, 2026年10月, 2026.10, or a day or Excel date within it. */
export function readMonth(text: string): string | null {
  const t = text.trim();
  const m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(t) ?? /^(\d{4})(\d{2})$/.exec(t);
  if (m) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? `${m[1]}-${String(month).padStart(2, '0')}` : null;
  }
  return readDate(t)?.slice(0, 7) ?? null;
}
