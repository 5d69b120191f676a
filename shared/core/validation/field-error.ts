import { z } from 'zod';
import type { Locale } from '../i18n/locale';
import type { MessageKey } from '../i18n/messages';
import { t } from '../i18n/translate';

/** A validation error code: a message key without its `error.` prefix, e.g. `mobile.format`. */
export type ErrorCode = CodeOf<MessageKey>;

// A naked type parameter, so the conditional distributes over the union of keys.
type CodeOf<K> = K extends `error.${infer Code}` ? Code : never;

/** One problem with one field, as the server returns it and the sidebar shows it. */
export const fieldErrorSchema = z.object({
  field: z.string(),
  code: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export type FieldError = z.infer<typeof fieldErrorSchema>;

/**
 * Builds a field error with its message rendered in the user's language.
 * @example fieldError('mobile', 'mobile.format', 'zh-CN').message // '手机号格式错误，…'
 */
export function fieldError(
  field: string,
  code: ErrorCode,
  locale: Locale,
  params: Record<string, string | number> = {},
): FieldError {
  const message = t(`error.${code}`, locale, { ...params, field });
  return Object.keys(params).length === 0
    ? { field, code, message }
    : { field, code, message, params };
}
