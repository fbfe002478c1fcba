import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { auditLog } from '@lianxin/db';
import { access } from '../src/access/route-access.ts';
import { startJobs } from '../src/jobs.ts';
import { deliverPending, enqueueSms } from '../src/features/notifications/outbox.ts';
import { redactUrl, safeError, scrubPii } from '../src/security/log-redaction.ts';
import { GUCUN, newIdNumber, newPhone } from './support/fixtures.ts';
import { applyOnline, request, signIn, startTestApp, type TestApp } from './support/test-app.ts';

/**
 * No personal data in the server log. A known ID number and phone go through every flow that logs — sign-in
 * failures, an application, the status check, 4xx and 500 answers, failing queries that carry them as
 * parameters, a failing job, a failing SMS delivery and the SMS log transport — with the logger at `trace`;
 * neither value may appear in the captured log in any formatting.
 */

describe('scrubPii', () => {
  const id = '31011319870512123X';
  const phone = '13912345678';
  const cases: [string, string][] = [
    [phone, '[redacted]'],
    [`tel ${phone}.`, 'tel [redacted].'],
    ['139 1234 5678', '[redacted]'],
    ['139-1234-5678', '[redacted]'],
    ['+86 139 1234 5678', '[redacted]'],
    ['+8613912345678', '[redacted]'],
    ['8613912345678', '[redacted]'],
    [id, '[redacted]'],
    [id.toLowerCase(), '[redacted]'],
    ['310113 19870512 123X', '[redacted]'],
    ['310113-1987-0512-123X', '[redacted]'],
    ['310113198705121234', '[redacted]'],
    [`/api/applications/${id}`, '/api/applications/[redacted]'],
    [`params: ${id},${phone}`, 'params: [redacted],[redacted]'],
    [`{"phone":"${phone}","id":"${id}"}`, '{"phone":"[redacted]","id":"[redacted]"}'],
    // a bare JSON number stays valid JSON
    [`{"phone":${phone},"n":1}`, '{"phone":null,"n":1}'],
    [`[${phone}]`, '[null]'],
    // a duration whose fraction happens to hold a mobile's digits (seen in a loaded test run): still a number
    [`{"responseTime":231.${phone},"msg":"request completed"}`, '{"responseTime":231.0,"msg":"request completed"}'],
    [`{"ms":0.${phone}}`, '{"ms":0.0}'],
  ];
  it.each(cases)('masks %s', (input, output) => {
    expect(scrubPii(input)).toBe(output);
  });

  const untouched = [
    '3100000000000011', // a card number (16 digits)
    '1795310845158', // epoch milliseconds
    '"time":1795310845158,"responseTime":13.456789012345', // a log line's numbers
    '91310113MA1G8XYZ3K', // a credit code
    '12912345678', // not a mobile prefix
    '1391234567', // ten digits
    '139123456789', // twelve digits
    '0213912345678', // inside a longer number
  ];
  it.each(untouched)('leaves %s alone', (text) => {
    expect(scrubPii(text)).toBe(text);
  });
});

describe('redactUrl and safeError', () => {
  it('keeps the path and the parameter names, never their values', () => {
    expect(redactUrl('/api/members?q=%E5%BC%A0%E4%B8%89&page=2')).toBe('/api/members?q=*&page=*');
    expect(redactUrl('/api/applications/ABCDE12345?phone=13912345678')).toBe('/api/applications/ABCDE12345?phone=*');
    expect(redactUrl('/api/x?flag')).toBe('/api/x?flag=*');
    expect(redactUrl('/api/applications/31011319870512123X')).toBe('/api/applications/[redacted]');
    expect(redactUrl('/members')).toBe('/members');
  });

  it('keeps the names and drops the values of a database error', () => {
    const cause = Object.assign(new Error('invalid input syntax for type integer: "13912345678"'), {
      code: '22P02', severity: 'ERROR', routine: 'pg_strtoint32_safe', detail: 'Failing row contains (1, 31011319870512123X, 13912345678).',
      where: 'unnamed portal parameter $1 = \'...\'', table: 'members', column: 'phone_enc', constraint: 'members_phone_ck',
    });
    const error = Object.assign(new Error('Failed query: select $1::int\nparams: 13912345678,31011319870512123X', { cause }), {
      query: 'select $1::int', params: ['13912345678', '31011319870512123X'],
    });
    const logged = safeError(error);
    const text = JSON.stringify(logged);
    expect(text).not.toMatch(/13912345678|31011319870512123X|Failing row|portal parameter/);
    expect(logged).toMatchObject({ type: 'Error', message: 'Failed query: select $1::int', query: 'select $1::int' });
    expect(logged.cause).toMatchObject({
      message: 'invalid input syntax for type integer: "[redacted]"', code: '22P02', table: 'members', column: 'phone_enc', constraint: 'members_phone_ck',
    });
    expect(safeError(Object.assign(new Error('value "张三" is out of range for type integer'), { code: '22003' })).message)
      .toBe('value "[redacted]" is out of range for type integer');
    expect(safeError(new Error('null value in column "name" of relation "members" violates not-null constraint')).message)
      .toBe('null value in column "name" of relation "members" violates not-null constraint');
    expect(safeError('text 13912345678')).toEqual({ type: 'string', message: 'text [redacted]' });
    expect(safeError({ phone: '13912345678' })).toEqual({ type: 'object', message: '[non-error value]' });
  });
});

describe('the server log of the suite\'s flows', () => {
  const idNumber = newIdNumber();
  const phone = newPhone();
  const lines: string[] = [];
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({}, {
      log: { level: 'trace', destination: { write: (line: string) => lines.push(line) } },
      smsTransport: 'server-log',
      extraRoutes: (app) => {
        // queries that fail with the person's data as parameters, as a bug or a bad row would make them fail
        app.get('/api/test/fail-cast', { config: { access: access.public } }, async () => {
          await app.db.execute(sql`select ${phone}::int as phone, ${idNumber}::int as id`);
          return {};
        });
        app.get('/api/test/fail-insert', { config: { access: access.public } }, async () => {
          await app.db.insert(auditLog).values({ action: 'login', objectType: null as unknown as string, objectId: idNumber, ip: phone });
          return {};
        });
        app.get('/api/test/fail-raw', { config: { access: access.public } }, async () => {
          await app.dbHandle.query('select $1::date, $2::int', [idNumber, phone]);
          return {};
        });
      },
    });
  });
  afterAll(() => t.close());

  it('runs the flows', async () => {
    // sign-in failures with the values as name and password
    for (const [username, password] of [[phone, idNumber], [idNumber, phone], ['demo-gucun', idNumber]] as const) {
      expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } })).statusCode).toBe(401);
    }
    // an application, the same again, and refused ones (formatted values, a wrong check digit)
    const body = { name: '孙日志', idNumber, phone, occupation: 'rider', regionCode: GUCUN };
    const created = await applyOnline(t, body);
    expect(created.statusCode, created.body).toBe(201);
    const reference = created.json<{ reference: string }>().reference;
    await applyOnline(t, body);
    const formatted = { ...body, phone: `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`, idNumber: idNumber.slice(0, 17) + (idNumber.endsWith('0') ? '1' : '0') };
    expect((await applyOnline(t, formatted)).statusCode).toBe(400);
    // the status check (the phone in the body), with a formatted phone, and the ID number where a reference goes
    expect((await t.app.inject({ method: 'POST', url: '/api/applications/status', payload: { reference, phone } })).statusCode).toBe(200);
    await t.app.inject({ method: 'POST', url: '/api/applications/status', payload: { reference, phone: `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}` } });
    await t.app.inject({ method: 'POST', url: '/api/applications/status', payload: { reference: idNumber, phone } });
    // the old status URL with the phone in the query string (gone: a 404, still logged without the number)
    await t.app.inject({ method: 'GET', url: `/api/applications/${reference}?phone=${phone}` });
    await t.app.inject({ method: 'GET', url: `/api/applications/${idNumber}?phone=${phone}` });
    await t.app.inject({ method: 'GET', url: `/api/no-such-route/${phone}?id=${idNumber}` });
    await t.app.inject({ method: 'POST', url: '/api/applications', headers: { 'content-type': 'application/json' }, payload: `{"idNumber":"${idNumber}","phone":` });

    // staff search for the person, approve (an SMS through the log transport), the member asks for a code (another)
    const staff = await signIn(t.app, 'demo-baoshan');
    await request(t.app, staff, 'GET', `/api/members?q=${phone}`);
    await request(t.app, staff, 'GET', `/api/members?q=${idNumber}`);
    const queue = (await request(t.app, staff, 'GET', '/api/applications?status=pending&pageSize=200')).json<{ items: { id: number; reference: string }[] }>();
    const item = queue.items.find((i) => i.reference === reference)!;
    expect((await request(t.app, staff, 'POST', `/api/applications/${item.id}/approve`)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/member-auth/code', payload: { phone } })).statusCode).toBe(202);
    await t.app.flushNotifications();
    await t.app.inject({ method: 'POST', url: '/api/member-auth/login', payload: { phone, code: '000000' } });

    // 500s: failing queries carrying the values as parameters
    for (const url of ['/api/test/fail-cast', '/api/test/fail-insert', '/api/test/fail-raw']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(500);
      expect(response.body).not.toContain(phone);
    }

    // a failing job, and an SMS gateway that refuses the number quoting it
    const stop = startJobs(t.app, [{ name: 'test', jobs: [{ name: 'fails', everyMs: 3_600_000, run: async () => void (await t.app.db.execute(sql`select ${phone}::int`)) }] }]);
    await stop();
    await enqueueSms(t.app.db, t.app.cipher, phone, 'otp', { code: '123456' });
    await deliverPending(t.app.db, t.app.cipher, { send: async (to) => { throw new Error(`gateway refused ${to} (${idNumber})`); } }, t.app.log);
    const [stored] = await t.handle.query<{ last_error: string }>(`select last_error from notifications where last_error is not null order by id desc limit 1`);
    expect(stored!.last_error).toBe('gateway refused [redacted] ([redacted])');

    // someone logging a message with the values in it, against every rule: the line scrubber still catches it
    t.app.log.warn(`looked up ${phone} / ${idNumber}`);
    t.app.log.info({ person: { phone: Number(phone), idNumber } }, 'careless');
  });

  it('holds neither the ID number nor the phone in any formatting', () => {
    const log = lines.join('');
    // the flows did log: requests, the 500s with their SQL state, the SMS with a masked number, the job, the gateway
    expect(lines.length).toBeGreaterThan(40);
    expect(log).toContain('incoming request');
    expect(log).toContain(`?phone=*`);
    expect(log).toContain('"code":"22003"');
    expect(log).toContain('value \\"[redacted]\\" is out of range for type integer');
    expect(log).toContain('"code":"23502"');
    expect(log).toContain('unhandled error');
    expect(log).toContain(`${phone.slice(0, 3)}****${phone.slice(7)}`);
    expect(log).toContain('job failed');
    expect(log).toContain('SMS delivery failed');
    expect(log).toContain('looked up [redacted] / [redacted]');
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();

    // the digits, with anything but a digit (up to 3 characters) between any two of them
    const spaced = (value: string) => new RegExp(value.split('').map((c) => (c === 'X' ? '[Xx]' : c)).join('[^0-9]{0,3}'));
    for (const [what, value] of [['phone', phone], ['ID number', idNumber]] as const) {
      const hits = lines.filter((line) => spaced(value).test(line));
      expect(hits, `${what} in the log`).toEqual([]);
    }
    // nor the ID number without its check character, nor the phone's last eight digits after its prefix
    expect(log).not.toContain(idNumber.slice(0, 17));
    expect(log).not.toContain(phone.slice(1));
  });
});
