import { childrenOf, provinces, type Region } from '../region/regions';

/** How a region name was found and the short form it stands for (上海市 → 上海). */
export interface RegionMatch {
  text: string;
  canonical: string;
}

/**
 * Where a region name may be recognised: `leading` at the start of a company name, where a wrong
 * guess eats part of a trade name; `any` inside brackets or a branch label, where the brackets or
 * the 分公司 already say a place is meant.
 */
export type RegionContext = 'leading' | 'any';

interface Entry {
  canonical: string;
  leading: boolean;
}

// Longest first, so that 自治县 wins over 县 and 新区 over 区.
const suffixes =
  '特别行政区 自治区 自治州 自治县 自治旗 地区 新区 林区 矿区 省 市 区 县 盟 旗'.split(' ');

// Autonomous divisions carry the names of their peoples between place and suffix
// (延边朝鲜族自治州, 新疆维吾尔自治区); people say the place alone (延边, 新疆).
const peoples = [
  '蒙古族 蒙古 回族 藏族 维吾尔 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 哈尼族',
  '哈萨克族 哈萨克 傣族 黎族 傈僳族 佤族 畲族 拉祜族 水族 东乡族 纳西族 景颇族 柯尔克孜 土族',
  '达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯 普米族 塔吉克 怒族 鄂温克族 保安族',
  '裕固族 独龙族 鄂伦春 各族',
]
  .join(' ')
  .split(' ')
  .sort((a, b) => b.length - a.length);

// Short forms that are also everyday words or famous trade names (阿里巴巴, 大同, 朝阳): at the
// start of a name they are taken as a region only with their suffix (阿里地区, 朝阳市).
const notLeadingShortForms = new Set([
  '阿里',
  '大同',
  '朝阳',
  '吉安',
  '泰安',
  '长治',
  '白银',
  '普洱',
  '和田',
  '红河',
]);

/**
 * The short form of a division's name, or undefined when it has none of two characters or more.
 * @example shortRegionName('内蒙古自治区') // '内蒙古'
 */
export function shortRegionName(name: string): string | undefined {
  const suffix = suffixes.find((s) => name.endsWith(s) && name.length > s.length);
  if (suffix === undefined) return undefined;
  let short = name.slice(0, -suffix.length);
  for (let people = peopleAtEnd(short); people !== undefined; people = peopleAtEnd(short)) {
    short = short.slice(0, -people.length);
  }
  return [...short].length >= 2 ? short : undefined;
}

// 内蒙古 ends in 蒙古 but is no people's name: a people is only dropped when two characters stay.
function peopleAtEnd(s: string): string | undefined {
  return peoples.find((p) => s.endsWith(p) && [...s.slice(0, -p.length)].length >= 2);
}

// Names of two characters or more by their first two UTF-16 units, longest first: the prefixes
// of a text are found among the few names that start like it, without slicing the text.
type Index = Map<number, { text: string; entry: Entry }[]>;

const firstTwoUnits = (s: string, at = 0): number =>
  s.charCodeAt(at) * 0x10000 + s.charCodeAt(at + 1);

let index: Index | undefined;

function add(map: Map<string, Entry>, text: string, canonical: string, leading: boolean): void {
  const known = map.get(text);
  // A text that is the short form of one division and the full name of another (吉林) keeps the
  // shortest canonical form, so that canonical forms map to themselves.
  const best =
    known === undefined || canonical.length < known.canonical.length ? canonical : known.canonical;
  map.set(text, { canonical: best, leading: leading || (known?.leading ?? false) });
}

function addRegion(map: Map<string, Entry>, region: Region): void {
  // Towns, 管委会 and the data's placeholders (省直辖县, 自治区直辖县级行政区划) are no prefix of a name.
  if (!suffixes.some((s) => region.name.endsWith(s)) || region.name.includes('直辖')) return;
  const short = shortRegionName(region.name);
  add(map, region.name, short ?? region.name, true);
  // A district's short form (浦东, 海淀) is too often a word (新华, 和平, 长安) to strip unasked.
  if (short !== undefined) {
    add(map, short, short, region.level !== 'district' && !notLeadingShortForms.has(short));
  }
}

function regionIndex(): Index {
  if (index !== undefined) return index;
  const map = new Map<string, Entry>();
  for (const province of provinces()) {
    addRegion(map, province);
    for (const city of childrenOf(province.code)) {
      addRegion(map, city);
      for (const district of childrenOf(city.code)) addRegion(map, district);
    }
  }
  // (中国) after a trade name is how foreign-invested companies name their China entity.
  add(map, '中国', '中国', false);
  const byStart: Index = new Map();
  // A one-character name (县) is never a prefix: a region takes two characters at least.
  for (const [text, entry] of map) {
    if (text.length < 2) continue;
    const start = firstTwoUnits(text);
    byStart.set(start, [...(byStart.get(start) ?? []), { text, entry }]);
  }
  for (const names of byStart.values()) names.sort((a, b) => b.text.length - a.text.length);
  index = byStart;
  return byStart;
}

/**
 * The region names at the start of a text, longest first.
 * @example regionPrefixes('上海市华信', 'leading').map((m) => m.text) // ['上海市', '上海']
 */
export function regionPrefixes(s: string, context: RegionContext): RegionMatch[] {
  const out: RegionMatch[] = [];
  // A text shorter than two units gives NaN, which no name has.
  const candidates = regionIndex().get(firstTwoUnits(s));
  if (candidates === undefined) return out;
  for (const { text, entry } of candidates) {
    if ((context === 'any' || entry.leading) && s.startsWith(text)) {
      out.push({ text, canonical: entry.canonical });
    }
  }
  return out;
}

// The first of regionPrefixes(s, 'any'), without building the others.
function longestPrefix(s: string): { text: string; entry: Entry } | undefined {
  return regionIndex()
    .get(firstTwoUnits(s))
    ?.find(({ text }) => s.startsWith(text));
}

/**
 * The canonical form of a text made only of region names (北京市朝阳区 → 北京朝阳), else undefined.
 * @example regionChain('北京市朝阳区') // '北京朝阳'
 */
export function regionChain(s: string): string | undefined {
  if (s === '') return undefined;
  let rest = s;
  let canonical = '';
  while (rest !== '') {
    const match = longestPrefix(rest);
    if (match === undefined) return undefined;
    canonical += match.entry.canonical;
    rest = rest.slice(match.text.length);
  }
  return canonical;
}
