import { createHash } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { verify } from '@node-rs/argon2';
import { isValidCreditCode, isMultiEnterpriseKind, orgKinds, shanghaiDate, type OrgKind } from '@lianxin/contracts';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { migrateDatabase, openDatabase, type DatabaseHandle } from '../src/client.ts';
import { enterprises, orgCoverage, orgs, users } from '../src/schema/index.ts';
import { nameInitials } from '../src/pinyin.ts';
import { streetCentres } from '../src/reference/street-centres.ts';
import { generateSeedData, seedDatabase, type SeedResult } from '../src/seed/index.ts';

const PASSWORD = 'demo-pass-2017';
const NON_PUBLIC = `('private', 'individual', 'foreign', 'hk_mo_tw', 'mixed')`;
const MULTI_KINDS = `(${orgKinds.filter((k) => isMultiEnterpriseKind(k)).map((k) => `'${k}'`).join(', ')})`;

let handle: DatabaseHandle;
let result: SeedResult;

async function one<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T> {
  const rows = await handle.query<T>(sql, params);
  return rows[0] as T;
}
async function count(sql: string, params?: unknown[]): Promise<number> {
  return (await one<{ n: number }>(`SELECT (${sql})::int AS n`, params)).n;
}

async function freshSeed(): Promise<{ h: DatabaseHandle; r: SeedResult }> {
  const h = await openDatabase();
  await migrateDatabase(h);
  const r = await seedDatabase(h, { scale: 'demo', demoPassword: PASSWORD });
  return { h, r };
}

async function fingerprint(h: DatabaseHandle): Promise<string> {
  const [row] = await h.query<{ codes: string; orgs: string; cov: string }>(
    `SELECT (SELECT string_agg(credit_code || name || org_id || employee_count, ',' ORDER BY id) FROM enterprises) AS codes,
            (SELECT string_agg(path::text || name, ',' ORDER BY id) FROM orgs) AS orgs,
            (SELECT string_agg(org_id || ':' || enterprise_id, ',' ORDER BY org_id, enterprise_id) FROM org_coverage) AS cov`,
  );
  return createHash('sha256').update(`${row?.codes}|${row?.orgs}|${row?.cov}`).digest('hex');
}

beforeAll(async () => {
  const seeded = await freshSeed();
  handle = seeded.h;
  result = seeded.r;
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

describe('seedDatabase (demo scale on PGlite)', () => {
  it('reports what it wrote', async () => {
    expect(result.counts.orgs).toBe(await count('SELECT count(*) FROM orgs'));
    expect(result.counts.enterprises).toBe(await count('SELECT count(*) FROM enterprises'));
    expect(result.counts.users).toBe(await count('SELECT count(*) FROM users'));
    expect(result.counts.enterprises).toBeGreaterThan(15_000);
    expect(result.counts.enterprises).toBeLessThan(25_000);
  });

  it('refuses a database that already has organisations', async () => {
    await expect(seedDatabase(handle, { scale: 'demo', demoPassword: PASSWORD })).rejects.toThrow(/not empty/);
  });

  it('builds the territorial unions: one city, 16 districts, one per street/town', async () => {
    const city = await handle.query<{ id: number; name: string; region_code: string; parent_id: number | null; path: string }>(
      `SELECT id, name, region_code, parent_id, path::text FROM orgs WHERE kind = 'city_federation'`,
    );
    expect(city).toEqual([{ id: 1, name: '上海市总工会', region_code: '310000', parent_id: null, path: '1' }]);
    expect(await count(`SELECT count(*) FROM orgs WHERE parent_id IS NULL`)).toBe(1);
    expect(await count(`SELECT count(*) FROM orgs WHERE kind = 'district_federation'`)).toBe(16);
    // every street/town region has exactly one street union, whose parent is its district's union
    expect(await count(`SELECT count(*) FROM regions WHERE level = 'street'`)).toBe(234);
    expect(
      await count(`SELECT count(*) FROM regions r JOIN orgs o ON o.region_code = r.code AND o.kind = 'street_federation'
                   JOIN orgs p ON p.id = o.parent_id AND p.kind = 'district_federation' AND p.region_code = r.parent_code
                   WHERE r.level = 'street'`),
    ).toBe(234);
    expect(await count(`SELECT count(*) FROM orgs WHERE kind = 'street_federation'`)).toBe(234);
    const names = await handle.query<{ region_code: string; name: string }>(
      `SELECT region_code, name FROM orgs WHERE kind IN ('district_federation', 'street_federation')
       AND region_code IN ('310113', '310113109', '310101002', '310117501') ORDER BY region_code`,
    );
    expect(names).toEqual([
      { region_code: '310101002', name: '黄浦区南京东路街道总工会' },
      { region_code: '310113', name: '宝山区总工会' },
      { region_code: '310113109', name: '宝山区顾村镇总工会' },
      { region_code: '310117501', name: '松江经开区总工会' },
    ]);
  });

  it('keeps every path equal to the parent path plus the own id', async () => {
    expect(
      await count(`SELECT count(*) FROM orgs c LEFT JOIN orgs p ON p.id = c.parent_id
                   WHERE c.path IS DISTINCT FROM (CASE WHEN c.parent_id IS NULL THEN c.id::text::ltree ELSE p.path || c.id::text END)`),
    ).toBe(0);
  });

  it('places federations and enterprise unions in real streets, under the right kinds of parents', async () => {
    // enterprise and branch unions sit in a street; so do street-level federations
    expect(
      await count(`SELECT count(*) FROM orgs o JOIN regions r ON r.code = o.region_code
                   WHERE o.kind IN ('enterprise_union', 'branch_union', 'street_federation') AND r.level <> 'street'`),
    ).toBe(0);
    // a federation's region is its street (or its district for a district-level one) and matches its parent's
    expect(
      await count(`SELECT count(*) FROM orgs o JOIN orgs p ON p.id = o.parent_id
                   WHERE o.kind IN ${MULTI_KINDS} AND o.region_code <> p.region_code`),
    ).toBe(0);
    const parents = await handle.query<{ kind: OrgKind; parent_kind: OrgKind }>(
      `SELECT DISTINCT o.kind, p.kind AS parent_kind FROM orgs o JOIN orgs p ON p.id = o.parent_id`,
    );
    const allowed: Record<string, readonly string[]> = {
      district_federation: ['city_federation'],
      street_federation: ['district_federation'],
      industry_union: ['city_federation', 'district_federation'],
      enterprise_union: ['street_federation', 'industry_union', ...orgKinds.filter((k) => isMultiEnterpriseKind(k))],
      branch_union: ['enterprise_union'],
    };
    for (const { kind, parent_kind } of parents) {
      const expected = allowed[kind] ?? ['street_federation', 'district_federation'];
      expect(expected, `${kind} under ${parent_kind}`).toContain(parent_kind);
    }
    // all the "小二级" kinds appear, plus branch and industry unions
    const kinds = new Set((await handle.query<{ kind: string }>('SELECT DISTINCT kind FROM orgs')).map((r) => r.kind));
    expect([...kinds].sort()).toEqual([...orgKinds].sort());
  });

  it('keeps enterprises, their responsible union and org_coverage consistent', async () => {
    // org_path copies the responsible union's path
    expect(await count(`SELECT count(*) FROM enterprises e JOIN orgs o ON o.id = e.org_id WHERE e.org_path <> o.path`)).toBe(0);
    // at most one coverage row per enterprise
    expect(await count(`SELECT count(*) FROM (SELECT enterprise_id FROM org_coverage GROUP BY 1 HAVING count(*) > 1) x`)).toBe(0);
    // own: covered by its own enterprise union, which covers exactly this one enterprise
    expect(
      await count(`SELECT count(*) FROM enterprises e
                   LEFT JOIN org_coverage c ON c.enterprise_id = e.id
                   LEFT JOIN orgs o ON o.id = c.org_id
                   WHERE e.union_status = 'own' AND (c.org_id IS DISTINCT FROM e.org_id OR o.kind <> 'enterprise_union')`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) FROM orgs o WHERE o.kind = 'enterprise_union'
                   AND (SELECT count(*) FROM org_coverage c WHERE c.org_id = o.id) <> 1`),
    ).toBe(0);
    // covered: by a federation / joint union, which is its org
    expect(
      await count(`SELECT count(*) FROM enterprises e
                   LEFT JOIN org_coverage c ON c.enterprise_id = e.id
                   LEFT JOIN orgs o ON o.id = c.org_id
                   WHERE e.union_status = 'covered' AND (c.org_id IS DISTINCT FROM e.org_id OR o.kind NOT IN ${MULTI_KINDS})`),
    ).toBe(0);
    // none: no coverage; the territorial union of its street is responsible
    expect(
      await count(`SELECT count(*) FROM enterprises e JOIN orgs o ON o.id = e.org_id
                   WHERE e.union_status = 'none' AND (o.kind <> 'street_federation' OR o.region_code <> e.region_code
                     OR EXISTS (SELECT 1 FROM org_coverage c WHERE c.enterprise_id = e.id))`),
    ).toBe(0);
    // only unions that cover enterprises appear in org_coverage
    expect(
      await count(`SELECT count(*) FROM org_coverage c JOIN orgs o ON o.id = c.org_id
                   WHERE o.kind NOT IN ${MULTI_KINDS} AND o.kind <> 'enterprise_union'`),
    ).toBe(0);
    // federations cover several enterprises
    const fed = await one<{ total: number; several: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE n >= 2)::int AS several
       FROM (SELECT o.id, count(c.enterprise_id) AS n FROM orgs o LEFT JOIN org_coverage c ON c.org_id = o.id
             WHERE o.kind IN ${MULTI_KINDS} GROUP BY o.id) x`,
    );
    expect(fed.several / fed.total).toBeGreaterThan(0.9);
    // an enterprise lives in a street
    expect(await count(`SELECT count(*) FROM enterprises e JOIN regions r ON r.code = e.region_code WHERE r.level <> 'street'`)).toBe(0);
  });

  it('writes valid, unique credit codes and the initials of every name', async () => {
    const rows = await handle.query<{ credit_code: string; name: string; name_initials: string }>(
      'SELECT credit_code, name, name_initials FROM enterprises',
    );
    const invalid = rows.filter((r) => !isValidCreditCode(r.credit_code));
    expect(invalid).toEqual([]);
    expect(new Set(rows.map((r) => r.credit_code)).size).toBe(rows.length);
    const wrong = rows.filter((r) => nameInitials(r.name) !== r.name_initials).slice(0, 5);
    expect(wrong).toEqual([]);
    // the credit code carries the enterprise's district
    expect(await count(`SELECT count(*) FROM enterprises WHERE substr(credit_code, 3, 6) <> substr(region_code, 1, 6)`)).toBe(0);
  });

  it('has plausible enterprise attributes', async () => {
    const s = await one<Record<string, number>>(
      `SELECT avg((ownership = 'private')::int)::float8 AS private, avg((ownership IN ${NON_PUBLIC})::int)::float8 AS non_public,
              avg(dual_real::int)::float8 AS dual_real, avg((employee_count < 25)::int)::float8 AS small,
              max(employee_count) AS max_employees, count(*) FILTER (WHERE opened_on < registered_on)::int AS opened_early,
              count(*) FILTER (WHERE registered_on > DATE '2026-11-01' - 365)::int AS recent,
              count(*) FILTER (WHERE latitude NOT BETWEEN 30.6 AND 31.9 OR longitude NOT BETWEEN 120.8 AND 122.2)::int AS outside,
              count(*) FILTER (WHERE address !~ '^.+(街道|镇|区|乡|农场|林场|园区).+[0-9]+(号|弄)')::int AS no_number
       FROM enterprises`,
    );
    expect(s.private).toBeGreaterThan(0.65);
    expect(s.private).toBeLessThan(0.85);
    expect(s.non_public).toBeGreaterThan(0.95);
    expect(s.dual_real).toBeGreaterThan(0.5);
    expect(s.small).toBeGreaterThan(0.5);
    expect(s.max_employees).toBeGreaterThanOrEqual(1000);
    expect(s.opened_early).toBe(0);
    expect(s.recent).toBeGreaterThan(100);
    expect(s.outside).toBe(0);
    expect(s.no_number).toBe(0);
    const top = (await handle.query<{ industry: string }>(
      'SELECT industry FROM enterprises GROUP BY industry ORDER BY count(*) DESC LIMIT 8',
    )).map((r) => r.industry);
    for (const section of ['C', 'F', 'G', 'H', 'I', 'L', 'M']) expect(top).toContain(section);
  });

  it('places every enterprise around its own street\'s real centre, nearer to it than to any other street\'s', async () => {
    const rows = await handle.query<{ region_code: string; latitude: number; longitude: number }>(
      'SELECT region_code, latitude, longitude FROM enterprises WHERE latitude IS NOT NULL');
    expect(rows.length).toBeGreaterThan(10_000);
    const centres = Object.entries(streetCentres);
    const km = (lat: number, lon: number, [cLat, cLon]: readonly [number, number]) =>
      Math.hypot((lat - cLat) * 111.2, (lon - cLon) * 111.2 * Math.cos((cLat * Math.PI) / 180));
    const misplaced = rows.filter((r) => {
      const own = km(r.latitude, r.longitude, streetCentres[r.region_code]!);
      return own > 4.01 || centres.some(([code, c]) => code !== r.region_code && km(r.latitude, r.longitude, c) < own);
    });
    expect(misplaced.slice(0, 5)).toEqual([]);
    // 顾村's enterprises around 顾村 (31.35, 121.38), not 杨行's 121.43
    const gucun = rows.filter((r) => r.region_code === '310113109');
    expect(gucun.every((r) => r.longitude < 121.41)).toBe(true);
  });

  it('reproduces 松江经开区: 1243 non-public enterprises, 778 双实, 155,200 employees', async () => {
    const s = await one<{ n: number; dual: number; employees: number; all: number }>(
      `SELECT count(*) FILTER (WHERE ownership IN ${NON_PUBLIC})::int AS n,
              count(*) FILTER (WHERE ownership IN ${NON_PUBLIC} AND dual_real)::int AS dual,
              (sum(employee_count) FILTER (WHERE ownership IN ${NON_PUBLIC}))::int AS employees, count(*)::int AS all
       FROM enterprises WHERE region_code = '310117501'`,
    );
    expect(s).toEqual({ n: 1243, dual: 778, employees: 155_200, all: 1243 });
    const park = await one<{ kind: string; parent: string }>(
      `SELECT o.kind, p.name AS parent FROM orgs o JOIN orgs p ON p.id = o.parent_id WHERE o.name = '上海临港松江科技城园区工会联合会'`,
    );
    expect(park).toEqual({ kind: 'park_federation', parent: '松江经开区总工会' });
  });

  it('reproduces 欧阳路: five grid federations of about 150 enterprises, coverage ≈ 93 %', async () => {
    const grids = await handle.query<{ name: string; n: number }>(
      `SELECT o.name, (SELECT count(*) FROM org_coverage c WHERE c.org_id = o.id)::int AS n
       FROM orgs o JOIN orgs p ON p.id = o.parent_id
       WHERE o.kind = 'grid_federation' AND p.name = '虹口区欧阳路街道总工会' ORDER BY o.id`,
    );
    expect(grids.map((g) => g.name)).toEqual(
      ['一', '二', '三', '四', '五'].map((n) => `虹口区欧阳路街道第${n}网格工会联合会`),
    );
    for (const g of grids) expect(Math.abs(g.n - 150)).toBeLessThanOrEqual(15);
    const coverage = await one<{ rate: number }>(
      `SELECT avg((union_status <> 'none')::int)::float8 AS rate FROM enterprises WHERE region_code = '310109009'`,
    );
    expect(coverage.rate).toBeGreaterThan(0.92);
    expect(coverage.rate).toBeLessThan(0.95);
  });

  it('reproduces 顾村: several federations and ≥ 90 % coverage of 双实 non-public enterprises with ≥ 25 employees open ≥ 1 year', async () => {
    const kinds = (await handle.query<{ kind: string }>(
      `SELECT DISTINCT o.kind FROM orgs o JOIN orgs p ON p.id = o.parent_id WHERE p.name = '宝山区顾村镇总工会'`,
    )).map((r) => r.kind);
    for (const kind of ['regional_federation', 'street_front_federation', 'industry_federation', 'enterprise_union']) {
      expect(kinds).toContain(kind);
    }
    const where = `region_code = '310113109' AND ownership IN ${NON_PUBLIC} AND dual_real AND employee_count >= 25`;
    const now = await one<{ n: number; rate: number }>(
      `SELECT count(*)::int AS n, avg((union_status <> 'none')::int)::float8 AS rate FROM enterprises
       WHERE ${where} AND opened_on <= $1::date - interval '1 year'`,
      [shanghaiDate()],
    );
    expect(now.n).toBeGreaterThan(200);
    expect(now.rate).toBeGreaterThanOrEqual(0.9);
    const all = await one<{ rate: number }>(`SELECT avg((union_status <> 'none')::int)::float8 AS rate FROM enterprises WHERE ${where}`);
    expect(all.rate).toBeGreaterThanOrEqual(0.9);
  });

  it('reproduces 宝山区: 8000+ 双实 non-public enterprises with about 360,000 employees', async () => {
    const s = await one<{ n: number; employees: number }>(
      `SELECT count(*)::int AS n, sum(employee_count)::int AS employees FROM enterprises
       WHERE region_code LIKE '310113%' AND dual_real AND ownership IN ${NON_PUBLIC}`,
    );
    expect(s.n).toBeGreaterThanOrEqual(8000);
    expect(s.employees).toBeGreaterThanOrEqual(350_000);
    expect(s.employees).toBeLessThanOrEqual(380_000);
  });

  it('contains the units named in the sources', async () => {
    const expected: [name: string, kind: OrgKind, sector: string | null, parent: string][] = [
      ['宝山区杨行镇物流货运行业工会联合会', 'industry_federation', '物流货运', '宝山区杨行镇总工会'],
      ['静安区石门二路街道物业行业工会联合会', 'industry_federation', '物业', '静安区石门二路街道总工会'],
      ['普陀区网约送餐员行业工会联合会', 'industry_federation', '网约送餐员', '普陀区总工会'],
      ['长宁区家政行业工会联合会', 'industry_federation', '家政', '长宁区总工会'],
      ['青浦区快递物流行业工会联合会', 'industry_federation', '快递物流', '青浦区总工会'],
      ['尚街Loft品牌园区(中区)联合工会', 'joint_union', null, '徐汇区天平路街道总工会'],
      ['上海临港松江科技城园区工会联合会', 'park_federation', null, '松江经开区总工会'],
    ];
    for (const [name, kind, sector, parent] of expected) {
      const row = await one<{ kind: string; sector: string | null; parent: string } | undefined>(
        `SELECT o.kind, o.sector, p.name AS parent FROM orgs o JOIN orgs p ON p.id = o.parent_id WHERE o.name = $1`,
        [name],
      );
      expect(row, name).toEqual({ kind, sector, parent });
    }
    expect(await count(`SELECT count(*) FROM org_coverage c JOIN orgs o ON o.id = c.org_id WHERE o.name = '尚街Loft品牌园区(中区)联合工会'`)).toBe(30);
    expect(await count(`SELECT count(*) FROM orgs o JOIN orgs p ON p.id = o.parent_id
                        WHERE o.kind = 'building_federation' AND p.name = '黄浦区南京东路街道总工会' AND o.name LIKE '%楼宇工会联合会'`)).toBeGreaterThanOrEqual(3);
    // industry federations route by sector; the district-level ones cover enterprises of several streets
    expect(await count(`SELECT count(*) FROM orgs WHERE kind = 'industry_federation' AND sector IS NULL`)).toBe(0);
    expect(await count(`SELECT count(DISTINCT e.region_code) FROM enterprises e JOIN orgs o ON o.id = e.org_id WHERE o.name = '普陀区网约送餐员行业工会联合会'`)).toBeGreaterThan(1);
    expect(await count(`SELECT count(*) FROM orgs WHERE kind = 'industry_union'`)).toBeGreaterThanOrEqual(2);
  });

  it('creates the demo logins with argon2id hashes of the demo password', async () => {
    const expected: [string, string, string][] = [
      ['demo-city', 'city_staff', '上海市总工会'],
      ['demo-baoshan', 'district_staff', '宝山区总工会'],
      ['demo-gucun', 'street_staff', '宝山区顾村镇总工会'],
      ['demo-nanjingdonglu', 'street_staff', '黄浦区南京东路街道总工会'],
      ['demo-yanghang-sw', 'social_worker', '宝山区杨行镇物流货运行业工会联合会'],
      ['demo-gucun-sw', 'social_worker', '宝山区顾村镇菊泉区域工会联合会'],
      ['demo-chair', 'enterprise_chair', '上海宝顾精密机械有限公司工会'],
      ['demo-assessor', 'assessor', '宝山区总工会'],
      ['demo-member', 'member', '上海宝顾精密机械有限公司工会'],
    ];
    expect(result.logins.map((l) => [l.username, l.role, l.orgName])).toEqual(expected);
    const rows = await handle.query<{ username: string; role: string; org: string; password_hash: string; disabled: boolean }>(
      `SELECT u.username, u.role, o.name AS org, u.password_hash, u.disabled FROM users u JOIN orgs o ON o.id = u.org_id
       WHERE u.username LIKE 'demo-%' ORDER BY u.id`,
    );
    expect(rows.map((r) => [r.username, r.role, r.org])).toEqual(expected);
    expect(rows.every((r) => !r.disabled && r.password_hash.startsWith('$argon2id$'))).toBe(true);
    expect(await verify(rows[0]?.password_hash ?? '', PASSWORD)).toBe(true);
    expect(await verify(rows[0]?.password_hash ?? '', 'wrong')).toBe(false);
    // the social worker of 顾村 sits in a regional federation under 顾村; the chair's union is in 顾村
    const sw = await one<{ kind: string; parent: string }>(
      `SELECT o.kind, p.name AS parent FROM users u JOIN orgs o ON o.id = u.org_id JOIN orgs p ON p.id = o.parent_id WHERE u.username = 'demo-gucun-sw'`,
    );
    expect(sw).toEqual({ kind: 'regional_federation', parent: '宝山区顾村镇总工会' });
    const chair = await one<{ kind: string; region_code: string; status: string }>(
      `SELECT o.kind, o.region_code, e.union_status AS status FROM users u JOIN orgs o ON o.id = u.org_id
       JOIN enterprises e ON e.org_id = o.id WHERE u.username = 'demo-chair'`,
    );
    expect(chair).toEqual({ kind: 'enterprise_union', region_code: '310113109', status: 'own' });
  });

  it('leaves every foreign key and index of the schema in place after the bulk load', async () => {
    for (const table of [enterprises, orgCoverage, orgs, users]) {
      const config = getTableConfig(table);
      const fks = (await handle.query<{ name: string }>(
        `SELECT conname AS name FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'`, [config.name],
      )).map((r) => r.name);
      expect(fks.sort(), config.name).toEqual(config.foreignKeys.map((fk) => fk.getName()).sort());
      const indexes = (await handle.query<{ name: string }>(
        `SELECT indexname AS name FROM pg_indexes WHERE tablename = $1`, [config.name],
      )).map((r) => r.name);
      for (const index of config.indexes) expect(indexes, config.name).toContain(index.config.name);
    }
  });

  it('moves the identity sequences past the explicit ids', async () => {
    for (const table of ['orgs', 'enterprises', 'users']) {
      const s = await one<{ next: number; max: number }>(
        `SELECT nextval(pg_get_serial_sequence('${table}', 'id'))::int AS next, (SELECT max(id) FROM ${table})::int AS max`,
      );
      expect(s.next, table).toBeGreaterThan(s.max);
    }
  });

  it('is deterministic: a second seed writes the same rows', async () => {
    const second = await freshSeed();
    try {
      expect(await fingerprint(second.h)).toBe(await fingerprint(handle));
      expect(second.r.counts).toEqual(result.counts);
    } finally {
      await second.h.close();
    }
  }, 120_000);
});

describe('generateSeedData (city scale, without a database)', () => {
  it('builds about 500,000 enterprises, 40–60 % covered, with federations in proportion', () => {
    const data = generateSeedData({ scale: 'city' });
    const e = data.enterprises;
    expect(e.id.length).toBeGreaterThan(480_000);
    expect(e.id.length).toBeLessThan(520_000);
    let covered = 0;
    for (const s of e.unionStatus) if (s !== 'none') covered++;
    expect(covered / e.id.length).toBeGreaterThan(0.4);
    expect(covered / e.id.length).toBeLessThan(0.6);
    let federations = 0;
    for (const k of data.orgs.kind) if (isMultiEnterpriseKind(k)) federations++;
    expect(federations).toBeGreaterThan(1000);
    // the named figures hold at every scale
    let zone = 0;
    let zoneDual = 0;
    let zoneEmployees = 0;
    for (let i = 0; i < e.id.length; i++) {
      if (e.regionCode[i] !== '310117501') continue;
      zone++;
      if (e.dualReal[i]) zoneDual++;
      zoneEmployees += e.employeeCount[i] as number;
    }
    expect([zone, zoneDual, zoneEmployees]).toEqual([1243, 778, 155_200]);
    expect(new Set(e.creditCode).size).toBe(e.id.length);
  }, 60_000);
});
