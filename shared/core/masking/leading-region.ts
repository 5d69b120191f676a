import { childrenOf, provinces, type Region } from '../region/regions';

interface Entry {
  depth: number;
  short: boolean;
}

const depths: Record<Region['level'], number> = { province: 0, city: 1, district: 2 };

// Placeholder divisions of the region data, not names anybody writes in an address.
const PLACEHOLDERS = new Set(['省直辖县', '县', '自治区直辖县级行政区划']);
// Short forms people write for provinces and cities: 广东 for 广东省, 深圳 for 深圳市,
// 广西 for 广西壮族自治区. Districts, prefectures (地区) and leagues (盟) get none: 长安, 阿里
// (阿里地区) or 兴安 (兴安盟) are more often the start of a street or a brand than a region.
const PROVINCE_SUFFIX = /(?:省|市|(?:壮族|回族|维吾尔)?自治区|特别行政区)$/u;
const CITY_SUFFIX = /市$/u;
const SHORT_SUFFIX: Partial<Record<Region['level'], RegExp>> = {
  province: PROVINCE_SUFFIX,
  city: CITY_SUFFIX,
};

interface Candidate {
  name: string;
  entries: Entry[];
}

// Names by their first two UTF-16 units (every name has two), longest first: a match is looked
// for among the few names that start like the text, without slicing it at every length.
type Index = Map<number, Candidate[]>;

const firstTwoUnits = (s: string, at = 0): number =>
  s.charCodeAt(at) * 0x10000 + s.charCodeAt(at + 1);

let index: Index | undefined;

/** Built on first use: about 3,900 names, a cost that only callers who mask should pay. */
function regionIndex(): Index {
  if (index !== undefined) return index;
  const names = new Map<string, Entry[]>();
  const add = (name: string, entry: Entry) => {
    if (name.length < 2) return;
    const entries = [...(names.get(name) ?? []), entry].sort((a, b) => a.depth - b.depth);
    names.set(name, entries);
  };
  const addRegion = (region: Region) => {
    if (PLACEHOLDERS.has(region.name)) return;
    const depth = depths[region.level];
    add(region.name, { depth, short: false });
    const suffix = SHORT_SUFFIX[region.level];
    const short = suffix === undefined ? region.name : region.name.replace(suffix, '');
    if (short !== region.name) add(short, { depth, short: true });
  };
  for (const province of provinces()) {
    addRegion(province);
    for (const city of childrenOf(province.code)) {
      addRegion(city);
      childrenOf(city.code).forEach(addRegion);
    }
  }
  const byStart: Index = new Map();
  for (const [name, entries] of names) {
    const start = firstTwoUnits(name);
    byStart.set(start, [...(byStart.get(start) ?? []), { name, entries }]);
  }
  for (const candidates of byStart.values()) {
    candidates.sort((a, b) => b.name.length - a.name.length);
  }
  index = byStart;
  return byStart;
}

/** How a leading run of division names may end. */
export interface LeadingRegionOptions {
  /**
   * Whether the run may end on a short name (深圳 rather than 深圳市). Company names often
   * start with one; in an address a lone short name is as likely the start of a street
   * (中山路), so there it counts only before a full name (上海浦东新区).
   */
  endOnShortName: boolean;
}

/**
 * The administrative division names a text starts with: at most a province, a city and a
 * district, each below the one before, longest name first. Empty when it starts with none.
 * @example leadingRegion('上海市浦东新区张江路88号', { endOnShortName: false }) // '上海市浦东新区'
 */
export function leadingRegion(text: string, { endOnShortName }: LeadingRegionOptions): string {
  const names = regionIndex();
  const found: { end: number; short: boolean }[] = [];
  // Region names are all in the BMP, so UTF-16 positions are safe here: no name starts or ends
  // inside a surrogate pair.
  let position = 0;
  let depth = -1;
  while (depth < depths.district) {
    const match = longestMatch(text, position, depth, names);
    if (match === undefined) break;
    position += match.length;
    depth = match.depth;
    found.push({ end: position, short: match.short });
  }
  while (!endOnShortName && found[found.length - 1]?.short === true) found.pop();
  return text.slice(0, found[found.length - 1]?.end ?? 0);
}

function longestMatch(
  text: string,
  position: number,
  below: number,
  names: Index,
): { length: number; depth: number; short: boolean } | undefined {
  // Fewer than two units left gives NaN, which no name has.
  for (const { name, entries } of names.get(firstTwoUnits(text, position)) ?? []) {
    if (!text.startsWith(name, position)) continue;
    // Entries are sorted by depth: a name such as 上海市 is both a province and a city, and
    // the highest level still free is taken.
    const entry = entries.find((e) => e.depth > below);
    if (entry !== undefined) return { length: name.length, depth: entry.depth, short: entry.short };
  }
  return undefined;
}
