/**
 * Real rosters and real people through the API (app.inject): layouts and encodings as offices save them, numbers
 * where identifiers belong, the platform's own export coming back, rows the database would refuse, phones and
 * names as people write them, and `/api/health` answering while a bomb is being read. Also: approval's joining
 * date is the Shanghai day.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { idNumberCheckChar, type MemberListItem, type Paged } from '@lianxin/contracts';
import { newIdNumber, newPhone } from './support/fixtures.ts';
import { multipart } from './support/multipart.ts';
import { request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';
import { bombXlsx, emptyRowsBombXlsx, mergedTitleXlsx, plainXlsx, twoRowHeaderXlsx, utf16Text } from './fixtures/rosters.ts';

let t: TestApp;
let gucun: Session;

interface Summary {
  batchId: string;
  total: number;
  valid: number;
  invalid: number;
  duplicates: number;
  errors: { row: number; field: string; message: string }[];
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
function upload(data: Buffer, filename = 'roster.xlsx') {
  const body = multipart({ orgId: String(gucun.orgId) }, { filename, type: filename.endsWith('.xlsx') ? XLSX : 'text/plain', data });
  return request(t.app, gucun, 'POST', '/api/members/import', body.payload, body.headers);
}
async function commit(batchId: string) {
  expect((await request(t.app, gucun, 'POST', `/api/members/import/${batchId}/commit`)).statusCode).toBe(202);
  for (let i = 0; i < 400; i++) {
    const status = (await request(t.app, gucun, 'GET', `/api/members/import/${batchId}`)).json<{ status: string; committed: number }>();
    if (status.status !== 'committing') return status;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('commit did not finish');
}
const search = async (q: string) =>
  (await request(t.app, gucun, 'GET', `/api/members?q=${encodeURIComponent(q)}`)).json<Paged<MemberListItem>>().items.map((m) => m.name);

beforeAll(async () => {
  t = await startTestApp();
  gucun = await signIn(t.app, 'demo-gucun');
});
afterAll(() => t.close());

describe('roster uploads', () => {
  it('reads a merged title row, a two-row header and UTF-16 "Unicode text"', async () => {
    for (const [file, name] of [
      [await mergedTitleXlsx([['陈一', newIdNumber(), newPhone(), '快递员', '标准']]), 'roster.xlsx'],
      [await twoRowHeaderXlsx([['陈二', newIdNumber(), newPhone(), '快递员', '标准']]), 'roster.xlsx'],
      [utf16Text([['陈三', newIdNumber(), newPhone(), '快递员', '标准']]), '名册.txt'],
    ] as const) {
      const response = await upload(file, name);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json<Summary>()).toMatchObject({ total: 1, valid: 1, invalid: 0 });
    }
  });

  it('refuses an ID number Excel stored as a number, telling to format the column as text', async () => {
    const response = await upload(await plainXlsx([['陈四', 310108197506126016, newPhone(), '快递员', '标准'], ['陈五', newIdNumber(), newPhone(), '快递员', '标准']]));
    const summary = response.json<Summary>();
    expect(summary).toMatchObject({ total: 2, valid: 1, invalid: 1 });
    expect(summary.errors).toEqual([{
      row: 2, field: 'idNumber', message: '该格被 Excel 存成了数字，超过 15 位的部分已被改写（号码已不可靠）；请把此列设为“文本”格式后重新填写',
    }]);
  });

  it('names a row the database would refuse (NUL in a name) in the preview, and commits the others', async () => {
    const ok = newIdNumber();
    const csv = Buffer.from(`姓名,身份证号,手机号,职业,会员类别\r\n陈\u0000六,${newIdNumber()},${newPhone()},rider,informal\r\n陈七,${ok},${newPhone()},rider,informal\r\n`);
    const summary = (await upload(csv, 'roster.csv')).json<Summary>();
    expect(summary).toMatchObject({ total: 2, valid: 1, invalid: 1 });
    expect(summary.errors).toEqual([{ row: 2, field: 'name', message: '姓名含有不可见的控制字符或乱码，请重新输入' }]);
    const report = await request(t.app, gucun, 'GET', `/api/members/import/${summary.batchId}/report.xlsx`);
    expect(report.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(report.rawPayload as unknown as ArrayBuffer); // the NUL did not break the report's XML
    expect(workbook.worksheets[0]!.getRow(2).getCell(2).value).toBe('陈\ufffd六');
    expect(await commit(summary.batchId)).toMatchObject({ status: 'committed', committed: 1 });
  });

  it('says so when the platform\'s own masked export comes back, and points to the template', async () => {
    const exported = await request(t.app, gucun, 'GET', '/api/members/export.xlsx');
    expect(exported.statusCode).toBe(200);
    const response = await upload(exported.rawPayload);
    expect(response.statusCode).toBe(400);
    expect(response.json().fields.file).toBe('这是本平台导出的名册，身份证号和手机号已遮挡，不能再导入；请下载导入模板，填写完整信息后上传');
  });

  it('phones with +86 and separators, IDs with spaces and any middle dot: stored in one form, found by any', async () => {
    const id = newIdNumber();
    const spaced = `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`;
    const csv = Buffer.from(`姓名,身份证号,手机号,职业,会员类别\r\n阿依古丽•买买提,${spaced},+86 139-0000-7788,rider,informal\r\n`);
    const summary = (await upload(csv, 'roster.csv')).json<Summary>();
    expect(summary).toMatchObject({ valid: 1, invalid: 0 });
    await commit(summary.batchId);
    for (const q of ['阿依古丽·买买提', '阿依古丽•买买提', '阿依古丽・买买提', '阿依古丽.买买提', '阿依古丽．买买提']) {
      expect(await search(q), q).toEqual(['阿依古丽·买买提']);
    }
    const [member] = await t.handle.query<{ id: number; phone_hash: string }>(
      'select id, phone_hash from members where id_number_hash = $1', [t.app.keys.blindIndex(id)],
    );
    expect(member!.phone_hash).toBe(t.app.keys.blindIndex('13900007788'));
    // the staff edit takes the phone as people write it too
    const edited = await request(t.app, gucun, 'PATCH', `/api/members/${member!.id}`, { phone: '＋86 139 0000 7799' });
    expect(edited.statusCode, edited.body).toBe(200);
    const [after] = await t.handle.query<{ phone_hash: string }>('select phone_hash from members where id = $1', [member!.id]);
    expect(after!.phone_hash).toBe(t.app.keys.blindIndex('13900007799'));
  });
});

describe('zip bombs', () => {
  it('a file inflating to 369 MB is refused at once, naming the cause', async () => {
    const response = await upload(await emptyRowsBombXlsx(369));
    expect(response.statusCode).toBe(400);
    expect(response.json().fields.file).toMatch(/^文件解压后超过 256 MB，不予读取/);
  }, 120_000);

  it('/api/health answers while a bomb of 210,000 rows is being read, and the upload stops at the row cap', async () => {
    const bomb = await bombXlsx(210_000);
    expect(bomb.length).toBeLessThan(5 * 1024 * 1024); // ≈ 70 MB inflated
    let settled = false;
    const uploading = upload(bomb).finally(() => {
      settled = true;
    });
    let answeredDuring = 0;
    while (!settled) {
      // a monitor polling: one health check every 50 ms while the upload is read
      await new Promise((resolve) => setTimeout(resolve, 50));
      const health = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(200);
      if (!settled) answeredDuring++;
    }
    const response = await uploading;
    expect(response.statusCode).toBe(400);
    expect(response.json().fields.file).toBe('一次最多导入 200000 行');
    // the event loop was free between chunks: health was answered again and again while the file was read
    expect(answeredDuring).toBeGreaterThan(1);
  }, 180_000);
});

describe('approval writes the Shanghai day', () => {
  afterAll(async () => {
    vi.useRealTimers();
    // the session was moved to the fake clock: back to the real one, or the next test's request would find it idle
    // since that fake 00:30 (the real clock passes it at 16:30 UTC each day)
    await t.handle.query(`update sessions set last_seen_at = now(), expires_at = now() + interval '1 hour'`);
  });

  it('approved at 00:30 on 1 December in Shanghai (16:30 UTC on 30 November), joinedOn is 2026-12-01', async () => {
    const [org] = await t.handle.query<{ path: string }>('select path::text as path from orgs where id = $1', [gucun.orgId]);
    const body = `31011319900307${String(Math.floor(Math.random() * 900) + 100)}`;
    const idNumber = body + idNumberCheckChar(body);
    const phone = newPhone();
    const [app] = await t.handle.query<{ id: number }>(
      `insert into applications (reference, name, id_number_enc, id_number_hash, phone_enc, phone_hash, occupation, region_code,
                                 routed_org_id, routed_org_path, reason_code, reason)
       values ($1, '钟一', $2, $3, $4, $5, 'rider', '310113109', $6, $7::ltree, 'territorial_union', '测试') returning id`,
      [`T${Date.now().toString(36).toUpperCase().slice(-9)}`, t.app.keys.cipher.encrypt(idNumber), t.app.keys.blindIndex(idNumber),
        t.app.keys.cipher.encrypt(phone), t.app.keys.blindIndex(phone), gucun.orgId, org!.path],
    );
    const at = new Date('2026-12-01T00:30:00+08:00');
    vi.useFakeTimers({ toFake: ['Date'], now: at });
    // the session was made on the real clock: move it to the fake one
    await t.handle.query(`update sessions set last_seen_at = $1, expires_at = $2`, [at.toISOString(), new Date(at.getTime() + 3_600_000).toISOString()]);
    const approved = await request(t.app, gucun, 'POST', `/api/applications/${app!.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    const [member] = await t.handle.query<{ joined_on: string }>(
      `select joined_on::text as joined_on from members where id_number_hash = $1`, [t.app.keys.blindIndex(idNumber)],
    );
    expect(member!.joined_on).toBe('2026-12-01');
    vi.useRealTimers();
  });
});

describe('IDs', () => {
  it('a 港澳台居民居住证 number (830000…) is a valid ID in an import', async () => {
    const body = '83000019880808003';
    const csv = Buffer.from(`姓名,身份证号,手机号,职业,会员类别\r\n林台生,${body}${idNumberCheckChar(body)},${newPhone()},rider,informal\r\n`);
    expect((await upload(csv, 'roster.csv')).json<Summary>()).toMatchObject({ valid: 1, invalid: 0, errors: [] });
  });
});
