/**
 * 居民身份证号 (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence, check character from
 * ISO 7064 MOD 11-2 over the first 17 digits.
 */
import { shanghaiDate } from './dates.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
/** GB/T 2260 province-level codes (first two digits). */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45',
  '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71',
  // 港澳台居民居住证 (2018): 810000 Hong Kong, 820000 Macao, 830000 Taiwan residents, checked like ID numbers
  '81', '82', '83',
]);

export type IdNumberProblem = 'format' | 'region' | 'birthDate' | 'checksum';

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  return CHECK.charAt(sum % 11);
}

/** The birth date (YYYY-MM-DD) inside an ID number, or null when it is not a real date. */
export function birthDateOf(id: string): string | null {
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

let cachedDay = '';
let cachedUntil = 0;
/** Today in Shanghai, formatted once a second at most: a roster import checks 200,000 IDs in a row. */
function todayCached(): string {
  const now = Date.now();
  if (now >= cachedUntil) {
    cachedDay = shanghaiDate(new Date(now));
    cachedUntil = now + 1000;
  }
  return cachedDay;
}

/** What is wrong with an ID number, or null. `today` (YYYY-MM-DD) bounds the birth date. */
export function idNumberProblem(id: string, today?: string): IdNumberProblem | null {
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  if (!PROVINCES.has(id.slice(0, 2))) return 'region';
  const birth = birthDateOf(id);
  if (!birth || birth < '1900-01-01' || birth > (today ?? todayCached())) return 'birthDate';
  return idNumberCheckChar(id.slice(0, 17)) === id.charAt(17) ? null : 'checksum';
}

/** 310***********123X style: region prefix and the last four kept. */
export function maskIdNumber(id: string): string {
  return id.length === 18 ? `${id.slice(0, 3)}***********${id.slice(14)}` : '******';
}

/** Keeps the family name: 张三 → 张*, 欧阳修文 → 欧**文. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** 宝山区顾村镇总工会 → 宝山*****工会: enough for a person to recognise their union, not to look anyone up. */
export function maskOrgName(name: string): string {
  const chars = [...name];
  if (chars.length <= 2) return `${chars[0] ?? ''}*`;
  if (chars.length <= 4) return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
  return `${chars.slice(0, 2).join('')}${'*'.repeat(chars.length - 4)}${chars.slice(-2).join('')}`;
}
