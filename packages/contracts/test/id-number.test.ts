import { describe, expect, it } from 'vitest';
import {
  birthDateOf, cardNumberFor, idNumberCheckChar, idNumberProblem, idNumberSchema, isValidCardNumber, luhnCheckDigit, maskIdNumber, maskName,
} from '../src/index.ts';

const make = (first17: string) => first17 + idNumberCheckChar(first17);

describe('居民身份证号 (GB 11643)', () => {
  it('accepts the standard\'s example and computed codes, X included', () => {
    expect(idNumberProblem('11010519491231002X')).toBeNull(); // the example printed in GB 11643-1999
    expect(idNumberProblem(make('31011319900307123'))).toBeNull();
  });

  it('rejects a wrong check digit, every single-digit change included', () => {
    const good = make('31011319900307123');
    for (let position = 0; position < 17; position++) {
      for (const digit of '0123456789') {
        if (digit === good[position]) continue;
        const changed = good.slice(0, position) + digit + good.slice(position + 1);
        expect(idNumberProblem(changed), changed).not.toBeNull();
      }
    }
    expect(idNumberProblem(good.slice(0, 17) + (good.endsWith('0') ? '1' : '0'))).toBe('checksum');
  });

  it('rejects impossible or future birth dates', () => {
    expect(idNumberProblem(make('31011319900230123'))).toBe('birthDate');
    expect(idNumberProblem(make('31011319001301123'))).toBe('birthDate');
    expect(idNumberProblem(make('31011318991231123'))).toBe('birthDate');
    expect(idNumberProblem(make('31011320300101123'), '2026-11-21')).toBe('birthDate');
    expect(birthDateOf('31011320000229123X')).toBe('2000-02-29');
    expect(birthDateOf('31011319000229123X')).toBeNull();
  });

  it('rejects unknown region prefixes and bad formats', () => {
    expect(idNumberProblem(make('99011319900307123'))).toBe('region');
    expect(idNumberProblem('3101131990030712')).toBe('format');
    expect(idNumberProblem('3101131990030712Y3')).toBe('format');
  });

  it('schema upper-cases a trailing x and reports message keys', () => {
    expect(idNumberSchema.parse('11010519491231002x')).toBe('11010519491231002X');
    expect(idNumberSchema.safeParse('110105194912310021').error?.issues[0]?.message).toBe('idNumber.checksum');
  });

  it('masks', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳修文')).toBe('欧**文');
  });
});

describe('会员服务卡号', () => {
  it('uses a Luhn check digit that catches any single-digit error', () => {
    expect(luhnCheckDigit('7992739871')).toBe('3'); // the textbook Luhn example
    const card = cardNumberFor(42);
    expect(card).toMatch(/^3100\d{12}$/);
    expect(isValidCardNumber(card)).toBe(true);
    for (let position = 0; position < 16; position++) {
      for (const digit of '0123456789') {
        if (digit === card[position]) continue;
        expect(isValidCardNumber(card.slice(0, position) + digit + card.slice(position + 1))).toBe(false);
      }
    }
  });
});
