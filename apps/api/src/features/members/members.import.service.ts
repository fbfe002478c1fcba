/**
 * Roster import: validate a whole file against the rules and the city's members without writing anything,
 * keep the result in memory for an hour (only for the uploader), then commit every valid row in one
 * transaction of `memberInsert` statements, re-checking identities inside it. Row problems are message keys, so
 * reports are in the reader's language and never carry a plaintext ID number or phone.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FastifyBaseLogger } from 'fastify';
import { arrayLiteral, queryRows, type Database, type Tx } from '@lianxin/db';
import {
  creditCodeProblem, isLiangFeiYiWu, label, maskIdNumber, maskPhone, memberCategories, memberCategoryLabels, occupationLabels, occupations,
  rosterFieldLabels, rosterFields, rosterRowStatusLabels, shanghaiDate, translate, type Locale, type MemberCategory, type MessageKey,
  type Occupation, type RosterField,
} from '@lianxin/contracts';
import { writeScope, type Actor, type Scope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { AppError, fieldError, isUniqueViolation, notFound } from '../../errors.ts';
import { noteWrite } from '../../lib/recent-reads.ts';
import { headerRow, writeXlsx } from '../../lib/xlsx.ts';
import type { AppKeys } from '../../security/keys.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findOrg } from '../orgs/orgs.repo.ts';
import { drawMemberIds, memberInsert, subsidyRules, type NewMember } from './members.enrol.ts';
import {
  countRows, exampleRow, type ActiveUnion, markCityDuplicates, markUnknownEmployers, parseRoster, rosterHeader, rowStatus, rowValidator, type CheckedRow,
  type RosterCounts, type RosterRow,
} from './members.import.ts';

/** Rows per insert statement inside the one commit transaction. */
export const COMMIT_CHUNK = 5_000;
/** Identities (or credit codes) per lookup query. */
const LOOKUP_CHUNK = 20_000;
const BATCH_TTL_MS = 60 * 60 * 1000;
/** Validated batches one user may keep at once (each can hold 200,000 rows). */
const BATCHES_PER_USER = 3;
const ERRORS_IN_SUMMARY = 100;

export interface ImportOrg {
  id: number;
  path: string;
  regionCode: string;
  name: string;
}

export interface CheckedRoster {
  rows: CheckedRow[];
  counts: RosterCounts;
  /** blind index per checked ID number, computed once and reused by the insert */
  idHashes: Map<string, string>;
  /** enterprise id per credit code found in the registry */
  enterprises: Map<string, number>;
}

export type ImportStatus = 'validated' | 'committing' | 'committed' | 'failed';

export interface ImportBatch extends CheckedRoster {
  id: string;
  userId: number;
  org: ImportOrg;
  createdAt: number;
  expiresAt: number;
  status: ImportStatus;
  /** valid rows written so far inside the (uncommitted) transaction */
  processed: number;
  /** rows committed (0 until the transaction commits) */
  committed: number;
  failure: { key: MessageKey; params: Record<string, string | number> } | null;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Active members among these blind indexes, with their union. */
async function activeUnions(db: Database | Tx, hashes: readonly string[]): Promise<Map<string, ActiveUnion>> {
  const found = new Map<string, ActiveUnion>();
  for (const part of chunks(hashes, LOOKUP_CHUNK)) {
    // one probe of the partial unique index per identity: the LIMIT keeps the subquery a per-row lookup. As a
    // plain join (or `= any(array)`) the planner, going by statistics taken before a bulk insert, hashes every
    // active member instead, once per chunk of an import that is itself growing the table
    const rows = await queryRows<{ hash: string; union_id: number; union_name: string }>(db, sql`
      select h.hash, o.id as union_id, o.name as union_name
        from unnest(${sql.param(arrayLiteral(part))}::text[]) as h(hash)
        cross join lateral (select m.org_id from members m where m.id_number_hash = h.hash and m.status = 'active' limit 1) m
        join orgs o on o.id = m.org_id`);
    for (const row of rows) found.set(row.hash, { orgId: Number(row.union_id), name: row.union_name });
  }
  return found;
}

async function registeredEnterprises(db: Database | Tx, codes: readonly string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const part of chunks(codes, LOOKUP_CHUNK)) {
    const rows = await queryRows<{ id: number; credit_code: string }>(
      db, sql`select id, credit_code from enterprises where credit_code = any(${sql.param(part)}::text[])`,
    );
    for (const row of rows) found.set(row.credit_code, row.id);
  }
  return found;
}

const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));
/** `work` once pending I/O (a statement just issued) has gone out. */
const afterIo = async <T>(work: () => T): Promise<T> => {
  await yieldToIo();
  return work();
};

/**
 * Validates parsed rows: field rules, duplicates inside the file, employers in the registry, and active
 * members anywhere in the city (found by blind index, a few queries for the whole file). Writes nothing.
 * Hashing overlaps the lookups: each slice of blind indexes is sent as soon as it is computed.
 */
export async function checkRoster(
  db: Database, keys: AppKeys, parsed: readonly RosterRow[], today = shanghaiDate(), importingOrgId?: number,
): Promise<CheckedRoster> {
  const validate = rowValidator(today);
  const rows: CheckedRow[] = [];
  const codes = new Set<string>();
  const idHashes = new Map<string, string>();
  const lookups: Promise<Map<string, ActiveUnion>>[] = [];
  // slice by slice: validate, hash, send the lookup, and validate the next slice while the database answers
  for (const slice of chunks(parsed, LOOKUP_CHUNK)) {
    const hashes: string[] = [];
    for (const raw of slice) {
      const row = validate(raw);
      rows.push(row);
      if (row.value?.creditCode) codes.add(row.value.creditCode);
      if (row.idNumber !== null && !idHashes.has(row.idNumber)) {
        const hash = keys.blindIndex(row.idNumber);
        idHashes.set(row.idNumber, hash);
        hashes.push(hash);
      }
    }
    lookups.push(activeUnions(db, hashes));
    await yieldToIo();
  }
  const [enterprises, ...found] = await Promise.all([registeredEnterprises(db, [...codes]), ...lookups]);
  markUnknownEmployers(rows, enterprises);
  const activeById = new Map<string, ActiveUnion>();
  if (found.some((m) => m.size > 0)) {
    for (const [id, hash] of idHashes) {
      for (const m of found) {
        const union = m.get(hash);
        if (union !== undefined) activeById.set(id, union);
      }
    }
  }
  markCityDuplicates(rows, activeById, importingOrgId);
  return { rows, counts: countRows(rows), idHashes, enterprises };
}


export interface CommitOptions {
  actor?: Pick<Actor, 'userId' | 'username'> | null;
  ip?: string | null;
  /** when given, the receiving union is looked up again inside this scope (it may have moved or left it) */
  scope?: Scope;
  chunkSize?: number;
  log?: FastifyBaseLogger;
}

/**
 * Commits every valid row of the batch in ONE transaction (inserts in chunks, `processed` advancing after
 * each). Someone who became an active member after validation is caught by the partial unique index (one
 * active membership per identity), which rolls the whole batch back; the rows to blame are then looked up and
 * named, and the batch is left `failed`. The index, not a lookup per chunk, is the guard: it also sees
 * enrolments still in flight, and costs nothing when there is no clash. Never throws.
 */
export async function commitRoster(db: Database, keys: AppKeys, batch: ImportBatch, options: CommitOptions = {}): Promise<void> {
  batch.status = 'committing';
  batch.processed = 0;
  batch.committed = 0;
  batch.failure = null;
  const valid = batch.rows.filter((r) => r.value !== null && r.problems.length === 0);
  const size = options.chunkSize ?? COMMIT_CHUNK;
  try {
    await db.transaction(async (tx) => {
      let org = batch.org;
      if (options.scope) {
        const current = await findOrg(tx, options.scope, batch.org.id);
        if (!current) throw notFound();
        org = { id: current.id, path: current.path, regionCode: current.regionCode, name: current.name };
      }
      const hashes = valid.map(({ value }) => batch.idHashes.get(value!.idNumber) ?? keys.blindIndex(value!.idNumber));
      const ids = await drawMemberIds(tx, valid.length);
      const rules = await subsidyRules(tx, [org.regionCode]);
      const statement = (start: number) => {
        if (start >= valid.length) return null;
        const members: NewMember[] = valid.slice(start, start + size).map(({ value }, i) => {
          const v = value!;
          return {
            name: v.name,
            idNumber: v.idNumber,
            idNumberHash: hashes[start + i]!,
            phone: v.phone,
            occupation: v.occupation,
            category: v.category,
            joinChannel: 'import',
            org: { id: org.id, path: org.path, regionCode: org.regionCode },
            enterpriseId: v.creditCode ? (batch.enterprises.get(v.creditCode) ?? null) : null,
            joinedOn: v.joinedOn,
          };
        });
        return memberInsert(keys, members, ids.slice(start, start + size), rules).query;
      };
      let next = statement(0);
      for (let start = 0; next !== null; start += size) {
        // the next chunk is encrypted and its statement built while the database writes this one
        const [, following] = await Promise.all([tx.execute(next), afterIo(() => statement(start + size))]);
        next = following;
        batch.processed += Math.min(size, valid.length - start);
      }
      await recordAudit(tx, options.actor ?? null, options.ip ?? null, {
        action: 'create', objectType: 'member_import', objectId: batch.id, orgPath: org.path, detail: { rows: valid.length },
      });
    });
    // committed after its request was answered (202), so its onSend moved the write epoch too early: move it again
    // before the status says committed, or a cockpit read during the commit is served for 2 s more (lib/recent-reads.ts)
    noteWrite(db);
    batch.committed = valid.length;
    batch.status = 'committed';
    // the rows are in the database now; keep only what the report needs
    for (const row of valid) row.value = null;
  } catch (error) {
    if (isUniqueViolation(error)) {
      // the failure is named before the status says `failed`: a status poll in between must not see failed without why
      batch.failure = { key: 'import.commitDuplicates', params: { rows: await clashingRows(db, batch, valid) } };
      batch.status = 'failed';
    } else {
      batch.status = 'failed';
      batch.failure = { key: 'import.commitFailed', params: {} };
      // the error of a failed bulk insert can quote its parameters: log only what identifies the failure
      const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
      options.log?.error({ batchId: batch.id, code, name: (error as Error).name }, 'member import commit failed');
    }
  }
}

/** After a rolled-back commit: the rows whose person is an active member now ("?" for a clash within the file). */
async function clashingRows(db: Database, batch: ImportBatch, valid: readonly CheckedRow[]): Promise<string> {
  const active = await activeUnions(db, valid.map((r) => batch.idHashes.get(r.idNumber ?? '') ?? ''));
  const rows = valid.filter((r) => active.has(batch.idHashes.get(r.idNumber ?? '') ?? '')).map((r) => r.row);
  if (rows.length === 0) return '?';
  return rows.slice(0, 10).join(', ') + (rows.length > 10 ? ' …' : '');
}

// ---- batches in memory ---------------------------------------------------------------------------------------

/** Validated batches of one app instance, each visible only to its uploader, for an hour. */
export class ImportStore {
  private readonly batches = new Map<string, ImportBatch>();
  private readonly running = new Set<Promise<void>>();

  private sweep(now = Date.now()) {
    for (const [id, batch] of this.batches) if (batch.expiresAt <= now && batch.status !== 'committing') this.batches.delete(id);
  }

  add(batch: ImportBatch): void {
    this.sweep();
    const own = [...this.batches.values()].filter((b) => b.userId === batch.userId && b.status !== 'committing');
    for (const old of own.slice(0, Math.max(0, own.length - BATCHES_PER_USER + 1))) this.batches.delete(old.id);
    this.batches.set(batch.id, batch);
  }

  /** The batch if it exists, has not expired and belongs to the user. */
  get(id: string, userId: number): ImportBatch | undefined {
    this.sweep();
    const batch = this.batches.get(id);
    return batch && batch.userId === userId ? batch : undefined;
  }

  run(work: Promise<void>): void {
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
  }

  /** Waits for commits in flight (the app is closing). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }
}

// ---- what the routes call ------------------------------------------------------------------------------------

export interface UploadedFile {
  data: Buffer;
  filename: string;
  mimetype: string;
}

/** Parses and validates an upload for a union inside the actor's write scope; keeps the batch for commit. */
export async function validateImport(ctx: ServiceContext, store: ImportStore, orgId: number, file: UploadedFile): Promise<ImportBatch> {
  const scope = writeScope(ctx.scope);
  const org = await findOrg(ctx.db, scope, orgId);
  if (!org) throw fieldError('orgId', 'error.not_found', 404, 'not_found');
  if (org.status === 'dissolved') throw fieldError('orgId', 'transfer.targetInvalid');
  const parsed = await parseRoster(file.data, file.filename, file.mimetype);
  const checked = await checkRoster(ctx.db, ctx.keys, parsed, shanghaiDate(), org.id);
  const now = Date.now();
  const batch: ImportBatch = {
    ...checked,
    id: randomBytes(16).toString('base64url'),
    userId: ctx.actor.userId,
    org: { id: org.id, path: org.path, regionCode: org.regionCode, name: org.name },
    createdAt: now,
    expiresAt: now + BATCH_TTL_MS,
    status: 'validated',
    processed: 0,
    committed: 0,
    failure: null,
  };
  store.add(batch);
  return batch;
}

export function findBatch(ctx: ServiceContext, store: ImportStore, batchId: string): ImportBatch {
  const batch = store.get(batchId, ctx.actor.userId);
  if (!batch) throw notFound();
  return batch;
}

/** Starts the commit in the background; the caller answers 202 and the client polls the status. */
export function startCommit(ctx: ServiceContext, store: ImportStore, batchId: string, log?: FastifyBaseLogger): ImportBatch {
  const scope = writeScope(ctx.scope);
  const batch = findBatch(ctx, store, batchId);
  if (batch.status !== 'validated') throw new AppError('conflict', 409, 'import.notCommittable');
  batch.status = 'committing';
  store.run(commitRoster(ctx.db, ctx.keys, batch, { actor: ctx.actor, ip: ctx.ip, scope, ...(log ? { log } : {}) }));
  return batch;
}

export function importSummary(batch: ImportBatch, locale: Locale) {
  const errors: { row: number; field: string; message: string }[] = [];
  outer: for (const row of batch.rows) {
    for (const problem of row.problems) {
      if (errors.length >= ERRORS_IN_SUMMARY) break outer;
      errors.push({ row: row.row, field: problem.field, message: translate(problem.key, locale, problem.params) });
    }
  }
  return { batchId: batch.id, ...batch.counts, errors };
}

export function importStatus(batch: ImportBatch, locale: Locale) {
  return {
    batchId: batch.id,
    status: batch.status,
    total: batch.counts.total,
    valid: batch.counts.valid,
    processed: batch.processed,
    committed: batch.committed,
    ...(batch.failure ? { message: translate(batch.failure.key, locale, batch.failure.params) } : {}),
  };
}

/** The report's own columns around the file's, and how a row's problems are joined, per language. */
const REPORT_TEXT: Record<Locale, { sheet: string; row: string; status: string; problems: string; colon: string; separator: string }> = {
  'zh-CN': { sheet: '校验结果', row: '行号', status: '状态', problems: '问题', colon: '：', separator: '；' },
  en: { sheet: 'Check results', row: 'Row', status: 'Status', problems: 'Problems', colon: ': ', separator: '; ' },
};
const ID_COLUMN = rosterFields.indexOf('idNumber');
const PHONE_COLUMN = rosterFields.indexOf('phone');
const CREDIT_COLUMN = rosterFields.indexOf('creditCode');

/** Long digit runs in free-text cells (an ID or phone typed into the wrong column) are masked too. */
const scrub = (text: string) => text.replace(/\d{11,}[\dXx]?/g, (m) => `${m.slice(0, 3)}${'*'.repeat(m.length - 7)}${m.slice(-4)}`);

// eslint-disable-next-line no-control-regex
const UNWRITABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A cell of the file as the report shows it: identifiers masked, characters XML cannot hold shown as �. */
function reportCell(raw: string, column: number): string {
  const text = raw.replace(UNWRITABLE, '\ufffd');
  if (column === ID_COLUMN) return text === '' ? '' : maskIdNumber(text.toUpperCase());
  if (column === PHONE_COLUMN) return text === '' ? '' : maskPhone(text);
  if (column === CREDIT_COLUMN && creditCodeProblem(text.toUpperCase()) === null) return text;
  return scrub(text);
}

/** The per-row report: the file's columns (ID number and phone masked), 状态 and 问题, all headed in the reader's language. */
export function importReport(batch: ImportBatch, locale: Locale): Promise<Buffer> {
  const text = REPORT_TEXT[locale];
  const fieldName = (field: RosterField) => label(rosterFieldLabels, field, locale);
  return writeXlsx((addSheet) => {
    const sheet = addSheet(text.sheet, [8, 12, 22, 15, 12, 14, 24, 12, 8, 50]);
    headerRow(sheet, [text.row, ...rosterFields.map(fieldName), text.status, text.problems]);
    for (const row of batch.rows) {
      const status = rowStatus(row);
      const problems = row.problems.map((p) => `${fieldName(p.field)}${text.colon}${translate(p.key, locale, p.params)}`).join(text.separator);
      const line = sheet.addRow([row.row, ...row.cells.map(reportCell), label(rosterRowStatusLabels, status, locale), problems]);
      if (status !== 'ok') line.getCell(rosterFields.length + 2).font = { color: { argb: status === 'error' ? 'FFCF1322' : 'FFD46B08' } };
      line.commit();
    }
    sheet.commit();
  });
}

/** The template: the header row, one example row, notes on the headers listing the allowed values. */
export async function importTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('会员名册', { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths: Record<RosterField, number> = { name: 12, idNumber: 22, phone: 15, occupation: 14, category: 16, creditCode: 26, joinedOn: 12 };
  // ID numbers, phones and codes as text, so Excel neither rounds 18 digits nor drops leading zeros
  sheet.columns = rosterFields.map((f) => ({ key: f, width: widths[f], style: f === 'joinedOn' ? {} : { numFmt: '@' } }));
  const header = sheet.addRow(rosterFields.map(rosterHeader));
  header.font = { bold: true };
  const example = sheet.addRow(rosterFields.map((f) => exampleRow[f]));
  example.font = { color: { argb: 'FF8C8C8C' } };

  const occupationName = (o: Occupation) => label(occupationLabels, o, 'zh-CN');
  const categoryName = (c: MemberCategory) => label(memberCategoryLabels, c, 'zh-CN');
  const occupationList = occupations.map((o) => `${occupationName(o)}（${o}）`).join('、');
  const categoryList = memberCategories.map((c) => `${categoryName(c)}（${c}）${isLiangFeiYiWu(c) ? '，两非一无' : ''}`).join('、');
  const notes: Record<RosterField, string> = {
    name: '必填：真实姓名，2–30 字。第 2 行是示例（导入时自动忽略），请从第 3 行起填写或删除示例行。',
    idNumber: '必填：18 位居民身份证号（末位可为 X），按 GB 11643 校验。同一人全市只能有一个在会会籍。',
    phone: '必填：11 位手机号。',
    occupation: `必填，可填中文或代码：${occupationList}`,
    category: `必填，可填中文或代码：${categoryList}`,
    creditCode: '选填：所在单位的 18 位统一社会信用代码，须已在企业名录中；无固定单位留空。',
    joinedOn: '选填：YYYY-MM-DD，不能晚于今天；留空为导入当天。',
  };
  rosterFields.forEach((f, i) => {
    header.getCell(i + 1).note = notes[f];
  });
  const listOf = (values: string[]) => ({ type: 'list' as const, allowBlank: true, formulae: [`"${values.join(',')}"`] });
  for (let r = 2; r <= 1001; r++) {
    sheet.getCell(r, rosterFields.indexOf('occupation') + 1).dataValidation = listOf(occupations.map(occupationName));
    sheet.getCell(r, rosterFields.indexOf('category') + 1).dataValidation = listOf(memberCategories.map(categoryName));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
