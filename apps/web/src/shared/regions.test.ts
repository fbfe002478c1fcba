import { describe, expect, it } from 'vitest';
import type { Region } from '@lianxin/contracts';
import { indexRegions, regionPath, scopedRegionOptions } from './regions.ts';

const regions: Region[] = [
  { code: '310000', name: '上海市', nameEn: 'Shanghai', level: 'city', parentCode: null },
  { code: '310113', name: '宝山区', nameEn: 'Baoshan District', level: 'district', parentCode: '310000' },
  { code: '310113109', name: '顾村镇', nameEn: 'Gucun Town', level: 'street', parentCode: '310113' },
  { code: '310113101', name: '罗店镇', nameEn: 'Luodian Town', level: 'street', parentCode: '310113' },
  { code: '310101', name: '黄浦区', nameEn: 'Huangpu District', level: 'district', parentCode: '310000' },
  { code: '310101002', name: '南京东路街道', nameEn: 'Nanjingdonglu Subdistrict', level: 'street', parentCode: '310101' },
];
const index = indexRegions(regions);

describe('scoped region options', () => {
  it('gives a city user districts with their streets', () => {
    const options = scopedRegionOptions(index, '310000', 'zh-CN');
    expect(options.map((o) => o.value)).toEqual(['310101', '310113']);
    expect(options[1]?.children?.map((o) => o.label)).toEqual(['罗店镇', '顾村镇']);
  });

  it('gives a district user its streets and a street user only its own street', () => {
    expect(scopedRegionOptions(index, '310113', 'zh-CN').map((o) => o.value)).toEqual(['310113101', '310113109']);
    expect(scopedRegionOptions(index, '310113109', 'zh-CN')).toEqual([{ value: '310113109', label: '顾村镇' }]);
  });

  it('labels the options in English for an English UI', () => {
    const options = scopedRegionOptions(index, '310000', 'en');
    expect(options.map((o) => o.label)).toEqual(['Huangpu District', 'Baoshan District']);
    expect(options[1]?.children?.map((o) => o.label)).toEqual(['Luodian Town', 'Gucun Town']);
    expect(scopedRegionOptions(index, '310113109', 'en')).toEqual([{ value: '310113109', label: 'Gucun Town' }]);
  });

  it('builds the cascader path relative to the scope', () => {
    expect(regionPath(index, '310000', '310113109')).toEqual(['310113', '310113109']);
    expect(regionPath(index, '310113', '310113109')).toEqual(['310113109']);
    expect(regionPath(index, '310113109', '310113109')).toEqual(['310113109']);
    // outside the scope: the bare code, never a wrong path
    expect(regionPath(index, '310113', '310101002')).toEqual(['310101002']);
  });
});
