import { randomBytes, randomInt } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar, isValidCardNumber } from '@lianxin/contracts';
import { insertMembers } from '../src/features/members/members.enrol.ts';
import { checkRoster, commitRoster, type ImportBatch } from '../src/features/members/members.import.service.ts';
import { maskOrgName } from '@lianxin/contracts';
import { csvRecords, decodeText } from '../src/lib/csv.ts';
import type { RosterRow } from '../src/features/members/members.import.ts';
import { newCreditCode } from './support/fixtures.ts';
import { multipart } from './support/multipart.ts';
import { request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

let t: TestApp;
let gucun: Session;
let njdl: Session;
let assessor: Session;
let registeredCode: string;

const usedIds = new Set<string>();
/** A fresh valid ID number: 宝山 region, a birth date, a random sequence, the check character. */
function newId(birth = `19${randomInt(60, 99)}0${randomInt(1, 9)}1${randomInt(0, 9)}`): string {
  for (;;) {
    const body = `310113${birth}${String(randomInt(0, 1000)).padStart(3, '0')}`;
    const id = body + idNumberCheckChar(body);
    if (!usedIds.has(id)) {
      usedIds.add(id);
      return id;
    }
  }
}
const newPhone = () => `139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
/** The same ID with a wrong check character. */
const wrongCheck = (id: string) => id.slice(0, 17) + (id.endsWith('1') ? '2' : '1');

const HEADER = ['姓名', '身份证号', '手机号', '职业', '会员类别', '所在单位统一社会信用代码', '入会日期'];
type Line = [string, string, string, string, string, string?, string?];

function csvFile(lines: Line[], options: { bom?: boolean } = {}): Buffer {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const text = [HEADER, ...lines].map((l) => l.map((v) => quote(v ?? '')).join(',')).join('\r\n') + '\r\n';
  return Buffer.from((options.bom ? '\uFEFF' : '') + text, 'utf8');
}

async function xlsxFile(lines: Line[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名册');
  sheet.addRow(HEADER);
  for (const line of lines) sheet.addRow(line.map((v) => v ?? ''));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

interface Summary {
  batchId: string;
  total: number;
  valid: number;
  invalid: number;
  duplicates: number;
  errors: { row: number; field: string; message: string }[];
}
interface Status { status: string; total: number; valid: number; processed: number; committed: number; message?: string }

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function upload(session: Session, orgId: number, data: Buffer, kind: 'xlsx' | 'csv', headers: Record<string, string> = {}) {
  const body = kind === 'xlsx'
    ? multipart({ orgId: String(orgId) }, { filename: 'roster.xlsx', type: XLSX_TYPE, data })
    : multipart({ orgId: String(orgId) }, { filename: 'roster.csv', type: 'text/csv', data });
  return request(t.app, session, 'POST', '/api/members/import', body.payload, { ...body.headers, ...headers });
}

async function validated(session: Session, data: Buffer, kind: 'xlsx' | 'csv'): Promise<Summary> {
  const response = await upload(session, session.orgId, data, kind);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Summary>();
}

/** Commits and waits until the batch leaves `committing`. */
async function commit(session: Session, batchId: string): Promise<Status> {
  const started = await request(t.app, session, 'POST', `/api/members/import/${batchId}/commit`);
  expect(started.statusCode, started.body).toBe(202);
  expect(started.json()).toEqual({ batchId, status: 'committing' });
  for (let i = 0; i < 400; i++) {
    const status = (await request(t.app, session, 'GET', `/api/members/import/${batchId}`)).json<Status>();
    if (status.status !== 'committing') return status;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('commit did not finish');
}

const membersWith = (ids: string[]) =>
  t.handle.query<{ id: number; id_number_enc: string; phone_enc: string; card_number: string; join_channel: string; enterprise_id: number | null; category: string; org_id: number }>(
    `select id, id_number_enc, phone_enc, card_number, join_channel, enterprise_id, category, org_id
       from members where status = 'active' and id_number_hash = any($1::text[]) order by id`,
    [ids.map((id) => t.app.keys.blindIndex(id))],
  );

async function readXlsx(buffer: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const rows: string[][] = [];
  const sheet = workbook.worksheets[0]!;
  sheet.eachRow((row) => {
    const values: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const v = row.getCell(c).value;
      values.push(v == null ? '' : String(v as string | number));
    }
    rows.push(values);
  });
  return rows;
}

async function orgOf(id: number) {
  const [org] = await t.handle.query<{ id: number; path: string; region_code: string; name: string }>(
    'select id, path::text as path, region_code, name from orgs where id = $1', [id],
  );
  return { id: org!.id, path: org!.path, regionCode: org!.region_code, name: org!.name };
}

/** Makes someone an active member directly, the way other join paths do. */
async function enrolDirectly(idNumber: string, orgId: number, name = '王直接') {
  const org = await orgOf(orgId);
  await t.app.db.transaction((tx) => insertMembers(tx, t.app.keys, [{
    name, idNumber, phone: newPhone(), occupation: 'office', category: 'standard', joinChannel: 'on_site',
    org, enterpriseId: null, joinedOn: '2024-01-01',
  }]));
}

beforeAll(async () => {
  t = await startTestApp();
  [gucun, njdl, assessor] = await Promise.all([signIn(t.app, 'demo-gucun'), signIn(t.app, 'demo-nanjingdonglu'), signIn(t.app, 'demo-assessor')]);
  const [enterprise] = await t.handle.query<{ credit_code: string }>(
    `select credit_code from enterprises where region_code = '310113109' order by id limit 1`,
  );
  registeredCode = enterprise!.credit_code;
});
afterAll(() => t.close());

describe('roster template', () => {
  it('is an xlsx with the header row, an example and notes listing the allowed values', async () => {
    const response = await request(t.app, gucun, 'GET', '/api/members/import/template');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain(XLSX_TYPE);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    expect(sheet.getRow(2).getCell(1).value).toBe('张三');
    const note = (cell: number) => JSON.stringify(sheet.getRow(1).getCell(cell).note);
    expect(note(4)).toContain('网约送餐员');
    expect(note(4)).toContain('rider');
    expect(note(5)).toContain('非正规就业');
    expect((await request(t.app, null, 'GET', '/api/members/import/template')).statusCode).toBe(401);
  });
});

describe('roster import', () => {
  const existing = newId();
  const good = [newId(), newId(), newId()];
  const phones = [newPhone(), newPhone(), newPhone()];
  let mixed: Buffer;
  let batchId: string;

  it('commits a one-row file, making an active member to collide with', async () => {
    const summary = await validated(gucun, csvFile([['李已有', existing, newPhone(), 'office', 'standard']]), 'csv');
    expect(summary).toMatchObject({ total: 1, valid: 1, invalid: 0, duplicates: 0, errors: [] });
    const status = await commit(gucun, summary.batchId);
    expect(status).toMatchObject({ status: 'committed', total: 1, valid: 1, processed: 1, committed: 1 });
    expect(await membersWith([existing])).toHaveLength(1);
  });

  it('validates a mixed file row by row and writes nothing', async () => {
    mixed = await xlsxFile([
      ['张一', good[0]!, phones[0]!, '网约送餐员', '非正规就业', registeredCode, '2024-03-01'], // 2 ok
      ['张二', good[1]!.toLowerCase(), phones[1]!, 'courier', 'standard'], // 3 ok (lower-case x, codes)
      ['张三丰', good[2]!, phones[2]!, '货车司机', '无单独建会', '', '2023/5/6'], // 4 ok
      ['李四', wrongCheck(newId()), newPhone(), 'rider', 'informal'], // 5 check digit
      ['王五', newId('19901332'), newPhone(), 'rider', 'informal'], // 6 birth date
      ['赵六', newId(), '1234567', 'rider', 'informal'], // 7 phone
      ['张一一', good[0]!, newPhone(), 'rider', 'informal'], // 8 same ID as row 2
      ['钱七', existing, newPhone(), 'rider', 'informal'], // 9 already a member
      ['孙八', newId(), newPhone(), '宇航员', 'informal'], // 10 occupation
      ['周九', newId(), newPhone(), 'rider', 'informal', newCreditCode()], // 11 employer not registered
      ['吴十', newId(), newPhone(), 'rider', 'informal', '', '2999-01-01'], // 12 joined in the future
      ['', '', '', '', ''], // blank: skipped
    ]);
    const response = await upload(gucun, gucun.orgId, mixed, 'xlsx');
    expect(response.statusCode, response.body).toBe(200);
    const summary = response.json<Summary>();
    batchId = summary.batchId;
    expect(summary).toMatchObject({ total: 11, valid: 3, invalid: 6, duplicates: 2 });
    const byRow = (row: number) => summary.errors.filter((e) => e.row === row).map(({ field, message }) => ({ field, message }));
    expect(byRow(5)).toEqual([{ field: 'idNumber', message: '身份证号校验位不符，请核对' }]);
    expect(byRow(6)).toEqual([{ field: 'idNumber', message: '身份证号中的出生日期不正确' }]);
    expect(byRow(7)).toEqual([{ field: 'phone', message: '手机号码格式不正确' }]);
    expect(byRow(8)).toEqual([{ field: 'idNumber', message: '与第 2 行身份证号重复' }]);
    // already a member of the very union importing: said so, not "apply for a transfer" with the union masked
    expect(byRow(9)).toEqual([{ field: 'idNumber', message: '已是本工会会员' }]);
    expect(byRow(10)[0]!.field).toBe('occupation');
    expect(byRow(11)).toEqual([{ field: 'creditCode', message: '未在企业名录中找到该单位' }]);
    expect(byRow(12)).toEqual([{ field: 'joinedOn', message: '入会日期不能晚于今天' }]);
    for (const row of [2, 3, 4]) expect(byRow(row)).toEqual([]);
    expect(response.body).not.toContain(good[0]!);
    expect(response.body).not.toContain(existing);

    expect(await membersWith(good)).toHaveLength(0);
    const status = (await request(t.app, gucun, 'GET', `/api/members/import/${batchId}`)).json<Status>();
    expect(status).toEqual({ batchId, status: 'validated', total: 11, valid: 3, processed: 0, committed: 0 });
  });

  it('names another union, masked, for someone who is a member there', async () => {
    const elsewhere = newId();
    const [pudong] = await t.handle.query<{ id: number; name: string }>(
      `select id, name from orgs where kind = 'street_federation' and region_code like '310115%' order by id limit 1`,
    );
    await enrolDirectly(elsewhere, pudong!.id, '王别处');
    const summary = await validated(gucun, csvFile([['王别处', elsewhere, newPhone(), 'rider', 'informal']]), 'csv');
    expect(summary.errors).toEqual([{ row: 2, field: 'idNumber', message: `此人已是${maskOrgName(pudong!.name)}的会员，可申请组织关系转接` }]);
    expect(summary.errors[0]!.message).not.toContain(pudong!.name);
  });

  it('answers in English when asked', async () => {
    const response = await upload(gucun, gucun.orgId, mixed, 'xlsx', { 'accept-language': 'en' });
    const errors = response.json<Summary>().errors;
    expect(errors.find((e) => e.row === 5)?.message).toBe('The ID number check digit does not match');
    expect(errors.find((e) => e.row === 8)?.message).toBe('Same ID number as row 2');
  });

  it('reports every row in an xlsx with masked ID numbers and phones only', async () => {
    const response = await request(t.app, gucun, 'GET', `/api/members/import/${batchId}/report.xlsx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain(XLSX_TYPE);
    const rows = await readXlsx(response.rawPayload);
    expect(rows[0]).toEqual(['行号', ...HEADER, '状态', '问题']);
    expect(rows).toHaveLength(12);
    const byRow = new Map(rows.slice(1).map((r) => [Number(r[0]), r]));
    expect(byRow.get(2)![2]).toBe(`${good[0]!.slice(0, 3)}***********${good[0]!.slice(14)}`);
    expect(byRow.get(2)![3]).toBe(`${phones[0]!.slice(0, 3)}****${phones[0]!.slice(7)}`);
    expect(byRow.get(2)![8]).toBe('通过');
    expect(byRow.get(5)![8]).toBe('错误');
    expect(byRow.get(5)![9]).toContain('校验位');
    expect(byRow.get(7)![3]).toBe('****');
    expect(byRow.get(8)![8]).toBe('重复');
    expect(byRow.get(9)![8]).toBe('重复');
    for (const row of rows.slice(1)) {
      expect(row[2]).toMatch(/^(\d{3}\*{11}[\dX]{4}|\*{6})$/);
      expect(row[3]).toMatch(/^(\d{3}\*{4}\d{4}|\*{4})$/);
    }
    const text = JSON.stringify(rows);
    for (const plain of [...good, ...phones, existing]) expect(text).not.toContain(plain);
  });

  it('commits exactly the valid rows in one go, encrypted, with card numbers, subsidies and one audit entry', async () => {
    const status = await commit(gucun, batchId);
    expect(status).toEqual({ batchId, status: 'committed', total: 11, valid: 3, processed: 3, committed: 3 });
    const rows = await membersWith(good);
    expect(rows).toHaveLength(3);
    for (const [i, row] of rows.entries()) {
      expect(row.id_number_enc.startsWith('v1:')).toBe(true);
      expect(row.id_number_enc).not.toContain(good[i]!);
      expect(t.app.keys.cipher.decrypt(row.id_number_enc)).toBe(good[i]);
      expect(t.app.keys.cipher.decrypt(row.phone_enc)).toBe(phones[i]);
      expect(isValidCardNumber(row.card_number)).toBe(true);
      expect(row.join_channel).toBe('import');
      expect(row.org_id).toBe(gucun.orgId);
    }
    expect(rows[0]!.enterprise_id).not.toBeNull();
    expect(rows.map((r) => r.category)).toEqual(['informal', 'standard', 'no_union']);
    // 两非一无 members (rows 2 and 4) entitle the street and the district union
    const subsidies = await t.handle.query<{ member_id: number; level: string }>(
      'select member_id, level from subsidy_entitlements where member_id = any($1::int[]) order by member_id, level',
      [rows.map((r) => r.id)],
    );
    expect(subsidies.map((s) => [s.member_id, s.level])).toEqual([
      [rows[0]!.id, 'district'], [rows[0]!.id, 'street'], [rows[2]!.id, 'district'], [rows[2]!.id, 'street'],
    ]);
    const audit = await t.handle.query<{ action: string; object_id: string; detail: { rows: number }; org_path: string }>(
      `select action, object_id, detail, org_path::text from audit_log where object_type = 'member_import' and object_id = $1`, [batchId],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', detail: { rows: 3 } });
    expect(JSON.stringify(audit)).not.toContain(good[0]!);

    const again = await request(t.app, gucun, 'POST', `/api/members/import/${batchId}/commit`);
    expect(again.statusCode).toBe(409);
  });

  it('writes nothing of a batch when someone joined elsewhere between validation and commit', async () => {
    const ids = [newId(), newId(), newId()];
    const summary = await validated(gucun, csvFile(ids.map((id, i): Line => [`陈${'一二三'[i]}`, id, newPhone(), 'rider', 'informal'])), 'csv');
    expect(summary.valid).toBe(3);
    await enrolDirectly(ids[2]!, njdl.orgId);
    const status = await commit(gucun, summary.batchId);
    expect(status.status).toBe('failed');
    expect(status.committed).toBe(0);
    expect(status.message).toContain('第 4 行');
    expect(await membersWith(ids.slice(0, 2))).toHaveLength(0);
  });

  it('rolls back chunks already written when a later chunk clashes, and when the unique index fires', async () => {
    const org = await orgOf(gucun.orgId);
    const ids = [newId(), newId(), newId(), newId(), newId()];
    const parsed: RosterRow[] = ids.map((id, i) => ({ row: i + 2, cells: [`郑${'一二三四五'.charAt(i)}号`, id, newPhone(), 'rider', 'informal', '', ''] }));
    const batchOf = async (rows: RosterRow[]): Promise<ImportBatch> => ({
      ...(await checkRoster(t.app.db, t.app.keys, rows)),
      id: randomBytes(8).toString('hex'), userId: 0, org, createdAt: 0, expiresAt: Infinity,
      status: 'validated', processed: 0, committed: 0, failure: null,
    });
    const batch = await batchOf(parsed);
    expect(batch.counts.valid).toBe(5);
    await enrolDirectly(ids[4]!, gucun.orgId, '顾直接');
    await commitRoster(t.app.db, t.app.keys, batch, { chunkSize: 2 });
    expect(batch.status).toBe('failed');
    expect(batch.processed).toBe(4); // two chunks were inserted inside the transaction before the third clashed
    expect(batch.failure?.key).toBe('import.commitDuplicates');
    expect(await membersWith(ids.slice(0, 4))).toHaveLength(0);

    // a clash the re-check cannot see (the same person twice in one chunk) is caught by the unique index
    const twice = await batchOf(parsed.slice(0, 2));
    twice.rows[1]!.value = { ...twice.rows[0]!.value!, phone: '13900000000' };
    twice.rows[1]!.idNumber = twice.rows[0]!.idNumber;
    await commitRoster(t.app.db, t.app.keys, twice);
    expect(twice.status).toBe('failed');
    expect(await membersWith(ids.slice(0, 2))).toHaveLength(0);
  });

  it('reads csv with or without a BOM, quoted fields and CRLF', async () => {
    const ids = [newId(), newId()];
    const file = csvFile([
      ['"欧阳" 修', ids[0]!, newPhone(), '快递员', '非标准劳动关系', registeredCode.toLowerCase(), '2024-02-29'],
      ['林, 二', ids[1]!, newPhone(), 'domestic', 'no_union'],
    ], { bom: true });
    const summary = await validated(gucun, file, 'csv');
    // quotes and commas are read as written (and a name of letters has neither)
    expect(summary).toMatchObject({ total: 2, valid: 0, invalid: 2, duplicates: 0 });
    const nameRule = '姓名只能由文字组成，可含间隔号（·）和空格';
    expect(summary.errors).toEqual([{ row: 2, field: 'name', message: nameRule }, { row: 3, field: 'name', message: nameRule }]);
    const plainIds = [newId(), newId()];
    const plain = await validated(gucun, csvFile([['林三', plainIds[0]!, newPhone(), 'office', 'standard'], ['欧阳修', plainIds[1]!, newPhone(), '快递员', '非标准劳动关系', registeredCode.toLowerCase(), '2024-02-29']]), 'csv');
    expect(plain.valid).toBe(2);
    expect([...csvRecords(decodeText(file))][1]!.values[0]).toBe('"欧阳" 修');
    expect([...csvRecords('姓名,职业\n张三,')].map((r) => r.values)).toEqual([['姓名', '职业'], ['张三', '']]);
    const status = await commit(gucun, plain.batchId);
    expect(status.committed).toBe(2);
    expect(await membersWith(plainIds)).toHaveLength(2);
  });

  it('refuses files without the required columns or of another kind, and a missing union', async () => {
    const noHeader = multipart({ orgId: String(gucun.orgId) }, { filename: 'x.csv', type: 'text/csv', data: Buffer.from('姓名,手机号\n张三,13800138000\n') });
    const missing = await request(t.app, gucun, 'POST', '/api/members/import', noHeader.payload, noHeader.headers);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().fields.file).toBe('缺少列：身份证号、职业、会员类别（表头在「x.csv」第 1 行）');
    const pdf = multipart({ orgId: String(gucun.orgId) }, { filename: 'x.pdf', type: 'application/pdf', data: Buffer.from('%PDF-1.4') });
    expect((await request(t.app, gucun, 'POST', '/api/members/import', pdf.payload, pdf.headers)).json().fields.file).toBe('只支持 xlsx 或 csv 文件');
    const noOrg = multipart({}, { filename: 'x.csv', type: 'text/csv', data: csvFile([]) });
    const noOrgResponse = await request(t.app, gucun, 'POST', '/api/members/import', noOrg.payload, noOrg.headers);
    expect(noOrgResponse.statusCode).toBe(400);
    expect(noOrgResponse.json().fields.orgId).toBe('必填项');
  });
});

describe('import access', () => {
  let batchId: string;
  beforeAll(async () => {
    batchId = (await validated(gucun, csvFile([['冯一', newId(), newPhone(), 'rider', 'informal']]), 'csv')).batchId;
  });

  it('another street can neither see the batch nor import into 顾村', async () => {
    for (const [method, url] of [
      ['GET', `/api/members/import/${batchId}`],
      ['GET', `/api/members/import/${batchId}/report.xlsx`],
      ['POST', `/api/members/import/${batchId}/commit`],
    ] as const) {
      const response = await request(t.app, njdl, method, url);
      expect(response.statusCode, url).toBe(404);
    }
    const into = await upload(njdl, gucun.orgId, csvFile([['冯二', newId(), newPhone(), 'rider', 'informal']]), 'csv');
    expect(into.statusCode).toBe(404);
    expect((await request(t.app, gucun, 'GET', `/api/members/import/${batchId}`)).json<Status>().status).toBe('validated');
  });

  it('the read-only assessor gets 403', async () => {
    const response = await upload(assessor, gucun.orgId, csvFile([['冯三', newId(), newPhone(), 'rider', 'informal']]), 'csv');
    expect(response.statusCode).toBe(403);
    expect((await request(t.app, assessor, 'POST', `/api/members/import/${batchId}/commit`)).statusCode).toBe(403);
  });
});

describe('roster export', () => {
  it('exports the members in scope with masked ID numbers and phones, audit-logged', async () => {
    const response = await request(t.app, gucun, 'GET', '/api/members/export.xlsx');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain(XLSX_TYPE);
    const rows = await readXlsx(response.rawPayload);
    expect(rows[0]!.slice(0, 3)).toEqual(['姓名', '身份证号', '手机号']);
    const data = rows.slice(1);
    expect(data.length).toBeGreaterThanOrEqual(6);
    for (const row of data) {
      expect(row[1]).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
      expect(row[2]).toMatch(/^\d{3}\*{4}\d{4}$/);
    }
    expect(data.map((r) => r[0])).toContain('张三丰');
    expect(data.map((r) => r[0])).not.toContain('王直接'); // enrolled into 南京东路
    const plain = await t.handle.query<{ id_number_enc: string }>('select id_number_enc from members');
    const text = JSON.stringify(rows);
    for (const { id_number_enc } of plain) expect(text).not.toContain(t.app.keys.cipher.decrypt(id_number_enc));

    const audit = await t.handle.query<{ detail: { count: number }; actor_username: string }>(
      `select detail, actor_username from audit_log where action = 'read_personal' and object_type = 'member_export' order by id desc limit 1`,
    );
    expect(audit[0]).toMatchObject({ actor_username: 'demo-gucun', detail: { count: data.length } });
  });

  it('filters by category and union, and stays inside the scope', async () => {
    const informal = await readXlsx((await request(t.app, gucun, 'GET', '/api/members/export.xlsx?category=informal')).rawPayload);
    expect(informal.slice(1).every((r) => r[5] === '非正规就业')).toBe(true);
    expect(informal.length).toBeGreaterThan(1);
    expect((await request(t.app, gucun, 'GET', `/api/members/export.xlsx?orgId=${njdl.orgId}`)).statusCode).toBe(404);
    const theirs = await readXlsx((await request(t.app, njdl, 'GET', '/api/members/export.xlsx')).rawPayload);
    expect(theirs.slice(1).map((r) => r[0])).toEqual(['王直接']);
    // the assessor reads (exports) but does not write
    expect((await request(t.app, assessor, 'GET', '/api/members/export.xlsx?status=active')).statusCode).toBe(200);
  });
});
