import { z } from 'zod';

/**
 * Input rules every boundary shares, so that no input reaches the database in a form it refuses (a 500):
 *
 * - record ids are PostgreSQL `integer`s: 1 … 2^31−1 ({@link recordIdSchema}; {@link recordIdQuery} for URLs);
 * - calendar dates are real days of years 1900–2199 ({@link calendarDateSchema}: `2026-02-30` is refused);
 * - text holds no NUL and no lone UTF-16 surrogate ({@link unsafeTextProblem}; the API applies it to every string
 *   of every body, query and path before the route's schema runs).
 */

/** The largest PostgreSQL `integer`, the type of every record id. */
export const INT4_MAX = 2_147_483_647;

/** A record id in a JSON body. */
export const recordIdSchema = z.number({ error: (issue) => (issue.input === undefined ? 'required' : 'id.invalid') }).int({ message: 'id.invalid' }).min(1, { message: 'id.invalid' }).max(INT4_MAX, { message: 'id.invalid' });

/**
 * A record id in a path or query string: plain digits only (`1e3`, `0x10`, ` 1` and `1.0` are refused, not read as
 * 1000, 16 and 1), then {@link recordIdSchema}.
 */
export const recordIdQuery = z
  .string({ error: (issue) => (issue.input === undefined ? 'required' : 'id.invalid') })
  .regex(/^[1-9][0-9]{0,9}$/, { message: 'id.invalid' })
  .transform(Number)
  .pipe(recordIdSchema);

/** `{ id }` path parameters. */
export const idParamSchema = z.object({ id: recordIdQuery });

const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;

/** A calendar day written YYYY-MM-DD: a day that exists (leap years counted), in years 1900–2199. */
export const calendarDateSchema = z.iso
  .date({ message: 'date.invalid' })
  .refine((value) => {
    const year = Number(value.slice(0, 4));
    return year >= FIRST_YEAR && year <= LAST_YEAR;
  }, { message: 'date.invalid' });

/** A month written YYYY-MM, in the years {@link calendarDateSchema} accepts. */
export const calendarMonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'coverage.period' })
  .refine((value) => {
    const year = Number(value.slice(0, 4));
    return year >= FIRST_YEAR && year <= LAST_YEAR;
  }, { message: 'coverage.period' });

// a high surrogate not followed by a low one, or a low one not preceded by a high one
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a text cannot be stored (`text.nul`, `text.surrogate`), or null when it can. */
export function unsafeTextProblem(value: string): 'text.nul' | 'text.surrogate' | null {
  if (value.includes('\u0000')) return 'text.nul';
  if (LONE_SURROGATE.test(value)) return 'text.surrogate';
  return null;
}

/**
 * The first string inside `value` (an object, an array or a string) that {@link unsafeTextProblem} refuses, with its
 * path (`a.0.b`; keys count too), or null.
 */
export function findUnsafeText(value: unknown, path: string[] = []): { path: string; problem: 'text.nul' | 'text.surrogate' } | null {
  if (typeof value === 'string') {
    const problem = unsafeTextProblem(value);
    return problem ? { path: path.join('.'), problem } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>);
  for (const [key, child] of entries) {
    const keyProblem = unsafeTextProblem(key);
    if (keyProblem) return { path: [...path, key.replace(LONE_SURROGATE_G, '\uFFFD').replaceAll('\u0000', '\uFFFD')].join('.'), problem: keyProblem };
    const found = findUnsafeText(child, [...path, key]);
    if (found) return found;
  }
  return null;
}
const LONE_SURROGATE_G = new RegExp(LONE_SURROGATE.source, 'g');

/**
 * Money in fen (1 yuan = 100 fen), the one money schema of every feature: a whole number, 0 or more, at most
 * {@link MAX_FEN} = 10^15 fen (10 trillion yuan) — below Number.MAX_SAFE_INTEGER, so every amount is exact in
 * JavaScript and in the database's bigint columns.
 */
export const MAX_FEN = 1_000_000_000_000_000;
export const fenSchema = z.number().int({ message: 'money.fen' }).min(0, { message: 'money.fen' }).max(MAX_FEN, { message: 'money.fen' });
