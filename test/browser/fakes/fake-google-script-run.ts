// Runs inside the page under test, bundled by esbuild: a `google.script.run` that behaves like
// Apps Script's where the sidebar can tell (arguments and answers copied as JSON, Dates and
// functions refused, at most ten calls in flight, answers arriving later, the chainable
// withSuccessHandler / withFailureHandler / withUserObject), backed by an in-page customers
// sheet and the shared sync engine talking to the real server, as the add-on's syncNow does.
import {
  resolveConflict,
  runSync,
  type ConflictChoice,
  type RowChange,
  type SheetRow,
  type SyncPorts,
} from '../../../shared/core/sync-client/index';
import { fetchHttpPort } from '../../../shared/ui/fetch-http-port';

export interface FakeOptions {
  serverUrl: string;
  token: string;
  /** Milliseconds before an answer arrives, as a round trip to Google would take. */
  latencyMs?: number;
}

/** What the test reads back from the page. */
export interface FakeState {
  rows: SheetRow[];
  notes: Record<string, string>;
  dropdowns: { field: string; options: string[] }[];
  selected: number | null;
  calls: string[];
  maxInFlight: number;
  refused: string[];
}

type Handler = (value: unknown, userObject?: unknown) => void;
type ServerFunction = (...args: never[]) => unknown;

/** Apps Script runs at most this many calls of one user at once. */
export const maxInFlight = 10;

/** Installs `google.script.run` and `__fakeSheet` on the page; answers the test's handle. */
export function installFakeGoogleScriptRun(options: FakeOptions) {
  const settings = { serverUrl: options.serverUrl, token: options.token };
  const properties = new Map<string, string>();
  const state: FakeState = {
    rows: [],
    notes: {},
    dropdowns: [],
    selected: null,
    calls: [],
    maxInFlight: 0,
    refused: [],
  };
  let inFlight = 0;
  const firstRow = 2;

  const writeRows = (changes: readonly RowChange[]) => {
    let rows = state.rows.map((r) => ({ ...r }));
    for (const c of changes) {
      if (c.kind !== 'update') continue;
      rows = rows.map((r) =>
        r.row === c.row
          ? {
              ...r,
              cells: { ...r.cells, ...(c.cells ?? {}) },
              meta: { ...r.meta, ...(c.meta ?? {}) },
            }
          : r,
      );
      for (const [field, note] of Object.entries(c.notes ?? {})) {
        if (note === '') delete state.notes[`${c.row}:${field}`];
        else state.notes[`${c.row}:${field}`] = note;
      }
    }
    const removed = new Set(changes.flatMap((c) => (c.kind === 'remove' ? [c.row] : [])));
    rows = rows.filter((r) => !removed.has(r.row)).map((r, i) => ({ ...r, row: firstRow + i }));
    for (const c of changes) {
      if (c.kind === 'append')
        rows.push({ row: firstRow + rows.length, cells: { ...c.cells }, meta: { ...c.meta } });
    }
    state.rows = rows;
  };

  const ports = (): SyncPorts => ({
    sheet: { firstRow, readRows: () => copy(state.rows), writeRows },
    http: fetchHttpPort({
      serverUrl: settings.serverUrl,
      token: settings.token,
      client: 'sheets',
      locale: () => 'zh-CN',
    }),
    state: {
      get: (key) => properties.get(key) ?? null,
      set: (key, value) => {
        if (value === null) properties.delete(key);
        else properties.set(key, value);
      },
    },
    clock: { now: () => Date.now() },
  });

  // The add-on's functions, as the sidebar calls them (names and shapes of shared/ui/host.ts).
  const server: Record<string, ServerFunction> = {
    getSheetRows: () => state.rows,
    writeSheetRows: (changes: RowChange[]) => writeRows(changes),
    getSelection: () => state.rows.find((r) => r.row === state.selected) ?? null,
    setDropdowns: (dropdowns: FakeState['dropdowns']) => void (state.dropdowns = dropdowns),
    markInvalid: (marks: { row: number; field: string; message: string }[]) => {
      for (const m of marks) {
        if (m.message === '') delete state.notes[`${m.row}:${m.field}`];
        else state.notes[`${m.row}:${m.field}`] = m.message;
      }
    },
    getIdentityToken: () => settings.token,
    getSettings: () => ({ serverUrl: settings.serverUrl }),
    setServerUrl: (url: string) => void (settings.serverUrl = url),
    syncNow: () => runSync(ports(), { locale: 'zh-CN' }),
    resolveConflict: (choice: ConflictChoice) => {
      const row = state.rows.find((r) => r.row === choice.row);
      const change = row === undefined ? undefined : resolveConflict(row, choice, 'zh-CN');
      if (change !== undefined) writeRows([change]);
      return runSync(ports(), { locale: 'zh-CN' });
    },
  };

  const invoke = (
    name: string,
    args: unknown[],
    success: Handler | undefined,
    failure: Handler | undefined,
    userObject: unknown,
  ) => {
    state.calls.push(name);
    const fail = (error: Error) => {
      if (failure === undefined) console.error(`google.script.run.${name}: ${error.message}`);
      else failure(error, userObject);
    };
    const illegal = illegalValue(args);
    if (illegal !== undefined) {
      setTimeout(() => fail(new Error(`Failed due to illegal value in property: ${illegal}`)), 0);
      return;
    }
    if (inFlight >= maxInFlight) {
      state.refused.push(name);
      setTimeout(() => fail(new Error('Too many simultaneous invocations.')), 0);
      return;
    }
    inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    const copied = copy(args) as never[];
    setTimeout(() => {
      Promise.resolve()
        .then(() => server[name]!(...copied))
        .then(
          (value) => {
            inFlight -= 1;
            const bad = illegalValue(value);
            if (bad !== undefined)
              fail(new Error(`Failed due to illegal value in property: ${bad}`));
            else success?.(value === undefined ? undefined : copy(value), userObject);
          },
          (error: unknown) => {
            inFlight -= 1;
            fail(new Error(error instanceof Error ? error.message : String(error)));
          },
        );
    }, options.latencyMs ?? 15);
  };

  const runner = (success?: Handler, failure?: Handler, userObject?: unknown): unknown => {
    const r: Record<string, unknown> = {
      withSuccessHandler: (h: Handler) => runner(h, failure, userObject),
      withFailureHandler: (h: Handler) => runner(success, h, userObject),
      withUserObject: (o: unknown) => runner(success, failure, o),
    };
    for (const name of Object.keys(server)) {
      r[name] = (...args: unknown[]) => invoke(name, args, success, failure, userObject);
    }
    return r;
  };

  const page = globalThis as unknown as Record<string, unknown>;
  page['google'] = { script: { run: runner() } };
  page['__fakeSheet'] = {
    state,
    select: (row: number | null) => void (state.selected = row),
    editCell: (row: number, field: string, value: string) => {
      state.rows = state.rows.map((r) =>
        r.row === row ? { ...r, cells: { ...r.cells, [field]: value } } : r,
      );
    },
    setToken: (token: string) => void (settings.token = token),
  };
}

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The path of the first value Apps Script would refuse to pass (a Date, a function), if any. */
function illegalValue(value: unknown, path = '0'): string | undefined {
  if (value instanceof Date || typeof value === 'function' || typeof value === 'symbol')
    return path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = illegalValue(value[i], path === '0' ? String(i) : `${path}.${i}`);
      if (found !== undefined) return found;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      const found = illegalValue(inner, `${path}.${key}`);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
