import type { ConflictChoice, RowChange, SheetRow, SyncReport } from '../../core/sync-client/index';
import type { CellMark, Dropdown, SidebarHost } from '../host';

/** `google.script.run` as a sidebar sees it: a chainable runner of the add-on's functions. */
export interface GoogleScriptRun {
  withSuccessHandler(handler: (value: unknown, userObject?: unknown) => void): GoogleScriptRun;
  withFailureHandler(handler: (error: Error, userObject?: unknown) => void): GoogleScriptRun;
  withUserObject(userObject: unknown): GoogleScriptRun;
}

/** The add-on's server functions the sidebar calls, by name (see addon-sheets). */
export type AddonFunction =
  | 'getSheetRows'
  | 'writeSheetRows'
  | 'getSelection'
  | 'setDropdowns'
  | 'markInvalid'
  | 'getIdentityToken'
  | 'getSettings'
  | 'setServerUrl'
  | 'syncNow'
  | 'resolveConflict';

/** Apps Script runs at most this many calls of one user at a time; the host queues the rest. */
export const maxCallsInFlight = 10;

// Google ID tokens live an hour; take a fresh one well before.
const tokenLifetimeMs = 45 * 60 * 1000;

/**
 * The sidebar's host inside Google Sheets: every call is a `google.script.run` call of the
 * add-on's function of the same purpose, with arguments and answers that survive Apps Script's
 * copying (plain JSON: no Dates, no functions). At most ten calls are in flight; the token and
 * the server address are asked once and kept, as each call takes a round trip to Google.
 */
export class AppsScriptHost implements SidebarHost {
  readonly client = 'sheets' as const;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private serverUrl: Promise<string> | undefined;
  private token: { value: Promise<string>; at: number } | undefined;

  constructor(
    private readonly run: GoogleScriptRun,
    private readonly now: () => number = () => Date.now(),
  ) {}

  readRows(): Promise<SheetRow[]> {
    return this.call('getSheetRows');
  }

  async writeRows(changes: readonly RowChange[]): Promise<void> {
    await this.call('writeSheetRows', changes);
  }

  getSelection(): Promise<SheetRow | null> {
    return this.call('getSelection');
  }

  async setDropdowns(dropdowns: readonly Dropdown[]): Promise<void> {
    await this.call('setDropdowns', dropdowns);
  }

  async markInvalid(marks: readonly CellMark[]): Promise<void> {
    await this.call('markInvalid', marks);
  }

  getToken(): Promise<string> {
    if (this.token === undefined || this.now() - this.token.at > tokenLifetimeMs) {
      const value = this.call<string>('getIdentityToken');
      this.token = { value, at: this.now() };
      // A failed sign-in is asked again next time, not kept.
      value.catch(() => (this.token = undefined));
    }
    return this.token.value;
  }

  getServerUrl(): Promise<string> {
    if (this.serverUrl === undefined) {
      const url = this.call<{ serverUrl?: string } | null>('getSettings').then(
        (settings) => settings?.serverUrl ?? '',
      );
      this.serverUrl = url;
      url.catch(() => (this.serverUrl = undefined));
    }
    return this.serverUrl;
  }

  async setServerUrl(url: string): Promise<void> {
    await this.call('setServerUrl', url);
    this.serverUrl = undefined;
  }

  sync(): Promise<SyncReport> {
    return this.call('syncNow');
  }

  resolveConflict(choice: ConflictChoice): Promise<SyncReport> {
    return this.call('resolveConflict', choice);
  }

  /** One add-on function call, queued while ten are in flight. */
  private async call<T>(name: AddonFunction, ...args: unknown[]): Promise<T> {
    if (this.inFlight >= maxCallsInFlight) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.inFlight += 1;
    try {
      return await new Promise<T>((resolve, reject) => {
        const runner = this.run
          .withSuccessHandler((value) => resolve(value as T))
          .withFailureHandler((error) =>
            reject(error instanceof Error ? error : new Error(String(error))),
          );
        const fn = (runner as unknown as Record<string, ((...a: unknown[]) => void) | undefined>)[
          name
        ];
        if (typeof fn !== 'function') {
          reject(new Error(`google.script.run.${name} is not a function of this add-on`));
          return;
        }
        fn.apply(runner, args);
      });
    } finally {
      this.inFlight -= 1;
      this.waiting.shift()?.();
    }
  }
}
