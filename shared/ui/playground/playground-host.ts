import type { Locale } from '../../core/i18n/locale';
import {
  resolveConflict as settleConflict,
  runSync,
  type CellValue,
  type ConflictChoice,
  type RowChange,
  type SheetRow,
  type SyncPorts,
  type SyncReport,
} from '../../core/sync-client/index';
import { fetchHttpPort } from '../fetch-http-port';
import type { CellMark, Dropdown, SidebarHost } from '../host';
import { randomId } from '../random-id';

/** Where a playground sheet keeps its rows and the sync engine's saved strings. */
export interface PlaygroundStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What the grid shows: rows (sheet row numbers from 2, under the header) and cell notes. */
export interface PlaygroundSheet {
  rows: readonly SheetRow[];
  /** `row:field` → message. */
  notes: ReadonlyMap<string, string>;
  dropdowns: ReadonlyMap<string, readonly string[]>;
  selected: number | null;
}

const firstDataRow = 2;

/**
 * The playground's host: an in-browser sheet (kept in localStorage, one per token, so switching
 * role is switching to that person's spreadsheet) synced with the real server by the shared
 * sync engine over browser `fetch`, exactly as the add-ins sync theirs.
 */
export class PlaygroundHost implements SidebarHost {
  readonly client = 'web' as const;
  private rows: SheetRow[];
  private notes = new Map<string, string>();
  private dropdowns = new Map<string, readonly string[]>();
  private selected: number | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly token: string,
    private readonly options: {
      serverUrl: string;
      storage: PlaygroundStorage;
      locale: () => Locale;
      fetch?: typeof fetch;
    },
  ) {
    this.rows = this.load();
  }

  /** Calls `listener` after every change of rows, notes or selection; answers an unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** What the grid renders. */
  snapshot(): PlaygroundSheet {
    return {
      rows: this.rows,
      notes: this.notes,
      dropdowns: this.dropdowns,
      selected: this.selected,
    };
  }

  /** The grid's cursor moved to a row (or off the data). */
  select(row: number | null): void {
    this.selected = row;
    this.changed(false);
  }

  /** The user typed into a cell of the grid. */
  editCell(row: number, field: string, value: CellValue): void {
    this.rows = this.rows.map((r) =>
      r.row === row ? { ...r, cells: { ...r.cells, [field]: value } } : r,
    );
    this.changed(true);
  }

  /** A new empty row under the data, selected. */
  addRow(): number {
    const row = firstDataRow + this.rows.length;
    this.rows = [
      ...this.rows,
      { row, cells: {}, meta: { recordId: '', checkpoint: '', state: '' } },
    ];
    this.selected = row;
    this.changed(true);
    return row;
  }

  /** Forgets this sheet: rows and sync state, as a fresh spreadsheet. */
  reset(): void {
    for (const key of this.storageKeys()) this.options.storage.removeItem(key);
    this.rows = [];
    this.notes.clear();
    this.selected = null;
    this.changed(false);
  }

  readRows(): Promise<SheetRow[]> {
    return Promise.resolve(
      this.rows.map((r) => ({ ...r, cells: { ...r.cells }, meta: { ...r.meta } })),
    );
  }

  writeRows(changes: readonly RowChange[]): Promise<void> {
    let rows = [...this.rows];
    // Updates first, then removals, then appends, as the engine expects of every host.
    for (const change of changes) {
      if (change.kind !== 'update') continue;
      rows = rows.map((r) =>
        r.row === change.row
          ? {
              ...r,
              cells: { ...r.cells, ...(change.cells ?? {}) },
              meta: { ...r.meta, ...(change.meta ?? {}) },
            }
          : r,
      );
      for (const [field, note] of Object.entries(change.notes ?? {}))
        this.setNote(change.row, field, note);
    }
    const removed = new Set(changes.flatMap((c) => (c.kind === 'remove' ? [c.row] : [])));
    if (removed.size > 0) {
      const kept = rows.filter((r) => !removed.has(r.row));
      // Rows below a removed one move up, notes with them, as in a spreadsheet.
      const renumber = new Map(kept.map((r, i) => [r.row, firstDataRow + i]));
      this.notes = new Map(
        [...this.notes].flatMap(([key, note]) => {
          const [row, field] = splitNoteKey(key);
          const to = renumber.get(row);
          return to === undefined ? [] : [[`${to}:${field}`, note] as const];
        }),
      );
      if (this.selected !== null) this.selected = renumber.get(this.selected) ?? null;
      rows = kept.map((r, i) => ({ ...r, row: firstDataRow + i }));
    }
    for (const change of changes) {
      if (change.kind !== 'append') continue;
      rows.push({
        row: firstDataRow + rows.length,
        cells: { ...change.cells },
        meta: { ...change.meta },
      });
    }
    this.rows = rows;
    this.changed(true);
    return Promise.resolve();
  }

  getSelection(): Promise<SheetRow | null> {
    const row = this.rows.find((r) => r.row === this.selected);
    return Promise.resolve(
      row === undefined ? null : { ...row, cells: { ...row.cells }, meta: { ...row.meta } },
    );
  }

  setDropdowns(dropdowns: readonly Dropdown[]): Promise<void> {
    this.dropdowns = new Map(dropdowns.map((d) => [d.field, d.options]));
    this.changed(false);
    return Promise.resolve();
  }

  markInvalid(marks: readonly CellMark[]): Promise<void> {
    for (const mark of marks) this.setNote(mark.row, mark.field, mark.message);
    this.changed(false);
    return Promise.resolve();
  }

  getToken(): Promise<string> {
    return Promise.resolve(this.token);
  }

  getServerUrl(): Promise<string> {
    return Promise.resolve(this.options.serverUrl);
  }

  sync(): Promise<SyncReport> {
    return runSync(this.ports(), { locale: this.options.locale() });
  }

  async resolveConflict(choice: ConflictChoice): Promise<SyncReport> {
    const row = this.rows.find((r) => r.row === choice.row);
    const change =
      row === undefined ? undefined : settleConflict(row, choice, this.options.locale());
    if (change !== undefined) await this.writeRows([change]);
    return this.sync();
  }

  private ports(): SyncPorts {
    const { serverUrl, storage } = this.options;
    const prefix = this.prefix();
    return {
      sheet: {
        firstRow: firstDataRow,
        readRows: () => this.readRows(),
        writeRows: (changes) => this.writeRows(changes),
      },
      http: fetchHttpPort({
        serverUrl,
        token: this.token,
        client: 'web',
        locale: this.options.locale,
        ...(this.options.fetch === undefined ? {} : { fetch: this.options.fetch }),
      }),
      state: {
        get: (key) => storage.getItem(`${prefix}state.${key}`),
        set: (key, value) => {
          if (value === null) storage.removeItem(`${prefix}state.${key}`);
          else storage.setItem(`${prefix}state.${key}`, value);
        },
      },
      clock: { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
      randomId,
    };
  }

  private setNote(row: number, field: string, note: string): void {
    if (note === '') this.notes.delete(`${row}:${field}`);
    else this.notes.set(`${row}:${field}`, note);
  }

  private changed(save: boolean): void {
    if (save) this.options.storage.setItem(`${this.prefix()}rows`, JSON.stringify(this.rows));
    for (const listener of this.listeners) listener();
  }

  private load(): SheetRow[] {
    try {
      const stored = this.options.storage.getItem(`${this.prefix()}rows`);
      const rows = stored === null ? [] : (JSON.parse(stored) as SheetRow[]);
      return rows.map((r, i) => ({ ...r, row: firstDataRow + i }));
    } catch {
      return [];
    }
  }

  // A sheet per token: each demo user (and each restart's fresh tokens) starts from its own.
  private prefix(): string {
    let hash = 0;
    for (const ch of this.token) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
    return `crm.playground.${(hash >>> 0).toString(36)}.`;
  }

  private storageKeys(): string[] {
    const keys: string[] = [];
    const storage = this.options.storage as PlaygroundStorage & {
      length?: number;
      key?(i: number): string | null;
    };
    for (let i = 0; i < (storage.length ?? 0); i += 1) {
      const key = storage.key?.(i);
      if (key?.startsWith(this.prefix()) === true) keys.push(key);
    }
    return keys;
  }
}

function splitNoteKey(key: string): [number, string] {
  const colon = key.indexOf(':');
  return [Number(key.slice(0, colon)), key.slice(colon + 1)];
}
