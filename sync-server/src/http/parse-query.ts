import type { Context } from 'hono';
import type { z } from 'zod';
import { badQuery } from './api-error';
import type { AppEnv } from './context';

/**
 * Validates the query string with a schema; a parameter that does not fit is a 400 naming each
 * such parameter in the caller's language (`badQuery`), as `parseBody` does for bodies.
 */
export function parseQuery<S extends z.ZodType>(c: Context<AppEnv>, schema: S): z.output<S> {
  const parsed = schema.safeParse(c.req.query());
  if (parsed.success) return parsed.data;
  throw badQuery(
    c.get('info').locale,
    parsed.error.issues.map((issue) => String(issue.path[0] ?? 'query')),
  );
}
