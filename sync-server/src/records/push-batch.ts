import { formatRecordId } from '../../../shared/core/ids/record-id';
import { keyMatcher, nearDuplicateThreshold } from '../../../shared/core/normalise/similarity';
import type { KeyRing } from '../crypto/key-ring';
import { chinaDate } from './china-time';
import { mayBeNear, shapeOf } from './near-filter';
import type { SqlExecutor, SqlValue } from '../storage/database';
import {
  customerColumns,
  fromRow,
  rowParams,
  type CustomerRow,
  type DedupeKeys,
  type StoredCustomer,
} from './customer-row';
import {
  adoptedKeys,
  candidatesAmong,
  changesSince,
  firstChar,
  keyColumns,
  maxChangesSinceReadAhead,
  mergeCandidates,
  nearCandidates,
  nearKey,
  readCandidates,
  recentGroupsKept,
  type KeyColumn,
  type ReadAhead,
  type RecentNames,
  type StoredCandidate,
} from './read-ahead';
import { chunks, marks } from './sql-lists';

// Only enterprises have company-name keys. Saying so lets both engines read the partial unique
// index on name_key instead of scanning every customer for each batch.
const enterpriseOnly = " AND kind = 'enterprise'";

const historyColumns = [
  'customer_id',
  'checkpoint',
  'field',
  'old_value',
  'new_value',
  'changed_by',
  'changed_at',
];

interface SavedCandidate extends StoredCandidate {
  live: boolean;
}

/** What the mutation being applied has written so far, kept apart until it succeeds. */
interface Staged {
  rows: CustomerRow[];
  history: SqlValue[][];
  checkpoint: number | undefined;
  serial: number | undefined;
}

/**
 * The database as one push batch sees it. It reads what the batch needs in a few statements up
 * front (or takes over what was read ahead of the transaction and reads what changed since),
 * answers lookups from memory (including rows written earlier in the same batch), hands
 * out checkpoints and IDs from counters it locks once, and writes everything with multi-row
 * statements at the end. A mutation that throws is undone in memory, so nothing it staged is
 * written and its ID goes back: IDs stay gapless.
 */
export class PushBatch {
  private readonly stored = new Map<string, CustomerRow | null>();
  private readonly storedKeys = new Map<KeyColumn, Map<string, string[]>>();
  private readonly storedNear = new Map<string, readonly StoredCandidate[]>();
  private readonly saved = new Map<string, CustomerRow>();
  private readonly savedKeys = new Map<KeyColumn, Map<string, Set<string>>>();
  /** Names the batch saved per city and first character, oldest first; a resave retires one. */
  private readonly savedNear = new Map<string, SavedCandidate[]>();
  private readonly savedNearById = new Map<string, SavedCandidate>();
  private readonly history: SqlValue[][] = [];
  private readonly tagsOf = new WeakMap<CustomerRow, readonly string[]>();
  /** The IDs of rows saved by the batch that existed before it. */
  private readonly resaved = new Set<string>();
  private readonly mutationRows: SqlValue[][] = [];
  private readonly activeUsers = new Map<string, { team: string | null } | undefined>();
  private checkpoint: { first: number; last: number } | undefined;
  private serial: { period: string; first: number; last: number } | undefined;
  private staged: Staged = { rows: [], history: [], checkpoint: undefined, serial: undefined };

  constructor(
    private readonly tx: SqlExecutor,
    private readonly ring: KeyRing,
    private readonly now: Date,
  ) {}

  /** Outcomes already given to any of these mutation IDs, with who sent each, by ID. */
  async priorOutcomes(
    mutationIds: readonly string[],
  ): Promise<Map<string, { userId: string; outcome: string }>> {
    const found = new Map<string, { userId: string; outcome: string }>();
    for (const chunk of chunks([...new Set(mutationIds)], 500)) {
      const rows = await this.tx.all<{ mutation_id: string; user_id: string; outcome: string }>(
        `SELECT mutation_id, user_id, outcome FROM mutations WHERE mutation_id IN (${marks(chunk.length)})`,
        chunk,
      );
      for (const row of rows)
        found.set(row.mutation_id, { userId: row.user_id, outcome: row.outcome });
    }
    return found;
  }

  /**
   * Reads in a few statements what the batch will ask about: the records it updates, the
   * records sharing a duplicate key with its new rows, and the near-duplicate candidates.
   */
  async prefetch(
    ids: readonly string[],
    keys: readonly DedupeKeys[],
    places: readonly { tradeName: string | null; cityCode: string | null }[],
  ): Promise<void> {
    const wanted = [...new Set(ids)].filter((id) => !this.stored.has(id));
    for (const chunk of chunks(wanted, 500)) {
      const rows = await this.tx.all<CustomerRow>(
        `SELECT * FROM customers WHERE id IN (${marks(chunk.length)})`,
        chunk,
      );
      for (const id of chunk) this.stored.set(id, null);
      for (const row of rows) this.stored.set(String(row.id), row);
    }
    for (const [field, column] of keyColumns) {
      const values = new Set<string>();
      for (const k of keys) {
        const value = field === 'name' ? k.nameKey : k[field];
        if (value !== null && !this.cachedKeys(column).has(value)) values.add(value);
      }
      await this.readKeys(column, [...values]);
    }
    const pairs = new Map<string, [string, string]>();
    for (const { tradeName, cityCode } of places) {
      if (tradeName === null || tradeName === '' || cityCode === null) continue;
      const prefix = firstChar(tradeName);
      pairs.set(nearKey(cityCode, prefix), [cityCode, prefix]);
    }
    await this.readNear([...pairs.entries()].filter(([key]) => !this.storedNear.has(key)));
  }

  /**
   * Reads, outside any transaction, what `prefetch` would read for these new rows, so that the
   * transaction need only read what changed since (`adopt`). On SQLite this runs on the reading
   * connection while the transaction ahead of the batch holds the writer.
   */
  static async readAhead(
    db: SqlExecutor,
    ring: KeyRing,
    now: Date,
    keys: readonly DedupeKeys[],
    places: readonly { tradeName: string | null; cityCode: string | null }[],
    recent?: RecentNames,
  ): Promise<ReadAhead> {
    // The sequence first: any row committed after this read has a higher checkpoint, whatever
    // the reads below see of it.
    const head = await db.get<{ value: number | string }>(
      "SELECT value FROM counters WHERE name = 'checkpoint'",
    );
    const current = Number(head?.value ?? 0);
    const ahead = new PushBatch(db, ring, now);
    // Candidates the last batch left are exact at its checkpoint; what changed since is read
    // in the transaction, as for everything read here.
    const usable =
      recent !== undefined &&
      recent.since <= current &&
      current - recent.since <= maxChangesSinceReadAhead;
    if (usable) for (const [key, list] of recent.near) ahead.storedNear.set(key, list);
    await ahead.prefetch([], keys, places);
    return {
      since: usable ? recent.since : current,
      keys: ahead.storedKeys,
      near: ahead.storedNear,
    };
  }

  /**
   * The near-duplicate candidates as this batch leaves them once committed, for the next batch
   * (`RecentNames`); a list the batch may have cut short is left out.
   */
  recentNames(): RecentNames | undefined {
    if (this.checkpoint === undefined) return undefined;
    const near = new Map<string, readonly StoredCandidate[]>();
    for (const [key, stored] of this.storedNear) {
      if (near.size === recentGroupsKept) break;
      const added = (this.savedNear.get(key) ?? [])
        .filter((c) => c.live)
        .map((c) => ({
          id: c.id,
          tradeName: c.tradeName,
          shape: c.shape,
          checkpoint: c.checkpoint,
        }));
      const merged = mergeCandidates(stored, (id) => this.saved.has(id), added);
      if (merged !== undefined) near.set(key, merged);
    }
    return { since: this.checkpoint.last, near };
  }

  /**
   * Takes over a read-ahead, brought up to date with the rows changed since it: every change to
   * a customer moves it to a new, higher checkpoint, so those rows are all that can differ. A
   * candidate list that the changes may have cut short is left out, and read afresh if needed.
   */
  async adopt(ahead: ReadAhead): Promise<void> {
    if (ahead.near.size === 0 && [...ahead.keys.values()].every((values) => values.size === 0))
      return;
    const changes = await changesSince(this.tx, ahead.since);
    if (changes === undefined) return;
    const changed = new Set(changes.map((r) => String(r.id)));
    for (const [column, values] of ahead.keys) {
      const cache = this.cachedKeys(column);
      for (const [value, ids] of adoptedKeys(column, values, changes, changed))
        if (!cache.has(value)) cache.set(value, ids);
    }
    const fresh = candidatesAmong(changes);
    for (const [key, candidates] of ahead.near) {
      if (this.storedNear.has(key)) continue;
      const merged = mergeCandidates(candidates, (id) => changed.has(id), fresh.get(key) ?? []);
      if (merged !== undefined) this.storedNear.set(key, merged);
    }
  }

  /**
   * The user with this ID if it exists and is active (who a record may be assigned to), with
   * its team: a record belongs to its owner's team.
   */
  async activeUser(id: string): Promise<{ team: string | null } | undefined> {
    if (!this.activeUsers.has(id)) {
      const row = await this.tx.get<{ active: number; team: string | null }>(
        'SELECT active, team FROM users WHERE id = ?',
        [id],
      );
      this.activeUsers.set(
        id,
        row !== undefined && Number(row.active) === 1 ? { team: row.team ?? null } : undefined,
      );
    }
    return this.activeUsers.get(id);
  }

  /** The record with this ID as the batch has left it, decrypted. */
  async load(id: string): Promise<StoredCustomer | undefined> {
    const row = this.saved.get(id) ?? (await this.storedRow(id));
    return row === null || row === undefined ? undefined : fromRow(this.ring, row);
  }

  /**
   * A record, other than `excludeId`, that shares a mobile, email, credit code, ID number or
   * company-name key with these keys, and which keys matched; the lowest ID wins.
   */
  async exactDuplicate(
    keys: DedupeKeys,
    excludeId: string | null,
  ): Promise<{ existingId: string; matchedOn: string[] } | undefined> {
    const matches = new Map<string, string[]>();
    for (const [field, column] of keyColumns) {
      const value = field === 'name' ? keys.nameKey : keys[field];
      if (value === null) continue;
      if (!this.cachedKeys(column).has(value)) await this.readKeys(column, [value]);
      const ids = new Set(this.savedKeys.get(column)?.get(value) ?? []);
      // A stored record the batch has changed answers with its new keys, from `savedKeys`.
      for (const id of this.cachedKeys(column).get(value) ?? [])
        if (!this.saved.has(id)) ids.add(id);
      for (const id of ids)
        if (id !== excludeId) matches.set(id, [...(matches.get(id) ?? []), field]);
    }
    const [first] = [...matches.entries()].sort(([a], [b]) => a.localeCompare(b));
    return first === undefined ? undefined : { existingId: first[0], matchedOn: first[1] };
  }

  /**
   * Records in the same city whose trade name is close to this one: possible duplicates.
   * Candidates share the first character of the name key and are the most recent such names in
   * the city, which bounds the work per row; a typo in that first character, or an older
   * similar name in a crowded city, is left to the batch dedupe job (SPEC 3.8).
   */
  async nearDuplicates(
    tradeName: string | null,
    cityCode: string | null,
    excludeId: string | null,
  ): Promise<string[]> {
    if (tradeName === null || tradeName === '' || cityCode === null) return [];
    const prefix = firstChar(tradeName);
    const key = nearKey(cityCode, prefix);
    if (!this.storedNear.has(key)) await this.readNear([[key, [cityCode, prefix]]]);
    const within = keyMatcher(tradeName, nearDuplicateThreshold);
    const shape = shapeOf(tradeName);
    const found: string[] = [];
    let seen = 0;
    // The names the batch saved, newest first, then the stored ones it has not changed.
    const recent = this.savedNear.get(key);
    if (recent !== undefined) {
      for (let i = recent.length - 1; i >= 0 && seen < nearCandidates; i -= 1) {
        const candidate = recent[i];
        if (candidate === undefined || !candidate.live) continue;
        seen += 1;
        if (candidate.id === excludeId || !mayBeNear(shape, candidate.shape)) continue;
        if (!within(candidate.tradeName)) continue;
        if (found.push(candidate.id) === 10) return found;
      }
    }
    for (const candidate of this.storedNear.get(key) ?? []) {
      if (seen === nearCandidates) break;
      if (this.resaved.size > 0 && this.resaved.has(candidate.id)) continue;
      seen += 1;
      if (candidate.id === excludeId || !mayBeNear(shape, candidate.shape)) continue;
      if (!within(candidate.tradeName)) continue;
      if (found.push(candidate.id) === 10) return found;
    }
    return found;
  }

  /** The next value of the server-wide sync sequence; the counter row is locked on first use. */
  async nextCheckpoint(): Promise<number> {
    if (this.checkpoint === undefined) {
      const row = await this.tx.get<{ value: number }>(
        "UPDATE counters SET value = value WHERE name = 'checkpoint' RETURNING value",
      );
      const value = Number(row?.value);
      this.checkpoint = { first: value, last: value };
    }
    this.staged.checkpoint ??= this.checkpoint.last;
    this.checkpoint.last += 1;
    return this.checkpoint.last;
  }

  /** The next customer ID of the day (China time); the day's counter is locked on first use. */
  async nextCustomerId(): Promise<string> {
    const date = chinaDate(this.now);
    if (this.serial === undefined) {
      const period = formatRecordId('customer', date, 1).slice(0, -4);
      const row = await this.tx.get<{ last_serial: number }>(
        'INSERT INTO id_counters (period, last_serial) VALUES (?, 0) ON CONFLICT (period) DO UPDATE SET last_serial = id_counters.last_serial RETURNING last_serial',
        [period],
      );
      const last = Number(row?.last_serial);
      this.serial = { period, first: last, last };
    }
    this.staged.serial ??= this.serial.last;
    this.serial.last += 1;
    return formatRecordId('customer', date, this.serial.last);
  }

  /**
   * Stages a record to be written when the current mutation succeeds. `tags` may be passed
   * when the caller has them, so they need not be read back out of the row.
   */
  save(row: CustomerRow, tags?: readonly string[]): void {
    this.staged.rows.push(row);
    if (tags !== undefined) this.tagsOf.set(row, tags);
  }

  /** Stages a field_history row for the current mutation. */
  keepHistory(values: SqlValue[]): void {
    this.staged.history.push(values);
  }

  /** Keeps what the current mutation staged. */
  commitMutation(mutationId: string, userId: string, outcome: string): void {
    for (const row of this.staged.rows) this.remember(row);
    this.history.push(...this.staged.history);
    this.mutationRows.push([mutationId, userId, outcome, this.now.toISOString()]);
    this.staged = { rows: [], history: [], checkpoint: undefined, serial: undefined };
  }

  /** Forgets what the current mutation staged and gives back its checkpoints and ID. */
  abortMutation(): void {
    if (this.checkpoint !== undefined && this.staged.checkpoint !== undefined)
      this.checkpoint.last = this.staged.checkpoint;
    if (this.serial !== undefined && this.staged.serial !== undefined)
      this.serial.last = this.staged.serial;
    this.staged = { rows: [], history: [], checkpoint: undefined, serial: undefined };
  }

  /** Writes the batch: records, their tags, history, mutation outcomes and the counters. */
  async flush(): Promise<void> {
    const rows = [...this.saved.values()];
    await this.tx.insertRows('customers', customerColumns, rows.map(rowParams), 'id');
    const existing = rows.map((r) => String(r.id)).filter((id) => this.stored.get(id) != null);
    for (const chunk of chunks(existing, 500)) {
      await this.tx.run(
        `DELETE FROM customer_tags WHERE customer_id IN (${marks(chunk.length)})`,
        chunk,
      );
    }
    const tags = rows.flatMap((r) =>
      [
        ...new Set(
          this.tagsOf.get(r) ??
            (JSON.parse(String(r.clear_data)) as { tags?: string[] }).tags ??
            [],
        ),
      ].map((tag) => [r.id, tag]),
    );
    await this.tx.insertRows('customer_tags', ['customer_id', 'tag'], tags);
    await this.tx.insertRows('field_history', historyColumns, this.history);
    await this.tx.insertRows(
      'mutations',
      ['mutation_id', 'user_id', 'outcome', 'created_at'],
      this.mutationRows,
    );
    if (this.checkpoint !== undefined && this.checkpoint.last > this.checkpoint.first) {
      await this.tx.run("UPDATE counters SET value = ? WHERE name = 'checkpoint'", [
        this.checkpoint.last,
      ]);
    }
    if (this.serial !== undefined && this.serial.last > this.serial.first) {
      await this.tx.run('UPDATE id_counters SET last_serial = ? WHERE period = ?', [
        this.serial.last,
        this.serial.period,
      ]);
    }
  }

  private remember(row: CustomerRow): void {
    const id = String(row.id);
    const before = this.saved.get(id);
    for (const [, column] of keyColumns) {
      const index = this.savedKeys.get(column) ?? new Map<string, Set<string>>();
      this.savedKeys.set(column, index);
      const old = before?.[column];
      if (typeof old === 'string') index.get(old)?.delete(id);
      const value = row[column];
      if (typeof value === 'string' && row.status !== 'merged')
        index.set(value, (index.get(value) ?? new Set()).add(id));
    }
    const earlier = this.savedNearById.get(id);
    if (earlier !== undefined) {
      earlier.live = false;
      this.savedNearById.delete(id);
    }
    if (
      typeof row.city_code === 'string' &&
      typeof row.trade_name === 'string' &&
      row.status !== 'merged'
    ) {
      const key = nearKey(row.city_code, String(row.trade_prefix));
      const names = this.savedNear.get(key) ?? [];
      this.savedNear.set(key, names);
      const candidate = {
        id,
        tradeName: row.trade_name,
        shape: shapeOf(row.trade_name),
        checkpoint: Number(row.checkpoint),
        live: true,
      };
      names.push(candidate);
      this.savedNearById.set(id, candidate);
    }
    // Only rows that existed before the batch can be among the stored candidates.
    if (this.stored.get(id) != null) this.resaved.add(id);
    this.saved.delete(id);
    this.saved.set(id, row);
  }

  private async storedRow(id: string): Promise<CustomerRow | null> {
    if (!this.stored.has(id)) await this.prefetch([id], [], []);
    return this.stored.get(id) ?? null;
  }

  private cachedKeys(column: KeyColumn): Map<string, string[]> {
    const cache = this.storedKeys.get(column) ?? new Map<string, string[]>();
    this.storedKeys.set(column, cache);
    return cache;
  }

  private async readKeys(column: KeyColumn, values: readonly string[]): Promise<void> {
    const cache = this.cachedKeys(column);
    for (const chunk of chunks(values, 500)) {
      const rows = await this.tx.all<{ id: string; value: string }>(
        `SELECT id, ${column} AS value FROM customers WHERE ${column} IN (${marks(chunk.length)}) AND status <> 'merged'${column === 'name_key' ? enterpriseOnly : ''}`,
        chunk,
      );
      for (const value of chunk) cache.set(value, []);
      for (const row of rows) cache.get(row.value)?.push(row.id);
    }
  }

  private async readNear(groups: readonly [string, [string, string]][]): Promise<void> {
    for (const [key, candidates] of await readCandidates(this.tx, groups))
      this.storedNear.set(key, candidates);
  }
}
