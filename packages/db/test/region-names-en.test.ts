import { describe, expect, it } from 'vitest';
import { regionNameEn } from '../src/reference/region-names-en.ts';
import { shanghaiRegions, shanghaiRegionsWithEnglish } from '../src/reference/regions.ts';

describe('English names of the GB/T 2260 divisions', () => {
  it('romanise the proper part with pinyin and name the kind of division in English', () => {
    expect(regionNameEn('宝山区')).toBe('Baoshan District');
    expect(regionNameEn('顾村镇')).toBe('Gucun Town');
    expect(regionNameEn('友谊路街道')).toBe('Youyilu Subdistrict');
    expect(regionNameEn('宝山工业园区')).toBe('Baoshan Industrial Park');
    expect(regionNameEn('浦东新区')).toBe('Pudong New Area');
    expect(regionNameEn('横沙乡')).toBe('Hengsha Township');
    expect(regionNameEn('东平林场')).toBe('Dongping Forest Farm');
    expect(regionNameEn('上海市')).toBe('Shanghai');
    expect(regionNameEn('上海松江出口加工区')).toBe('Shanghai Songjiang Export Processing Zone');
    expect(regionNameEn('中国（上海）自由贸易试验区（保税片区）')).toBe('China (Shanghai) Pilot Free Trade Zone (Bonded Area)');
  });

  it('read Shanghai place names as Shanghai does (行 háng, 莘 xīn, 重 chóng) and write pinyin as GB/T 16159 does', () => {
    expect(regionNameEn('闵行区')).toBe('Minhang District');
    expect(regionNameEn('杨行镇')).toBe('Yanghang Town');
    expect(regionNameEn('莘庄镇')).toBe('Xinzhuang Town');
    expect(regionNameEn('重固镇')).toBe('Chonggu Town');
    expect(regionNameEn('长宁区')).toBe('Changning District');
    expect(regionNameEn('静安区')).toBe("Jing'an District");
    expect(regionNameEn('吕巷镇')).toBe('Lüxiang Town');
    // 华新镇 is the town of 华新, not a "new town" of 华
    expect(regionNameEn('华新镇')).toBe('Huaxin Town');
  });

  it('give every division of the reference a distinct name without Chinese in it', () => {
    const regions = shanghaiRegionsWithEnglish();
    expect(regions).toHaveLength(shanghaiRegions.length);
    expect(regions.filter((r) => /[^A-Za-zü' ()-]/.test(r.nameEn)).map((r) => `${r.name}: ${r.nameEn}`)).toEqual([]);
    expect(new Set(regions.map((r) => r.nameEn)).size).toBe(regions.length);
    expect(regions.find((r) => r.code === '310113109')).toEqual({ code: '310113109', name: '顾村镇', nameEn: 'Gucun Town', level: 'street', parentCode: '310113' });
  });
});
