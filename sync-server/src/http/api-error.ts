import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
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
