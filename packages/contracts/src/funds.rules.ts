import type { AssessmentBasis, DunningStep } from './funds.ts';
import { dunningSteps } from './funds.ts';

/**
 * The funds rules as pure functions (DOMAIN.md §5, §9.5): the split, the assessment, due dates and the dunning
 * order. Money is integer fen; the arithmetic runs in BigInt so that no product (fen × basis points) loses a digit.
 */

/**
 * Splits `total` fen into parts proportional to `shares` (any non-negative integers, e.g. basis points) by the
 * largest-remainder rule: each part is first the floor of its exact share, then the fen left over go one each to
 * the parts with the largest fractional remainders; equal remainders go to the earlier part (lower index).
 * So the parts always sum to `total` and each lies within 1 fen of its exact share. Throws on a negative or
 * non-integer total, or on shares that are all zero.
 */
export function splitFen(total: number, shares: readonly number[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`splitFen: total ${total} is not a whole number of fen ≥ 0`);
  if (shares.some((s) => !Number.isSafeInteger(s) || s < 0)) throw new RangeError('splitFen: shares are whole numbers ≥ 0');
  const sum = shares.reduce((a, b) => a + BigInt(b), 0n);
  if (sum === 0n) throw new RangeError('splitFen: the shares are all zero');
  const t = BigInt(total);
  const floors = shares.map((s) => (t * BigInt(s)) / sum);
  const remainders = shares.map((s, i) => ({ i, r: (t * BigInt(s)) % sum }));
  let left = t - floors.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    floors[i] = floors[i]! + 1n;
    left--;
  }
  return floors.map(Number);
}

/** `amountFen × bp / 10000`, rounded half up to the fen (the rounding of every rate the platform applies). */
export function applyRate(amountFen: number, bp: number): number {
  const product = BigInt(amountFen) * BigInt(bp);
  return Number((product + 5000n) / 10000n);
}

export interface AssessmentSettings {
  rateBp: number;
  preparatoryRateBp: number;
  grassrootsBp: number;
  cityBp: number;
  districtBp: number;
  streetBp: number;
}

export interface RateException {
  kind: 'reduced' | 'per_head';
  rateBp: number | null;
  perHeadFen: number | null;
}

export interface AssessmentRule {
  basis: AssessmentBasis;
  rateBp: number;
  perHeadFen: number;
  assessmentFen: number;
}

/**
 * What an enterprise owes for a month (工会法: 2 % of 工资总额; DOMAIN.md §5): without a union, 建会筹备金 at the
 * preparatory rate; with an approved exception valid in the month, the reduced rate (差异化缴纳) or the fixed amount
 * per employee (joint unions); otherwise the standard rate. Rates round half up to the fen.
 */
export function assess(input: { payrollFen: number; employeeCount: number; hasUnion: boolean; exception: RateException | null; settings: AssessmentSettings }): AssessmentRule {
  const { payrollFen, employeeCount, hasUnion, exception, settings } = input;
  if (!hasUnion) {
    return { basis: 'preparatory', rateBp: settings.preparatoryRateBp, perHeadFen: 0, assessmentFen: applyRate(payrollFen, settings.preparatoryRateBp) };
  }
  if (exception?.kind === 'per_head' && exception.perHeadFen !== null) {
    return { basis: 'per_head', rateBp: 0, perHeadFen: exception.perHeadFen, assessmentFen: exception.perHeadFen * employeeCount };
  }
  if (exception?.kind === 'reduced' && exception.rateBp !== null) {
    return { basis: 'reduced', rateBp: exception.rateBp, perHeadFen: 0, assessmentFen: applyRate(payrollFen, exception.rateBp) };
  }
  return { basis: 'standard', rateBp: settings.rateBp, perHeadFen: 0, assessmentFen: applyRate(payrollFen, settings.rateBp) };
}

export interface SplitParts {
  grassrootsFen: number;
  upperFen: number;
  cityFen: number;
  districtFen: number;
  streetFen: number;
}

/** The 60/40 split, then the upper part among city, district and street by their shares; every fen conserved. */
export function splitReceipt(amountFen: number, settings: AssessmentSettings): SplitParts {
  const [grassrootsFen, upperFen] = splitFen(amountFen, [settings.grassrootsBp, 10_000 - settings.grassrootsBp]) as [number, number];
  const [cityFen, districtFen, streetFen] = splitFen(upperFen, [settings.cityBp, settings.districtBp, settings.streetBp]) as [number, number, number];
  return { grassrootsFen, upperFen, cityFen, districtFen, streetFen };
}

/** The month after `period` (YYYY-MM). */
export function nextMonth(period: string): string {
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

/** The day a month's funds are due: the 15th of the following month (a provincial rule, DOMAIN.md §9.5). */
export function paymentDueOn(period: string): string {
  return `${nextMonth(period)}-15`;
}

/** Whole months from the due date of `period` to `today` (YYYY-MM-DD, the Shanghai day); 0 before or on the due day. */
export function monthsOverdue(period: string, today: string): number {
  const due = paymentDueOn(period);
  if (today <= due) return 0;
  const months = (Number(today.slice(0, 4)) - Number(due.slice(0, 4))) * 12 + Number(today.slice(5, 7)) - Number(due.slice(5, 7));
  return today.slice(8) >= due.slice(8) ? months : months - 1;
}

/** Months overdue from which the papers for a 支付令 may be prepared. */
export const PAYMENT_ORDER_AFTER_MONTHS = 3;

/**
 * The next step of 依法催缴 after the steps done: lawyer's letter → meeting → 催缴函 → audit and 核定函, then the
 * 支付令 papers once 3 months are overdue (null: nothing more to do now).
 */
export function nextDunningStep(done: readonly DunningStep[], overdueMonths: number): DunningStep | null {
  const next = dunningSteps.find((s) => !done.includes(s)) ?? null;
  if (next === 'payment_order' && overdueMonths < PAYMENT_ORDER_AFTER_MONTHS) return null;
  return next;
}

/** Yuan as written on a bank statement ("1,234.5", "¥1234.50", "1234") → fen; null unless a positive amount with ≤ 2 decimals. */
export function parseYuan(text: string): number | null {
  const cleaned = text.replace(/[,，\s¥￥元]/g, '');
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return fen > 0 ? fen : null;
}

/** A dated city setting of the union chairs' monthly allowance (长宁: 300–800 yuan by size and performance). */
export interface ChairAllowanceSettings {
  validFrom: string;
  /** the amount of a union without stars for the last finished year, and the start of every other */
  baseFen: number;
  /** added per star above one */
  perStarFen: number;
  /** added by the union's active members: the tier with the largest `minMembers` not above them */
  sizeTiers: { minMembers: number; addFen: number }[];
  /** the most a chair receives a month */
  maxFen: number;
}

/**
 * A chair's monthly allowance in whole fen: the base amount when the union has no stars for the last finished year
 * (not evaluated), else base + the size tier's amount + (stars − 1) × perStarFen, at most maxFen. Pure: the run
 * posts exactly these amounts, so the sum of a run is the sum of them (no fen lost or invented).
 */
export function chairAllowanceFen(settings: ChairAllowanceSettings, members: number, stars: number | null): number {
  if (stars === null) return settings.baseFen;
  const tier = settings.sizeTiers.filter((t) => t.minMembers <= members).sort((a, b) => b.minMembers - a.minMembers)[0];
  const amount = settings.baseFen + (tier?.addFen ?? 0) + (Math.min(Math.max(stars, 1), 5) - 1) * settings.perStarFen;
  return Math.min(amount, settings.maxFen);
}
