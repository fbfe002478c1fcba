/**
 * The one way a funds sum reaches an answer. Amounts are bigint in the database; one input is at most
 * FUNDS_MAX_FEN (10^13 fen), but a sum of many (a city's trial balance, a budget of many lines, a summary) can pass
 * Number.MAX_SAFE_INTEGER (2^53 − 1 ≈ 9.007 × 10^15 fen ≈ 900 亿元 × 1,000). Read as float8 such a sum is silently
 * rounded, and the response schema (safe integers) then failed with a 500. Queries answer sums as text (`::text`),
 * and these helpers turn them into numbers only when exact; otherwise a typed 422 `figure_too_large` naming the
 * figure (the response field), never a 500 and never a wrong number.
 */
import { AppError } from '../../errors.ts';

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** A fen value from SQL (a bigint or numeric as text, a number or a bigint; null → 0) as an exact number. */
export function fenFigure(value: string | number | bigint | null | undefined, figure: string): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return value;
    throw figureTooLarge(figure);
  }
  let big: bigint;
  try {
    // numeric text of a sum of bigints has no fraction; a stray ".0" is cut, never rounded
    big = typeof value === 'bigint' ? value : BigInt(value.includes('.') ? value.slice(0, value.indexOf('.')) : value);
  } catch {
    throw new Error(`not a fen figure: ${figure}`);
  }
  if (big > MAX || big < -MAX) throw figureTooLarge(figure);
  return Number(big);
}

/** The exact sum of fen numbers (each exact) as a number, or the 422 naming `figure` when it is not exact. */
export function sumFen(values: Iterable<number>, figure: string): number {
  let total = 0n;
  for (const v of values) total += BigInt(fenFigure(v, figure));
  return fenFigure(total, figure);
}

/** 422 `figure_too_large`: the figure's name in the message, in `fields` and in `details`. */
export function figureTooLarge(figure: string): AppError {
  return new AppError('figure_too_large', 422, 'funds.figureTooLarge', { figure }, { [figure]: 'funds.figureTooLarge' }, { figure });
}
