/**
 * Name search at city scale. A name's search key (`search_key()` in the database: Unicode NFKC, lower case, no
 * spaces, brackets, quotes, dots or dashes) and the 1- and 2-character pieces of that key and of the pinyin
 * initials (`search_grams`, a GIN-indexed generated column) are kept by the database; a search asks the index for
 * rows holding every piece of the search text's key (`search_query_grams()`), then checks the whole key. One
 * normalisation for every table (enterprises, unions, members) and for near-duplicate checks, so
 * `连心物流(集团)` finds `上海连心物流（集团）有限公司`, and `物流`, `物` or `lx` use the index like a longer text.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

export interface NameSearchColumns {
  /** the generated `search_grams` column */
  grams: AnyPgColumn;
  /** the name column (its key is recomputed for the candidates) or the generated `search_key` column */
  key: AnyPgColumn | SQL;
  /** the pinyin initials column, when the table keeps one */
  initials?: AnyPgColumn;
}

/**
 * The rows whose name (or pinyin initials) contains the search text, compared by search key.
 *
 * A key of 1 or 2 characters is one of the pieces `search_grams` holds (of the key, or of the initials), so the
 * index's answer is already exact and the `strpos` recheck is skipped: `length(search_key(q)) <= 2 or …` is
 * folded to true by the planner when the text is a bound value (a constant to the planner), so the rows are only
 * tested against the index — the cost of `物流`, `科` or `lx` that match thousands of rows.
 */
export function nameMatches(columns: NameSearchColumns, q: string): SQL {
  const key = sql`search_key(${q}::text)`;
  const contains = columns.initials
    ? sql`(strpos(${columns.key}, ${key}) > 0 or strpos(${columns.initials}, ${key}) > 0)`
    : sql`strpos(${columns.key}, ${key}) > 0`;
  return sql`(${columns.grams} @> search_query_grams(${key}) and (length(${key}) <= 2 or ${contains}))`;
}

/**
 * The search text as the first 2–18 characters of a 统一社会信用代码 (GB 32100-2015), or null when it cannot be one.
 * Folded the way `search_key` folds a name (NFKC: full-width digits and letters to ASCII; no white space, an
 * ideographic space included; upper case), so `９１３１０１１３…` or `9131 0113…` pasted from a document is found.
 * Its shape: the code's alphabet (digits and capitals without I, O, Z, S, V), digits in positions 2–8 — the 机构类别代码
 * (a digit under every 登记管理部门) and the 6-digit division code. Pinyin initials such as `lx` or `shwl` are not, so
 * their search adds no credit-code branch: an OR beside the name index makes PostgreSQL re-test every candidate row's
 * grams (a broad search's bounded count took ~1.6× as long).
 */
export function creditCodePrefixOf(q: string): string | null {
  const folded = q.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  return CREDIT_CODE_PREFIX.test(folded) ? folded : null;
}

const CODE_CHAR = '[0-9A-HJ-NPQRTUWXY]';
/** 2–8 characters: a code character, then digits; 9–18: a code character, 7 digits, then code characters. */
const CREDIT_CODE_PREFIX = new RegExp(`^${CODE_CHAR}(?:[0-9]{1,7}|[0-9]{7}${CODE_CHAR}{1,10})$`, 'i');
