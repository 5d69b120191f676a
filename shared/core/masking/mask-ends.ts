import { fullMask } from './mask-full';

// Below this many hidden characters a partial mask gives too much away (a 9-character passport
// number with 6 + 4 shown would be shown whole), so such values are masked in full.
const MIN_HIDDEN = 4;

/**
 * Keeps the first `head` and last `tail` characters (code points, so an emoji or a rare Han
 * character is one) and puts one star per hidden character between them. A value that would
 * keep fewer than four characters hidden is masked in full; an empty one stays empty.
 * @example maskEnds('110105199001010021', 6, 4) // '110105********0021'
 */
export function maskEnds(value: string, head: number, tail: number): string {
  if (!isCount(head) || !isCount(tail)) {
    throw new RangeError(
      `maskEnds: head and tail must be non-negative integers, not ${head}, ${tail}`,
    );
  }
  if (value === '') return '';
  const chars = Array.from(value);
  const hidden = chars.length - head - tail;
  // With nothing kept at either end, one star per character would only leak the length.
  if (hidden < MIN_HIDDEN || head + tail === 0) return fullMask;
  return chars.slice(0, head).join('') + '*'.repeat(hidden) + chars.slice(head + hidden).join('');
}

function isCount(n: number): boolean {
  return Number.isInteger(n) && n >= 0;
}
