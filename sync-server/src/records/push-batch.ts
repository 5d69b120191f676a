import { formatRecordId } from '../../../shared/core/ids/record-id';
import { keyWithin, nearDuplicateThreshold } from '../../../shared/core/normalise/similarity';
import type { KeyRing } from '../crypto/key-ring';
import { chinaDate } from './china-time';
import type { SqlExecutor, SqlValue } from '../storage/database';
import {
  customerColumns,
  fromRow,
  rowParams,
  type CustomerRow,
  type DedupeKeys,
  type StoredCustomer,
} from './customer-row';

/** The exact-duplicate keys and the column each lives in. */
const keyColumns = [
  ['mobile', 'mobile_hash'],
  ['email', 'email_hash'],
  ['creditCode', 'credit_code_hash'],
  ['idNumber', 'id_number_hash'],
  ['name', 'name_key'],
] as const;
type KeyColumn = (typeof keyColumns)[number][1];

/** Candidates for near duplicates per city and first character: the most recent ones. */
const nearCandidates = 300;
/** Rows per multi-row statement: far below both engines' limits on bound parameters. */
const rowsPerStatement = 100;

interface NearCandidate {
  id: string;
  tradeName: string;
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
 * front, answers lookups from memory (including rows written earlier in the same batch), hands
 * out checkpoints and IDs from counters it locks once, and writes everything with multi-row
 * statements at the end. A mutation that throws is undone in memory, so nothing it staged is
 * written and its ID goes back: IDs stay gapless.
 */
export class PushBatch {
  private readonly stored = new Map<string, CustomerRow | null>();
  private readonly storedKeys = new Map<KeyColumn, Map<string, string[]>>();
  private readonly storedNear = new Map<string, NearCandidate[]>();
  private readonly saved = new Map<string, CustomerRow>();
  private readonly savedKeys = new Map<KeyColumn, Map<string, Set<string>>>();
  private readonly savedNear = new Map<string, Map<string, string>>();
  private readonly history: SqlValue[][] = [];
  private readonly mutationRows: SqlValue[][] = [];
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
    for (const [key, [cityCode, prefix]] of pairs) await this.readNear(key, cityCode, prefix);
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
    if (!this.storedNear.has(key)) await this.readNear(key, cityCode, prefix);
    const recent = [...(this.savedNear.get(key) ?? new Map<string, string>()).entries()]
      .reverse()
      .map(([id, name]) => ({ id, tradeName: name }));
    const older = (this.storedNear.get(key) ?? []).filter((c) => !this.saved.has(c.id));
    const found: string[] = [];
    for (const candidate of [...recent, ...older].slice(0, nearCandidates)) {
      if (candidate.id === excludeId) continue;
      if (keyWithin(candidate.tradeName, tradeName, nearDuplicateThreshold))
        found.push(candidate.id);
      if (found.length === 10) break;
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

  /** Stages a record to be written when the current mutation succeeds. */
  save(row: CustomerRow): void {
    this.staged.rows.push(row);
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
    const updates = customerColumns.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`);
    const row = `(${marks(customerColumns.length)})`;
    for (const chunk of chunks(rows, rowsPerStatement)) {
      await this.tx.run(
        `INSERT INTO customers (${customerColumns.join(', ')}) VALUES ${chunk.map(() => row).join(', ')}
         ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}`,
        chunk.flatMap(rowParams),
      );
    }
    const existing = rows.map((r) => String(r.id)).filter((id) => this.stored.get(id) != null);
    for (const chunk of chunks(existing, 500)) {
      await this.tx.run(
        `DELETE FROM customer_tags WHERE customer_id IN (${marks(chunk.length)})`,
        chunk,
      );
    }
    const tags = rows.flatMap((r) =>
      [...new Set((JSON.parse(String(r.clear_data)) as { tags?: string[] }).tags ?? [])].map(
        (tag) => [r.id, tag],
      ),
    );
    await this.insertMany('customer_tags (customer_id, tag)', 2, tags);
    await this.insertMany(
      'field_history (customer_id, checkpoint, field, old_value, new_value, changed_by, changed_at)',
      7,
      this.history,
    );
    await this.insertMany(
      'mutations (mutation_id, user_id, outcome, created_at)',
      4,
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
    if (before !== undefined && typeof before.city_code === 'string')
      this.savedNear.get(nearKey(before.city_code, String(before.trade_prefix)))?.delete(id);
    if (
      typeof row.city_code === 'string' &&
      typeof row.trade_name === 'string' &&
      row.status !== 'merged'
    ) {
      const key = nearKey(row.city_code, String(row.trade_prefix));
      const names = this.savedNear.get(key) ?? new Map<string, string>();
      names.delete(id);
      this.savedNear.set(key, names.set(id, row.trade_name));
    }
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
        `SELECT id, ${column} AS value FROM customers WHERE ${column} IN (${marks(chunk.length)}) AND status <> 'merged'`,
        chunk,
      );
      for (const value of chunk) cache.set(value, []);
      for (const row of rows) cache.get(row.value)?.push(row.id);
    }
  }

  private async readNear(key: string, cityCode: string, prefix: string): Promise<void> {
    const rows = await this.tx.all<{ id: string; trade_name: string }>(
      "SELECT id, trade_name FROM customers WHERE city_code = ? AND trade_prefix = ? AND status <> 'merged' AND trade_name IS NOT NULL ORDER BY checkpoint DESC LIMIT ?",
      [cityCode, prefix, nearCandidates],
    );
    this.storedNear.set(
      key,
      rows.map((r) => ({ id: r.id, tradeName: r.trade_name })),
    );
  }

  private async insertMany(
    into: string,
    width: number,
    rows: readonly (readonly SqlValue[])[],
  ): Promise<void> {
    for (const chunk of chunks(rows, rowsPerStatement)) {
      await this.tx.run(
        `INSERT INTO ${into} VALUES ${chunk.map(() => `(${marks(width)})`).join(', ')}`,
        chunk.flat(),
      );
    }
  }
}

function marks(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function firstChar(name: string): string {
  return [...name].slice(0, 1).join('');
}

function nearKey(cityCode: string, prefix: string): string {
  return `${cityCode}\u0000${prefix}`;
}
