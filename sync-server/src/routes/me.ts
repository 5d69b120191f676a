import { Hono } from 'hono';
import { actorAudit } from '../http/actor-audit';
import { appendAudit } from '../audit/audit-log';
import type { AppEnv } from '../http/context';
import type { ServerDeps } from '../http/deps';

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
    return c.json({ user, role });
  });
  return app;
}
