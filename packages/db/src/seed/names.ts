/**
 * Word parts for generated names. Initials are computed once per part with nameInitials() and cached,
 * so building 500,000 enterprise names never calls pinyin-pro per name (the test checks that the cached
 * concatenation equals nameInitials(name) for every generated name).
 */
import type { IndustrySection } from '@lianxin/contracts';
import { nameInitials } from '../pinyin.ts';
import type { Random } from './random.ts';

const initialsCache = new Map<string, string>();

/** nameInitials of a name part, cached. */
export function partInitials(part: string): string {
  let cached = initialsCache.get(part);
  if (cached === undefined) {
    cached = nameInitials(part);
    initialsCache.set(part, cached);
  }
  return cached;
}

/** 字号: two-character trade names (no polyphonic characters whose reading changes with context). */
export const brandWords: readonly string[] = [
  '连心', '宝顾', '华谊', '鑫源', '恒达', '瑞丰', '博远', '嘉禾', '锦程', '永新', '宏图', '天成', '汇通', '致远',
  '启明', '晨光', '星辰', '同创', '弘毅', '立信', '海纳', '申联', '沪鑫', '浦江', '申城', '东昊', '南洋', '北辰',
  '西岭', '金鼎', '银河', '翔宇', '凯旋', '腾飞', '佳美', '丰泰', '安顺', '福瑞', '康宁', '明德', '远航', '卓越',
  '精诚', '万佳', '百合', '千禧', '红枫', '青松', '白鹭', '紫金', '蓝天', '绿源', '橙果', '沃土', '润泽', '清源',
  '鼎泰', '信达', '宇航', '中联', '九州', '四方', '三元', '双赢', '泰和', '德润', '仁和', '智慧', '创新', '科达',
  '华东', '江南', '东方', '亚太', '环球', '新视', '艺林', '优品', '众合', '协力', '共赢', '开元', '正泰', '久安',
  '和美', '欣然', '悦来', '悦享', '益民', '惠民', '利群', '富源', '昌盛', '兴旺', '荣华', '吉祥', '如意', '顺达',
  '通达', '迅捷', '快客', '飞鸿', '鹏程', '骏马', '雄狮', '猎豹', '海鸥', '云帆', '风华', '雨露', '雪峰', '冰川',
  '星火', '明珠', '宝石', '翡翠', '琥珀', '水晶', '钻石', '铂金', '恒通', '恒信', '瑞祥', '祥和', '和谐', '安泰',
  '尚品', '臻选', '睿智', '慧聚', '领航', '先锋', '前沿', '未来', '远景', '视界', '知音', '匠心', '工匠', '良友',
  '友邦', '邦德', '德邦', '邦尼', '尼克', '凯利', '利达', '达成', '成功', '功夫', '方圆', '圆通', '通用', '用心',
];

/** Words naming what a company does, by GB/T 4754 section. */
export const industryWords: Record<IndustrySection, readonly string[]> = {
  A: ['农业发展', '蔬果种植', '水产养殖', '花卉园艺'],
  B: ['矿产品', '石材开采'],
  C: ['精密机械', '电子科技', '新材料', '汽车零部件', '食品', '服饰', '塑料制品', '五金制品', '印刷', '医疗器械', '化工', '家具', '包装材料', '模具', '电气设备', '钢结构'],
  D: ['能源科技', '燃气', '新能源', '供水'],
  E: ['建设工程', '建筑装饰', '安装工程', '市政工程', '园林工程'],
  F: ['贸易', '商贸', '超市', '建材', '五金交电', '日用百货', '医药连锁', '电子商务'],
  G: ['物流', '货运', '运输', '快递', '仓储', '供应链管理', '汽车运输', '冷链物流'],
  H: ['餐饮管理', '酒店管理', '餐饮', '快餐', '面馆', '咖啡', '小吃'],
  I: ['信息技术', '网络科技', '软件', '数据科技', '智能科技', '通信技术'],
  J: ['投资管理', '资产管理', '融资租赁'],
  K: ['物业管理', '房地产经纪', '置业'],
  L: ['企业管理咨询', '人力资源', '商务咨询', '广告', '会展服务', '劳务派遣'],
  M: ['检测技术', '工程设计', '生物科技', '环境科技', '工业设计', '技术服务'],
  N: ['绿化工程', '环境卫生', '水务'],
  O: ['家政服务', '美容美发', '汽车修理', '保洁服务', '洗衣', '维修服务'],
  P: ['培训', '教育科技', '职业技能培训'],
  Q: ['护理院', '诊所', '养老服务', '健康管理', '康复医疗'],
  R: ['文化传播', '体育发展', '影视', '艺术', '健身'],
  S: ['社会服务'],
  T: ['国际交流'],
};

/** Section weights for new enterprises: C, F, G, H, I, L, M, O common. */
export const industryWeights: readonly (readonly [IndustrySection, number])[] = [
  ['A', 1], ['B', 0.1], ['C', 16], ['D', 0.6], ['E', 5], ['F', 20], ['G', 8], ['H', 9], ['I', 8], ['J', 1.5],
  ['K', 3], ['L', 10], ['M', 7], ['N', 1], ['O', 6], ['P', 1.5], ['Q', 1.5], ['R', 2], ['S', 0], ['T', 0],
];

export const companySuffixes = { small: '有限公司', large: '股份有限公司', group: '集团有限公司' } as const;
/** 个体工商户 names end differently. */
export const individualSuffixes: readonly string[] = ['经营部', '服务部', '工作室', '店'];

export interface GeneratedName {
  name: string;
  initials: string;
}

/** Joins name parts and their cached initials. */
export function joinParts(parts: readonly string[]): GeneratedName {
  let name = '';
  let initials = '';
  for (const part of parts) {
    name += part;
    initials += partInitials(part);
  }
  return { name, initials };
}

export interface EnterpriseNameInput {
  section: IndustrySection;
  individual: boolean;
  foreign: boolean;
  large: boolean;
  group: boolean;
  /** e.g. "宝山区" for 个体工商户 names */
  districtName: string;
}

export function enterpriseName(random: Random, input: EnterpriseNameInput): GeneratedName {
  const brand = random.chance(0.22) ? [random.pick(brandWords), random.pick(brandWords)] : [random.pick(brandWords)];
  const word = random.pick(industryWords[input.section]);
  if (input.individual) {
    return joinParts([input.districtName, ...brand, word, random.pick(individualSuffixes)]);
  }
  if (input.section === 'A' && random.chance(0.5)) return joinParts(['上海', ...brand, word, '专业合作社']);
  const suffix = input.group ? companySuffixes.group : input.large ? companySuffixes.large : companySuffixes.small;
  if (input.foreign && random.chance(0.5)) return joinParts([...brand, '(上海)', word, suffix]);
  return joinParts(['上海', ...brand, word, suffix]);
}

const surnames = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许邓冯韩曹彭萧蔡潘田董袁于余叶蒋杜苏魏程吕丁沈任姚卢傅钟姜崔谭廖范汪陆金戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严赖洪武莫孔'];
const givenChars = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国文斌宇浩凯健俊帆帅旭宁龙林欣怡佳琪梓涵子轩雨晨思远嘉懿晓峰海波志刚春梅秋菊冬雪立新卫东永红丹丹小'];

/** A Chinese person's name (2–3 characters). */
export function personName(random: Random): string {
  const surname = random.pick(surnames);
  return random.chance(0.7) ? surname + random.pick(givenChars) + random.pick(givenChars) : surname + random.pick(givenChars);
}

const roadWords = [
  '富联', '陆翔', '沪太', '泰和', '丹霞山', '镜泊湖', '锦秋', '联谊', '菊联', '共富', '长江西', '水产', '友谊', '牡丹江',
  '淞滨', '同济', '江杨', '场中', '真北', '祁连山', '华灵', '新村', '环镇', '南京东', '九江', '汉口', '福州', '广东',
  '虎丘', '宁海东', '四川北', '欧阳', '曲阳', '东体育会', '大连西', '中山', '人民', '光明', '和平', '建设', '解放',
  '文化', '学府', '科技', '创新', '工业', '园区', '迎宾', '景园', '春晖', '秋实', '兴业', '康乐', '安平', '永福',
];
const numberSuffix = ['号', '弄', '号'];

/** "宝山区顾村镇富联路123号" (+ sometimes a unit). */
export function address(random: Random, regionFullName: string): string {
  const road = random.pick(roadWords) + (random.chance(0.85) ? '路' : random.chance(0.5) ? '街' : '公路');
  const no = random.int(1, random.chance(0.8) ? 999 : 3999);
  let text = `${regionFullName}${road}${no}${random.pick(numberSuffix)}`;
  if (random.chance(0.35)) text += `${random.int(1, 12)}幢${random.int(1, 30)}${String(random.int(1, 20)).padStart(2, '0')}室`;
  return text;
}

export function roadName(random: Random): string {
  return random.pick(roadWords) + '路';
}

/** Place words used to tell federations of one street apart. */
export const quarterWords: readonly string[] = ['东片', '西片', '南片', '北片', '中心', '新城', '老街', '沿河', '滨江', '北部', '南部', '第二', '第三'];
export const buildingSuffixes: readonly string[] = ['大厦', '中心', '广场', '国际', '商务楼'];
export const parkSuffixes: readonly string[] = ['科技', '产业', '创意', '智造', '物流', '电商'];
export const communitySuffixes: readonly string[] = ['苑', '新村', '花园', '家园', '社区'];
export const chineseOrdinals: readonly string[] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
export const branchDepartments: readonly string[] = ['生产部', '技术部', '物流部', '销售部', '行政部', '质量部', '研发中心', '一车间', '二车间', '三车间'];
