import type { SqlExecutor } from '../storage/database';
import { shapeOf, type NameShape } from './near-filter';
import { chunks } from './sql-lists';

// What a push batch reads ahead of its transaction, and how the transaction brings that up to
// date: every change to a customer moves it to a new, higher checkpoint, so the rows past the
// checkpoint a read started from are all that can differ from what it read.

/** The exact-duplicate keys and the column each lives in. */
export const keyColumns = [
  ['mobile', 'mobile_hash'],
  ['email', 'email_hash'],
  ['creditCode', 'credit_code_hash'],
  ['idNumber', 'id_number_hash'],
  ['name', 'name_key'],
] as const;
export type KeyColumn = (typeof keyColumns)[number][1];

/** Candidates for near duplicates per city and first character: the most recent ones. */
export const nearCandidates = 300;

/** A near-duplicate candidate: a stored record's trade name and its checkpoint. */
export interface StoredCandidate {
  id: string;
  tradeName: string;
  /** The name's length and letters, worked out once for the many names it is compared with. */
  shape: NameShape;
  checkpoint: number;
}

/** A candidate of this ID, trade name and checkpoint. */
export function candidate(id: string, tradeName: string, checkpoint: number): StoredCandidate {
  return { id, tradeName, shape: shapeOf(tradeName), checkpoint };
}

/**
 * What `prefetch` read outside the transaction, from the committed state at checkpoint `since`
 * or later: the duplicate keys and near-duplicate candidates of a batch's new rows.
 */
export interface ReadAhead {
  since: number;
  keys: ReadonlyMap<KeyColumn, ReadonlyMap<string, readonly string[]>>;
  near: ReadonlyMap<string, readonly StoredCandidate[]>;
}

/**
 * The near-duplicate candidates as the last committed batch of this process left them, at
 * checkpoint `since`: the next batch starts from them instead of reading them again, and reads
 * only what changed since. Kept per database; at most `recentGroupsKept` cities and first
 * characters.
 */
export interface RecentNames {
  since: number;
  near: Map<string, readonly StoredCandidate[]>;
}

export const recentGroupsKept = 128;

/** Past this many rows changed since a read-ahead, the transaction reads afresh instead. */
export const maxChangesSinceReadAhead = 5000;

/** The columns of a changed customer that lookups read. */
export interface ChangedRow {
  id: string;
  status: string;
  kind: string;
  mobile_hash: string | null;
  email_hash: string | null;
  credit_code_hash: string | null;
  id_number_hash: string | null;
  name_key: string | null;
  trade_name: string | null;
  trade_prefix: string | null;
  city_code: string | null;
  checkpoint: number | string;
}

/** The customers changed after a checkpoint, oldest first; undefined when there are too many. */
export async function changesSince(
  tx: SqlExecutor,
  since: number,
): Promise<ChangedRow[] | undefined> {
  const changes = await tx.all<ChangedRow>(
    `SELECT id, status, kind, checkpoint, mobile_hash, email_hash, credit_code_hash, id_number_hash, name_key, trade_name, trade_prefix, city_code
     FROM customers WHERE checkpoint > ? ORDER BY checkpoint LIMIT ?`,
    [since, maxChangesSinceReadAhead + 1],
  );
  return changes.length > maxChangesSinceReadAhead ? undefined : changes;
}

/**
 * The records holding each of these key values now: those read, less the changed ones, plus
 * the changed ones that hold it now (not merged; a company-name key only on an enterprise).
 */
export function adoptedKeys(
  column: KeyColumn,
  values: ReadonlyMap<string, readonly string[]>,
  changes: readonly ChangedRow[],
  changed: ReadonlySet<string>,
): Map<string, string[]> {
  const adopted = new Map<string, string[]>();
  for (const [value, ids] of values)
    adopted.set(value, changed.size === 0 ? [...ids] : ids.filter((id) => !changed.has(id)));
  for (const row of changes) {
    const value = row[column];
    if (value === null || row.status === 'merged') continue;
    if (column === 'name_key' && row.kind !== 'enterprise') continue;
    adopted.get(value)?.push(String(row.id));
  }
  return adopted;
}

/** The changed rows that are near-duplicate candidates, by city and first character. */
export function candidatesAmong(changes: readonly ChangedRow[]): Map<string, StoredCandidate[]> {
  const found = new Map<string, StoredCandidate[]>();
  for (const row of changes) {
    if (row.status === 'merged' || row.trade_name === null) continue;
    if (row.city_code === null || row.trade_prefix === null) continue;
    const key = nearKey(row.city_code, row.trade_prefix);
    const list = found.get(key) ?? [];
    found.set(key, list);
    list.push(candidate(String(row.id), row.trade_name, Number(row.checkpoint)));
  }
  return found;
}

/**
 * The newest `nearCandidates` of a city and first character, from a list that held the newest
 * then, less the rows `gone` since, plus the rows `added` since. What is left of the old list is
 * still the newest of the rows that did not change, but maybe too few to fill the window: then
 * undefined, and the list must be read afresh.
 */
export function mergeCandidates(
  previous: readonly StoredCandidate[],
  gone: (id: string) => boolean,
  added: readonly StoredCandidate[],
): readonly StoredCandidate[] | undefined {
  const kept = previous.filter((c) => !gone(c.id));
  if (previous.length === nearCandidates && kept.length + added.length < nearCandidates)
    return undefined;
  if (added.length === 0) return kept.length === previous.length ? previous : kept;
  return [...added, ...kept].sort((a, b) => b.checkpoint - a.checkpoint).slice(0, nearCandidates);
}

/**
 * The near-duplicate candidates of several cities and first characters (`groups`: key and the
 * pair), newest first: one statement for up to 50 of them, each part its own index range read.
 */
export async function readCandidates(
  tx: SqlExecutor,
  groups: readonly [string, [string, string]][],
): Promise<Map<string, StoredCandidate[]>> {
  const out = new Map<string, StoredCandidate[]>();
  for (const chunk of chunks(groups, 50)) {
    // The group number is written into the statement: a bare parameter in a select list has
    // no type PostgreSQL can infer.
    const part = (i: number) =>
      `SELECT * FROM (SELECT id, trade_name, checkpoint, ${i} AS near_group FROM customers WHERE city_code = ? AND trade_prefix = ? AND status <> 'merged' AND trade_name IS NOT NULL ORDER BY checkpoint DESC LIMIT ?) AS near_${i}`;
    const rows = await tx.all<{
      id: string;
      trade_name: string;
      checkpoint: number | string;
      near_group: number | string;
    }>(
      chunk.map((_, i) => part(i)).join(' UNION ALL '),
      chunk.flatMap(([, [cityCode, prefix]]) => [cityCode, prefix, nearCandidates]),
    );
    const found = chunk.map(() => [] as StoredCandidate[]);
    for (const row of rows) {
      found[Number(row.near_group)]?.push(
        candidate(row.id, row.trade_name, Number(row.checkpoint)),
      );
    }
    // Newest first: a UNION ALL need not keep each part's order.
    chunk.forEach(([key], i) =>
      out.set(
        key,
        (found[i] ?? []).sort((a, b) => b.checkpoint - a.checkpoint),
      ),
    );
  }
  return out;
}

/** The key of a city and first character. */
export function nearKey(cityCode: string, prefix: string): string {
  return `${cityCode}\u0000${prefix}`;
}

/** The first character (code point) of a trade name. */
export function firstChar(name: string): string {
  return [...name].slice(0, 1).join('');
}
