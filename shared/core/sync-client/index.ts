// The sync client: diffs sheet rows against the last synced state, pushes the changes in chunks,
// applies the server's answers and pulls what changed. It touches the sheet, the network, its
// saved state and the clock only through the ports below, so Apps Script (SpreadsheetApp,
// UrlFetchApp, PropertiesService), the playground (an in-browser grid, fetch, localStorage) and
// tests each supply their own. Pure TypeScript: no DOM, no Node.
import type { Locale } from '../i18n/locale';
import type { FieldConflict } from '../sync/mutation-outcome';
import type { FieldError } from '../validation/field-error';
import { driveAsync, driveBlocking } from './drive';
import { syncSteps } from './sync-steps';

/** What a port may return: the value, or a promise of it (only `runSync` accepts promises). */
export type Awaitable<T> = T | Promise<T>;

/**
 * A cell as a host reads or writes it. Hosts turn dates into `YYYY-MM-DD` strings and empty
 * cells into `''`.
 */
export type CellValue = string | number | boolean;

/**
 * The hidden columns of a row, as strings. Opaque to the host: it stores and returns them
 * unchanged. `recordId` is empty for a row the server has not seen; `checkpoint` is the
 * record's checkpoint when the row last matched the server; `state` is the engine's JSON
 * (base values, pending mutation, status, message).
 */
export interface RowMeta {
  recordId: string;
  checkpoint: string;
  state: string;
}

/** One data row of the customers sheet. */
export interface SheetRow {
  /** The row's position in the host's grid (the sheet row number in Sheets). */
  row: number;
  /** Field cells keyed by customer field key (`mobile`), as shown; only the sheet's columns. */
  cells: Readonly<Record<string, CellValue>>;
  meta: RowMeta;
}

/**
 * One change to the sheet. Row numbers are those of the `readRows()` the engine made just before
 * `writeRows()`. Hosts apply updates first, then removals, then appends. A note of `''` clears
 * the cell's note. Values arrive already neutralised against formula injection: formula-like
 * text comes with a leading `'`, which spreadsheets take as "text follows" and do not show; a
 * grid that is not a spreadsheet may drop it for display (the engine reads it either way).
 */
export type RowChange =
  | {
      kind: 'update';
      row: number;
      cells?: Readonly<Record<string, CellValue>>;
      meta?: Readonly<Partial<RowMeta>>;
      notes?: Readonly<Record<string, string>>;
    }
  | { kind: 'append'; cells: Readonly<Record<string, CellValue>>; meta: RowMeta }
  | { kind: 'remove'; row: number };

/**
 * The customers sheet: everything in one read, changes in one write. Data rows are numbered
 * consecutively from `firstRow`; a removal closes its gap and appends follow the last row.
 */
export interface SheetPort {
  /** The number of the first data row (2 in Sheets, under the header row). */
  readonly firstRow: number;
  /** Every data row with its hidden columns, in one read (one `getValues` in Sheets). */
  readRows(): Awaitable<SheetRow[]>;
  /** Applies the changes, in one write (one `setValues`, one `setNotes` in Sheets). */
  writeRows(changes: readonly RowChange[]): Awaitable<void>;
}

/** An HTTP answer: the status and the parsed JSON body (undefined when it was not JSON). */
export interface HttpAnswer {
  status: number;
  body: unknown;
  /** The `Retry-After` header as sent (seconds or an HTTP date), when there was one. */
  retryAfter?: string;
}

/**
 * The sync server, reached by the host with its base URL, the caller's token as
 * `Authorization: Bearer …` and `X-CRM-Client`. `body` is JSON text, ready to send. A network
 * failure (nothing came back) throws; an HTTP error status is an answer.
 */
export interface HttpPort {
  request(method: 'GET' | 'POST', path: string, body?: string): Awaitable<HttpAnswer>;
}

/**
 * Small saved strings (document properties in Sheets): the checkpoint, the epoch, the client ID,
 * the mutation IDs in flight. Each value stays under 8 KB. `null` deletes.
 */
export interface StatePort {
  get(key: string): Awaitable<string | null>;
  set(key: string, value: string | null): Awaitable<void>;
}

/** The host's clock: milliseconds since the epoch, and an optional pause between retries. */
export interface ClockPort {
  now(): number;
  sleep?(ms: number): Awaitable<void>;
}

/** Everything the engine touches. */
export interface SyncPorts {
  sheet: SheetPort;
  http: HttpPort;
  state: StatePort;
  clock: ClockPort;
  /** A random string of letters and digits for client and mutation IDs; defaults to Math.random. */
  randomId?: () => string;
}

/** Ports whose every call returns at once: Apps Script, where nothing can be awaited. */
export interface BlockingSyncPorts extends SyncPorts {
  sheet: {
    readonly firstRow: number;
    readRows(): SheetRow[];
    writeRows(changes: readonly RowChange[]): void;
  };
  http: { request(method: 'GET' | 'POST', path: string, body?: string): HttpAnswer };
  state: { get(key: string): string | null; set(key: string, value: string | null): void };
  clock: { now(): number; sleep?(ms: number): void };
}

export interface SyncOptions {
  /** Language of the sheet's option labels and of messages; zh-CN by default. */
  locale?: Locale;
  /**
   * Time (clock ms) by which the run must have stopped. The engine starts no request it
   * does not expect to finish before it, saves its place and reports `complete: false`.
   */
  deadline?: number;
  /** Most mutations per push (at most the server's 500). */
  maxRowsPerPush?: number;
  /** Most bytes of JSON per push; far under UrlFetch's 50 MB. Default 4 MB. */
  maxBytesPerPush?: number;
  /** Records per pull page. Default 2,000. */
  pullLimit?: number;
  /** Attempts of one request before the run gives up (same body, same mutation IDs). */
  maxAttempts?: number;
  /**
   * Who is syncing (an email). When it differs from the last run's, the sheet is pulled again
   * from the start, because what one user may see is not what another may.
   */
  identity?: string;
  /** Skip the push (pull only) or the pull (push only). */
  push?: boolean;
  pull?: boolean;
}

/** A row whose fields were changed on both sides: both values, for the user to choose. */
export interface RowConflict {
  row: number;
  recordId: string;
  conflicts: FieldConflict[];
}

export interface RowInvalid {
  row: number;
  errors: FieldError[];
}

export interface RowDuplicate {
  row: number;
  existingId: string;
  message: string;
}

export interface RowForbidden {
  row: number;
  recordId?: string;
  message: string;
}

/**
 * Why a run stopped before finishing, when it did. `busy` (another sync holds the document)
 * and `notConfigured` (no server address yet) come from hosts, before the engine starts.
 */
export interface SyncFailure {
  code: 'network' | 'unauthorized' | 'forbidden' | 'server' | 'protocol' | 'busy' | 'notConfigured';
  status?: number;
  message: string;
}

/** What a run did; row numbers are the sheet's at the end of the run. */
export interface SyncReport {
  applied: number;
  merged: number;
  conflicts: RowConflict[];
  invalid: RowInvalid[];
  duplicates: RowDuplicate[];
  pendingReview: number;
  forbidden: RowForbidden[];
  /** Records the pull wrote into the sheet (new rows and updated ones). */
  pulled: number;
  /** Rows removed because their record left the caller's view. */
  removed: number;
  /** The checkpoint the sheet is now synced to. */
  checkpoint: number;
  /** This run finished what an interrupted one started (a dropped answer or a deadline). */
  resumed?: boolean;
  /** False when the run stopped early (deadline or failure): run again to continue. */
  complete: boolean;
  /** Rows edited while this run was under way: kept as edited, pushed by the next run. */
  editedDuringSync: number[];
  failure?: SyncFailure;
}

/**
 * Syncs the sheet with the server: pushes changed rows, applies the answers, pulls changes.
 * Ports may return promises (browser fetch, an in-browser grid).
 * @example const report = await runSync({ sheet, http, state, clock: { now: () => Date.now() } })
 */
export function runSync(ports: SyncPorts, options: SyncOptions = {}): Promise<SyncReport> {
  return driveAsync(syncSteps(ports, options));
}

/**
 * The same run for hosts where nothing can be awaited (Apps Script): every port answers at once.
 * @example const report = runSyncBlocking(appsScriptPorts, { deadline: start + 270_000 })
 */
export function runSyncBlocking(ports: BlockingSyncPorts, options: SyncOptions = {}): SyncReport {
  return driveBlocking(syncSteps(ports, options));
}

export { resolveConflict, type ConflictChoice } from './resolve-conflict';
export {
  columnOptions,
  displayValue,
  optionLabel,
  readOnlyColumns,
  sameValue,
  sheetColumns,
  wireValue,
} from './cell-codec';
export { parseRowState, type RowState, type RowStatus } from './row-state';
export { defaultDropdowns, dropdownRefusesOthers, type Dropdown } from './dropdowns';
export {
  headerLabels,
  metaColumns,
  readHeader,
  type HeaderLayout,
  type MetaColumn,
} from './sheet-header';
