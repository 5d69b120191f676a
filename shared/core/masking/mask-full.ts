/**
 * What every fully masked value looks like. Always four stars, so the mask does not tell how
 * long the hidden value is.
 */
export const fullMask = '****';

/**
 * Hides a value entirely. An empty value stays empty: a blank field is no secret, and a
 * `****` in an empty cell would make users think there is something behind it.
 * @example maskFull('wxid_zhangsan88') // '****'
 */
export function maskFull(value: string): string {
  return value === '' ? '' : fullMask;
}
