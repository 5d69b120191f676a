import { setImmediate as setImmediatePromise } from 'node:timers/promises';
import { t } from '../../../shared/core/i18n/translate';
import { fieldError } from '../../../shared/core/validation/field-error';
import type { MutationOutcome, PushResponse } from '../../../shared/core/sync/mutation-outcome';
import type { Mutation, PushRequest } from '../../../shared/core/sync/push-request';
import { chainEntries, readAuditHead, writeEntries } from '../audit/audit-log';
import type { Actor, RequestInfo } from '../http/context';
import type { ServerDeps } from '../http/deps';
import type { Database, SqlExecutor } from '../storage/database';
import { applyMutation, prepareCreate } from './apply-mutation';
import { PushBatch } from './push-batch';
import type { ReadAhead, RecentNames } from './read-ahead';
import { auditOf, loadReference, type PreparedCreate, type PushContext } from './push-context';

const recentNamesOf = new WeakMap<Database, RecentNames>();

/** Forgets the candidates the last batch left, so the next batch reads them all: for tests. */
export function forgetRecentNames(db: Database): void {
  recentNamesOf.delete(db);
}

/** New rows prepared on the main thread between turns of the event loop. */
const rowsBetweenYields = 16;

type BatchBase = Omit<PushContext, 'batch' | 'audit'> & { ahead: ReadAhead };

/**
 * Applies a batch in one transaction: each mutation gets its own outcome, a retried mutation
 * ID gets its first outcome again (never applied twice), and one failing row never sinks the
 * others. Audit entries commit with the changes they record.
 *
 * The batch is read and written with a few multi-row statements; what its new rows are checked
 * against is read before the transaction, which reads only what changed since. Should a
 * statement fail (a uniqueness another writer raced us to, on PostgreSQL), the batch is rolled
 * back to its savepoint and applied again one mutation at a time, so only the offending row
 * fails.
 */
export async function push(
  deps: ServerDeps,
  actor: Actor,
  info: RequestInfo,
  request: PushRequest,
): Promise<PushResponse> {
  // New rows are checked before the batch queues for the database, so that this CPU work
  // overlaps the transaction ahead of it. Should templates or tags change meanwhile, the
  // batch checks its rows again inside its transaction.
  const early = await loadReference(deps.db);
  const prepared = new Map<Mutation, PreparedCreate>();
  const prepareContext = { ring: deps.keyRing, actor, info, ...early, prepared };
  const creates = request.mutations.filter((m) => m.recordId === undefined);
  for (const [i, m] of creates.entries()) {
    prepareCreate(prepareContext, m);
    // Note: this CPU work runs while another batch holds the write transaction. Letting the
    // event loop turn every few rows keeps that transaction's statements from waiting behind it.
    if (i % rowsBetweenYields === rowsBetweenYields - 1) await setImmediatePromise();
  }
  // What the new rows will be checked against is read now, on the reading side, and only the
  // changes since are read inside the transaction.
  const ahead = await PushBatch.readAhead(
    deps.db,
    deps.keyRing,
    deps.now(),
    creates.flatMap((m) => prepared.get(m)?.keys ?? []),
    creates.flatMap((m) => {
      const p = prepared.get(m);
      return p === undefined || p.keys === null
        ? []
        : [{ tradeName: p.keys.companyKey, cityCode: p.cityCode }];
    }),
    recentNamesOf.get(deps.db),
  );
  const answer = await deps.db.write(async (tx) => {
    const reference = await loadReference(tx);
    const base: BatchBase = {
      ring: deps.keyRing,
      actor,
      info,
      now: deps.now(),
      ...reference,
      prepared: reference.stamp === early.stamp ? prepared : new Map<Mutation, PreparedCreate>(),
      ahead,
    };
    let outcomes: MutationOutcome[];
    // Only a batch applied whole leaves candidates exact for the next one.
    let recent: RecentNames | undefined;
    await tx.run('SAVEPOINT batch');
    try {
      ({ outcomes, recent } = await applyBatch(tx, base, request.mutations));
      await tx.run('RELEASE batch');
    } catch (error) {
      recent = undefined;
      await tx.run('ROLLBACK TO batch');
      await tx.run('RELEASE batch');
      logFailure(info, 'batch', error);
      outcomes = [];
      for (const mutation of request.mutations) {
        await tx.run('SAVEPOINT mutation');
        try {
          outcomes.push(...(await applyBatch(tx, base, [mutation])).outcomes);
          await tx.run('RELEASE mutation');
        } catch (failure) {
          await tx.run('ROLLBACK TO mutation');
          await tx.run('RELEASE mutation');
          logFailure(info, 'mutation', failure);
          outcomes.push(failed(mutation, info));
        }
      }
    }
    const head = await tx.get<{ value: number }>(
      "SELECT value FROM counters WHERE name = 'checkpoint'",
    );
    return { response: { outcomes, checkpoint: Number(head?.value ?? 0) }, recent };
  });
  // Committed: the next batch of this process may start from the candidates this one left.
  const last = recentNamesOf.get(deps.db);
  if (answer.recent !== undefined && (last === undefined || answer.recent.since > last.since))
    recentNamesOf.set(deps.db, answer.recent);
  return answer.response;
}

async function applyBatch(
  tx: SqlExecutor,
  base: BatchBase,
  mutations: readonly Mutation[],
): Promise<{ outcomes: MutationOutcome[]; recent: RecentNames | undefined }> {
  const batch = new PushBatch(tx, base.ring, base.now);
  const ctx: PushContext = { ...base, batch, audit: [] };
  const prior = await batch.priorOutcomes(mutations.map((m) => m.mutationId));
  const fresh = mutations.filter((m) => !prior.has(m.mutationId));
  const creates = fresh.flatMap((m) => {
    if (m.recordId !== undefined) return [];
    const { keys, cityCode } = prepareCreate(ctx, m);
    return keys === null ? [] : [{ keys, place: { tradeName: keys.companyKey, cityCode } }];
  });
  await batch.adopt(base.ahead);
  await batch.prefetch(
    fresh.flatMap((m) => m.recordId ?? []),
    creates.map((c) => c.keys),
    creates.map((c) => c.place),
  );

  const given = new Map<string, MutationOutcome>();
  for (const [id, { userId, outcome }] of prior) {
    // An outcome can carry a record ID and, for a conflict, values its author sees in clear:
    // only the author's retry gets it back.
    if (userId === base.actor.user.id) given.set(id, JSON.parse(outcome) as MutationOutcome);
    else given.set(id, othersMutation(ctx, id));
  }
  const outcomes: MutationOutcome[] = [];
  for (const mutation of mutations) {
    const earlier = given.get(mutation.mutationId);
    if (earlier !== undefined) {
      outcomes.push(earlier);
      continue;
    }
    const auditMark = ctx.audit.length;
    let outcome: MutationOutcome;
    try {
      outcome = await applyMutation(ctx, mutation);
    } catch (error) {
      // Nothing of it is written and its outcome is not kept: a retry tries it afresh.
      batch.abortMutation();
      ctx.audit.length = auditMark;
      logFailure(base.info, 'mutation', error);
      outcomes.push(failed(mutation, base.info));
      continue;
    }
    batch.commitMutation(mutation.mutationId, base.actor.user.id, JSON.stringify(outcome));
    given.set(mutation.mutationId, outcome);
    outcomes.push(outcome);
  }
  // The batch's rows go to the database while its audit entries are hashed here, and the
  // entries follow; the two touch different tables. Both settle before this answers, so a
  // failure rolls back nothing that is still being written.
  const head = ctx.audit.length === 0 ? undefined : await readAuditHead(tx);
  const written = batch.flush();
  const entries = head === undefined ? [] : chainEntries(head, ctx.audit, base.now);
  const settled = await Promise.allSettled([written, writeEntries(tx, entries)]);
  for (const result of settled) if (result.status === 'rejected') throw result.reason;
  return { outcomes, recent: batch.recentNames() };
}

function othersMutation(ctx: PushContext, mutationId: string): MutationOutcome {
  ctx.audit.push(
    auditOf(ctx, {
      action: 'sync.push',
      recordId: null,
      fields: [],
      outcome: 'denied',
      detail: `mutation ${mutationId} belongs to another user`,
    }),
  );
  return { mutationId, status: 'forbidden', message: t('http.forbidden', ctx.info.locale) };
}

function failed(mutation: Mutation, info: RequestInfo): MutationOutcome {
  return {
    mutationId: mutation.mutationId,
    status: 'invalid',
    errors: [fieldError('id', 'row.failed', info.locale, { requestId: info.requestId })],
  };
}

// Only the error's name: its message may quote the row's values.
function logFailure(info: RequestInfo, what: string, error: unknown): void {
  console.error(
    `[${info.requestId}] ${what} failed: ${error instanceof Error ? error.name : 'error'}`,
  );
}
