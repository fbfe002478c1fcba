import { isMessageKey, translate, type Locale } from '@lianxin/contracts';
import { dictText } from './i18n/texts.ts';

/**
 * Client-side checks with the contracts' zod schemas (structurally typed, so the web needs no zod import):
 * issue messages are message keys shared with the API, translated here into the UI language.
 */

export interface SchemaIssue {
  path: PropertyKey[];
  message: string;
  code: string;
}

export interface SafeParser<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly SchemaIssue[] } };
}

export type Validation<T> = { ok: true; data: T } | { ok: false; fields: Record<string, string> };

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = body;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** The text for one issue: the shared message when the schema names one, else "required" or a generic text. */
export function issueText(issue: SchemaIssue, value: unknown, locale: Locale): string {
  if (isMessageKey(issue.message)) return translate(issue.message, locale);
  if (isBlank(value)) return translate('required', locale);
  if (issue.code === 'too_small' || issue.code === 'too_big') return dictText(locale, 'form.range');
  return dictText(locale, 'form.invalid');
}

/** Checks a whole body; on failure, one message per field path ("a.b"), the first issue winning. */
export function validateWith<T>(schema: SafeParser<T>, body: unknown, locale: Locale): Validation<T> {
  const result = schema.safeParse(body);
  if (result.success) return { ok: true, data: result.data };
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    fields[path] ??= issueText(issue, valueAt(body, issue.path), locale);
  }
  return { ok: false, fields };
}

/** The message for a single value against a field schema, or null when it passes. */
export function checkValue(schema: SafeParser<unknown>, value: unknown, locale: Locale): string | null {
  const result = schema.safeParse(value);
  if (result.success) return null;
  const first = result.error.issues[0];
  return first ? issueText(first, value, locale) : dictText(locale, 'form.invalid');
}

/**
 * Field messages (from the server or a client check) split into those a form shows under one of its fields —
 * `fieldFor` names the form field of a path, or nothing — and the rest, which the form shows above itself.
 */
export function splitFieldErrors<K extends string>(
  fields: Readonly<Record<string, string>>,
  fieldFor: (path: string) => K | null | undefined,
): { placed: { name: K; errors: string[] }[]; unplaced: string[] } {
  const placed: { name: K; errors: string[] }[] = [];
  const unplaced: string[] = [];
  for (const [path, text] of Object.entries(fields)) {
    const name = fieldFor(path);
    if (name) placed.push({ name, errors: [text] });
    else unplaced.push(text);
  }
  return { placed, unplaced };
}

/** `fieldFor` for a form whose fields are exactly `names` (a path is placed by its first segment). */
export function fieldsNamed<K extends string>(names: readonly K[]): (path: string) => K | undefined {
  return (path) => names.find((n) => n === path.split('.')[0]);
}
