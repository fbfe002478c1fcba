import { randomInt } from 'node:crypto';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar, idNumberCheckChar, type EnterpriseCreate } from '@lianxin/contracts';

/** A fresh valid credit code (the random part makes clashes with seeded codes vanishingly rare). */
export function newCreditCode(districtCode = '310113'): string {
  let body = `91${districtCode}`;
  while (body.length < 17) body += CREDIT_CODE_ALPHABET.charAt(randomInt(CREDIT_CODE_ALPHABET.length));
  return body + creditCodeCheckChar(body);
}

/** A valid code with its check character replaced by a wrong one. */
export function corruptCreditCode(code: string): string {
  const wrong = [...CREDIT_CODE_ALPHABET].find((c) => c !== code.charAt(17)) ?? '0';
  return code.slice(0, 17) + wrong;
}

export const GUCUN = '310113109';
export const NANJINGDONGLU = '310101002';

let enterpriseSerial = 0;

/** A valid new enterprise; each call a different name (a same-named one would get the near-duplicate warning). */
export function enterpriseInput(overrides: Partial<EnterpriseCreate> = {}): EnterpriseCreate {
  enterpriseSerial += 1;
  return {
    creditCode: newCreditCode(),
    name: `上海连心测试物流${enterpriseSerial}号有限公司`,
    ownership: 'private',
    dualReal: true,
    employeeCount: 120,
    industry: 'G',
    address: '宝山区顾村镇测试路1号',
    regionCode: GUCUN,
    registeredOn: '2020-03-01',
    openedOn: '2020-06-01',
    ...overrides,
  };
}

/** A fresh valid 身份证号 (Shanghai region, random birth date in the 1980s–90s and sequence). */
export function newIdNumber(region = '310113'): string {
  const year = 1980 + randomInt(20);
  const month = String(1 + randomInt(12)).padStart(2, '0');
  const day = String(1 + randomInt(28)).padStart(2, '0');
  const body = `${region}${year}${month}${day}${String(randomInt(1000)).padStart(3, '0')}`;
  return body + idNumberCheckChar(body);
}

export function newPhone(): string {
  return `139${String(randomInt(100_000_000)).padStart(8, '0')}`;
}
