import { isFormulaLike } from './is-formula-like';

/**
 * Makes a formula-like value inert by putting a single quote before it, which both Sheets and
 * Excel read as "text follows" (SPEC 5). Plain numbers and other text come back unchanged,
 * and so does a neutralised value: applying it twice is the same as once.
 * @example neutraliseFormula('=1+1') // "'=1+1"
 */
export function neutraliseFormula(value: string): string {
  return isFormulaLike(value) ? `'${value}` : value;
}
