import { areaList } from '@vant/area-data';

/** One administrative division with its GB/T 2260 six-digit code. */
export interface Region {
  code: string;
  name: string;
  level: 'province' | 'city' | 'district';
}

/** A district with its city and province, as the three-level cascade shows it. */
export interface RegionPath {
  province: Region;
  city: Region;
  district: Region;
}

const levels = [
  ['province', areaList.province_list],
  ['city', areaList.city_list],
  ['district', areaList.county_list],
] as const;

const byCode = new Map<string, Region>();
for (const [level, list] of levels) {
  for (const [code, name] of Object.entries(list)) byCode.set(code, { code, name, level });
}

/**
 * Finds a division by its six-digit GB/T 2260 code.
 * @example regionByCode('310115')?.name // '浦东新区'
 */
export function regionByCode(code: string): Region | undefined {
  return byCode.get(code);
}

/**
 * Whether the first two digits name a province-level division (ID numbers start with one).
 * @example isProvincePrefix('44') // true
 */
export function isProvincePrefix(prefix: string): boolean {
  return /^\d{2}$/.test(prefix) && byCode.has(`${prefix}0000`);
}

/**
 * The provinces, municipalities and autonomous regions, in code order.
 * @example provinces()[0] // { code: '110000', name: '北京市', level: 'province' }
 */
export function provinces(): Region[] {
  return childrenOf('');
}

/**
 * The divisions one level below a code: cities of a province, districts of a city.
 * @example childrenOf('310100').some((r) => r.name === '浦东新区') // true
 */
export function childrenOf(code: string): Region[] {
  const parent = code === '' ? undefined : byCode.get(code);
  if (code !== '' && (parent === undefined || parent.level === 'district')) return [];
  const level =
    parent === undefined ? 'province' : parent.level === 'province' ? 'city' : 'district';
  const prefix =
    parent === undefined ? '' : parent.level === 'province' ? code.slice(0, 2) : code.slice(0, 4);
  const out: Region[] = [];
  for (const region of byCode.values()) {
    if (region.level === level && region.code.startsWith(prefix)) out.push(region);
  }
  return out.sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * The province, city and district of a district code, or undefined for anything else.
 * @example regionPath('310115')?.city.name // '上海市'
 */
export function regionPath(code: string): RegionPath | undefined {
  const district = byCode.get(code);
  if (district?.level !== 'district') return undefined;
  const city = byCode.get(`${code.slice(0, 4)}00`);
  const province = byCode.get(`${code.slice(0, 2)}0000`);
  if (city === undefined || province === undefined) return undefined;
  return { province, city, district };
}

/**
 * Finds a division by name at a level, optionally under a parent code; exact name first, then
 * a name given without its suffix (上海 for 上海市, 浦东 for 浦东新区).
 * @example regionByName('浦东新区', 'district')[0]?.code // '310115'
 */
export function regionByName(name: string, level: Region['level'], parentCode = ''): Region[] {
  const scope =
    parentCode === ''
      ? [...byCode.values()]
      : [...byCode.values()].filter((r) =>
          r.code.startsWith(parentCode.slice(0, parentCodeDigits(parentCode))),
        );
  const atLevel = scope.filter((r) => r.level === level);
  const exact = atLevel.filter((r) => r.name === name);
  if (exact.length > 0) return exact;
  return name.length >= 2 ? atLevel.filter((r) => r.name.startsWith(name)) : [];
}

function parentCodeDigits(code: string): number {
  const region = byCode.get(code);
  return region?.level === 'province' ? 2 : region?.level === 'city' ? 4 : 6;
}
