/**
 * What the seed builds where: scale sizes, district profiles, and the named units and figures from the
 * source texts (digested in DOMAIN.md §1).
 */
import type { IndustrySection, OrgKind } from '@lianxin/contracts';

export type SeedScale = 'demo' | 'district' | 'city';
export const seedScales: readonly SeedScale[] = ['demo', 'district', 'city'];

/** Fixed "today" of the generated data, so that every run produces the same rows. */
export const SEED_REFERENCE_DATE = '2026-11-01';
/** Fixed PRNG seed. */
export const SEED = 20170526; // the day of the national 顾村 experience meeting

export const CITY_CODE = '310000';
export const BAOSHAN = '310113';
export const GUCUN = '310113109';
export const YANGHANG = '310113103';
export const SONGJIANG_ZONE = '310117501';
export const OUYANGLU = '310109009';
export const NANJINGDONGLU = '310101002';
export const TIANPINGLU = '310104003';
export const SHIMENERLU = '310106011';

/** City scale: about this many enterprises in all. */
export const CITY_TOTAL_ENTERPRISES = 500_000;

/** 松江经开区 (松江工业区 310117501): 1243 non-public enterprises, 778 双实, 15.52万 employees. */
export const SONGJIANG_ZONE_FIGURES = { enterprises: 1243, dualReal: 778, employees: 155_200 } as const;
/** 欧阳路: 5 grids of 150 enterprises, 50 own unions, 57 without: (50 + 750) / 857 = 93.3 %. */
export const OUYANGLU_FIGURES = { grids: 5, perGrid: 150, own: 50, none: 57 } as const;
/** 宝山区: 8000+ 双实 non-public enterprises with 36万+ employees, spread over its streets. */
export const BAOSHAN_DUAL_REAL: Readonly<Record<string, number>> = {
  '310113003': 400, // 友谊路街道
  '310113007': 300, // 吴淞街道
  '310113008': 300, // 张庙街道
  '310113101': 800, // 罗店镇
  '310113102': 1000, // 大场镇
  '310113103': 1000, // 杨行镇
  '310113104': 600, // 月浦镇
  '310113106': 400, // 罗泾镇
  '310113109': 1200, // 顾村镇
  '310113111': 500, // 高境镇
  '310113112': 500, // 庙行镇
  '310113113': 500, // 淞南镇
  '310113501': 700, // 宝山工业园区
};
export const BAOSHAN_DUAL_REAL_EMPLOYEES = 362_000;
/** 顾村: share of 双实 non-public enterprises with ≥ 25 employees that have a union (≥ 90 % in the sources). */
export const GUCUN_TARGET_COVERAGE = 0.93;

export type DistrictType = 'central' | 'suburban' | 'rural';

export interface DistrictProfile {
  type: DistrictType;
  /** enterprises per street relative to the city average (city scale) */
  weight: number;
  /** base coverage level of its streets */
  coverage: number;
}

/**
 * How far (km) a street's demo enterprises spread from its centre (reference/street-centres.ts): the radius of
 * the disc the generator fills uniformly. By the kind of unit its name says and its district's type — a
 * central-city 街道 covers 1–3 km², a suburban 镇 30–60 km², a rural one more; zones and farms lie between.
 */
export function streetSpreadKm(name: string, districtType: DistrictType): number {
  if (name.endsWith('街道')) return districtType === 'central' ? 0.9 : 1.6;
  if (/(开发区|园区|工业区|加工区|度假区|旅游区|试验区|新区|片区)/.test(name)) return 1.5;
  if (/(农场|林场)$/.test(name)) return 2.5;
  return districtType === 'central' ? 1.8 : districtType === 'suburban' ? 3 : 4;
}

export const districtProfiles: Readonly<Record<string, DistrictProfile>> = {
  '310101': { type: 'central', weight: 0.8, coverage: 0.68 }, // 黄浦
  '310104': { type: 'central', weight: 1.0, coverage: 0.66 }, // 徐汇
  '310105': { type: 'central', weight: 0.85, coverage: 0.63 }, // 长宁
  '310106': { type: 'central', weight: 0.9, coverage: 0.66 }, // 静安
  '310107': { type: 'central', weight: 0.9, coverage: 0.60 }, // 普陀
  '310109': { type: 'central', weight: 0.7, coverage: 0.63 }, // 虹口
  '310110': { type: 'central', weight: 0.8, coverage: 0.60 }, // 杨浦
  '310112': { type: 'suburban', weight: 1.5, coverage: 0.56 }, // 闵行
  '310113': { type: 'suburban', weight: 1.3, coverage: 0.85 }, // 宝山
  '310114': { type: 'suburban', weight: 1.6, coverage: 0.54 }, // 嘉定
  '310115': { type: 'suburban', weight: 1.2, coverage: 0.58 }, // 浦东
  '310116': { type: 'rural', weight: 1.0, coverage: 0.54 }, // 金山
  '310117': { type: 'suburban', weight: 1.3, coverage: 0.58 }, // 松江
  '310118': { type: 'rural', weight: 1.5, coverage: 0.53 }, // 青浦
  '310120': { type: 'rural', weight: 1.5, coverage: 0.53 }, // 奉贤
  '310151': { type: 'rural', weight: 0.5, coverage: 0.50 }, // 崇明
};

/** Industry sections an industry federation's sector recruits from. */
export const sectorSections: Readonly<Record<string, readonly IndustrySection[]>> = {
  网约送餐员: ['H', 'I'],
  快递物流: ['G'],
  物流货运: ['G'],
  家政: ['O'],
  医养照护: ['Q'],
  物业: ['K', 'L'],
  餐饮: ['H'],
  农民专业合作社: ['A'],
};
export const sectorsByDistrictType: Readonly<Record<DistrictType, readonly string[]>> = {
  central: ['餐饮', '物业', '家政', '医养照护'],
  suburban: ['物流货运', '快递物流', '餐饮', '物业', '家政'],
  rural: ['物流货运', '农民专业合作社', '餐饮', '快递物流', '医养照护'],
};

/** Federation kinds for generic (not named) federations, weighted by district type. */
export const genericKindWeights: Readonly<Record<DistrictType, readonly (readonly [OrgKind, number])[]>> = {
  central: [
    ['building_federation', 4], ['business_district_federation', 2], ['street_front_federation', 2], ['community_federation', 2],
    ['industry_federation', 2], ['grid_federation', 1], ['joint_union', 1],
  ],
  suburban: [
    ['park_federation', 4], ['industry_federation', 3], ['street_front_federation', 2], ['residence_federation', 1],
    ['project_site_federation', 1], ['community_federation', 1], ['business_district_federation', 1], ['joint_union', 1],
    ['fellowship_union', 1],
  ],
  rural: [
    ['park_federation', 2], ['industry_federation', 3], ['street_front_federation', 2], ['community_federation', 2],
    ['residence_federation', 1], ['project_site_federation', 1], ['fellowship_union', 1],
  ],
};

/** Named federations from the sources, placed under a street (region) or a district union. */
export interface NamedFederation {
  /** street code (under the street union) or district code (under the district union) */
  region: string;
  kind: OrgKind;
  name: string;
  sector?: string;
  establishedOn?: string;
  /** cover exactly this many enterprises of the area */
  cover?: number;
  /** a key to find it again (logins) */
  key?: string;
}

export const namedFederations: readonly NamedFederation[] = [
  // 宝山区顾村镇 (the 顾村 experience): regional, street-front, industry, residence and fellowship unions
  { region: GUCUN, kind: 'regional_federation', name: '宝山区顾村镇菊泉区域工会联合会', establishedOn: '2016-09-20', key: 'gucun-regional' },
  { region: GUCUN, kind: 'regional_federation', name: '宝山区顾村镇刘行区域工会联合会', establishedOn: '2016-10-18' },
  { region: GUCUN, kind: 'park_federation', name: '宝山区顾村镇工业园区工会联合会', establishedOn: '2016-11-08' },
  { region: GUCUN, kind: 'street_front_federation', name: '宝山区顾村镇沪太路街面工会联合会', establishedOn: '2016-12-06' },
  { region: GUCUN, kind: 'industry_federation', name: '宝山区顾村镇餐饮行业工会联合会', sector: '餐饮', establishedOn: '2017-01-10' },
  { region: GUCUN, kind: 'residence_federation', name: '宝山区顾村镇外来务工人员租住地工会联合会', establishedOn: '2017-03-15' },
  { region: GUCUN, kind: 'fellowship_union', name: '宝山区顾村镇联谊工会', establishedOn: '2017-04-20' },
  // 杨行: the town-level 物流货运 federation with "小二级" functions
  { region: YANGHANG, kind: 'industry_federation', name: '宝山区杨行镇物流货运行业工会联合会', sector: '物流货运', establishedOn: '2017-06-28', key: 'yanghang-logistics' },
  { region: YANGHANG, kind: 'regional_federation', name: '宝山区杨行镇区域工会联合会', establishedOn: '2017-02-14' },
  // 松江经开区
  { region: SONGJIANG_ZONE, kind: 'park_federation', name: '上海临港松江科技城园区工会联合会', establishedOn: '2017-11-16' },
  { region: SONGJIANG_ZONE, kind: 'park_federation', name: '松江经开区西部科技园区工会联合会', establishedOn: '2018-03-20' },
  { region: SONGJIANG_ZONE, kind: 'building_federation', name: '松江经开区G60科创云廊楼宇工会联合会', establishedOn: '2018-06-12' },
  { region: SONGJIANG_ZONE, kind: 'regional_federation', name: '松江经开区产业集群工会联合会', establishedOn: '2018-04-26' },
  { region: SONGJIANG_ZONE, kind: 'project_site_federation', name: '松江经开区项目工地工会联合会', establishedOn: '2018-08-08' },
  // 黄浦区南京东路: 楼宇工会 in the eight landmark office towers, plus the shopping street
  ...['科技京城', '新世界城', '天安中心', '东海商业中心', '春申江大厦', '华鑫海欣大厦', '来福士广场', '黄图大厦'].map(
    (building, i): NamedFederation => ({
      region: NANJINGDONGLU,
      kind: 'building_federation',
      name: `黄浦区南京东路街道${building}楼宇工会联合会`,
      establishedOn: `2016-${String(10 + Math.floor(i / 3)).padStart(2, '0')}-${String(10 + i * 2).padStart(2, '0')}`,
    }),
  ),
  { region: NANJINGDONGLU, kind: 'business_district_federation', name: '黄浦区南京东路街道南京路步行街商圈工会联合会', establishedOn: '2017-03-08' },
  { region: NANJINGDONGLU, kind: 'regional_federation', name: '黄浦区南京东路街道区域工会联合会', establishedOn: '2016-10-28' },
  // 虹口区欧阳路: five grid federations (built by the special path in generate.ts)
  // 静安区石门二路: 物业 industry federation
  { region: SHIMENERLU, kind: 'industry_federation', name: '静安区石门二路街道物业行业工会联合会', sector: '物业', establishedOn: '2017-05-18' },
  { region: SHIMENERLU, kind: 'regional_federation', name: '静安区石门二路街道区域工会联合会', establishedOn: '2016-12-20' },
  // 徐汇区天平路: 尚街Loft joint union (30 non-public enterprises in the sources)
  { region: TIANPINGLU, kind: 'joint_union', name: '尚街Loft品牌园区(中区)联合工会', establishedOn: '2017-08-29', cover: 30 },
  { region: TIANPINGLU, kind: 'regional_federation', name: '徐汇区天平路街道区域工会联合会', establishedOn: '2017-01-12' },
  // district-level industry federations for new forms of employment
  { region: '310107', kind: 'industry_federation', name: '普陀区网约送餐员行业工会联合会', sector: '网约送餐员', establishedOn: '2017-12-31' },
  { region: '310105', kind: 'industry_federation', name: '长宁区家政行业工会联合会', sector: '家政', establishedOn: '2017-08-04' },
  { region: '310118', kind: 'industry_federation', name: '青浦区快递物流行业工会联合会', sector: '快递物流', establishedOn: '2017-09-26' },
  { region: '310110', kind: 'industry_federation', name: '杨浦区医养照护行业工会联合会', sector: '医养照护', establishedOn: '2017-07-19' },
  { region: '310104', kind: 'project_site_federation', name: '徐汇区滨江建设者工会联合会', establishedOn: '2017-10-30' },
  // other units named in the 2017 innovation cases
  { region: '310115139', kind: 'regional_federation', name: '浦东机场工会联合会', establishedOn: '2017-09-22' },
  { region: '310117120', kind: 'industry_federation', name: '松江区叶榭镇农民专业合作社行业工会联合会', sector: '农民专业合作社', establishedOn: '2017-06-15' },
  { region: '310151103', kind: 'industry_federation', name: '崇明区新河镇农民专业合作社工会联合会', sector: '农民专业合作社', establishedOn: '2017-09-28' },
  { region: '310151116', kind: 'street_front_federation', name: '崇明区长兴镇街区商户联合工会', establishedOn: '2017-07-06' },
  { region: '310104014', kind: 'industry_federation', name: '徐汇区徐家汇街道家政服务行业联合工会', sector: '家政', establishedOn: '2017-11-02' },
];

/** Demo-scale minimum size of streets that hold named units. */
export const demoStreetMinimum: Readonly<Record<string, number>> = {
  [NANJINGDONGLU]: 450,
  [TIANPINGLU]: 150,
  [SHIMENERLU]: 120,
  '310115139': 120,
  '310117120': 80,
  '310151103': 60,
  '310151116': 80,
  '310104014': 80,
};

/** 产业工会 under the city or a district, with the industry sections of the state enterprises they take. */
export const industryUnions: readonly { region: string; name: string; sections: readonly IndustrySection[] }[] = [
  { region: CITY_CODE, name: '上海市建设交通工会', sections: ['E', 'G', 'D', 'N'] },
  { region: CITY_CODE, name: '上海市金融工会', sections: ['J', 'K'] },
  { region: CITY_CODE, name: '上海市商贸服务业工会', sections: ['F', 'H', 'O', 'L'] },
  { region: '310115', name: '浦东新区建设工会', sections: ['E'] },
  { region: BAOSHAN, name: '宝山区冶金产业工会', sections: ['C'] },
];

/** The territorial union of a street keeps its everyday name in a few cases. */
export const streetUnionNames: Readonly<Record<string, string>> = {
  [SONGJIANG_ZONE]: '松江经开区总工会',
};
/** Prefix for the names of federations inside a street (default: district + street name). */
export const streetNamePrefixes: Readonly<Record<string, string>> = {
  [SONGJIANG_ZONE]: '松江经开区',
};
