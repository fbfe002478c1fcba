import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, signIn, startTestApp, type TestApp } from './support/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('platform', () => {
  it('reports health and the database kind', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', db: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' });
  });

  it('publishes an OpenAPI 3 document of the routes', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/auth/login', '/api/auth/me', '/api/enterprises', '/api/enterprises/{id}', '/api/orgs/children', '/api/audit']) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    expect(doc.paths['/api/enterprises'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('creditCode');
  });

  it('serves the regions reference, each with its English name', async () => {
    const session = await signIn(t.app, 'demo-city');
    const regions = (await request(t.app, session, 'GET', '/api/regions')).json<{ items: { code: string; name: string; nameEn: string }[] }>().items;
    expect(regions).toHaveLength(251);
    const byCode = new Map(regions.map((r) => [r.code, r]));
    expect(byCode.get('310113')).toMatchObject({ name: '宝山区', nameEn: 'Baoshan District' });
    expect(byCode.get('310113109')).toMatchObject({ name: '顾村镇', nameEn: 'Gucun Town' });
    expect(byCode.get('310113003')).toMatchObject({ name: '友谊路街道', nameEn: 'Youyilu Subdistrict' });
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ code: 'not_found', message: '未找到该记录', fields: {} });
  });
});
