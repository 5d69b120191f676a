import { Converter, Locale } from 'opencc-js/t2cn';

type Convert = (text: string) => string;

let convert: Convert | undefined;

// Building the dictionaries takes a few milliseconds and most calls never see a Traditional
// character, so the converter is built on first use and kept. Hong Kong variants (衞, 綫) are
// mapped to OpenCC's standard Traditional first, then Taiwan variants and the characters to
// mainland Simplified. No phrase conversion (twp/hkp): 資訊科技 must stay 资讯科技, not become
// 信息科技, because a company's registered trade name is never translated.
function converter(): Convert {
  if (convert === undefined) {
    const fromHongKong = Converter({ from: 'hk', to: 't' });
    const toMainland = Converter({ from: 'tw', to: 'cn' });
    convert = (text) => toMainland(fromHongKong(text));
  }
  return convert;
}

// What the converter could rewrite. `start` flags the first UTF-16 unit of every dictionary key:
// 1 when a key is that unit alone, 2 when only longer keys start with it, so most characters are
// passed over by one array read. The longer keys are kept by their first two units.
interface Keys {
  start: Uint8Array;
  long: Map<number, string[]>;
}

let keys: Keys | undefined;

const firstTwoUnits = (s: string, at = 0): number =>
  s.charCodeAt(at) * 0x10000 + s.charCodeAt(at + 1);

// OpenCC rewrites a text only where one of its dictionary keys occurs, and running it on a name
// costs several microseconds, while looking for its keys costs a fraction of that. These are the
// dictionaries of every chain the two converters above can take (Hong Kong and Taiwan to
// Traditional, Traditional to mainland, including OpenCC's own hk2s/tw2s configurations), so a
// text without any of their keys is one the converter returns unchanged.
function convertibleKeys(): Keys {
  if (keys !== undefined) return keys;
  const start = new Uint8Array(0x10000);
  const long = new Map<number, string[]>();
  const addKey = (key: string) => {
    if (key === '') return;
    const first = key.charCodeAt(0);
    if (key.length === 1) {
      start[first] = 1;
      return;
    }
    if (start[first] === 0) start[first] = 2;
    const pair = firstTwoUnits(key);
    long.set(pair, [...(long.get(pair) ?? []), key]);
  };
  const walk = (dict: unknown): void => {
    if (typeof dict === 'string') {
      for (const entry of dict.split('|')) addKey(entry.split(' ')[0] ?? '');
    } else if (isPair(dict)) {
      addKey(dict[0]);
    } else if (Array.isArray(dict)) {
      for (const item of dict) walk(item);
    } else if (typeof dict === 'object' && dict !== null) {
      for (const item of Object.values(dict)) walk(item);
    }
  };
  walk([Locale.from['hk'], Locale.from['tw'], Locale.to['cn']]);
  walk([Locale.configs['hk2s'], Locale.configs['tw2s']]);
  keys = { start, long };
  return keys;
}

// A dictionary entry as a pair ['臺', '台'], not a group of two dictionaries ('a b|c d' strings).
function isPair(dict: unknown): dict is readonly [string, string] {
  return (
    Array.isArray(dict) &&
    dict.length === 2 &&
    typeof dict[0] === 'string' &&
    typeof dict[1] === 'string' &&
    !/[ |]/.test(dict[0])
  );
}

/**
 * Whether some key of the converter's dictionaries occurs in the text; when none does, OpenCC
 * would return the text as it is.
 * @example mayConvert('华信科技有限公司') // false
 */
export function mayConvert(text: string): boolean {
  const { start, long } = convertibleKeys();
  for (let at = 0; at < text.length; at += 1) {
    const first = start[text.charCodeAt(at)];
    if (first === 0) continue;
    if (first === 1) return true;
    // At the last unit this is NaN, which no key has.
    for (const key of long.get(firstTwoUnits(text, at)) ?? []) {
      if (text.startsWith(key, at)) return true;
    }
  }
  return false;
}

// 么 is already the Simplified form (of 麼), but OpenCC's character table also lists it as a
// variant of 幺 and rewrites a 么 that no phrase (什么, 怎么) covers; it passes through untouched.
function convertOnce(text: string): string {
  return text.split('么').map(converter()).join('么');
}

/**
 * Converts Traditional Chinese (Taiwan or Hong Kong) to mainland Simplified Chinese.
 * @example toSimplified('華信科技股份有限公司') // '华信科技股份有限公司'
 */
export function toSimplified(s: string): string {
  if (!mayConvert(s)) return s;
  // A few rare characters simplify in two steps (薴 → 苧 → 苎); converting until nothing changes
  // makes the result a fixed point, so normalising twice equals normalising once.
  let current = s;
  for (let round = 0; round < 3; round += 1) {
    const next = convertOnce(current);
    // Converting again would change nothing where no key is left, so that round is skipped.
    if (next === current || !mayConvert(next)) return next;
    current = next;
  }
  return current;
}
