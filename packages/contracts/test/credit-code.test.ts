import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_ALPHABET, creditCodeCheckChar, creditCodeProblem, creditCodeSchema, isValidCreditCode,
} from '../src/index.ts';

// Published codes of well-known companies (Tencent, Alibaba, and two others) — an independent check of the weights.
const realCodes = ['9144030071526726XG', '91330100799655058B', '91310000607216596U', '91110000802100433B'];

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts published codes', () => {
    for (const code of realCodes) expect(creditCodeProblem(code)).toBeNull();
  });

  it('computes the check character that makes a code valid', () => {
    expect(creditCodeCheckChar('91440300715267260')).not.toBe('X');
    expect(creditCodeCheckChar('9144030071526726X')).toBe('G');
  });

  it('rejects every single-character corruption of a valid code', () => {
    let tried = 0;
    for (const code of realCodes) {
      for (let position = 0; position < 18; position++) {
        for (const replacement of CREDIT_CODE_ALPHABET + 'IOZSV a') {
          if (replacement === code[position]) continue;
          const corrupted = code.slice(0, position) + replacement + code.slice(position + 1);
          expect(isValidCreditCode(corrupted), corrupted).toBe(false);
          tried++;
        }
      }
    }
    expect(tried).toBe(4 * 18 * (31 - 1 + 7));
  });

  it('names what is wrong', () => {
    expect(creditCodeProblem('91440300')).toBe('length');
    expect(creditCodeProblem('9144030071526726XI')).toBe('charset');
    expect(creditCodeProblem('9144030071526726XH')).toBe('checksum');
  });

  it('refuses a letter in characters 2–8 (机构类别 and division code) even with a matching check character', () => {
    // 'A' in place of the division code's first digit, with the check character recomputed so only the shape is wrong
    const first17 = `9A${'44030071526726X'}`;
    const code = first17 + creditCodeCheckChar(first17);
    expect(creditCodeProblem(code)).toBe('structure');
    expect(creditCodeSchema.safeParse(code).error?.issues[0]?.message).toBe('creditCode.structure');
    const divisionLetter = `914403A071526726X`;
    expect(creditCodeProblem(divisionLetter + creditCodeCheckChar(divisionLetter))).toBe('structure');
  });

  it('schema upper-cases and trims before checking, and reports a message key', () => {
    expect(creditCodeSchema.parse(' 9144030071526726xg ')).toBe('9144030071526726XG');
    const result = creditCodeSchema.safeParse('9144030071526726XH');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('creditCode.checksum');
  });
});
