import {
  enterpriseCreateSchema,
  enterpriseUpdateSchema,
  isMessageKey,
  translate,
  type Enterprise,
  type EnterpriseCreate,
  type EnterpriseUpdate,
  type IndustrySection,
  type Locale,
  type Ownership,
} from '@lianxin/contracts';
import { dictText } from '../../../shared/i18n/dictionary.ts';

/** What the antd form holds; names equal the API's field names. */
export interface EnterpriseFormValues {
  creditCode?: string;
  name?: string;
  regionCode?: string;
  address?: string;
  industry?: IndustrySection;
  ownership?: Ownership;
  employeeCount?: number | null;
  dualReal?: boolean;
  registeredOn?: string;
  openedOn?: string;
  latitude?: number | null;
  longitude?: number | null;
}

export const emptyEnterpriseValues: EnterpriseFormValues = { ownership: 'private', dualReal: false, address: '' };

export function toFormValues(e: Enterprise): EnterpriseFormValues {
  return {
    creditCode: e.creditCode,
    name: e.name,
    regionCode: e.regionCode,
    address: e.address,
    industry: e.industry,
    ownership: e.ownership,
    employeeCount: e.employeeCount,
    dualReal: e.dualReal,
    registeredOn: e.registeredOn ?? '',
    openedOn: e.openedOn ?? '',
    latitude: e.latitude,
    longitude: e.longitude,
  };
}

type Payload = Record<keyof EnterpriseFormValues, unknown>;

/** Normalises form values into the API body: trimmed text, upper-case credit code, null for blank optionals. */
export function toPayload(values: EnterpriseFormValues): Payload {
  const text = (v: string | undefined) => (v === undefined ? undefined : v.trim());
  const optional = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : v.trim());
  const numberOrNull = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    creditCode: text(values.creditCode)?.toUpperCase(),
    name: text(values.name),
    regionCode: values.regionCode,
    address: text(values.address) ?? '',
    industry: values.industry,
    ownership: values.ownership,
    employeeCount: typeof values.employeeCount === 'number' ? values.employeeCount : undefined,
    dualReal: values.dualReal ?? false,
    registeredOn: optional(values.registeredOn),
    openedOn: optional(values.openedOn),
    latitude: numberOrNull(values.latitude),
    longitude: numberOrNull(values.longitude),
  };
}

/** The create body: optional fields left out when blank. */
export function createBody(values: EnterpriseFormValues): Record<string, unknown> {
  return Object.fromEntries(Object.entries(toPayload(values)).filter(([, v]) => v !== null && v !== undefined));
}

/** The PATCH body: only what differs from the loaded enterprise (null clears an optional field). */
export function updateBody(initial: EnterpriseFormValues, values: EnterpriseFormValues): Record<string, unknown> {
  const before = toPayload(initial);
  const after = toPayload(values);
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof Payload)[]) {
    if (after[key] !== undefined && JSON.stringify(after[key]) !== JSON.stringify(before[key])) body[key] = after[key];
  }
  return body;
}

interface Issue {
  path: PropertyKey[];
  message: string;
  code: string;
}

function issueText(issue: Issue, body: Record<string, unknown>, locale: Locale): string {
  if (isMessageKey(issue.message)) return translate(issue.message, locale);
  const value = body[String(issue.path[0])];
  if (value === undefined || value === null || value === '') return translate('required', locale);
  if (issue.code === 'too_small' || issue.code === 'too_big') return dictText(locale, 'enterprise.range');
  return dictText(locale, 'enterprise.invalid');
}

export type Validation<T> = { ok: true; data: T } | { ok: false; fields: Record<string, string> };

function collect<T>(
  result: { success: true; data: unknown } | { success: false; error: { issues: Issue[] } },
  body: Record<string, unknown>,
  locale: Locale,
): Validation<T> {
  if (result.success) return { ok: true, data: body as T };
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    fields[path] ??= issueText(issue, body, locale);
  }
  return { ok: false, fields };
}

/** Client-side check with the contracts' schema; messages in the UI language, keyed by field path. */
export function validateCreate(body: Record<string, unknown>, locale: Locale): Validation<EnterpriseCreate> {
  return collect(enterpriseCreateSchema.safeParse(body), body, locale);
}

export function validateUpdate(body: Record<string, unknown>, locale: Locale): Validation<EnterpriseUpdate> {
  return collect(enterpriseUpdateSchema.safeParse(body), body, locale);
}
