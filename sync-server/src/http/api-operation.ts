import type { z } from 'zod';
import type { MessageKey } from '../../../shared/core/i18n/messages';
import type { Action } from '../../../shared/core/roles/role';

/**
 * One route as the API document describes it. Each route module declares its operations beside
 * its routes, with the very schema objects the routes validate with, so the document cannot
 * drift from what the server accepts.
 */
export interface ApiOperation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The path as Hono writes it: `/v1/customers/:id`. */
  path: string;
  summary: MessageKey;
  /** `public`: no sign-in; `signedIn`: any signed-in user; otherwise a role granting any of these. */
  auth: 'public' | 'signedIn' | readonly Action[];
  query?: z.ZodObject;
  body?: z.ZodType;
  response?: z.ZodType;
  /** The success status; 200 unless said. */
  status?: 200 | 201;
  /** A PUT that answers 201 when it created the resource and 200 when it replaced it. */
  upsert?: true;
  /** The media type of an answer that is not JSON. */
  contentType?: string;
  /** Further media types the success answer comes in, such as files a `format` query picks. */
  alsoContentTypes?: readonly string[];
}
