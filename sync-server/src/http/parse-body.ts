import type { Context } from 'hono';
import type { z } from 'zod';
import { t } from '../../../shared/core/i18n/translate';
import { issuesToFieldErrors } from '../../../shared/core/validation/issues-to-field-errors';
import { ApiError } from './api-error';
import type { AppEnv } from './context';

/**
 * Reads a JSON body and validates it with a schema; malformed JSON or a body that does not fit
 * is a 400 whose field errors name each field and problem in the caller's language. A body that
 * is not a customer's fields brings its own `toFieldErrors`, so its labels are its own.
 */
export async function parseBody<S extends z.ZodType>(
  c: Context<AppEnv>,
  schema: S,
  toFieldErrors: typeof issuesToFieldErrors = issuesToFieldErrors,
): Promise<z.output<S>> {
  const locale = c.get('info').locale;
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ApiError(400, 'bad_request', t('http.badRequest', locale, { detail: 'JSON' }));
  }
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const input = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const fields = toFieldErrors(result.error.issues, input, locale);
  const detail = fields.map((f) => f.message).join('; ');
  throw new ApiError(400, 'bad_request', t('http.badRequest', locale, { detail }), { fields });
}
