import type { CoverageTarget, TargetRule } from '@lianxin/contracts';
import { toFraction, toPercent } from './coverage-format.ts';
import { splitFieldErrors } from '../../../shared/schema-errors.ts';

/** What the target form holds: rates as percentages, as people type them. */
export interface TargetFormValues {
  orgId?: number;
  dueOn?: string;
  coveragePercent?: number | null;
  membershipPercent?: number | null;
  note?: string;
}

/** The form field showing each API field (the API speaks fractions, the form percentages). */
export const targetFieldOf: Record<string, keyof TargetFormValues> = {
  orgId: 'orgId',
  dueOn: 'dueOn',
  coverageRate: 'coveragePercent',
  membershipRate: 'membershipPercent',
  note: 'note',
};

/** A new target: the unit shown, due at the end of this year. */
export function newTargetValues(orgId: number, today: string): TargetFormValues {
  return { orgId, dueOn: `${today.slice(0, 4)}-12-31`, coveragePercent: null, membershipPercent: null, note: '' };
}

export function toTargetFormValues(target: CoverageTarget): TargetFormValues {
  return {
    orgId: target.orgId,
    dueOn: target.dueOn,
    coveragePercent: toPercent(target.coverageRate),
    membershipPercent: target.membershipRate === null ? null : toPercent(target.membershipRate),
    note: target.note,
  };
}

const isNumber = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** The POST / PUT body; a missing coverage rate stays missing so the schema reports it on its field. */
export function targetBody(values: TargetFormValues): Record<string, unknown> {
  return {
    orgId: values.orgId,
    dueOn: values.dueOn?.trim() || undefined,
    coverageRate: isNumber(values.coveragePercent) ? toFraction(values.coveragePercent) : undefined,
    membershipRate: isNumber(values.membershipPercent) ? toFraction(values.membershipPercent) : null,
    note: values.note?.trim() ?? '',
  };
}

/** Form messages keyed by form field, from messages keyed by API field path. */
export function targetFormErrors(fields: Record<string, string>): { placed: [keyof TargetFormValues, string][]; unplaced: string[] } {
  const { placed, unplaced } = splitFieldErrors(fields, (path) => targetFieldOf[path]);
  return { placed: placed.map((p) => [p.name, p.errors[0] ?? '']), unplaced };
}

/** Whether two rules say the same (ownerships in any order). */
export function sameRule(a: TargetRule, b: TargetRule): boolean {
  const sorted = (r: TargetRule) => [...r.ownerships].sort().join(',');
  return sorted(a) === sorted(b) && a.dualRealOnly === b.dualRealOnly && a.minEmployees === b.minEmployees && a.minYearsOpen === b.minYearsOpen;
}
