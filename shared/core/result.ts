/** The outcome of a check that can fail in an expected way: a value, or a message code. */
export type Result<T, C extends string = string> =
  { ok: true; value: T } | { ok: false; code: C; params?: Record<string, string | number> };

/**
 * Wraps a value as a successful result.
 * @example ok('13812345678') // { ok: true, value: '13812345678' }
 */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/**
 * Wraps a message code (and its parameters) as a failed result.
 * @example fail('mobile.format') // { ok: false, code: 'mobile.format' }
 */
export function fail<C extends string>(
  code: C,
  params?: Record<string, string | number>,
): { ok: false; code: C; params?: Record<string, string | number> } {
  return params === undefined ? { ok: false, code } : { ok: false, code, params };
}
