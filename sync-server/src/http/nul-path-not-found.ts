import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context';
import { hasNul } from './fields-with-nul';

/**
 * Answers 404 to a path holding U+0000, on either engine: no ID, tag or name holds one
 * (PostgreSQL cannot even compare one), so such a path names nothing.
 */
export const nulPathNotFound: MiddlewareHandler<AppEnv> = async (c, next) =>
  hasNul(c.req.path) ? c.notFound() : next();
