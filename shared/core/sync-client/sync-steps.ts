import { defaultLocale, type Locale } from '../i18n/locale';
import { t as translate } from '../i18n/translate';
import { pullResponseSchema, type PullResponse } from '../sync/pull-response';
import { pushResponseSchema, type MutationOutcome } from '../sync/mutation-outcome';
import { maxMutationsPerPush, type Mutation } from '../sync/push-request';
import { applyOutcome } from './apply-outcome';
import { applyPulled, removeRecords } from './apply-pull';
import { chunkMutations } from './chunk-mutations';
import { io, type Steps } from './drive';
import type { RowChange, SyncOptions, SyncPorts, SyncReport } from './index';
import { planPush, toMutation } from './plan-push';
import { RowLedger, type TrackedRow } from './row-ledger';
import { formatRowState, type PendingMutation } from './row-state';
import { mathRandomId } from './random-id';
import { sendRequest, Timing } from './send-request';
import { emptyReport, protocolFailure, recordOutcome, type PlacedEntries } from './sync-report';

/** Keys of the saved state. Small values only: PropertiesService keeps 9 KB a value. */
export const stateKeys = {
  clientId: 'crm.sync.clientId',
  seq: 'crm.sync.seq',
  checkpoint: 'crm.sync.checkpoint',
  epoch: 'crm.sync.epoch',
  inflight: 'crm.sync.inflight',
  identity: 'crm.sync.identity',
  reset: 'crm.sync.reset',
  unfinished: 'crm.sync.unfinished',
} as const;

interface Run {
  ports: SyncPorts;
  locale: Locale;
  options: SyncOptions;
  timing: Timing;
  ledger: RowLedger;
  report: SyncReport;
  placed: PlacedEntries;
  clientId: string;
  randomId: () => string;
}

/**
 * One sync run as steps (see drive.ts): push the rows that changed, apply the answers, pull.
 * Stops cleanly before `options.deadline`; the next run picks up where it stopped.
 * @example driveBlocking(syncSteps(ports, { deadline })) // a SyncReport
 */
export function* syncSteps(ports: SyncPorts, options: SyncOptions): Steps<SyncReport> {
  const locale = options.locale ?? defaultLocale;
  const randomId = ports.randomId ?? mathRandomId;
  const get = (key: string) => io(() => ports.state.get(key));
  const set = (key: string, value: string | null) => io(() => ports.state.set(key, value));

  let clientId = yield* get(stateKeys.clientId);
  if (clientId === null || clientId === '') {
    clientId = randomId().slice(0, 12);
    yield* set(stateKeys.clientId, clientId);
  }
  let resumed = (yield* get(stateKeys.inflight)) !== null;
  resumed = (yield* get(stateKeys.unfinished)) !== null || resumed;
  let resetMark = (yield* get(stateKeys.reset)) ?? undefined;
  let checkpoint = Number((yield* get(stateKeys.checkpoint)) ?? 0) || 0;
  let epoch = Number((yield* get(stateKeys.epoch)) ?? 0) || 0;
  if (options.identity !== undefined) {
    const last = yield* get(stateKeys.identity);
    if (last !== null && last !== options.identity) {
      // Another user's view: pull everything again and drop what this one may not see.
      checkpoint = 0;
      epoch = 0;
      resetMark = randomId();
      yield* set(stateKeys.reset, resetMark);
      yield* set(stateKeys.checkpoint, '0');
      yield* set(stateKeys.epoch, '0');
    }
    if (last !== options.identity) yield* set(stateKeys.identity, options.identity);
  }

  const timing = new Timing(ports.clock, options.deadline);
  const started = ports.clock.now();
  const start = yield* io(() => ports.sheet.readRows());
  timing.observe('write', ports.clock.now() - started);
  const ledger = new RowLedger(start, ports.sheet.firstRow);
  if (ledger.rows.some((r) => r.state.p !== undefined)) resumed = true;

  const run: Run = {
    ports,
    locale,
    options,
    timing,
    ledger,
    report: emptyReport(checkpoint),
    placed: [],
    clientId,
    randomId,
  };
  yield* set(stateKeys.unfinished, '1');

  let finished = true;
  if (options.push !== false) finished = yield* pushPhase(run);
  if (finished && options.pull !== false) {
    const pulled = yield* pullPhase(run, { checkpoint, epoch, resetMark });
    finished = pulled.finished;
    checkpoint = pulled.checkpoint;
  }
  if (finished) yield* set(stateKeys.unfinished, null);

  const report = run.report;
  for (const { t, entry } of run.placed) entry.row = t.row;
  report.checkpoint = checkpoint;
  report.complete = finished;
  report.editedDuringSync = ledger
    .live()
    .filter((t) => t.edited.size > 0)
    .map((t) => t.row);
  if (resumed) report.resumed = true;
  return report;
}

function* pushPhase(run: Run): Steps<boolean> {
  const { ports, ledger, locale } = run;
  let plan = planPush(ledger.live(), ledger.columns, locale);
  for (const t of plan.unsendable) {
    const message = translate('sync.notFound', locale, { id: t.recordId });
    const item = { row: t.row, recordId: t.recordId, message };
    run.report.forbidden.push(item);
    run.placed.push({ t, entry: item });
  }
  if (plan.resend.length === 0 && plan.fresh.length === 0) return true;

  if (plan.fresh.length > 0) {
    // Look again right before writing, so the pending IDs land beside the right rows and the
    // changes sent are the ones the rows hold now.
    const now = yield* io(() => ports.sheet.readRows());
    ledger.refresh(now);
    plan = planPush(ledger.live(), ledger.columns, locale);
    // Reserve the IDs before any is used, so no ID is ever given twice.
    const first = Number((yield* io(() => ports.state.get(stateKeys.seq))) ?? 0) || 0;
    yield* io(() => ports.state.set(stateKeys.seq, String(first + plan.fresh.length)));
    const changes: RowChange[] = plan.fresh.map(({ t, fields, baseCheckpoint }, i) => {
      const id = `${run.clientId}-${(first + i).toString(36)}`;
      const pending: PendingMutation = {
        id,
        f: fields,
        ...(baseCheckpoint === undefined ? {} : { c: baseCheckpoint }),
      };
      t.state = { ...t.state, p: pending };
      return {
        kind: 'update',
        row: t.row,
        meta: { recordId: t.recordId, checkpoint: t.checkpoint, state: formatRowState(t.state) },
      };
    });
    yield* write(run, changes, []);
  }

  const sending: { t: TrackedRow; mutation: Mutation }[] = [
    ...plan.resend,
    ...plan.fresh.flatMap(({ t }) =>
      t.state.p === undefined
        ? []
        : [{ t, mutation: toMutation(t, t.state.p.id, t.state.p.f, t.state.p.c) }],
    ),
  ].sort((a, b) => a.t.row - b.t.row);
  const maxRows = Math.min(run.options.maxRowsPerPush ?? maxMutationsPerPush, maxMutationsPerPush);
  const maxBytes = run.options.maxBytesPerPush ?? 4_000_000;
  const chunks = chunkMutations(
    run.clientId,
    sending.map((s) => s.mutation),
    maxRows,
    maxBytes,
  );

  const outcomes = new Map<string, MutationOutcome>();
  let finished = true;
  for (const chunk of chunks) {
    if (!run.timing.fits('push')) {
      finished = false;
      break;
    }
    const ids = inflightValue(run.clientId, chunk.mutations);
    yield* io(() => ports.state.set(stateKeys.inflight, ids));
    const answer = yield* sendRequest(
      ports,
      run.timing,
      run.options,
      locale,
      'push',
      'POST',
      '/v1/sync/push',
      chunk.body,
    );
    if (!answer.ok) {
      run.report.failure = answer.failure;
      finished = false;
      break;
    }
    const parsed = pushResponseSchema.safeParse(answer.body);
    if (!parsed.success) {
      run.report.failure = protocolFailure(answer.status, locale);
      finished = false;
      break;
    }
    for (const outcome of parsed.data.outcomes) outcomes.set(outcome.mutationId, outcome);
  }

  if (outcomes.size > 0) {
    const now = yield* io(() => ports.sheet.readRows());
    ledger.refresh(now);
    const changes: RowChange[] = [];
    for (const { t, mutation } of sending) {
      const outcome = outcomes.get(mutation.mutationId);
      const sent = t.state.p;
      // A row the user deleted meanwhile: its record comes back with the pull if it was made.
      if (outcome === undefined || t.gone || sent === undefined || sent.id !== mutation.mutationId)
        continue;
      const { change, entry } = applyOutcome(t, sent, outcome, ledger.columns, locale);
      changes.push(change);
      recordOutcome(run.report, run.placed, t, entry);
    }
    yield* write(run, changes, []);
  }
  if (finished) yield* io(() => ports.state.set(stateKeys.inflight, null));
  return finished;
}

function* pullPhase(
  run: Run,
  from: { checkpoint: number; epoch: number; resetMark: string | undefined },
): Steps<{ finished: boolean; checkpoint: number }> {
  const { ports, ledger, locale } = run;
  let { checkpoint, epoch, resetMark } = from;
  const limit = run.options.pullLimit ?? 2000;
  for (;;) {
    if (!run.timing.fits('pull')) return { finished: false, checkpoint };
    const path = `/v1/sync/pull?since=${checkpoint}&epoch=${epoch}&limit=${limit}`;
    const answer = yield* sendRequest(ports, run.timing, run.options, locale, 'pull', 'GET', path);
    if (!answer.ok) {
      run.report.failure = answer.failure;
      return { finished: false, checkpoint };
    }
    const parsed = pullResponseSchema.safeParse(answer.body);
    if (!parsed.success) {
      run.report.failure = protocolFailure(answer.status, locale);
      return { finished: false, checkpoint };
    }
    const page: PullResponse = parsed.data;
    if (page.reset) {
      // Note: a fresh mark for every reset, even one in the middle of another: rows the first
      // one marked may have left the view since, and only rows the last one sent may stay.
      resetMark = run.randomId();
      yield* io(() => ports.state.set(stateKeys.reset, resetMark ?? null));
    }
    const ending = !page.hasMore && resetMark !== undefined;
    if (page.records.length > 0 || page.removed.length > 0 || ending) {
      const now = yield* io(() => ports.sheet.readRows());
      ledger.refresh(now);
      const pulled = applyPulled(ledger, page.records, resetMark, locale);
      const removedIds = new Set(page.removed);
      const leaving = ledger
        .live()
        .filter(
          (t) =>
            t.recordId !== '' &&
            (removedIds.has(t.recordId) || (ending && t.state.g !== resetMark)),
        );
      const removal = removeRecords(leaving, ledger.columns, locale);
      // A row both updated and removed in one page is removed: drop its update.
      const removedRows = new Set(
        removal.changes.flatMap((c) => (c.kind === 'remove' ? [c.row] : [])),
      );
      const changes = [
        ...pulled.changes.filter((c) => c.kind !== 'update' || !removedRows.has(c.row)),
        ...removal.changes,
      ];
      yield* write(run, changes, pulled.appended);
      run.report.pulled += pulled.pulled;
      run.report.removed += removal.removed;
    }
    // Saved only once the rows are written: a run stopped in between pulls the page again.
    checkpoint = page.checkpoint;
    epoch = page.epoch;
    yield* io(() => ports.state.set(stateKeys.checkpoint, String(checkpoint)));
    yield* io(() => ports.state.set(stateKeys.epoch, String(epoch)));
    if (!page.hasMore) {
      if (resetMark !== undefined) yield* io(() => ports.state.set(stateKeys.reset, null));
      return { finished: true, checkpoint };
    }
  }
}

function* write(
  run: Run,
  changes: readonly RowChange[],
  appended: readonly TrackedRow[],
): Steps<void> {
  if (changes.length === 0) return;
  const started = run.ports.clock.now();
  yield* io(() => run.ports.sheet.writeRows(changes));
  run.timing.observe('write', run.ports.clock.now() - started);
  run.ledger.afterWrite(changes, appended);
}

/**
 * The IDs of a push in flight, short enough for one property value (9 KB) with 500 of them:
 * the client ID once, then each ID's own part.
 * @example inflightValue('abc', [{ mutationId: 'abc-1', fields: {} }]) // 'abc:1'
 */
export function inflightValue(clientId: string, mutations: readonly Mutation[]): string {
  const prefix = `${clientId}-`;
  const parts = mutations.map((m) =>
    m.mutationId.startsWith(prefix) ? m.mutationId.slice(prefix.length) : `=${m.mutationId}`,
  );
  const value = `${clientId}:${parts.join(',')}`;
  return value.length <= 8000 ? value : `${clientId}:${mutations.length} mutations`;
}
