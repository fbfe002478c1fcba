import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Enterprise, EnterpriseListResponse } from '@lianxin/contracts';
import { corruptCreditCode, enterpriseInput, GUCUN, newCreditCode } from './support/fixtures.ts';
import { request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

let t: TestApp;
let gucun: Session;
beforeAll(async () => {
  t = await startTestApp();
  gucun = await signIn(t.app, 'demo-gucun');
});
afterAll(() => t.close());

const list = async (session: Session, query: string) => {
  const response = await request(t.app, session, 'GET', `/api/enterprises?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<EnterpriseListResponse>();
};

describe('enterprise registry', () => {
  it('lists the scope with a total, newest first, and paginates', async () => {
    const page1 = await list(gucun, 'page=1&pageSize=5');
    const page2 = await list(gucun, 'page=2&pageSize=5');
    expect(page1.items).toHaveLength(5);
    expect(page1.total).toBeGreaterThan(10);
    expect(page2.total).toBe(page1.total);
    expect(page2.items[0]!.id).toBeLessThan(page1.items[4]!.id);
    for (const item of page1.items) {
      expect(item.regionCode).toBe(GUCUN);
      expect(['own', 'covered', 'none']).toContain(item.unionStatus);
      expect(item.coveringOrg === null).toBe(item.unionStatus === 'none');
    }
  });

  it('filters by union status, size band, industry and 双实', async () => {
    const none = await list(gucun, 'unionStatus=none&pageSize=50');
    expect(none.items.every((e) => e.unionStatus === 'none')).toBe(true);
    const own = await list(gucun, 'unionStatus=own&pageSize=50');
    expect(own.total).toBeGreaterThan(0);
    expect(own.items.every((e) => e.unionStatus === 'own')).toBe(true);
    const big = await list(gucun, 'sizeBand=100to299&pageSize=50');
    expect(big.items.every((e) => e.employeeCount >= 100 && e.employeeCount <= 299)).toBe(true);
    const manufacturing = await list(gucun, 'industry=C&dualReal=true&pageSize=50');
    expect(manufacturing.items.every((e) => e.industry === 'C' && e.dualReal)).toBe(true);
    const all = await list(gucun, 'pageSize=1');
    const covered = await list(gucun, 'unionStatus=covered&pageSize=1');
    expect(none.total + own.total + covered.total).toBe(all.total);
  });

  it('creates an enterprise and finds it by pinyin initials and by name', async () => {
    const input = enterpriseInput({ name: '上海顾村连心物流有限公司', creditCode: newCreditCode().toLowerCase() });
    const created = await request(t.app, gucun, 'POST', '/api/enterprises', input);
    expect(created.statusCode, created.body).toBe(201);
    const enterprise = created.json<Enterprise>();
    expect(enterprise).toMatchObject({
      name: '上海顾村连心物流有限公司', creditCode: input.creditCode.toUpperCase(), unionStatus: 'none',
      regionCode: GUCUN, regionName: '顾村镇', nonPublic: true, coveringOrg: null,
    });
    const byInitials = await list(gucun, 'q=gclxwl');
    expect(byInitials.items.map((e) => e.id)).toContain(enterprise.id);
    const byName = await list(gucun, `q=${encodeURIComponent('连心物流')}`);
    expect(byName.items.map((e) => e.id)).toContain(enterprise.id);
    const detail = await request(t.app, gucun, 'GET', `/api/enterprises/${enterprise.id}`);
    expect(detail.json<Enterprise>().openedOn).toBe('2020-06-01');
  });

  it('refuses a wrong credit code on the field, in Chinese and in English, writing nothing', async () => {
    const input = enterpriseInput({ creditCode: corruptCreditCode(newCreditCode()) });
    const zh = await request(t.app, gucun, 'POST', '/api/enterprises', input);
    expect(zh.statusCode).toBe(400);
    expect(zh.json()).toEqual({
      code: 'validation_failed', message: '提交的内容有误，请检查标出的字段', fields: { creditCode: '统一社会信用代码校验位不符，请核对' },
    });
    const en = await request(t.app, gucun, 'POST', '/api/enterprises', input, { 'accept-language': 'en' });
    expect(en.json().fields.creditCode).toBe('The check character does not match; please check the credit code');
    const rows = await t.handle.query('select 1 from enterprises where credit_code = $1', [input.creditCode]);
    expect(rows).toHaveLength(0);
  });

  it('reports every bad field with its path', async () => {
    const response = await request(t.app, gucun, 'POST', '/api/enterprises', {
      creditCode: '123', name: '', ownership: 'pirate', dualReal: 'yes', employeeCount: -1, industry: 'Z',
      regionCode: '310113', registeredOn: '2020-02-30x', openedOn: '2019-01-01', latitude: 10,
    });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().fields).sort()).toEqual(
      ['creditCode', 'dualReal', 'employeeCount', 'industry', 'latitude', 'name', 'ownership', 'regionCode', 'registeredOn'].sort(),
    );
    expect(response.json().fields.regionCode).toBe('请选择街道/镇');
  });

  it('refuses an opening date before registration', async () => {
    const response = await request(t.app, gucun, 'POST', '/api/enterprises', enterpriseInput({ registeredOn: '2021-01-01', openedOn: '2020-01-01' }));
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toEqual({ openedOn: '开业日期不能早于登记日期' });
  });

  it('answers a duplicate credit code with a conflict naming the existing enterprise', async () => {
    const first = await request(t.app, gucun, 'POST', '/api/enterprises', enterpriseInput({ name: '上海重复测试有限公司' }));
    const existing = first.json<Enterprise>();
    const again = await request(t.app, gucun, 'POST', '/api/enterprises', enterpriseInput({ creditCode: existing.creditCode, name: '另一家公司' }));
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'conflict',
      message: '统一社会信用代码已登记：上海重复测试有限公司',
      fields: { creditCode: '统一社会信用代码已登记：上海重复测试有限公司' },
      details: { existingId: existing.id },
    });
  });

  it('validates list queries and ids', async () => {
    const bad = await request(t.app, gucun, 'GET', '/api/enterprises?pageSize=1000&unionStatus=maybe&regionCode=12');
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().fields).sort()).toEqual(['pageSize', 'regionCode', 'unionStatus']);
    const badId = await request(t.app, gucun, 'GET', '/api/enterprises/abc');
    expect(badId.statusCode).toBe(400);
    expect(badId.json().fields).toHaveProperty('id');
    const missing = await request(t.app, gucun, 'GET', '/api/enterprises/99999999');
    expect(missing.statusCode).toBe(404);
  });

  it('edits an enterprise and keeps the registry consistent', async () => {
    const created = (await request(t.app, gucun, 'POST', '/api/enterprises', enterpriseInput())).json<Enterprise>();
    const patched = await request(t.app, gucun, 'PATCH', `/api/enterprises/${created.id}`, { employeeCount: 260, name: '上海改名后有限公司' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json<Enterprise>()).toMatchObject({ employeeCount: 260, name: '上海改名后有限公司' });
    const found = await list(gucun, 'q=shgmh');
    expect(found.items.map((e) => e.id)).toContain(created.id);
    const bad = await request(t.app, gucun, 'PATCH', `/api/enterprises/${created.id}`, { openedOn: '2000-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toHaveProperty('openedOn');
  });

  it('rejects malformed JSON as a 400, not a 500', async () => {
    const response = await t.app.inject({
      method: 'POST', url: '/api/enterprises', payload: '{"name":',
      headers: { cookie: gucun.cookie, 'x-csrf-token': gucun.csrfToken, 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
  });
});
