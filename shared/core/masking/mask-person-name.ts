import { compoundSurnames } from './compound-surnames';

const surnames = new Set(compoundSurnames);
const STARTS_HAN = /^\p{Script=Han}/u;

/**
 * Masks a person's name. A Chinese name keeps its surname and stars the rest, one per
 * character: 张三 → 张*, 欧阳娜娜 → 欧阳**. A listed compound surname counts only in names
 * longer than two characters, since 欧阳 alone is more likely 欧 + 阳 than a bare surname.
 * Any other name (John Smith) keeps its first character and a fixed `***`. A one-character
 * name becomes `*`.
 * @example maskPersonName('司马光') // '司马*'
 */
export function maskPersonName(name: string): string {
  const chars = Array.from(name);
  const [first = '', second = ''] = chars;
  if (chars.length <= 1) return chars.length === 0 ? '' : '*';
  if (!STARTS_HAN.test(first)) return `${first}***`;
  const kept = chars.length > 2 && surnames.has(first + second) ? 2 : 1;
  return chars.slice(0, kept).join('') + '*'.repeat(chars.length - kept);
}
