import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Enterprise, EnterpriseListResponse, MemberListItem, NearDuplicate, Paged } from '@lianxin/contracts';
import { idNumberCheckChar } from '@lianxin/contracts';
import { nameInitials } from '@lianxin/db';
import { insertMembers } from '../src/features/members/members.enrol.ts';
import { creditCodePrefixOf } from '../src/lib/name-search.ts';
import { enterpriseInput, GUCUN, newCreditCode } from './support/fixtures.ts';
import { request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

const looksLikeCreditCodePrefix = (q: string) => creditCodePrefixOf(q) !== null;

let t: TestApp;
let gucun: Session;
beforeAll(async () => {
  t = await startTestApp();
  gucun = await signIn(t.app, 'demo-gucun');
});
afterAll(() => t.close());

const enterprisesMatching = async (q: string, extra = '') => {
  const response = await request(t.app, gucun, 'GET', `/api/enterprises?q=${encodeURIComponent(q)}&pageSize=50${extra}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<EnterpriseListResponse>();
};

const key = async (text: string) => (await t.handle.query<{ k: string }>('select search_key($1) as k', [text]))[0]!.k;

describe('search keys', () => {
  it('fold compatibility forms, bracket width, spaces, case and dots into one key', async () => {
    expect(await key('上海连心物流（集团）有限公司')).toBe('上海连心物流集团有限公司');
    expect(await key('上海连心物流(集团) 有限公司')).toBe('上海连心物流集团有限公司');
    expect(await key('上海连心物流【集团】有限公司')).toBe('上海连心物流集团有限公司');
    expect(await key('ＡＢＣ　科技')).toBe('abc科技');
    expect(await key('阿依古丽·买买提')).toBe(await key('阿依古丽・买买提'));
    expect(await key('阿依古丽•买买提')).toBe('阿依古丽买买提');
  });

  it('offer the same pieces as the sub-select definition search_grams() had before 0038 (the stored arrays stay valid)', async () => {
    for (const text of ['', 'a', 'ab', 'aaa', '王伟', '王王王', '上海连心物流集团有限公司', 'shlxwljtyxgs', 'abab']) {
      const [row] = await t.handle.query<{ now: string[]; before: string[] }>(`
        select array(select unnest(search_grams($1::text)) order by 1) as now,
               array(select distinct g from (
                 select substr($1, i, 1) as g from generate_series(1, length($1)) as i
                 union all
                 select substr($1, i, 2) from generate_series(1, length($1) - 1) as i) pieces order by 1) as before`, [text]);
      expect(row!.now, text).toEqual(row!.before);
      expect(new Set(row!.now).size, text).toBe(row!.now.length);
    }
  });
});

describe('enterprise names', () => {
  let group: Enterprise;
  beforeAll(async () => {
    const created = await request(t.app, gucun, 'POST', '/api/enterprises', enterpriseInput({ name: '上海连心物流（集团）有限公司' }));
    expect(created.statusCode, created.body).toBe(201);
    group = created.json<Enterprise>();
  });

  it('finds 上海连心物流（集团）有限公司 by either bracket width, with spaces, by 2 characters, 1 character and initials', async () => {
    for (const q of ['连心物流(集团)', '连心物流（集团）', '连心 物流', '物流', '团', 'lxwljt', 'lx']) {
      const page = await enterprisesMatching(q);
      expect(page.items.map((e) => e.id), q).toContain(group.id);
    }
  });

  it('answers only enterprises that contain the text', async () => {
    const page = await enterprisesMatching('物流');
    expect(page.total).toBeGreaterThan(0);
    for (const e of page.items) expect(await key(e.name)).toContain('物流');
    const none = await enterprisesMatching('连心物流（集团）无此公司');
    expect(none.total).toBe(0);
    expect((await enterprisesMatching('（）')).total).toBe(0);
  });

  it('answers a 1- or 2-character text from the index alone exactly as a full comparison of keys and initials, in name order either way', async () => {
    // l and x in its initials (shltxxyxgs) but never side by side: not an "lx" match
    const apart = await request(t.app, gucun, 'POST', '/api/enterprises', enterpriseInput({ name: '上海路通信息有限公司' }));
    expect(apart.statusCode, apart.body).toBe(201);
    const [scope] = await t.handle.query<{ path: string }>('select path::text as path from orgs where id = $1', [gucun.orgId]);
    for (const q of ['物流', 'lx', '科', 'x', 'wl', '连心物流']) {
      const k = await key(q);
      const direct = await t.handle.query<{ id: number }>(`
        select id from enterprises where org_path <@ $1::ltree and (strpos(search_key, $2) > 0 or strpos(name_initials, $2) > 0
           or ($3 and credit_code like upper($2) || '%'))
        `, [scope!.path, k, /^[0-9a-z]{2,18}$/i.test(q)]);
      for (const order of ['asc', 'desc'] as const) {
        const rows = await t.handle.query<{ id: number }>(`
          select id from enterprises where id = any($1::int[]) order by name ${order}, id ${order}`, [direct.map((r) => r.id)]);
        const page = async (n: number) => {
          const response = await request(t.app, gucun, 'GET', `/api/enterprises?q=${encodeURIComponent(q)}&sort=name&order=${order}&pageSize=20&page=${n}`);
          expect(response.statusCode, response.body).toBe(200);
          return response.json<EnterpriseListResponse>();
        };
        const [first, second] = [await page(1), await page(2)];
        expect(first.total, q).toBe(direct.length);
        expect(first.totalExact, q).toBe(true);
        expect([...first.items, ...second.items].map((e) => e.id), `${q} ${order}`)
          .toEqual(rows.map((r) => r.id).slice(0, 40));
      }
      if (q === 'lx') {
        expect(direct.map((r) => r.id)).not.toContain(apart.json<Enterprise>().id);
        expect(direct.length).toBeGreaterThan(0);
      }
    }
  });

  it('finds by credit-code prefix', async () => {
    const page = await enterprisesMatching(group.creditCode.slice(0, 12).toLowerCase());
    expect(page.items.map((e) => e.id)).toContain(group.id);
    expect((await enterprisesMatching(group.creditCode.slice(0, 2))).items.map((e) => e.id)).toContain(group.id);
  });

  it('reads a text as a credit-code prefix only in the code\'s shape (GB 32100: digits in positions 2–8)', () => {
    for (const q of ['91', '9131011', '913101137', ' 91310113ma1gk1234 ', 'A1', 'y1']) expect(looksLikeCreditCodePrefix(q), q).toBe(true);
    // pinyin initials, letters outside the alphabet (I O Z S V), a letter among the division's digits, too long
    for (const q of ['lx', 'shwl', 'wm', 'AB', '9S', '913101A', '9', '91310113MA1GK1234XX']) expect(looksLikeCreditCodePrefix(q), q).toBe(false);
  });

  it('finds it for an applicant choosing an employer', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/enterprises/lookup?q=${encodeURIComponent('连心物流(集团)')}` });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<{ items: { creditCode: string }[] }>().items.map((e) => e.creditCode)).toContain(group.creditCode);
  });

  it('warns before registering a near-duplicate (other bracket width, spaces, full-width) and saves once confirmed', async () => {
    for (const name of ['上海连心物流(集团)有限公司', '上海连心物流 (集团) 有限公司', '上海连心物流（集团）有限公司', '上海连心物流［集团］有限公司']) {
      const input = enterpriseInput({ name });
      const warned = await request(t.app, gucun, 'POST', '/api/enterprises', input);
      expect(warned.statusCode, name).toBe(409);
      const body = warned.json<{ code: string; message: string; fields: Record<string, string>; details: { nearDuplicates: NearDuplicate[] } }>();
      expect(body.code).toBe('conflict');
      expect(body.fields.name).toContain('上海连心物流（集团）有限公司');
      expect(body.details.nearDuplicates).toEqual([
        { id: group.id, name: '上海连心物流（集团）有限公司', creditCode: group.creditCode, regionCode: GUCUN },
      ]);
      const written = await t.handle.query('select 1 from enterprises where credit_code = $1', [input.creditCode]);
      expect(written).toHaveLength(0);
    }
    const en = await request(t.app, gucun, 'POST', '/api/enterprises', enterpriseInput({ name: '上海连心物流(集团)有限公司' }), { 'accept-language': 'en' });
    expect(en.json<{ message: string }>().message).toMatch(/^An enterprise with the same name/);

    const confirmed = await request(t.app, gucun, 'POST', '/api/enterprises', {
      ...enterpriseInput({ name: '上海连心物流(集团)有限公司' }), confirmNearDuplicate: true,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    const both = await enterprisesMatching('连心物流(集团)');
    expect(both.items.map((e) => e.name)).toEqual(expect.arrayContaining(['上海连心物流（集团）有限公司', '上海连心物流(集团)有限公司']));
  });

  it('does not warn for a name that only contains another', async () => {
    const created = await request(t.app, gucun, 'POST', '/api/enterprises', enterpriseInput({ name: '上海连心物流（集团）浦东分公司', creditCode: newCreditCode() }));
    expect(created.statusCode, created.body).toBe(201);
  });
});

describe("the README's search examples", () => {
  it('return enterprises in 顾村 (the demo-gucun account)', async () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const initials = /pinyin initials such as `([a-z]+)`/.exec(readme)?.[1];
    expect(initials).toBeDefined();
    const page = await enterprisesMatching(initials!);
    expect(page.total).toBeGreaterThan(0);
    for (const e of page.items) expect(nameInitials(e.name)).toContain(initials);
  });
});

describe('member and union names', () => {
  beforeAll(async () => {
    const [street] = await t.handle.query<{ id: number; path: string }>(
      `select id, path::text as path from orgs where kind = 'street_federation' and region_code = $1`, [GUCUN]);
    const names = ['阿依古丽·买买提', '欧阳晓明', '王小明'];
    await t.handle.db.transaction((tx) =>
      insertMembers(tx, t.app.keys, names.map((name, i) => {
        const body = `31011319900101${String(601 + i)}`;
        return {
          name, idNumber: body + idNumberCheckChar(body), phone: `1370000000${i}`, occupation: 'courier', category: 'standard',
          joinChannel: 'online', org: { id: street!.id, path: street!.path, regionCode: GUCUN }, enterpriseId: null, joinedOn: '2024-03-01',
        };
      })));
  });

  const membersMatching = async (q: string) => {
    const response = await request(t.app, gucun, 'GET', `/api/members?q=${encodeURIComponent(q)}&pageSize=50`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Paged<MemberListItem>>().items.map((m) => m.name);
  };

  it('finds a member by any way of writing the middle dot, by 1 or 2 characters and by pinyin initials', async () => {
    for (const q of ['阿依古丽・买买提', '阿依古丽•买买提', '阿依古丽买买提', '买买', '丽']) {
      expect(await membersMatching(q), q).toContain('阿依古丽·买买提');
    }
    expect(nameInitials('欧阳晓明')).toBe('oyxm');
    expect(await membersMatching('oyxm')).toEqual(['欧阳晓明']);
    expect(await membersMatching('xm')).toEqual(expect.arrayContaining(['欧阳晓明', '王小明']));
    expect(await membersMatching('小明')).toEqual(['王小明']);
  });

  it('finds unions by 2 characters and across bracket widths', async () => {
    const response = await request(t.app, gucun, 'GET', `/api/orgs/search?q=${encodeURIComponent('顾村')}`);
    expect(response.statusCode, response.body).toBe(200);
    const names = response.json<{ items: { name: string }[] }>().items.map((o) => o.name);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(await key(name)).toContain('顾村');
    const single = await request(t.app, gucun, 'GET', `/api/orgs/search?q=${encodeURIComponent('村')}`);
    expect(single.json<{ items: unknown[] }>().items.length).toBeGreaterThan(0);
  });
});
