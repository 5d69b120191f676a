import { Hono } from 'hono';
import { pullQuerySchema } from '../../../shared/core/sync/pull-response';
import { pushRequestSchema } from '../../../shared/core/sync/push-request';
import type { MutationStatus } from '../../../shared/core/sync/mutation-outcome';
import { t } from '../../../shared/core/i18n/translate';
import { ApiError } from '../http/api-error';
import { auditClearReads } from '../http/audit-clear-reads';
import type { AppEnv } from '../http/context';
import type { ServerDeps } from '../http/deps';
import { parseBody } from '../http/parse-body';
import { pull } from '../records/pull';
import { push } from '../records/push';

// Outcomes of a mutation that wrote a record; the others leave every record as it was.
const writtenStatuses = new Set<MutationStatus>(['applied', 'merged', 'pending_review']);

/** The sync protocol: push a batch of mutations, pull what changed since a checkpoint. */
export function syncRoutes(deps: ServerDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/v1/sync/push', async (c) => {
    const request = await parseBody(c, pushRequestSchema);
    const answer = await push(deps, c.get('actor'), c.get('info'), request);
    // Committed: every instance's clients are told to pull what this push wrote.
    if (answer.outcomes.some((o) => writtenStatuses.has(o.status))) {
      await deps.changes.publish(answer.checkpoint);
    }
    return c.json(answer);
  });

  app.get('/v1/sync/pull', async (c) => {
    const query = pullQuerySchema.safeParse(c.req.query());
    if (!query.success) {
      throw new ApiError(
        400,
        'bad_request',
        t('http.badRequest', c.get('info').locale, { detail: 'since, limit' }),
      );
    }
    const answer = await pull(deps.db, deps.keyRing, c.get('actor'), query.data);
    await auditClearReads(deps, c, 'GET /v1/sync/pull', answer.records);
    return c.json(answer);
  });

  return app;
}
