import { federationKinds, unitStatusParts, type CoverageFigures, type FederationKind, type Locale, type TargetStatus } from '@lianxin/contracts';

/** A rate kept as a fraction (0..1) shown as a percentage, e.g. 0.9757 → "97.6%"; nothing → "—". */
export function formatRate(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(rate * 100).toFixed(digits)}%`;
}

/** A target rate as people write it: 0.88 → "88%", 0.875 → "87.5%". */
export function formatTargetRate(rate: number): string {
  return `${toPercent(rate)}%`;
}

/** A fraction as a percentage number for forms and charts, two decimals at most (0.8765 → 87.65). */
export function toPercent(rate: number): number {
  return Math.round(rate * 10_000) / 100;
}

/** A percentage typed in a form back to the API's fraction (87.65 → 0.8765). */
export function toFraction(percent: number): number {
  return Math.round(percent * 100) / 10_000;
}

/**
 * The status worth showing for a unit: none when it has no target enterprises at all (the API then reports a
 * 0 % rate, "behind" any target, which says nothing about the unit's work).
 */
export function shownStatus(figures: Pick<CoverageFigures, 'targetEnterprises' | 'status'>): TargetStatus | null {
  return figures.targetEnterprises > 0 ? figures.status : null;
}

/** Bar and tag colours of a target status (met green, near orange, behind red, none grey). */
export const statusHex: Record<TargetStatus, string> = {
  met: '#52c41a',
  near: '#fa8c16',
  behind: '#f5222d',
  none: '#bfbfbf',
};

/**
 * The colour of a unit's 建会率 bar: the 建会率's own status against its target, not the unit's (the worse of the
 * two rates) — a bar at 100 % above a dashed 85 % line drawn red because 入会率 is behind reads as a fault in 建会率.
 * The unit's status stays on its tag, whose tooltip names the rate that set it.
 */
export function coverageRateHex(unit: { coverageRate: number; membershipRate: number; target: { coverageRate: number; membershipRate: number | null } | null }): string {
  return statusHex[unitStatusParts(unit, unit.target).coverage];
}

/** Federations by kind with a count above zero, in the contracts' order of kinds. */
export function nonZeroFederations(byKind: Record<string, number>): { kind: FederationKind; count: number }[] {
  return federationKinds.map((kind) => ({ kind, count: byKind[kind] ?? 0 })).filter((f) => f.count > 0);
}

/** The social workers a unit needs, as a range: "3–5", or "4" when both bounds agree. */
export function requiredRange(min: number, max: number): string {
  return min === max ? String(min) : `${min}–${max}`;
}

/** A period "2026-11" as a month: "2026年11月" / "Nov 2026". */
export function formatPeriod(period: string, locale: Locale): string {
  const year = period.slice(0, 4);
  const month = Number(period.slice(5, 7));
  if (!year || !month) return period;
  if (locale === 'zh-CN') return `${year}年${month}月`;
  return `${new Date(Date.UTC(Number(year), month - 1, 1)).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' })} ${year}`;
}

/**
 * A child unit's name without what it shares with its parent's, for chart axes: under 宝山区总工会,
 * "宝山区顾村镇总工会" reads "顾村镇总工会". Names sharing nothing useful stay whole.
 */
export function shortUnitName(name: string, parentName: string): string {
  const parentStem = parentName.replace(/(总工会|工会)$/, '');
  let shared = 0;
  while (shared < name.length && shared < parentStem.length && name[shared] === parentStem[shared]) shared++;
  const rest = name.slice(shared);
  const core = rest.replace(/(总工会|工会联合会|联合工会|工会)$/, '');
  return shared >= 2 && core.length >= 2 ? rest : name;
}
