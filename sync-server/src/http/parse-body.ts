import type { Context } from 'hono';
import type { z } from 'zod';
import { t } from '../../../shared/core/i18n/translate';
import { fieldError } from '../../../shared/core/validation/field-error';
import { issuesToFieldErrors } from '../../../shared/core/validation/issues-to-field-errors';
import { ApiError } from './api-error';
import type { AppEnv } from './context';
import { fieldsWithNul } from './fields-with-nul';

/**
 * Reads a JSON body and validates it with a schema; a body not declared as JSON is a 415, and
 * malformed JSON, JSON that is not an object, or a body that does not fit is a 400 whose field
 * errors name each field and problem in the caller's language. Text holding U+0000 is refused
 * too (`text.control`), except in the fields of `checkedByRoute`, which the route checks itself
 * (a push answers each mutation on its own). A body that is not a customer's fields brings its
 * own `toFieldErrors`, so its labels are its own.
 */
export async function parseBody<S extends z.ZodType>(
  c: Context<AppEnv>,
  schema: S,
  options: {
    toFieldErrors?: typeof issuesToFieldErrors;
    checkedByRoute?: readonly string[];
  } = {},
): Promise<z.output<S>> {
  const locale = c.get('info').locale;
  // A body labelled as something else, or not at all, was not written as this JSON: say so
  // rather than guess and apply it.
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new ApiError(415, 'unsupported_media_type', t('http.unsupportedMediaType', locale));
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ApiError(400, 'bad_request', t('http.badRequest', locale, { detail: 'JSON' }));
  }
  // Every body this API takes is an object; the schema's answer to `[]` would name no field.
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    const detail = t('http.bodyNotObject', locale);
    throw new ApiError(400, 'bad_request', t('http.badRequest', locale, { detail }));
  }
  const result = schema.safeParse(body);
  const { toFieldErrors = issuesToFieldErrors, checkedByRoute = [] } = options;
  const fields = result.success
    ? fieldsWithNul(body as Record<string, unknown>, checkedByRoute).map((field) =>
        fieldError(field, 'text.control', locale),
      )
    : toFieldErrors(result.error.issues, body as Record<string, unknown>, locale);
  if (result.success && fields.length === 0) return result.data;
  const detail = fields.map((f) => f.message).join('; ');
  throw new ApiError(400, 'bad_request', t('http.badRequest', locale, { detail }), { fields });
}
