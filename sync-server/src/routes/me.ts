import { Hono } from 'hono';
import { z } from 'zod';
import { roleSchema } from '../../../shared/core/roles/role';
import { userSchema } from '../../../shared/core/schemas/user';
import { actorAudit } from '../http/actor-audit';
import { appendAudit } from '../audit/audit-log';
import type { ApiOperation } from '../http/api-operation';
import type { AppEnv } from '../http/context';
import type { ServerDeps } from '../http/deps';

/** The answer of `GET /v1/me`. */
export const meResponseSchema = z.object({ user: userSchema, role: roleSchema });

/**
 * `GET /v1/me`: who the caller is and what their role allows. The sidebars call it when they
 * open, so it is where a sign-in is audited.
 */
export function meRoutes(deps: ServerDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/v1/me', async (c) => {
    const { user, role } = c.get('actor');
    await deps.db.write((tx) =>
      appendAudit(
        tx,
        [
          actorAudit(c, {
            action: 'signin',
            recordId: null,
            fields: [],
            outcome: 'success',
            detail: null,
          }),
        ],
        deps.now(),
      ),
    );
    return c.json({ user, role } satisfies z.infer<typeof meResponseSchema>);
  });
  return app;
}

/** The `/v1/me` route, for the API document. */
export const meOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/v1/me',
    summary: 'api.me',
    auth: 'signedIn',
    response: meResponseSchema,
  },
];
