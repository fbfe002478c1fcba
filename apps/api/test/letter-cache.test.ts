import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LetterPdfCache, letterCacheKey, letterPdfCache } from '../src/features/campaign/letter-cache.ts';
import type { LetterInput } from '../src/features/campaign/letters.pdf.ts';
import { pdfText, squash } from './support/pdf-text.ts';
import { request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

const input: LetterInput = {
  kind: 'rectification_opinion', documentNumber: '宝顾工函〔2026〕1号', issuedOn: '2026-03-01', issuer: { name: '宝山区顾村镇总工会' },
  enterprise: { name: '上海缓存测试有限公司', creditCode: '91310113MA1GL00001', address: '', employeeCount: 80, workersJoinedOutside: 0 },
};

describe('the letter PDF cache', () => {
  it('renders a letter once and serves the same bytes after', async () => {
    let calls = 0;
    const cache = new LetterPdfCache(async (i) => {
      calls++;
      return Buffer.from(`pdf of ${i.enterprise.name} #${calls}`);
    });
    const first = await cache.get(input);
    const second = await cache.get({ ...input, enterprise: { ...input.enterprise } });
    expect(calls).toBe(1);
    expect(second.file).toBe(first.file);
    expect(cache.hits).toBe(1);
  });

  it('renders again when any input changes, and keys equal content alike whatever its key order', async () => {
    const cache = new LetterPdfCache(async (i) => Buffer.from(i.enterprise.name));
    await cache.get(input);
    const changed = await cache.get({ ...input, enterprise: { ...input.enterprise, name: '上海缓存测试二有限公司' } });
    expect(cache.renders).toBe(2);
    expect(changed.file.toString()).toBe('上海缓存测试二有限公司');
    const reordered = JSON.parse(JSON.stringify({ issuer: input.issuer, kind: input.kind, enterprise: input.enterprise, issuedOn: input.issuedOn, documentNumber: input.documentNumber })) as LetterInput;
    expect(letterCacheKey(reordered)).toBe(letterCacheKey(input));
    expect(letterCacheKey({ ...input, deadlineDays: 15 })).not.toBe(letterCacheKey(input));
  });

  it('keeps within its byte budget, dropping the least recently used', async () => {
    const cache = new LetterPdfCache(async (i) => Buffer.alloc(400, i.documentNumber), 1000);
    const a = { ...input, documentNumber: 'A' };
    const b = { ...input, documentNumber: 'B' };
    const c = { ...input, documentNumber: 'C' };
    await cache.get(a);
    await cache.get(b);
    await cache.get(a); // a is now the most recent
    await cache.get(c); // 1,200 bytes: b goes
    expect(cache.size).toBe(2);
    await cache.get(a);
    expect(cache.renders).toBe(3);
    await cache.get(b);
    expect(cache.renders).toBe(4);
  });
});

describe('GET /api/campaign/letters/:id/pdf', () => {
  let t: TestApp;
  let gucun: Session;
  beforeAll(async () => {
    t = await startTestApp();
    gucun = await signIn(t.app, 'demo-gucun');
  });
  afterAll(() => t.close());

  it('renders on the first fetch only, and again after the letter\'s content changed', async () => {
    const worklist = (await request(t.app, gucun, 'GET', '/api/campaign/worklist?pageSize=1')).json<{ items: { enterpriseId: number }[] }>();
    const enterpriseId = worklist.items[0]!.enterpriseId;
    expect((await request(t.app, gucun, 'PATCH', `/api/campaign/items/${enterpriseId}`, { stage: 'refused' })).statusCode).toBe(200);
    const issued = await request(t.app, gucun, 'POST', `/api/campaign/items/${enterpriseId}/letters`, { kind: 'rectification_opinion', deadlineDays: 30 });
    expect(issued.statusCode, issued.body).toBe(201);
    const { id } = issued.json<{ id: number }>();

    const before = letterPdfCache.renders;
    const first = await request(t.app, gucun, 'GET', `/api/campaign/letters/${id}/pdf`);
    expect(first.statusCode).toBe(200);
    expect(letterPdfCache.renders).toBe(before + 1);
    const second = await request(t.app, gucun, 'GET', `/api/campaign/letters/${id}/pdf`);
    expect(letterPdfCache.renders).toBe(before + 1);
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);

    await t.handle.query(`update enterprise_letters set content = jsonb_set(content, '{enterprise,name}', '"上海改名后的测试有限公司"') where id = $1`, [id]);
    const third = await request(t.app, gucun, 'GET', `/api/campaign/letters/${id}/pdf`);
    expect(letterPdfCache.renders).toBe(before + 2);
    expect(squash(await pdfText(new Uint8Array(third.rawPayload)))).toContain('上海改名后的测试有限公司');
  });
});
