/**
 * People as they are written: phones, ID numbers and names typed, pasted or exported by other systems, brought
 * to one form before anything checks or stores them. One set of functions for the API's schemas, the roster
 * import and the H5's inputs, so `+86 139-1234 5678`, `１３９１２３４５６７８` and `13912345678` are the same phone
 * everywhere, and `阿依古丽•买买提` finds `阿依古丽·买买提`.
 */
import { birthDateOf } from './id-number.ts';

/** Characters that show nothing: zero-width spaces and joiners, direction marks, BOM, soft hyphen, word joiners. */
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g;
/** Separators people put into numbers: spaces (also no-break), hyphens and dashes, dots, brackets, slashes. */
const NUMBER_SEPARATORS = /[\s\u00a0\u3000\-\u2010-\u2015\u2212.()/（）]/g;

/**
 * A mobile number as people write it → 11 digits (or whatever is left, for the pattern to refuse): full-width
 * digits become ASCII, separators and invisible characters go, a leading +86 / 0086 / 86 country code goes.
 */
export function normalizePhone(text: string): string {
  let s = text.normalize('NFKC').replace(INVISIBLE, '').replace(NUMBER_SEPARATORS, '');
  if (s.startsWith('+86')) s = s.slice(3);
  else if (s.startsWith('0086')) s = s.slice(4);
  else if (s.length === 13 && s.startsWith('86')) s = s.slice(2);
  return s;
}

/**
 * Characters an input box takes for a phone or an ID number as people paste them (`+86 139 1234 5678`,
 * `0086-139-1234-5678`, an ID number in groups): an 11- or 18-character limit cuts a pasted number short.
 */
export const PHONE_INPUT_MAX = 24;
export const ID_NUMBER_INPUT_MAX = 30;

/** An ID number as people write it → 18 characters, upper case: full-width forms, spaces, hyphens and invisible characters go. */
export function normalizeIdNumber(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(NUMBER_SEPARATORS, '').toUpperCase();
}

/** The one middle dot of names (U+00B7, as on ID cards): 阿依古丽·买买提. */
export const NAME_DOT = '\u00b7';
/**
 * Dots written between the parts of a name: · (U+00B7), • bullet, ・ katakana (and its half-width form, which
 * NFKC turns into it), ‧ hyphenation point, ∙ ⋅ operators, ꞏ sinological dot, . and full-width ．(NFKC: .).
 */
const NAME_DOTS = /\s*[\u00b7\u2022\u30fb\u2027\u2219\u22c5\ua78f\u0387.]\s*/g;

/**
 * A person's name as written → one form: compatibility forms folded (NFKC: full-width letters, half-width
 * katakana dots), invisible characters removed, runs of white space one space, every middle-dot variant ·.
 * Control characters are left for `personNameProblem` to refuse (so a NUL is named, not silently dropped).
 */
export function normalizePersonName(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(/[\s\u3000]+/g, ' ').trim().replace(NAME_DOTS, NAME_DOT);
}

/**
 * Whether two names as typed name the same person: both normalised ({@link normalizePersonName}), then spaces
 * dropped and Latin letters case-folded (`王 伟` = `王伟`, `ＡＬＩ` = `Ali`). Used to link a case party to the member
 * with the same phone only when the names agree too (a mistyped phone must not link a stranger).
 */
export function samePersonName(a: string, b: string): boolean {
  const key = (text: string) => normalizePersonName(text).replace(/ /g, '').toLowerCase();
  const ka = key(a);
  return ka !== '' && ka === key(b);
}

/**
 * A unit's name as typed (a union, an enterprise): invisible characters removed, runs of white space one space.
 * Brackets and widths stay as written (the search key folds them, migration `search_keys`).
 */
export function normalizeUnitName(text: string): string {
  return text.replace(INVISIBLE, '').replace(/[\s\u3000]+/g, ' ').trim();
}

/** True when a text holds a C0 or C1 control character (a bell, an escape…): never part of a name. */
export function hasControlCharacter(text: string): boolean {
  return CONTROL.test(text);
}

export const PERSON_NAME_MIN = 2;
export const PERSON_NAME_MAX = 30;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Letters (any script) and combining marks, with the name dot, spaces, apostrophes and hyphens between them. */
const NAME_CHARACTERS = /^[\p{L}\p{M}](?:[\p{L}\p{M}\u00b7 '-]*[\p{L}\p{M}])?$/u;

export type PersonNameProblem = 'control' | 'length' | 'characters';

/** What is wrong with a normalised name, or null: control characters or broken text, length, characters that are no name. */
export function personNameProblem(name: string): PersonNameProblem | null {
  if (CONTROL.test(name) || LONE_SURROGATE.test(name)) return 'control';
  const length = [...name].length;
  if (length < PERSON_NAME_MIN || length > PERSON_NAME_MAX) return 'length';
  return NAME_CHARACTERS.test(name) ? null : 'characters';
}

/** Members are at least 16 (劳动法: the minimum working age; the union's constitution admits workers). */
export const MIN_MEMBER_AGE = 16;

/** The day someone born on `birthDate` (YYYY-MM-DD) turns `years` (29 February births: 1 March in other years). */
export function birthdayAt(birthDate: string, years: number): string {
  const y = Number(birthDate.slice(0, 4)) + years;
  const md = birthDate.slice(5);
  if (md === '02-29' && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return `${y}-03-01`;
  return `${y}-${md}`;
}

export type JoinDateProblem = 'future' | 'tooYoung';

/** A joining date against today and the person's 16th birthday (from the ID number), or null. */
export function joinDateProblem(joinedOn: string, idNumber: string, today: string): JoinDateProblem | null {
  if (joinedOn > today) return 'future';
  const birth = birthDateOf(idNumber);
  if (birth !== null && joinedOn < birthdayAt(birth, MIN_MEMBER_AGE)) return 'tooYoung';
  return null;
}
