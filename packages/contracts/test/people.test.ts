import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addDays, birthdayAt, chinaMobileSchema, idNumberCheckChar, idNumberProblem, idNumberSchema, joinDateProblem, joiningIdNumberSchema,
  memberListQuerySchema, normalizeIdNumber, normalizePersonName, normalizePhone, personNameProblem, personNameSchema, shanghaiDate,
} from '../src/index.ts';

const id = (first17: string) => first17 + idNumberCheckChar(first17);

describe('phones as people write them', () => {
  it.each([
    '13912345678', '+86 139 1234 5678', '+8613912345678', '0086 139 1234 5678', '86 13912345678', '139-1234-5678', '139 1234 5678',
    '１３９１２３４５６７８', '＋８６ １３９－１２３４－５６７８', '(+86) 139.1234.5678', ' 139\u200b1234\u00a05678 ', '139–1234–5678',
  ])('%s → 13912345678', (written) => {
    expect(normalizePhone(written)).toBe('13912345678');
    expect(chinaMobileSchema.parse(written)).toBe('13912345678');
  });
  it('still refuses what is no mobile number', () => {
    for (const bad of ['+1 139 1234 5678', '1391234567', '12345678901', '+86 021 5555 1234', '']) {
      expect(chinaMobileSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe('ID numbers as people write them', () => {
  const valid = id('31010819750612600');
  it('spaces, full-width digits, a small x and hyphens are normalised', () => {
    const withX = id('11010519491231002'); // ends in X
    expect(withX.endsWith('X')).toBe(true);
    expect(normalizeIdNumber(`${valid.slice(0, 6)} ${valid.slice(6, 14)} ${valid.slice(14)}`)).toBe(valid);
    expect(idNumberSchema.parse(valid.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))))).toBe(valid);
    expect(idNumberSchema.parse(withX.toLowerCase().replace('x', 'ｘ'))).toBe(withX);
    expect(idNumberSchema.parse(`${valid.slice(0, 6)}-${valid.slice(6)}`)).toBe(valid);
  });
  it('港澳台居民居住证 numbers (810000, 820000, 830000) are valid', () => {
    for (const prefix of ['810000', '820000', '830000']) {
      const permit = id(`${prefix}19900101002`);
      expect(idNumberProblem(permit), prefix).toBeNull();
      expect(idNumberSchema.safeParse(permit).success).toBe(true);
    }
    expect(idNumberProblem(id('84000019900101002'))).toBe('region');
  });
  it('refuses someone under 16 as a joiner today, admits them from their 16th birthday', () => {
    const today = shanghaiDate();
    const sixteenToday = `${Number(today.slice(0, 4)) - 16}${today.slice(5, 7)}${today.slice(8, 10)}`;
    const tomorrow = addDays(today, 1);
    const sixteenTomorrow = `${Number(tomorrow.slice(0, 4)) - 16}${tomorrow.slice(5, 7)}${tomorrow.slice(8, 10)}`;
    expect(joiningIdNumberSchema.safeParse(id(`310113${sixteenToday}001`)).success).toBe(true);
    // (a 29 February birthday is 1 March in other years; the check uses the same rule)
    const young = joiningIdNumberSchema.safeParse(id(`310113${sixteenTomorrow}001`));
    if (sixteenTomorrow.slice(4) !== '0229') expect(young.error?.issues[0]?.message).toBe('person.tooYoung');
  });
});

describe('names', () => {
  it('every middle-dot variant becomes ·, with no spaces around it', () => {
    for (const dot of ['·', '•', '・', '.', '．', '‧', '∙', '⋅', '･', ' · ']) {
      expect(normalizePersonName(`阿依古丽${dot}买买提`), JSON.stringify(dot)).toBe('阿依古丽·买买提');
    }
    // the member search normalises the same way
    expect(memberListQuerySchema.parse({ q: '古丽•买' }).q).toBe('古丽·买');
  });
  it('zero-width and direction characters vanish, white space folds, full-width letters fold', () => {
    expect(normalizePersonName('张\u200b三\u200d')).toBe('张三');
    expect(normalizePersonName('\ufeff王\u00a0\u3000五 ')).toBe('王 五');
    expect(normalizePersonName('Ｍａｒｙ　Ｊａｎｅ')).toBe('Mary Jane');
    expect(personNameSchema.parse('\u202e李四')).toBe('李四');
  });
  it('control characters and broken text are refused, not dropped', () => {
    expect(personNameProblem(normalizePersonName('张\u0000三'))).toBe('control');
    expect(personNameProblem(normalizePersonName('张\u0007三'))).toBe('control');
    expect(personNameProblem('张\ud800三')).toBe('control');
    expect(personNameSchema.safeParse('张\u0000三').error?.issues[0]?.message).toBe('person.nameControl');
  });
  it('a name needs letters', () => {
    for (const bad of ['123', '··', '--', '张三123', '张三!', '·张三', '张三·', '"欧阳"修']) {
      expect(personNameProblem(normalizePersonName(bad)), bad).not.toBeNull();
    }
    for (const good of ['张三', '欧阳修文', '阿依古丽·买买提', "O'Brien", 'Mary-Jane Smith', 'Nguyễn Văn An']) {
      expect(personNameProblem(normalizePersonName(good)), good).toBeNull();
    }
    expect(personNameProblem('张')).toBe('length');
    expect(personNameProblem('张'.repeat(31))).toBe('length');
  });
});

describe('plausible joining dates', () => {
  const person = id('31011320100615001'); // born 2010-06-15
  it('a member is at least 16 on the joining date, which is not in the future', () => {
    expect(birthdayAt('2010-06-15', 16)).toBe('2026-06-15');
    expect(birthdayAt('2008-02-29', 16)).toBe('2024-02-29');
    expect(birthdayAt('2008-02-29', 17)).toBe('2025-03-01');
    expect(joinDateProblem('2026-06-14', person, '2026-12-01')).toBe('tooYoung');
    expect(joinDateProblem('2026-06-15', person, '2026-12-01')).toBeNull();
    expect(joinDateProblem('2026-12-02', person, '2026-12-01')).toBe('future');
  });
});

describe('Shanghai dates', () => {
  it('"today" is the Shanghai day: 00:30 on 1 December in Shanghai is still 30 November in UTC', () => {
    expect(shanghaiDate(new Date('2026-12-01T00:30:00+08:00'))).toBe('2026-12-01');
    expect(shanghaiDate(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11-30');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('no source takes a UTC date for a day or asks SQL for its current date (only contracts/dates.ts converts)', () => {
    const root = join(import.meta.dirname, '../../..');
    const offenders: string[] = [];
    const pattern = /toISOString\(\)\s*\.\s*(?:slice|substring|substr)\(\s*0\s*,\s*10\s*\)|toISOString\(\)\s*\.\s*split\(\s*'T'\s*\)|\bcurrent_date\b|\bnow\(\)::date\b/i;
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        if (entry === 'node_modules' || entry === 'dist' || entry === 'migrations') continue;
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(ts|tsx)$/.test(entry) && !path.endsWith(join('contracts', 'src', 'dates.ts')) && !path.endsWith('people.test.ts')) {
          const text = readFileSync(path, 'utf8');
          if (pattern.test(text)) offenders.push(path.slice(root.length + 1));
        }
      }
    };
    for (const dir of ['apps/api/src', 'apps/api/test', 'apps/web/src', 'packages/contracts/src', 'packages/db/src', 'packages/db/test', 'bench', 'e2e']) {
      walk(join(root, dir));
    }
    expect(offenders).toEqual([]);
  });
});
