import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, buildUrl, errorFromResponse, setCsrfToken } from './api-client.ts';
import { setCurrentLocale } from './i18n/current-locale.ts';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  setCurrentLocale('zh-CN');
});

function stubFetch(status: number, body: unknown) {
  const fetchMock = vi.fn(async () => new Response(body === undefined ? null : JSON.stringify(body), { status }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('api client', () => {
  it('drops empty query values', () => {
    expect(buildUrl('/api/enterprises', { q: '', page: 2, regionCode: undefined, dualReal: false })).toBe('/api/enterprises?page=2&dualReal=false');
  });

  it('sends the language on every request and the CSRF token only on writes', async () => {
    setCurrentLocale('en');
    setCsrfToken('tok');
    const fetchMock = stubFetch(200, { items: [] });
    await api.get('/api/regions');
    await api.post('/api/enterprises', { name: 'x' });
    const [, getInit] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    const [, postInit] = fetchMock.mock.calls[1] as unknown as [string, RequestInit];
    expect(getInit.credentials).toBe('same-origin');
    expect(getInit.headers).toMatchObject({ 'Accept-Language': 'en' });
    expect(getInit.headers).not.toHaveProperty('X-CSRF-Token');
    expect(postInit.headers).toMatchObject({ 'X-CSRF-Token': 'tok', 'Content-Type': 'application/json' });
  });

  it('throws an ApiError carrying field messages and details', async () => {
    stubFetch(409, { code: 'conflict', message: '统一社会信用代码已登记：甲', fields: { creditCode: '已登记' }, details: { existingId: 7 } });
    const error = await api.post('/api/enterprises', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'conflict', fields: { creditCode: '已登记' }, details: { existingId: 7 } });
  });

  it('falls back to a translated message when the body is not the API shape', () => {
    setCurrentLocale('en');
    expect(errorFromResponse(404, null)).toMatchObject({ code: 'not_found', message: 'Not found', fields: {} });
    expect(errorFromResponse(502, '<html>')).toMatchObject({ code: 'internal' });
  });

  it('treats 204 as no content', async () => {
    stubFetch(204, undefined);
    await expect(api.post('/api/auth/logout')).resolves.toBeUndefined();
  });
});
