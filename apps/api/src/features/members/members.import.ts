/**
 * Roster import, the parts without a database: reading an xlsx or csv roster into rows, validating each row
 * with the contracts' rules, finding duplicates inside the file, marking duplicates and unknown employers the
 * service found in the database, and counting. Nothing here logs or returns a plaintext ID or phone number:
 * problems carry message keys and row numbers only.
 */
import { z } from 'zod';
import {
  CHINA_MOBILE, birthDateOf, chinaMobileSchema, joinDateProblem, normalizeIdNumber, normalizePersonName, normalizePhone, personNameProblem,
  personNameSchema, creditCodeProblem, creditCodeSchema, idNumberCheckChar, idNumberProblem, idNumberSchema,
  isMessageKey, label, maskOrgName, memberCategories, memberCategoryLabels, occupationLabels, occupations, rosterFieldLabels, rosterFields,
  calendarDayOf, shanghaiDate, type Labels, type MemberCategory, type MessageKey, type Occupation, type RosterField, type RosterRowStatus,
} from '@lianxin/contracts';
import { AppError } from '../../errors.ts';
import { csvRecords, decodeText } from '../../lib/csv.ts';
import { fileKind } from '../../lib/xlsx.ts';
import { XlsxBook, XlsxFormatError, XlsxLimitError, type NumericKind } from '../../lib/xlsx-reader.ts';

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

/** One data row of the file: its row number as the user sees it, its cells in field order, problems found while reading. */
export interface RosterRow {
  row: number;
  cells: string[];
  /** fields refused while reading (a numeric cell in an identifier column), with the message key */
  refused?: Partial<Record<RosterField, MessageKey>>;
}

/** What reading an upload may cost. */
export interface ReadLimits {
  /** data rows (the file is refused beyond them; reading stops there) */
  maxRows: number;
  /** bytes an xlsx may inflate to, all parts together */
  inflatedBytes: number;
}

/** 200,000 rows of the template inflate to ≈ 75 MB (shared strings) or ≈ 110 MB (inline strings); twice that is plenty. */
export const XLSX_INFLATED_MAX = 256 * 1024 * 1024;
export const READ_LIMITS: ReadLimits = { maxRows: MAX_ROWS, inflatedBytes: XLSX_INFLATED_MAX };
/** The header is looked for in the first this many non-empty rows of each visible sheet. */
export const HEADER_SEARCH_ROWS = 20;

const normalizeHeader = (text: string) => text.normalize('NFKC').replace(/[\s*＊:：]/g, '').replace(/[（(].*[)）]$/, '');
const headerField = (text: string): RosterField | undefined => {
  const raw = normalizeHeader(text);
  return raw === '' ? undefined : (HEADER_ALIASES[raw] ?? HEADER_ALIASES[raw.toLowerCase()]);
};

/** A row as read from a sheet: texts by column, and which cells were stored as numbers. */
interface SourceRecord {
  row: number;
  values: string[];
  numeric?: NumericKind[] | null;
}

/** A sheet (or a text file) to read a roster from; `records()` can be called more than once. */
interface RosterSource {
  name: string;
  records(): AsyncIterable<SourceRecord[]>;
}

interface Header {
  /** the last header row (a two-row header spans two) */
  lastRow: number;
  firstRow: number;
  /** column index per field in field order */
  map: (number | undefined)[];
  missing: RosterField[];
  found: number;
}

/** Fields of one header row, or of two rows read together (a merged group title above its sub-headings). */
function headerOf(rows: readonly SourceRecord[]): Header {
  const positions = new Map<RosterField, number>();
  const width = Math.max(...rows.map((r) => r.values.length));
  for (let col = 0; col < width; col++) {
    // the lower row names the column when it can (sub-headings), else the upper (a title merged over both rows)
    let field: RosterField | undefined;
    for (let i = rows.length - 1; i >= 0 && field === undefined; i--) field = headerField(rows[i]!.values[col] ?? '');
    if (field === undefined && rows.length > 1) field = headerField(rows.map((r) => r.values[col] ?? '').join(''));
    if (field && !positions.has(field)) positions.set(field, col);
  }
  const missing = REQUIRED_COLUMNS.filter((f) => !positions.has(f));
  return { firstRow: rows[0]!.row, lastRow: rows[rows.length - 1]!.row, map: rosterFields.map((f) => positions.get(f)), missing, found: positions.size };
}

/** The header among the first rows: a single row with every required column, else two adjacent rows together; the best try otherwise. */
function findHeader(head: readonly SourceRecord[]): { header: Header | null; best: Header | null } {
  let best: Header | null = null;
  for (let i = 0; i < head.length; i++) {
    const one = headerOf([head[i]!]);
    if (one.missing.length === 0) return { header: one, best: one };
    if (!best || one.found > best.found) best = one;
    const next = head[i + 1];
    if (next && next.row === head[i]!.row + 1) {
      const two = headerOf([head[i]!, next]);
      if (two.missing.length === 0) return { header: two, best: two };
    }
  }
  return { header: null, best };
}

async function firstRecords(source: RosterSource, count: number): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const batch of source.records()) {
    for (const record of batch) {
      if (record.values.every((v) => v.trim() === '')) continue;
      out.push(record);
      if (out.length >= count) return out; // leaving the loop stops the stream
    }
  }
  return out;
}

const MASKED_ID = /^\d{3}\*{6,}[\dX]{2,4}$/i;
const MASKED_PHONE = /^\d{3}\*{4}\d{4}$/;
const ID_FIELD = rosterFields.indexOf('idNumber');
const PHONE_FIELD = rosterFields.indexOf('phone');
const NAME_FIELD = rosterFields.indexOf('name');
const IDENTIFIER_FIELDS: readonly RosterField[] = ['idNumber', 'creditCode'];
const JOINED_FIELD = rosterFields.indexOf('joinedOn');
const MASK_SAMPLE = 50;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Rows of a roster: the first visible source whose first rows hold a header (one row, or two read together),
 * refusing a file where several do (one roster a file: nothing is dropped silently), where none does (saying
 * which sheets and rows were searched) and the platform's own masked export. Rows with neither name nor ID
 * number (dropdown defaults, formatting) are skipped, as is the template's example row.
 */
async function readRoster(sources: readonly RosterSource[], limits: ReadLimits): Promise<RosterRow[]> {
  const withHeader: { source: RosterSource; header: Header }[] = [];
  const searched: string[] = [];
  let best: { source: RosterSource; header: Header } | null = null;
  for (const source of sources) {
    const head = await firstRecords(source, HEADER_SEARCH_ROWS);
    const found = findHeader(head);
    if (found.header) withHeader.push({ source, header: found.header });
    else {
      searched.push(head.length === 0 ? `「${source.name}」 —` : `「${source.name}」 ${head[0]!.row}–${head[head.length - 1]!.row}`);
      if (found.best && found.best.found >= 2 && (!best || found.best.found > best.header.found)) best = { source, header: found.best };
    }
  }
  if (withHeader.length > 1) throw fileError('import.severalRosterSheets', { sheets: withHeader.map((w) => `「${w.source.name}」`).join('、') });
  const chosen = withHeader[0];
  if (!chosen) {
    if (best) {
      throw fileError('import.headerIncomplete', { columns: best.header.missing.map(rosterHeader).join('、'), sheet: `「${best.source.name}」`, row: best.header.firstRow });
    }
    throw fileError('import.headerNotFound', { columns: REQUIRED_COLUMNS.map(rosterHeader).join('、'), searched: searched.join('；') || '—' });
  }
  const { map, lastRow } = chosen.header;
  const rows: RosterRow[] = [];
  let masked = 0;
  let seen = 0;
  for await (const batch of chosen.source.records()) {
    for (const { row, values, numeric } of batch) {
      if (row <= lastRow) continue;
      const cells = map.map((index) => (index === undefined ? '' : (values[index] ?? '').trim()));
      // nothing that names a person: an empty line, dropdown defaults, a total row's leftovers
      if (cells[NAME_FIELD] === '' && cells[ID_FIELD] === '') continue;
      if (cells[ID_FIELD]?.toUpperCase() === EXAMPLE_ID_NUMBER) continue;
      if (rows.length >= limits.maxRows) throw fileError('import.tooManyRows', { max: limits.maxRows });
      const out: RosterRow = { row, cells };
      if (numeric) {
        const joined = map[JOINED_FIELD];
        if (joined !== undefined && numeric[joined]) cells[JOINED_FIELD] = serialDate(cells[JOINED_FIELD]!);
        for (const field of IDENTIFIER_FIELDS) {
          const index = map[rosterFields.indexOf(field)];
          const kind = index === undefined ? 0 : (numeric[index] ?? 0);
          const digits = cells[rosterFields.indexOf(field)]!.length;
          // Excel keeps 15 significant digits: a longer number was rewritten before it reached us
          if (kind === 2 || (kind === 1 && digits >= 16)) (out.refused ??= {})[field] = 'import.numericIdentifier';
        }
      }
      // the platform's own export: ID numbers and phones masked (decided on the first 50 rows, before reading on)
      if (seen < MASK_SAMPLE) {
        seen++;
        if (MASKED_ID.test(cells[ID_FIELD]!) || MASKED_PHONE.test(cells[PHONE_FIELD]!)) masked++;
        if (seen === MASK_SAMPLE && masked * 2 > seen) throw fileError('import.maskedExport');
      }
      rows.push(out);
    }
  }
  if (seen > 0 && masked * 2 > seen) throw fileError('import.maskedExport');
  if (rows.length === 0) throw fileError('import.empty');
  return rows;
}

/** The visible sheets of an xlsx as roster sources; hidden sheets (dropdown lists) are never read. */
function xlsxSources(book: XlsxBook): RosterSource[] {
  return book.sheets.filter((s) => !s.hidden).map((sheet) => ({
    name: sheet.name,
    records: () => book.rows(sheet),
  }));
}

/** A text file (csv, or Excel's tab-separated "Unicode text") as one source, in batches so other requests get their turn. */
function textSource(text: string, name: string): RosterSource {
  return {
    name,
    async *records() {
      let batch: SourceRecord[] = [];
      for (const record of csvRecords(text)) {
        batch.push(record);
        if (batch.length >= 2_000) {
          yield batch;
          batch = [];
          await yieldToLoop();
        }
      }
      if (batch.length > 0) yield batch;
    },
  };
}

/** Dates typed into unformatted cells arrive as Excel serial numbers. */
const excelEpoch = Date.UTC(1899, 11, 30);
const serialDate = (text: string) => {
  const n = Number(text);
  return n > 0 && n < 100_000 ? calendarDayOf(excelEpoch + Math.round(n) * 86_400_000) : text;
};

/** Reads an uploaded roster into rows; refuses unknown file kinds, missing columns, empty, oversized or inflating files. */
export async function parseRoster(buffer: Buffer, filename = '', mimetype = '', limits: ReadLimits = READ_LIMITS): Promise<RosterRow[]> {
  switch (fileKind(buffer, filename, mimetype)) {
    case 'xlsx': {
      let book: XlsxBook | null = null;
      try {
        book = await XlsxBook.open(buffer, { inflatedBytes: limits.inflatedBytes });
        return await readRoster(xlsxSources(book), limits);
      } catch (error) {
        throw readError(error, limits);
      } finally {
        book?.close();
      }
    }
    case 'csv':
      return readRoster([textSource(decodeText(buffer), filename || 'csv')], limits);
    case null:
      throw fileError('import.fileType');
  }
}

function readError(error: unknown, limits: ReadLimits): unknown {
  if (error instanceof XlsxLimitError) {
    if (error.limit === 'cellLength') return fileError('import.cellTooLong', { max: error.max });
    if (error.limit === 'inflated') return fileError('import.inflatedTooLarge', { max: Math.round(limits.inflatedBytes / 1024 / 1024) });
    return fileError('import.fileUnreadable');
  }
  if (error instanceof XlsxFormatError) return fileError('import.fileUnreadable');
  return error;
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

const DUPLICATE_KEYS = new Set<MessageKey>(['import.duplicateInFile', 'member.alreadyActive', 'import.alreadyMemberHere']);

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

const JOIN_DATE_KEYS = { future: 'import.joinedInFuture', tooYoung: 'import.joinedTooYoung' } as const;

function rowSchema(today: string) {
  return z.object({
    name: personNameSchema,
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
  }).superRefine((row, ctx) => {
    // plausible: at least 16 on the joining date (the ID number carries the birth date)
    const problem = joinDateProblem(row.joinedOn, row.idNumber, today);
    if (problem === 'tooYoung') ctx.addIssue({ code: 'custom', path: ['joinedOn'], message: JOIN_DATE_KEYS[problem] });
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
  const name = normalizePersonName(input.name);
  if (personNameProblem(name) !== null) return null;
  const idNumber = normalizeIdNumber(input.idNumber);
  if (idNumberProblem(idNumber) !== null) return null;
  const phone = normalizePhone(input.phone);
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
    if (!isPlainDate(joinedOn)) return null;
  }
  if (joinDateProblem(joinedOn, idNumber, today) !== null) return null;
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
  return ({ row, cells, refused }) => {
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
    if (refused) {
      // read as a number where an identifier belongs: whatever it says now is not what was typed
      for (const [field, key] of Object.entries(refused) as [RosterField, MessageKey][]) {
        for (let i = problems.length - 1; i >= 0; i--) if (problems[i]!.field === field) problems.splice(i, 1);
        problems.push({ field, key });
        if (field === 'idNumber') idNumber = null;
      }
      value = null;
    }
    if (value !== null) {
      // the last net: nothing the database would refuse leaves here as valid (it would fail the whole commit)
      const field = unstorableField(value);
      if (field !== null) {
        problems.push({ field, key: 'import.unstorable' });
        value = null;
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

// eslint-disable-next-line no-control-regex
const NOT_STORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const STORED_LENGTH: Record<RosterField, number> = { name: 30, idNumber: 18, phone: 11, occupation: 20, category: 20, creditCode: 18, joinedOn: 10 };

/** The first field of a valid row PostgreSQL would refuse (NUL, broken UTF-16) or that is longer than it may be, or null. */
export function unstorableField(value: ValidRow): RosterField | null {
  for (const field of rosterFields) {
    const text = value[field];
    if (text === null) continue;
    if (NOT_STORABLE.test(text) || [...text].length > STORED_LENGTH[field]) return field;
  }
  return null;
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

/** The union someone is an active member of. */
export interface ActiveUnion {
  orgId: number;
  name: string;
}

/**
 * Marks rows whose person is already an active member: of the importing union itself ("already members there":
 * a re-import of the same roster), or of another union in the city (named masked; a transfer is the way).
 */
export function markCityDuplicates(rows: readonly CheckedRow[], activeUnion: ReadonlyMap<string, ActiveUnion>, importingOrgId?: number): void {
  for (const row of rows) {
    if (row.idNumber === null) continue;
    const union = activeUnion.get(row.idNumber);
    if (union === undefined) continue;
    if (union.orgId === importingOrgId) row.problems.push({ field: 'idNumber', key: 'import.alreadyMemberHere' });
    else row.problems.push({ field: 'idNumber', key: 'member.alreadyActive', params: { union: maskOrgName(union.name) } });
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
