import { Hono } from 'hono';
import { pullQuerySchema } from '../../../shared/core/sync/pull-response';
import { z } from 'zod';
import {
  maxMutationsPerPush,
  mutationSchema,
  pushRequestSchema,
  type Mutation,
} from '../../../shared/core/sync/push-request';
import type { MutationOutcome, MutationStatus } from '../../../shared/core/sync/mutation-outcome';
import { issuesToFieldErrors } from '../../../shared/core/validation/issues-to-field-errors';
import { badQuery } from '../http/api-error';
import { auditClearReads } from '../http/audit-clear-reads';
import type { AppEnv } from '../http/context';
import type { ServerDeps } from '../http/deps';
import { parseQuery } from '../http/parse-query';
import { parseBody } from '../http/parse-body';
import { pull } from '../records/pull';
import { push } from '../records/push';

/** The push as it is first read: each mutation is checked on its own afterwards. */
const pushEnvelopeSchema = pushRequestSchema.extend({
  mutations: z.array(z.unknown()).min(1).max(maxMutationsPerPush),
});

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Outcomes of a mutation that wrote a record; the others leave every record as it was.
const writtenStatuses = new Set<MutationStatus>(['applied', 'merged', 'pending_review']);

/** The sync protocol: push a batch of mutations, pull what changed since a checkpoint. */
export function syncRoutes(deps: ServerDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post('/v1/sync/push', async (c) => {
    // Each mutation's text is checked with its fields (`text.control`), answered one by one.
    const envelope = await parseBody(c, pushEnvelopeSchema, { checkedByRoute: ['mutations'] });
    const locale = c.get('info').locale;
    // One malformed mutation is answered `invalid` on its own, as a bad value would be; only a
    // mutation without a usable ID, which no outcome could name, refuses the whole push.
    const valid: Mutation[] = [];
    const refused = new Map<number, MutationOutcome>();
    const unnamed: string[] = [];
    envelope.mutations.forEach((raw, i) => {
      const parsed = mutationSchema.safeParse(raw);
      if (parsed.success) {
        valid.push(parsed.data);
        return;
      }
      const given = isRecord(raw) ? raw : {};
      const id = mutationSchema.shape.mutationId.safeParse(given['mutationId']);
      if (!id.success) unnamed.push(`mutations.${i}.mutationId`);
      else
        refused.set(i, {
          mutationId: id.data,
          status: 'invalid',
          errors: issuesToFieldErrors(parsed.error.issues, given, locale),
        });
    });
    if (unnamed.length > 0) throw badQuery(locale, unnamed);
    const pushed = await push(deps, c.get('actor'), c.get('info'), {
      clientId: envelope.clientId,
      mutations: valid,
    });
    const outcomes: MutationOutcome[] = [];
    let next = 0;
    for (let i = 0; i < envelope.mutations.length; i += 1) {
      const outcome = refused.get(i) ?? pushed.outcomes[next++];
      if (outcome !== undefined) outcomes.push(outcome);
    }
    const answer = { ...pushed, outcomes };
    // Committed: every instance's clients are told to pull what this push wrote.
    if (answer.outcomes.some((o) => writtenStatuses.has(o.status))) {
      await deps.changes.publish(answer.checkpoint);
    }
    return c.json(answer);
  });

  app.get('/v1/sync/pull', async (c) => {
    const query = parseQuery(c, pullQuerySchema);
    const answer = await pull(deps.db, deps.keyRing, c.get('actor'), query);
    await auditClearReads(deps, c, 'GET /v1/sync/pull', answer.records);
    return c.json(answer);
  });

  return app;
}
