/**
 * How many code points a text has, as `[...text].length` counts them (a surrogate pair is one,
 * a lone surrogate one too), without building the array.
 * @example codePointLength('华信😀') // 3
 */
export function codePointLength(text: string): number {
  let n = text.length;
  for (let i = 0; i + 1 < text.length; i += 1) {
    const high = text.charCodeAt(i);
    if (high >= 0xd800 && high <= 0xdbff) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        n -= 1;
        i += 1;
      }
    }
  }
  return n;
}
