import type { Locale, Region } from '@lianxin/contracts';
import { api } from './api-client.ts';

export interface RegionIndex {
  byCode: Map<string, Region>;
  children: Map<string, Region[]>;
}

let pending: Promise<RegionIndex> | null = null;

/** All Shanghai divisions, fetched once per page load (they change once a year at most). */
export function loadRegions(): Promise<RegionIndex> {
  pending ??= api.get<{ items: Region[] }>('/api/regions').then(({ items }) => indexRegions(items));
  pending.catch(() => {
    pending = null;
  });
  return pending;
}

export function indexRegions(items: readonly Region[]): RegionIndex {
  const byCode = new Map(items.map((r) => [r.code, r]));
  const children = new Map<string, Region[]>();
  for (const r of items) {
    if (r.parentCode === null) continue;
    const list = children.get(r.parentCode) ?? [];
    list.push(r);
    children.set(r.parentCode, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  return { byCode, children };
}

/** A division's name in the UI language: 顾村镇 / "Gucun Town" (the API's `nameEn`, pinyin plus the kind). */
export function regionLabel(region: Region, locale: Locale): string {
  return locale === 'en' ? region.nameEn : region.name;
}

export interface RegionOption {
  value: string;
  label: string;
  children?: RegionOption[];
}

/**
 * Cascader options inside a user's scope, labelled in the UI language: a city user picks district → street, a
 * district user a street of the district, a street user only the own street.
 */
export function scopedRegionOptions(index: RegionIndex, scopeCode: string, locale: Locale): RegionOption[] {
  const scope = index.byCode.get(scopeCode);
  if (!scope) return [];
  const toOption = (r: Region): RegionOption => {
    const kids = index.children.get(r.code);
    const label = regionLabel(r, locale);
    return kids && kids.length > 0 ? { value: r.code, label, children: kids.map(toOption) } : { value: r.code, label };
  };
  if (scope.level === 'street') return [{ value: scope.code, label: regionLabel(scope, locale) }];
  return (index.children.get(scope.code) ?? []).map(toOption);
}

/** The cascader path of `code` under the scope's options, e.g. ["310113", "310113109"] for a city user. */
export function regionPath(index: RegionIndex, scopeCode: string, code: string): string[] {
  const scope = index.byCode.get(scopeCode);
  if (!scope) return [code];
  const stopAt = scope.level === 'street' ? scope.parentCode : scope.code;
  const path: string[] = [];
  let r = index.byCode.get(code);
  while (r && r.code !== stopAt) {
    path.unshift(r.code);
    r = r.parentCode ? index.byCode.get(r.parentCode) : undefined;
  }
  // outside the scope (or unknown): show the bare code rather than a wrong path
  return r && path.length > 0 ? path : [code];
}
