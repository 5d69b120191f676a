import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { Locale } from '../../../shared/core/i18n/locale';
import { t } from '../../../shared/core/i18n/translate';
import { fieldErrorSchema, type FieldError } from '../../../shared/core/validation/field-error';

/** The one error shape every route answers with. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(fieldErrorSchema).optional(),
  }),
});

export type ErrorBody = z.infer<typeof errorBodySchema>;

/**
 * An expected failure at the HTTP edge, rendered once by `app.onError` as the error shape.
 * Messages are already in the caller's language.
 */
export class ApiError extends HTTPException {
  readonly code: string;
  readonly fields: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    extra: { fields?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(status, { message });
    this.code = code;
    this.fields = extra.fields;
    this.headers = extra.headers ?? {};
  }

  body(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.fields === undefined ? {} : { fields: this.fields }),
      },
    };
  }
}

/** A 400 for query parameters that are not what the route takes, naming each of them. */
export function badQuery(locale: Locale, fields: readonly string[]): ApiError {
  const named = [...new Set(fields)];
  return new ApiError(
    400,
    'bad_request',
    t('http.badRequest', locale, { detail: named.join(', ') }),
    {
      fields: named.map((field) => ({
        field,
        code: 'query.invalid',
        message: t('http.badRequest', locale, { detail: field }),
      })),
    },
  );
}
