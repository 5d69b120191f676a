import { maskValue, type MaskKind } from './mask-kinds';

/**
 * Whether `masked` is exactly what masking `clear` by `kind` gives: the check that a value sent
 * back from a sheet is the mask the caller was shown, not an edit.
 * @example isMaskOf('138****5678', '13812345678', 'mobile') // true
 */
export function isMaskOf(masked: string, clear: string | number, kind: MaskKind): boolean {
  return maskValue(kind, clear) === masked;
}
