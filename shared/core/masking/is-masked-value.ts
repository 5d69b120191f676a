// Every mask but a Chinese name's puts at least three stars in a row; a Chinese name keeps one
// or two Han characters followed by stars only (张*, 欧阳**), a one-character name is `*`.
const STAR_RUN = /\*{3}/u;
const MASKED_HAN_NAME = /^\p{Script=Han}{1,2}\*+$/u;

/**
 * Whether a value looks like the output of a mask, so that the server can read it, sent back
 * from a sheet, as "unchanged". Only a first filter: a real remark may contain `***` and a
 * value typed as `张*` passes too, so the server also checks `isMaskOf` against the stored
 * value before ignoring an edit.
 * @example isMaskedValue('138****5678') // true
 */
export function isMaskedValue(value: string): boolean {
  return value === '*' || STAR_RUN.test(value) || MASKED_HAN_NAME.test(value);
}
