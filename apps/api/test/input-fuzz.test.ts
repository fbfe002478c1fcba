import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { calendarDayOf, type ApplicationCreated, type ApplicationItem } from '@lianxin/contracts';
import { GUCUN, newIdNumber, newPhone } from './support/fixtures.ts';
import { multipart } from './support/multipart.ts';
import { applyOnline, request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

/**
 * Property-based fuzzing of every route: requests generated from each registered route's zod schema (through its
 * JSON Schema rendering in the OpenAPI document), valid ones and mutated ones (ids past 2^31−1, NUL and lone
 * surrogates, impossible dates, wrong types, huge and empty values, malformed JSON and multipart bodies), sent as
 * staff, as a signed-in member and anonymously. No answer may be a 5xx. FUZZ_RUNS sets the runs per route and actor.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 6);

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  items?: JsonSchema;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  nullable?: boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
}

interface Operation {
  method: string;
  /** with `{name}` placeholders */
  path: string;
  params: Record<string, JsonSchema>;
  query: Record<string, JsonSchema>;
  requiredQuery: string[];
  body: JsonSchema | null;
}

/** Values that have broken servers: out-of-range ids, bad text, impossible dates, wrong types. */
const nasty: unknown[] = [
  2 ** 31, 2 ** 31 - 1, 2 ** 53, 10_000_000_000_001, 9e15, -1, 0, 1.5, 1e308, -1e308, '2147483648', '99999999999999999999', '1e400', 'NaN', '-0', '0x10', '١٢٣',
  '\u0000', 'a\u0000b', '\uD800', 'x\uDC00y', '\uDBFF\uDBFF', '😀\uD83D', '2026-02-30', '2025-02-29', '0000-01-01', '9999-12-31', '2026-13-01',
  '', ' ', '\t\n', 'x'.repeat(5000), "'; drop table members; --", '%', '_', '\\', '../../etc/passwd', '<script>', 'null',
  null, true, false, [], {}, [1, 2], { a: 1 },
];
const nastyArb = fc.constantFrom(...nasty);

function valueArb(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.constant(null);
  const base = baseArb(schema, depth);
  return schema.nullable ? fc.option(base, { nil: null }) : base;
}

function baseArb(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map((s) => valueArb(s, depth + 1)));
  if (schema.allOf?.[0]) return valueArb(schema.allOf[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string': {
      if (schema.pattern) {
        const matching = fc.stringMatching(new RegExp(schema.pattern));
        return schema.maxLength !== undefined ? matching.filter((s) => s.length <= schema.maxLength!) : matching;
      }
      if (schema.format === 'date') return fc.date({ min: new Date('1950-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }).map((d) => calendarDayOf(d.getTime()));
      const min = schema.minLength ?? 0;
      const max = Math.min(schema.maxLength ?? 40, Math.max(min, 40));
      // words a user would type, where the length rule allows them (a filter that no value passes would never end)
      const words = ['上海', '物流', '宝山区', '张三', 'lx', '顾村镇测试路1号'].filter((s) => s.length >= min && s.length <= max);
      return fc.oneof(
        fc.string({ minLength: min, maxLength: max }),
        fc.string({ minLength: min, maxLength: max, unit: 'grapheme' }),
        ...(words.length ? [fc.constantFrom(...words)] : []),
      );
    }
    case 'integer':
    case 'number': {
      const min = typeof schema.minimum === 'number' ? Math.max(schema.minimum, -1e6) : 1;
      const max = typeof schema.maximum === 'number' ? Math.min(schema.maximum, 1e6) : 5_000;
      return type === 'integer' || schema.minimum === undefined
        ? fc.integer({ min: Math.ceil(Math.min(min, max)), max: Math.floor(Math.max(min, max)) })
        : fc.double({ min, max, noNaN: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(valueArb(schema.items, depth + 1), { maxLength: Math.min(schema.maxItems ?? 4, 4) });
    case 'object': {
      const properties = schema.properties ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, child] of Object.entries(properties)) model[key] = valueArb(child, depth + 1);
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in model) });
    }
    default:
      return fc.oneof(fc.string(), fc.integer(), fc.constant(null));
  }
}

/** One field (a top-level key, or the whole value) replaced by a nasty value, or a required field dropped. */
function mutated(valid: fc.Arbitrary<unknown>, keys: string[]): fc.Arbitrary<unknown> {
  return fc.tuple(valid, nastyArb, fc.constantFrom('replace', 'drop', 'whole', 'extra'), fc.nat()).map(([value, bad, how, pick]) => {
    if (how === 'whole' || value === null || typeof value !== 'object' || Array.isArray(value) || keys.length === 0) return bad;
    const copy = { ...(value as Record<string, unknown>) };
    const key = keys[pick % keys.length]!;
    if (how === 'drop') delete copy[key];
    else if (how === 'extra') copy[`x\u0000${pick}`] = bad;
    else copy[key] = bad;
    return copy;
  });
}

function toQueryString(query: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) parts.push(`${encodeSegment(key)}=${encodeSegment(v)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

function encodeSegment(value: unknown): string {
  const text = typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
  try {
    return encodeURIComponent(text);
  } catch {
    // a lone surrogate cannot be URI-encoded: send its UTF-8 replacement bytes raw
    return encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, '\uFFFD')) + '%ED%A0%80';
  }
}

function operations(doc: { paths: Record<string, Record<string, {
  parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema: JsonSchema }> };
}>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params: Record<string, JsonSchema> = {};
      const query: Record<string, JsonSchema> = {};
      const requiredQuery: string[] = [];
      for (const p of op.parameters ?? []) {
        if (p.in === 'path') params[p.name] = p.schema;
        if (p.in === 'query') {
          query[p.name] = p.schema;
          if (p.required) requiredQuery.push(p.name);
        }
      }
      ops.push({ method: method.toUpperCase(), path, params, query, requiredQuery, body: op.requestBody?.content?.['application/json']?.schema ?? null });
    }
  }
  return ops;
}

interface Generated {
  url: string;
  payload?: unknown;
  raw?: { body: string; contentType: string };
}

function requestArb(op: Operation): fc.Arbitrary<Generated> {
  const paramKeys = Object.keys(op.params);
  const paramsValid = valueArb({ type: 'object', properties: op.params, required: paramKeys });
  const queryValid = valueArb({ type: 'object', properties: op.query, required: op.requiredQuery });
  const bodyValid = op.body ? valueArb(op.body) : fc.constant(undefined);
  const bodyKeys = Object.keys(op.body?.properties ?? {});
  const arb = <T>(valid: fc.Arbitrary<T>, keys: string[]) => fc.oneof({ weight: 2, arbitrary: valid as fc.Arbitrary<unknown> }, { weight: 3, arbitrary: mutated(valid, keys) });
  const rawBodies = fc.constantFrom(
    { body: '{"name":', contentType: 'application/json' },
    { body: '[]', contentType: 'application/json' },
    { body: '"\\u0000"', contentType: 'application/json' },
    { body: '{"id":1e999}', contentType: 'application/json' },
    { body: `{"${'a'.repeat(100)}":"\\ud800"}`, contentType: 'application/json' },
    { body: 'name=x', contentType: 'application/x-www-form-urlencoded' },
    { body: '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc', contentType: 'multipart/form-data; boundary=x' },
    { body: 'no boundary', contentType: 'multipart/form-data' },
    { body: '<a/>', contentType: 'text/xml' },
  );
  return fc
    .record({
      params: paramKeys.length ? arb(paramsValid, paramKeys) : fc.constant({}),
      query: arb(queryValid, Object.keys(op.query)),
      body: op.body ? arb(bodyValid, bodyKeys) : fc.constant(undefined),
      raw: fc.option(rawBodies, { freq: 8 }),
    })
    .map(({ params, query, body, raw }) => {
      const values = params !== null && typeof params === 'object' && !Array.isArray(params) ? (params as Record<string, unknown>) : {};
      const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeSegment(values[name] ?? params)) +
        toQueryString(query !== null && typeof query === 'object' && !Array.isArray(query) ? (query as Record<string, unknown>) : { q: query });
      if (raw && op.method !== 'GET') return { url, raw };
      return { url, ...(op.body && body !== undefined ? { payload: body } : {}) };
    });
}

let t: TestApp;
let staff: Session;
let member: Session;

async function memberSession(): Promise<Session> {
  const body = { name: '冯模糊', idNumber: newIdNumber(), phone: newPhone(), occupation: 'rider', regionCode: GUCUN };
  const created = (await applyOnline(t, body)).json<ApplicationCreated>();
  const queue = (await request(t.app, staff, 'GET', '/api/applications?status=pending&pageSize=200')).json<{ items: ApplicationItem[] }>();
  const item = queue.items.find((i) => i.reference === created.reference)!;
  expect((await request(t.app, staff, 'POST', `/api/applications/${item.id}/approve`)).statusCode).toBe(200);
  await t.app.inject({ method: 'POST', url: '/api/member-auth/code', payload: { phone: body.phone } });
  await t.app.flushNotifications();
  const code = t.sms.sent.filter((m) => m.phone === body.phone && m.template === 'otp').at(-1)!.params.code;
  const response = await t.app.inject({ method: 'POST', url: '/api/member-auth/login', payload: { phone: body.phone, code } });
  const cookie = response.cookies.find((c) => c.name === 'lianxin_session')!;
  const signed = response.json<{ csrfToken: string; user: { id: number; org: { id: number } } }>();
  return { cookie: `lianxin_session=${cookie.value}`, csrfToken: signed.csrfToken, userId: signed.user.id, orgId: signed.user.org.id };
}

beforeAll(async () => {
  // generous limits: the fuzzer is one client sending thousands of requests
  t = await startTestApp({ applicationRateLimit: 1_000_000 });
  staff = await signIn(t.app, 'demo-baoshan');
  member = await memberSession();
});
afterAll(() => t.close());

const casesRun = { total: 0, byStatus: new Map<number, number>() };

function send(session: Session | null, method: string, generated: Generated) {
  const headers: Record<string, string> = {};
  if (session) headers.cookie = session.cookie;
  if (session && method !== 'GET') headers['x-csrf-token'] = session.csrfToken;
  const options: InjectOptions = { method: method as InjectOptions['method'], url: generated.url, headers };
  if (generated.raw) {
    headers['content-type'] = generated.raw.contentType;
    options.payload = generated.raw.body;
  } else if (generated.payload !== undefined) {
    options.payload = generated.payload as InjectOptions['payload'];
  }
  return t.app.inject(options);
}

describe('no input answers 5xx', () => {
  it('every route, every actor, valid and mutated requests from its schema', { timeout: 30 * 60_000 }, async () => {
    const doc = t.app.swagger() as Parameters<typeof operations>[0];
    // signing out would end the fuzzing actor's session: that route is fuzzed anonymously only
    const ops = operations(doc).filter((op) => op.path !== '/api/openapi.json');
    expect(ops.length).toBeGreaterThan(50);
    const actors: [string, () => Session | null][] = [['staff', () => staff], ['member', () => member], ['anonymous', () => null]];
    for (const op of ops) {
      const started = Date.now();
      for (const [actor, session] of actors) {
        if (op.path === '/api/auth/logout' && actor !== 'anonymous') continue;
        await fc.assert(
          fc.asyncProperty(requestArb(op), async (generated) => {
            const response = await send(session(), op.method, generated);
            casesRun.total++;
            casesRun.byStatus.set(response.statusCode, (casesRun.byStatus.get(response.statusCode) ?? 0) + 1);
            if (response.statusCode >= 500) {
              throw new Error(`${actor} ${op.method} ${generated.url} ${JSON.stringify(generated.payload ?? generated.raw)} → ${response.statusCode} ${response.body}`);
            }
          }),
          { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31), endOnFailure: true },
        );
      }
      if (process.env.FUZZ_PROGRESS) console.error(`fuzz ${op.method} ${op.path}: ${Date.now() - started} ms`);
    }
    const statuses = [...casesRun.byStatus.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
    console.log(`input fuzz: ${casesRun.total} requests over ${ops.length} routes × 3 actors (${RUNS} runs each): ${statuses}`);
    expect(casesRun.total).toBeGreaterThanOrEqual(ops.length * 2 * RUNS);
    // the generator reaches the handlers, not only the validators: some requests are served
    expect([...casesRun.byStatus.keys()].some((s) => s < 300)).toBe(true);
  });
});

describe('the kinds, one example each, as staff', () => {
  const staffGet = (url: string) => request(t.app, staff, 'GET', url);

  it('ids above 2^31−1 on a path, a query and a body are 400 on the field', async () => {
    for (const url of ['/api/members/2147483648', '/api/orgs/99999999999', '/api/enterprises/2147483648', '/api/campaign/items/2147483648/letters']) {
      const response = url.endsWith('letters') ? await request(t.app, staff, 'POST', url, { kind: 'rectification_opinion', deadlineDays: 30 }) : await staffGet(url);
      expect(response.statusCode, url).toBe(400);
    }
    const query = await staffGet('/api/members?orgId=2147483648');
    expect(query.statusCode).toBe(400);
    expect(query.json().fields).toEqual({ orgId: '编号不正确' });
    const body = await request(t.app, staff, 'POST', `/api/orgs/${staff.orgId}/move`, { newParentId: 2 ** 31 });
    expect(body.statusCode).toBe(400);
    expect(body.json().fields).toEqual({ newParentId: '编号不正确' });
    expect((await staffGet('/api/members/2147483647')).statusCode).toBe(404);
  });

  it('ids written loosely (1e3, 0x10, " 1", 1.0, +1) are 400, not read as another record', async () => {
    for (const id of ['1e3', '0x10', '%201', '1.0', '%2B1', '01']) {
      for (const url of [`/api/orgs/${id}`, `/api/enterprises/${id}`, `/api/members/${id}`, `/api/orgs/${id}/summary`]) {
        const response = await staffGet(url);
        expect(response.statusCode, url).toBe(400);
        expect(response.json().fields, url).toEqual({ id: '编号不正确' });
      }
    }
    const missing = await request(t.app, staff, 'POST', `/api/orgs/${staff.orgId}/move`, {});
    expect(missing.json().fields).toEqual({ newParentId: '必填项' });
  });

  it('unit names lose invisible characters and refuse control characters', async () => {
    const cleaned = await request(t.app, staff, 'PATCH', `/api/orgs/${staff.orgId}`, { name: '宝山区\u200b总工会\u202e' });
    expect(cleaned.statusCode, cleaned.body).toBe(200);
    expect(cleaned.json().name).toBe('宝山区总工会');
    const bell = await request(t.app, staff, 'PATCH', `/api/orgs/${staff.orgId}`, { name: '宝山区\u0007总工会' });
    expect(bell.statusCode).toBe(400);
    expect(Object.keys(bell.json().fields)).toEqual(['name']);
  });

  it('NUL and lone surrogates in any text are 400 naming the field', async () => {
    const nul = await staffGet(`/api/members?q=${encodeURIComponent('张\u0000三')}`);
    expect(nul.statusCode).toBe(400);
    expect(nul.json().fields).toEqual({ q: '内容含有不允许的控制字符' });
    const surrogate = await request(t.app, staff, 'PATCH', `/api/orgs/${staff.orgId}`, { chairName: 'x\uD800' });
    expect(surrogate.statusCode).toBe(400);
    expect(surrogate.json().fields).toEqual({ chairName: '内容含有无法识别的字符' });
    const raw = await t.app.inject({
      method: 'POST', url: '/api/applications', headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      payload: '{"name":"\\udc00x","idNumber":"1","phone":"1","occupation":"rider","phoneCode":"123456"}',
    });
    expect(raw.statusCode).toBe(400);
    expect(raw.json().fields).toEqual({ name: 'The text contains an unreadable character' });
    // a surrogate pair (an emoji) is text like any other
    expect((await staffGet(`/api/members?q=${encodeURIComponent('😀')}`)).statusCode).toBe(200);
  });

  it('impossible calendar dates are 400', async () => {
    for (const [url, field] of [['/api/members?joinedFrom=2026-02-30', 'joinedFrom'], ['/api/members?joinedTo=2025-02-29', 'joinedTo'], ['/api/members?joinedFrom=0000-01-01', 'joinedFrom']] as const) {
      const response = await staffGet(url);
      expect(response.statusCode, url).toBe(400);
      expect(Object.keys(response.json().fields)).toEqual([field]);
    }
    expect((await staffGet('/api/members?joinedFrom=2024-02-29')).statusCode).toBe(200);
    const target = await request(t.app, staff, 'POST', '/api/coverage/targets', { orgId: staff.orgId, dueOn: '2026-02-30', coverageRate: 0.9, membershipRate: null, note: '' });
    expect(target.statusCode).toBe(400);
    expect(Object.keys(target.json().fields)).toEqual(['dueOn']);
  });

  it('funds amounts past the bound (10^13 fen) are 400 naming the field and the bound; a total past 2^53 − 1 fen is 422, not 500', async () => {
    const [e] = await t.handle.query<{ id: number }>(`select id from enterprises where org_path <@ (select path from orgs where id = $1) order by id limit 1`, [staff.orgId]);
    const bodies: [string, Record<string, unknown>, string][] = [
      ['/api/funds/payroll', { enterpriseId: e!.id, period: '2026-10', payrollFen: 10_000_000_000_001 }, 'payrollFen'],
      ['/api/funds/receipts', { enterpriseId: e!.id, amountFen: 9e15, receivedOn: '2026-10-01', idempotencyKey: 'fuzz-huge-1' }, 'amountFen'],
      ['/api/funds/budgets', { orgId: staff.orgId, year: 2026, kind: 'basic', name: '巨额', accountCode: '504', amountFen: 10_000_000_000_001 }, 'amountFen'],
      ['/api/funds/budgets', { orgId: staff.orgId, year: 2026, kind: 'basic', name: '巨额', accountCode: '504', amountFen: 2 ** 52 }, 'amountFen'],
    ];
    for (const [url, body, field] of bodies) {
      const response = await request(t.app, staff, 'POST', url, body);
      expect(response.statusCode, `${url}: ${response.body}`).toBe(400);
      expect(response.json().fields[field], url).toContain('1,000 亿元');
    }
    const [org] = await t.handle.query<{ path: string }>(`select path::text as path from orgs where id = $1`, [staff.orgId]);
    await t.handle.query(`
      insert into budget_lines (org_id, org_path, year, kind, name, account_code, amount_fen)
      select $1, $2::ltree, 2190, 'project', '巨额' || g, '501', 4000000000000000 from generate_series(1, 3) g`, [staff.orgId, org!.path]);
    const huge = await staffGet('/api/funds/budgets?year=2190');
    expect(huge.statusCode, huge.body).toBe(422);
    expect(huge.json().code).toBe('figure_too_large');
  });

  it('malformed multipart bodies are 4xx', async () => {
    const url = '/api/members/import';
    const headers = { cookie: staff.cookie, 'x-csrf-token': staff.csrfToken };
    const good = multipart({ orgId: String(staff.orgId) }, { filename: 'r.csv', type: 'text/csv', data: Buffer.from('姓名\n') });
    const bigId = multipart({ orgId: '2147483648' }, { filename: 'r.csv', type: 'text/csv', data: Buffer.from('姓名\n') });
    const noFile = multipart({ orgId: String(staff.orgId) });
    const bodies: { payload: Buffer | string; type: string }[] = [
      { payload: good.payload.subarray(0, good.payload.length - 20), type: good.headers['content-type'] },
      { payload: good.payload, type: 'multipart/form-data' },
      { payload: 'garbage', type: good.headers['content-type'] },
      { payload: good.payload, type: 'multipart/form-data; boundary=other' },
      { payload: bigId.payload, type: bigId.headers['content-type'] },
      { payload: noFile.payload, type: noFile.headers['content-type'] },
      { payload: '', type: good.headers['content-type'] },
    ];
    for (const [i, b] of bodies.entries()) {
      const response = await t.app.inject({ method: 'POST', url, payload: b.payload, headers: { ...headers, 'content-type': b.type } });
      expect(response.statusCode, `body ${i}: ${response.body}`).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, `body ${i}: ${response.body}`).toBeLessThan(500);
    }
  });
});
