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

/**
 * What is wrong with one query parameter: a value that does not fit (`invalid`), a name the route
 * does not take (`unknown`), or a name given more than once where one value is taken (`repeated`).
 */
export interface QueryProblem {
  name: string;
  problem: 'invalid' | 'unknown' | 'repeated';
}

/**
 * A 400 for query parameters that are not what the route takes, naming each of them; a bare name
 * is a value that does not fit.
 */
export function badQuery(locale: Locale, fields: readonly (string | QueryProblem)[]): ApiError {
  const problems = new Map<string, QueryProblem['problem']>();
  for (const field of fields) {
    const { name, problem } =
      typeof field === 'string' ? { name: field, problem: 'invalid' as const } : field;
    if (!problems.has(name)) problems.set(name, problem);
  }
  const detailOf = (name: string, problem: QueryProblem['problem']) =>
    problem === 'invalid' ? name : t(`query.${problem}`, locale, { name });
  const named = [...problems];
  return new ApiError(
    400,
    'bad_request',
    t('http.badRequest', locale, {
      detail: named.map(([name, problem]) => detailOf(name, problem)).join(', '),
    }),
    {
      fields: named.map(([field, problem]) => ({
        field,
        code: `query.${problem}`,
        message: t('http.badRequest', locale, { detail: detailOf(field, problem) }),
      })),
    },
  );
}
