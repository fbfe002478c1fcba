import { pinyin } from 'pinyin-pro';

/**
 * The kind of a division (the end of its name) in English, longest first so that 工业园区 wins over 园区 and 区.
 * Terms as the city's own English usage (浦东新区 → Pudong New Area, 街道 → Subdistrict); see docs/DOMAIN.md §10 (Regions).
 * No 新镇 ("New Town"): 华新镇 and 竖新镇 are 华新 and 竖新 towns, so 川沙新镇 reads "Chuanshaxin Town".
 */
const KINDS: readonly (readonly [string, string])[] = [
  ['高新技术产业开发区', 'High-Tech Industrial Development Zone'],
  ['经济技术开发区', 'Economic and Technological Development Zone'],
  ['新兴技术开发区', 'New Technology Development Zone'],
  ['自由贸易试验区', 'Pilot Free Trade Zone'],
  ['现代农业园区', 'Modern Agriculture Park'],
  ['出口加工区', 'Export Processing Zone'],
  ['高科技园区', 'Hi-Tech Park'],
  ['工业园区', 'Industrial Park'],
  ['保税片区', 'Bonded Area'],
  ['开发区', 'Development Zone'],
  ['工业区', 'Industrial Zone'],
  ['度假区', 'Resort'],
  ['旅游区', 'Tourist Zone'],
  ['街道', 'Subdistrict'],
  ['新区', 'New Area'],
  ['园区', 'Park'],
  ['农场', 'Farm'],
  ['林场', 'Forest Farm'],
  ['区', 'District'],
  ['镇', 'Town'],
  ['乡', 'Township'],
];

/** Names that have an English exonym rather than a romanisation (inside 中国（上海）自由贸易试验区). */
const EXONYMS: ReadonlyMap<string, string> = new Map([['中国', 'China']]);

/**
 * Characters whose reading in Shanghai place names differs from pinyin-pro's everyday choice: 行 is háng in
 * 闵行, 杨行, 庙行, 殷行, 徐行, 高行 and 庄行; 莘 is xīn in 莘庄; 重 is chóng in 重固.
 */
const PLACE_READINGS: ReadonlyMap<string, string> = new Map([['行', 'hang'], ['莘', 'xin'], ['重', 'chong']]);

/**
 * Hanyu Pinyin of a proper name written as one word with a capital (GB/T 16159): 友谊路 → "Youyilu",
 * 静安 → "Jing'an" (an apostrophe before a syllable starting with a, o or e), 吕巷 → "Lüxiang".
 */
function romanise(stem: string): string {
  const syllables = pinyin(stem, { toneType: 'none', type: 'array', v: false });
  const chars = [...stem];
  const word = syllables
    .map((s, i) => PLACE_READINGS.get(chars[i] ?? '') ?? s.toLowerCase())
    .map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s))
    .join('');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A name part without its kind: "上海" + "松江" reads "Shanghai Songjiang", otherwise one word. */
function romaniseStem(stem: string): string {
  const exonym = EXONYMS.get(stem);
  if (exonym) return exonym;
  if (stem.startsWith('上海') && stem.length > 2) return `Shanghai ${romanise(stem.slice(2))}`;
  return romanise(stem);
}

/** One name without brackets: stem in pinyin + the kind in English (宝山工业园区 → "Baoshan Industrial Park"). */
function englishPart(name: string): string {
  const kind = KINDS.find(([zh]) => name.endsWith(zh));
  if (!kind) return romaniseStem(name);
  const stem = name.slice(0, name.length - kind[0].length);
  return stem.length > 0 ? `${romaniseStem(stem)} ${kind[1]}` : kind[1];
}

/**
 * English form of a GB/T 2260 division name: the proper part romanised with pinyin, the kind of division in
 * English. 宝山区 → "Baoshan District", 顾村镇 → "Gucun Town", 友谊路街道 → "Youyilu Subdistrict", 宝山工业园区 →
 * "Baoshan Industrial Park", 上海市 → "Shanghai"; full-width brackets become ASCII ones (中国（上海）自由贸易试验区
 * （保税片区） → "China (Shanghai) Pilot Free Trade Zone (Bonded Area)"). Total: any Chinese text gives ASCII
 * letters (plus ü and the apostrophe), never throws.
 */
export function regionNameEn(name: string): string {
  if (name.endsWith('市')) return romaniseStem(name.slice(0, -1));
  return name
    .split(/[（(]|[）)]/)
    .map((part, i) => ({ part: part.trim(), bracketed: i % 2 === 1 }))
    .filter(({ part }) => part.length > 0)
    .map(({ part, bracketed }) => (bracketed ? `(${englishPart(part)})` : englishPart(part)))
    .join(' ');
}
