import type { Context } from 'hono';
import type { z } from 'zod';
import { badQuery, type QueryProblem } from './api-error';
import type { AppEnv } from './context';
import { hasNul } from './fields-with-nul';

/**
 * Validates the query string with a schema; a parameter that does not fit, that the schema does
 * not name, or that is given more than once where the schema takes one value, is a 400 naming
 * each such parameter in the caller's language (`badQuery`), as `parseBody` does for bodies.
 * A mistyped filter (`?emial=`) must not quietly answer everything. A value holding U+0000 fits
 * no parameter: PostgreSQL could not even compare it.
 */
export function parseQuery<S extends z.ZodObject>(c: Context<AppEnv>, schema: S): z.output<S> {
  const problems: QueryProblem[] = [];
  const input: Record<string, string | string[]> = {};
  const shape: Readonly<Record<string, z.ZodType>> = schema.shape;
  for (const [name, values] of Object.entries(c.req.queries())) {
    const field = Object.hasOwn(shape, name) ? shape[name] : undefined;
    if (field === undefined) {
      problems.push({ name, problem: 'unknown' });
    } else if (values.some(hasNul)) {
      problems.push({ name, problem: 'invalid' });
    } else if (values.length > 1 && !field.safeParse(values).success) {
      problems.push({ name, problem: 'repeated' });
    } else {
      input[name] = values.length > 1 ? values : (values[0] ?? '');
    }
  }
  const parsed = schema.safeParse(input);
  if (parsed.success && problems.length === 0) return parsed.data;
  const invalid = parsed.success
    ? []
    : parsed.error.issues.map((i) => String(i.path[0] ?? 'query'));
  throw badQuery(c.get('info').locale, [...problems, ...invalid]);
}
