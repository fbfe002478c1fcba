import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { AuditEntry, MemberListItem, Paged, WorkbenchResponse } from '@lianxin/contracts';
import { idNumberCheckChar, shanghaiDate } from '@lianxin/contracts';
import { insertMembers, type NewMember } from '../src/features/members/members.enrol.ts';
import { GUCUN, newIdNumber, newPhone } from './support/fixtures.ts';
import { applyOnline, request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

/**
 * "Export follows the screen": for a list's query, its export holds exactly the rows the list shows (all pages),
 * in the list's order, under exactly one header row — members, enterprises, applications and the audit log.
 */

let t: TestApp;
let gucun: Session;
let baoshan: Session;
let huangpu: Session;

async function readSheet(buffer: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const v = row.getCell(c).value;
      values.push(v == null ? '' : String(v as string | number));
    }
    rows.push(values);
  });
  return rows;
}

/** Every item of a list for a query, page by page. */
async function listAll<T>(s: Session, path: string, query: string): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const response = await request(t.app, s, 'GET', `${path}?${query}${query ? '&' : ''}page=${page}&pageSize=200`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<Paged<T>>();
    items.push(...body.items);
    if (body.items.length < 200) return items;
  }
}

/** The export for the same query: its header row and its data rows; checks the row-count header. */
async function exportOf(s: Session, path: string, query: string): Promise<{ header: string[]; rows: string[][] }> {
  const response = await request(t.app, s, 'GET', `${path}?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  const [header, ...rows] = await readSheet(response.rawPayload);
  expect(Number(response.headers['x-export-rows'])).toBe(rows.length);
  return { header: header!, rows };
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨'];

beforeAll(async () => {
  t = await startTestApp();
  gucun = await signIn(t.app, 'demo-gucun');
  baoshan = await signIn(t.app, 'demo-baoshan');
  huangpu = await signIn(t.app, 'staff-310101');
  // 420 members of 顾村's unions with every category, channel and a spread of join dates
  const [org] = await t.handle.query<{ id: number; path: string }>(
    `select id, path::text as path from orgs where kind = 'street_federation' and region_code = '${GUCUN}'`,
  );
  const categories = ['standard', 'informal', 'non_standard', 'no_union'] as const;
  const channels = ['enterprise_union', 'online', 'out_of_enterprise', 'on_site', 'import'] as const;
  const rows: NewMember[] = Array.from({ length: 420 }, (_, n) => {
    const body = `310113${1970 + (n % 30)}0${1 + (n % 9)}1${n % 10}${String(100 + n).slice(-3)}`;
    return {
      name: `${SURNAMES[n % SURNAMES.length]}导出${n % 7}`,
      idNumber: body + idNumberCheckChar(body),
      phone: `137${String(n).padStart(8, '0')}`,
      occupation: 'courier',
      category: categories[n % categories.length]!,
      joinChannel: channels[n % channels.length]!,
      org: { id: org!.id, path: org!.path, regionCode: GUCUN },
      enterpriseId: null,
      joinedOn: `20${String(15 + (n % 10))}-0${1 + (n % 9)}-1${n % 10}`,
    };
  });
  await t.app.db.transaction((tx) => insertMembers(tx, t.app.keys, rows));
  // members leave, so the status filter has something to tell apart
  await t.handle.query(`update members set status = 'left', left_on = '2024-01-01' where name like '王导出%'`);
  for (let i = 0; i < 7; i++) {
    const applied = await applyOnline(t, {
      name: `${SURNAMES[i % SURNAMES.length]}申请导出`, idNumber: newIdNumber(), phone: newPhone(), occupation: 'rider', regionCode: GUCUN,
    });
    expect(applied.statusCode, applied.body).toBe(201);
  }
});
afterAll(() => t.close());

describe('member export follows the list', () => {
  const combos = [
    '',
    'q=%E5%AF%BC%E5%87%BA', // 导出
    'q=%E6%9D%8E%E5%AF%BC%E5%87%BA&category=informal', // 李导出
    'joinChannel=online&sort=name&order=desc',
    'joinedFrom=2018-01-01&joinedTo=2021-12-31&status=active&sort=joinedOn',
    'status=left&category=standard',
  ];
  it.each(combos)('query "%s": the same members, in the same order, under one header row', async (query) => {
    const listed = await listAll<MemberListItem>(gucun, '/api/members', query);
    const { header, rows } = await exportOf(gucun, '/api/members/export.xlsx', query);
    expect(header.slice(0, 3)).toEqual(['姓名', '身份证号', '手机号']);
    expect(rows.filter((r) => r[0] === '姓名')).toHaveLength(0); // exactly one header row
    expect(rows.map((r) => r[10])).toEqual(listed.map((m) => m.cardNumber));
    expect(rows.map((r) => r[1])).toEqual(listed.map((m) => m.idNumber)); // masked as on screen
  });

  it('narrows with the search: fewer rows than the unfiltered export, each matching', async () => {
    const all = await exportOf(gucun, '/api/members/export.xlsx', '');
    const searched = await exportOf(gucun, '/api/members/export.xlsx', `q=${encodeURIComponent('张导出3')}`);
    expect(searched.rows.length).toBeGreaterThan(0);
    expect(searched.rows.length).toBeLessThan(all.rows.length);
    expect(searched.rows.every((r) => r[0] === '张导出3')).toBe(true);
  });

  it('records the filters and the row count in the audit log', async () => {
    const { rows } = await exportOf(gucun, '/api/members/export.xlsx', 'joinChannel=import');
    const [entry] = await t.handle.query<{ detail: Record<string, unknown> }>(
      `select detail from audit_log where object_type = 'member_export' order by id desc limit 1`,
    );
    expect(entry!.detail).toEqual({ count: rows.length, joinChannel: 'import' });
  });
});

describe('enterprise, application and audit exports follow their lists', () => {
  it.each([
    'unionStatus=none&sort=employeeCount&order=desc',
    `regionCode=${GUCUN}&covered=true&sort=name`,
    `q=${encodeURIComponent('物流')}`,
  ])('enterprises "%s"', async (query) => {
    const listed = await listAll<{ creditCode: string }>(gucun, '/api/enterprises', query);
    const { header, rows } = await exportOf(gucun, '/api/enterprises/export.xlsx', query);
    expect(header[0]).toBe('统一社会信用代码');
    expect(listed.length).toBeGreaterThan(0);
    expect(rows.map((r) => r[0])).toEqual(listed.map((e) => e.creditCode));
  });

  it('enterprises stay inside the scope', async () => {
    const [one] = await listAll<{ name: string }>(gucun, '/api/enterprises', `regionCode=${GUCUN}&sort=name`);
    const q = `q=${encodeURIComponent(one!.name)}`;
    expect((await exportOf(baoshan, '/api/enterprises/export.xlsx', q)).rows.map((r) => r[1])).toContain(one!.name);
    expect((await exportOf(huangpu, '/api/enterprises/export.xlsx', q)).rows).toEqual([]);
  });

  it.each(['status=pending', `q=${encodeURIComponent('申请导出')}&sort=submittedAt`, `q=${encodeURIComponent('王申请')}`])(
    'applications "%s"',
    async (query) => {
      const listed = await listAll<{ reference: string }>(gucun, '/api/applications', query);
      expect(listed.length).toBeGreaterThan(0);
      const { rows } = await exportOf(gucun, '/api/applications/export.xlsx', query);
      expect(rows.map((r) => r[0])).toEqual(listed.map((a) => a.reference));
      expect((await exportOf(huangpu, '/api/applications/export.xlsx', query)).rows).toEqual([]);
    },
  );

  it.each(['action=read_personal', `actor=demo-gucun&from=${shanghaiDate()}&to=${shanghaiDate()}`, 'objectType=application&sort=at'])(
    'audit "%s"',
    async (query) => {
      const listed = await listAll<AuditEntry>(gucun, '/api/audit', query);
      expect(listed.length).toBeGreaterThan(0);
      const { header, rows } = await exportOf(gucun, '/api/audit/export.xlsx', query);
      expect(header[0]).toBe('时间');
      expect(rows.map((r) => r[5])).toEqual(listed.map((e) => e.objectId ?? ''));
      for (const row of rows) expect(row[7]).not.toMatch(/[{}"]/); // readable, no JSON
    },
  );
});

describe('the audit log reads as words', () => {
  it('names the object and filters by date and actor', async () => {
    const [application] = (await request(t.app, gucun, 'GET', '/api/audit?objectType=application')).json<Paged<AuditEntry>>().items;
    expect(application!.objectName).toMatch(/申请导出$/);
    const yesterday = new Date(Date.now() - 86_400_000);
    const empty = (await request(t.app, gucun, 'GET', `/api/audit?to=${shanghaiDate(new Date(yesterday.getTime() - 86_400_000 * 400))}`)).json<Paged<AuditEntry>>();
    expect(empty.items).toEqual([]);
    const mine = (await request(t.app, gucun, 'GET', '/api/audit?actor=demo-gu')).json<Paged<AuditEntry>>();
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((e) => e.actor?.username === 'demo-gucun')).toBe(true);
  });
});

describe('the workbench counts finished imports', () => {
  it('shows today\'s roster imports with a link to them', async () => {
    const item = (await request(t.app, gucun, 'GET', '/api/workbench')).json<WorkbenchResponse>().items.find((i) => i.kind === 'imports.finished');
    expect(item).toBeDefined();
    const before = item!.count;
    await t.handle.query(
      `insert into audit_log (actor_username, org_path, action, object_type, object_id, detail)
       select 'demo-gucun', path, 'create', 'member_import', 'batch-x', '{"rows": 3}' from orgs where kind = 'street_federation' and region_code = '${GUCUN}'`,
    );
    const after = (await request(t.app, gucun, 'GET', '/api/workbench')).json<WorkbenchResponse>().items.find((i) => i.kind === 'imports.finished')!;
    expect(after.count).toBe(before + 1);
    expect(after.link).toContain('objectType=member_import');
    const elsewhere = (await request(t.app, huangpu, 'GET', '/api/workbench')).json<WorkbenchResponse>().items.find((i) => i.kind === 'imports.finished')!;
    expect(elsewhere.count).toBe(0);
  });
});
