/**
 * Roster import, the parts without a database: reading an xlsx or csv roster into rows, validating each row
 * with the contracts' rules, finding duplicates inside the file, marking duplicates and unknown employers the
 * service found in the database, and counting. Nothing here logs or returns a plaintext ID or phone number:
 * problems carry message keys and row numbers only.
 */
import ExcelJS from 'exceljs';
import { z } from 'zod';
import {
  CHINA_MOBILE, birthDateOf, chinaMobileSchema, creditCodeProblem, creditCodeSchema, idNumberCheckChar, idNumberProblem, idNumberSchema,
  isMessageKey, label, maskOrgName, memberCategories, memberCategoryLabels, occupationLabels, occupations, rosterFieldLabels, rosterFields,
  shanghaiDate, type Labels, type MemberCategory, type MessageKey, type Occupation, type RosterField, type RosterRowStatus,
} from '@lianxin/contracts';
import { AppError } from '../../errors.ts';
import { csvRecords, decodeText } from '../../lib/csv.ts';
import { cellText, fileKind } from '../../lib/xlsx.ts';

// ---- columns -------------------------------------------------------------------------------------------------

/** Header texts of the template (it is in Chinese), from the contracts' labels. */
export const rosterHeader = (field: RosterField) => label(rosterFieldLabels, field, 'zh-CN');
const REQUIRED_COLUMNS: readonly RosterField[] = ['name', 'idNumber', 'phone', 'occupation', 'category'];

/** Other header texts people write for the same columns. */
const HEADER_ALIASES: Record<string, RosterField> = {
  姓名: 'name', 名字: 'name', 会员姓名: 'name',
  身份证号: 'idNumber', 身份证号码: 'idNumber', 公民身份号码: 'idNumber', 居民身份证号: 'idNumber', 证件号码: 'idNumber',
  手机号: 'phone', 手机号码: 'phone', 手机: 'phone', 联系电话: 'phone',
  职业: 'occupation',
  会员类别: 'category', 类别: 'category',
  所在单位统一社会信用代码: 'creditCode', 统一社会信用代码: 'creditCode', 单位统一社会信用代码: 'creditCode', 信用代码: 'creditCode',
  入会日期: 'joinedOn', 入会时间: 'joinedOn',
  ...Object.fromEntries(rosterFields.map((f) => [f.toLowerCase(), f])),
};

const OCCUPATION_ALIASES: Record<string, Occupation> = {
  外卖员: 'rider', 外卖骑手: 'rider', 快递物流: 'courier', 家政: 'domestic', 医养照护: 'carer', 护工: 'carer',
  物流货运: 'trucker', 物业: 'property', 餐饮: 'catering',
};
const CATEGORY_ALIASES: Record<string, MemberCategory> = { 正式职工: 'standard', 标准: 'standard', 单位未建会: 'no_union' };

/** Accepts the code, the Chinese label (from contracts, as the console shows it) and the aliases. */
function lookup<T extends string>(codes: readonly T[], labels: Labels<T>, aliases: Record<string, T>) {
  const map = new Map<string, T>();
  for (const code of codes) {
    map.set(code, code);
    map.set(label(labels, code, 'zh-CN'), code);
  }
  for (const [alias, code] of Object.entries(aliases)) map.set(alias, code);
  return (value: string): string => map.get(value) ?? map.get(value.toLowerCase()) ?? value;
}
const occupationCode = lookup(occupations, occupationLabels, OCCUPATION_ALIASES);
const categoryCode = lookup(memberCategories, memberCategoryLabels, CATEGORY_ALIASES);

/** The template's example row; a row with this ID number is skipped when someone forgets to delete it. */
export const EXAMPLE_ID_NUMBER = `31011319900307002${idNumberCheckChar('31011319900307002')}`;
export const exampleRow: Record<RosterField, string> = {
  name: '张三',
  idNumber: EXAMPLE_ID_NUMBER,
  phone: '13800138000',
  occupation: label(occupationLabels, 'rider', 'zh-CN'),
  category: label(memberCategoryLabels, 'informal', 'zh-CN'),
  creditCode: '',
  joinedOn: '2024-01-15',
};

export const MAX_ROWS = 200_000;

// ---- reading files -------------------------------------------------------------------------------------------

/** A problem with the whole file, told on the `file` field and as the message. */
export const fileError = (key: MessageKey, params: Record<string, string | number> = {}, status = 400) =>
  new AppError('validation_failed', status, key, params, { file: key });

/** One data row of the file: its row number as the user sees it (header = 1) and its cells in field order. */
export interface RosterRow {
  row: number;
  cells: string[];
}

const normalizeHeader = (text: string) => text.replace(/[\s*＊:：]/g, '').replace(/[（(].*[)）]$/, '');

/** Maps header cells to fields; refuses a file that lacks a required column. */
function columnMap(headers: string[]): (number | undefined)[] {
  const positions = new Map<RosterField, number>();
  headers.forEach((text, index) => {
    const raw = normalizeHeader(text);
    const field = HEADER_ALIASES[raw] ?? HEADER_ALIASES[raw.toLowerCase()];
    if (field && !positions.has(field)) positions.set(field, index);
  });
  const missing = REQUIRED_COLUMNS.filter((f) => !positions.has(f));
  if (missing.length > 0) {
    throw fileError('import.headerMissing', { columns: missing.map(rosterHeader).join('、') });
  }
  return rosterFields.map((f) => positions.get(f));
}

function toRows(records: Iterable<{ row: number; values: string[] }>): RosterRow[] {
  let map: (number | undefined)[] | null = null;
  const rows: RosterRow[] = [];
  for (const { row, values } of records) {
    if (map === null) {
      if (values.every((v) => v.trim() === '')) continue; // blank lines before the header
      map = columnMap(values);
      continue;
    }
    const cells = map.map((index) => (index === undefined ? '' : (values[index] ?? '').trim()));
    if (cells.every((c) => c === '')) continue;
    if (cells[1]?.toUpperCase() === EXAMPLE_ID_NUMBER) continue;
    if (rows.length >= MAX_ROWS) throw fileError('import.tooManyRows', { max: MAX_ROWS });
    rows.push({ row, cells });
  }
  if (map === null) throw fileError('import.headerMissing', { columns: REQUIRED_COLUMNS.map(rosterHeader).join('、') });
  if (rows.length === 0) throw fileError('import.empty');
  return rows;
}

async function xlsxRecords(buffer: Buffer): Promise<{ row: number; values: string[] }[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw fileError('import.fileUnreadable');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw fileError('import.empty');
  const records: { row: number; values: string[] }[] = [];
  let fields: (RosterField | undefined)[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      values[col - 1] = cellText(cell.value, fields[col - 1] === 'joinedOn');
    });
    for (let i = 0; i < values.length; i++) values[i] ??= '';
    if (records.length === 0 && fields.length === 0) {
      // the header: remember which column holds dates, so serial numbers there become dates
      fields = values.map((v) => HEADER_ALIASES[normalizeHeader(v)]);
    }
    records.push({ row: rowNumber, values });
  });
  return records;
}

/** Reads an uploaded roster into rows; refuses unknown file kinds, missing columns, empty or oversized files. */
export async function parseRoster(buffer: Buffer, filename = '', mimetype = ''): Promise<RosterRow[]> {
  switch (fileKind(buffer, filename, mimetype)) {
    case 'xlsx':
      return toRows(await xlsxRecords(buffer));
    case 'csv':
      return toRows(csvRecords(decodeText(buffer)));
    case null:
      throw fileError('import.fileType');
  }
}

// ---- validating rows -----------------------------------------------------------------------------------------

export interface RowProblem {
  field: RosterField;
  key: MessageKey;
  params?: Record<string, string | number>;
}

export interface ValidRow {
  name: string;
  /** upper-case, checked */
  idNumber: string;
  phone: string;
  occupation: Occupation;
  category: MemberCategory;
  creditCode: string | null;
  joinedOn: string;
}

export interface CheckedRow {
  row: number;
  cells: string[];
  /** the parsed row when every field passed (it may still be a duplicate) */
  value: ValidRow | null;
  /** the ID number when it passed its own check (for duplicate detection), else null */
  idNumber: string | null;
  problems: RowProblem[];
}

const DUPLICATE_KEYS = new Set<MessageKey>(['import.duplicateInFile', 'member.alreadyActive']);

export function rowStatus(row: Pick<CheckedRow, 'problems'>): RosterRowStatus {
  if (row.problems.length === 0) return 'ok';
  return row.problems.every((p) => DUPLICATE_KEYS.has(p.key)) ? 'duplicate' : 'error';
}

/** 2024/1/5, 2024.01.05, 2024年1月5日 and 20240105 become 2024-01-05; anything else is left for the schema to refuse. */
export function normalizeDate(text: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return text;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

/** An optional column: blank gives `blank`, anything else must pass `schema` (no union, which is slow per row). */
function optional<T, B>(schema: z.ZodType<T, string>, blank: B) {
  return z.string().transform((value, ctx): T | B => {
    if (value === '') return blank;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
    return z.NEVER;
  });
}

function rowSchema(today: string) {
  return z.object({
    name: z.string().trim().min(2, { message: 'person.nameInvalid' }).max(30, { message: 'person.nameInvalid' }),
    idNumber: idNumberSchema,
    phone: chinaMobileSchema,
    occupation: z.string().transform(occupationCode).pipe(z.enum(occupations, { message: 'import.occupationUnknown' })),
    category: z.string().transform(categoryCode).pipe(z.enum(memberCategories, { message: 'import.categoryUnknown' })),
    creditCode: optional(creditCodeSchema, null),
    joinedOn: optional(
      z.string().transform(normalizeDate).pipe(z.iso.date({ message: 'date.invalid' }))
        .refine((d) => d <= today, { message: 'import.joinedInFuture' }),
      today,
    ),
  });
}

const OCCUPATION_CODES = new Set<string>(occupations);
const CATEGORY_CODES = new Set<string>(memberCategories);

/** A real calendar date in 1900–2099, YYYY-MM-DD (a narrower set than the schema's ISO date accepts). */
function isPlainDate(text: string): boolean {
  return /^(19|20)\d\d-\d\d-\d\d$/.test(text) && birthDateOf(`000000${text.replaceAll('-', '')}0000`) !== null;
}

/**
 * The common case without the schema: a row whose every field is plainly valid under the same rule functions
 * the schema calls (idNumberProblem, creditCodeProblem, the mobile pattern, the code lookups). It accepts only
 * what the schema accepts (a test holds it to that); anything else — null — goes through the schema, which
 * names each problem. Zod costs about 4 µs a row, most of a 200,000-row validation.
 */
export function plainlyValid(input: Readonly<Record<RosterField, string>>, today: string): ValidRow | null {
  const name = input.name.trim();
  if (name.length < 2 || name.length > 30) return null;
  const idNumber = input.idNumber.trim().toUpperCase();
  if (idNumberProblem(idNumber) !== null) return null;
  const phone = input.phone.trim();
  if (!CHINA_MOBILE.test(phone)) return null;
  const occupation = occupationCode(input.occupation);
  const category = categoryCode(input.category);
  if (!OCCUPATION_CODES.has(occupation) || !CATEGORY_CODES.has(category)) return null;
  let creditCode: string | null = null;
  if (input.creditCode !== '') {
    creditCode = input.creditCode.trim().toUpperCase();
    if (creditCodeProblem(creditCode) !== null) return null;
  }
  let joinedOn = today;
  if (input.joinedOn !== '') {
    joinedOn = normalizeDate(input.joinedOn);
    if (!isPlainDate(joinedOn) || joinedOn > today) return null;
  }
  return { name, idNumber, phone, occupation: occupation as Occupation, category: category as MemberCategory, creditCode, joinedOn };
}

/** The schema's verdict on a row (what the import falls back to; exported for the test that pins plainlyValid to it). */
export function schemaVerdict(input: Readonly<Record<RosterField, string>>, today: string) {
  return rowSchema(today).safeParse(input);
}

const problemKey = (message: string, blank: boolean): MessageKey =>
  blank ? 'required' : isMessageKey(message) ? message : 'import.valueInvalid';

/**
 * A row validator: every field against the contracts' rules, and ID numbers seen earlier in the same file
 * flagged (the first occurrence stays; later ones are duplicates naming the first row). Rows are fed in file
 * order, in as many calls as the caller likes.
 */
export function rowValidator(today = shanghaiDate()): (row: RosterRow) => CheckedRow {
  const schema = rowSchema(today);
  const firstRowOf = new Map<string, number>();
  return ({ row, cells }) => {
    const input: Record<RosterField, string> = {
      name: cells[0] ?? '', idNumber: cells[1] ?? '', phone: cells[2] ?? '', occupation: cells[3] ?? '',
      category: cells[4] ?? '', creditCode: cells[5] ?? '', joinedOn: cells[6] ?? '',
    };
    const plain = plainlyValid(input, today);
    const result = plain ? ({ success: true, data: plain } as const) : schema.safeParse(input);
    const problems: RowProblem[] = [];
    let value: ValidRow | null = null;
    let idNumber: string | null = null;
    if (result.success) {
      value = result.data;
      idNumber = value.idNumber;
    } else {
      const seen = new Set<string>();
      for (const issue of result.error.issues) {
        const field = issue.path[0] as RosterField;
        if (seen.has(field)) continue;
        seen.add(field);
        const blank = input[field] === '' && REQUIRED_COLUMNS.includes(field);
        problems.push({ field, key: problemKey(issue.message, blank) });
      }
      if (!seen.has('idNumber')) {
        const id = idNumberSchema.safeParse(input.idNumber);
        if (id.success) idNumber = id.data;
      }
    }
    if (idNumber !== null) {
      const first = firstRowOf.get(idNumber);
      if (first === undefined) firstRowOf.set(idNumber, row);
      else problems.push({ field: 'idNumber', key: 'import.duplicateInFile', params: { row: first } });
    }
    return { row, cells, value, idNumber, problems };
  };
}

export function validateRows(rows: readonly RosterRow[], today = shanghaiDate()): CheckedRow[] {
  return rows.map(rowValidator(today));
}

/** Employers must be in the registry: `known` maps the credit codes found there to enterprise ids. */
export function markUnknownEmployers(rows: readonly CheckedRow[], known: ReadonlyMap<string, number>): void {
  for (const row of rows) {
    const code = row.value?.creditCode;
    if (code && !known.has(code)) row.problems.push({ field: 'creditCode', key: 'application.employerUnknown' });
  }
}

/** Marks rows whose person is already an active member somewhere in the city; `activeUnion` maps ID → union name. */
export function markCityDuplicates(rows: readonly CheckedRow[], activeUnion: ReadonlyMap<string, string>): void {
  for (const row of rows) {
    if (row.idNumber === null) continue;
    const union = activeUnion.get(row.idNumber);
    if (union !== undefined) row.problems.push({ field: 'idNumber', key: 'member.alreadyActive', params: { union: maskOrgName(union) } });
  }
}

export interface RosterCounts {
  total: number;
  valid: number;
  invalid: number;
  duplicates: number;
}

export function countRows(rows: readonly CheckedRow[]): RosterCounts {
  const counts = { total: rows.length, valid: 0, invalid: 0, duplicates: 0 };
  for (const row of rows) {
    const status = rowStatus(row);
    if (status === 'ok') counts.valid++;
    else if (status === 'error') counts.invalid++;
    else counts.duplicates++;
  }
  return counts;
}
