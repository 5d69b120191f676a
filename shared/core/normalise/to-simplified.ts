import { Converter } from 'opencc-js/t2cn';

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
  // A few rare characters simplify in two steps (薴 → 苧 → 苎); converting until nothing changes
  // makes the result a fixed point, so normalising twice equals normalising once.
  let current = s;
  for (let round = 0; round < 3; round += 1) {
    const next = convertOnce(current);
    if (next === current) return next;
    current = next;
  }
  return current;
}
