import { fieldError } from '../../../shared/core/validation/field-error';
import type { MutationOutcome, PushResponse } from '../../../shared/core/sync/mutation-outcome';
import type { PushRequest } from '../../../shared/core/sync/push-request';
import { appendAudit } from '../audit/audit-log';
import type { Actor, RequestInfo } from '../http/context';
import type { ServerDeps } from '../http/deps';
import { applyMutation } from './apply-mutation';
import { loadReference, type PushContext } from './push-context';

/**
 * Applies a batch in one transaction: each mutation gets its own outcome, a retried mutation
 * ID gets its first outcome again (never applied twice), and one failing row is rolled back to
 * its savepoint without sinking the others. Audit entries commit with the changes they record.
 */
export async function push(
  deps: ServerDeps,
  actor: Actor,
  info: RequestInfo,
  request: PushRequest,
): Promise<PushResponse> {
  return deps.db.write(async (tx) => {
    const now = deps.now();
    const ctx: PushContext = {
      tx,
      ring: deps.keyRing,
      actor,
      info,
      now,
      audit: [],
      ...(await loadReference(tx)),
    };
    const outcomes: MutationOutcome[] = [];
    for (const mutation of request.mutations) {
      const prior = await tx.get<{ outcome: string }>(
        'SELECT outcome FROM mutations WHERE mutation_id = ?',
        [mutation.mutationId],
      );
      if (prior !== undefined) {
        outcomes.push(JSON.parse(prior.outcome) as MutationOutcome);
        continue;
      }
      const auditMark = ctx.audit.length;
      await tx.run('SAVEPOINT mutation');
      let outcome: MutationOutcome;
      try {
        outcome = await applyMutation(ctx, mutation);
        await tx.run('RELEASE mutation');
      } catch (error) {
        await tx.run('ROLLBACK TO mutation');
        await tx.run('RELEASE mutation');
        ctx.audit.length = auditMark;
        console.error(
          `[${info.requestId}] mutation failed: ${error instanceof Error ? error.name : 'error'}`,
        );
        outcome = {
          mutationId: mutation.mutationId,
          status: 'invalid',
          errors: [fieldError('id', 'type', info.locale)],
        };
      }
      await tx.run(
        'INSERT INTO mutations (mutation_id, user_id, outcome, created_at) VALUES (?, ?, ?, ?)',
        [mutation.mutationId, actor.user.id, JSON.stringify(outcome), now.toISOString()],
      );
      outcomes.push(outcome);
    }
    await appendAudit(tx, ctx.audit, now);
    const head = await tx.get<{ value: number }>(
      "SELECT value FROM counters WHERE name = 'checkpoint'",
    );
    return { outcomes, checkpoint: Number(head?.value ?? 0) };
  });
}
