import type { Locale } from '../../shared/core/i18n/locale';
import { userSchema } from '../../shared/core/schemas/user';
import {
  resolveConflict as settleConflict,
  runSync,
  type ConflictChoice,
  type HttpPort,
  type RowChange,
  type SheetRow,
  type SyncPorts,
  type SyncReport,
} from '../../shared/core/sync-client/index';
import type {
  CellMark,
  Dropdown,
  SidebarHost,
  SidebarSignIn,
  SignInMethod,
} from '../../shared/ui/host';
import { fetchHttpPort } from '../../shared/ui/fetch-http-port';
import { randomId } from '../../shared/ui/random-id';
import type { DocumentSettings, ExcelRun } from './excel-api';
import {
  applyMarks,
  CellMessages,
  excelSheetPort,
  openCustomersSheet,
  queueDropdowns,
  rowOf,
  type ExcelLayout,
} from './excel-sheet-port';
import type { MicrosoftSignIn } from './microsoft-sign-in';

/** Document settings the add-in keeps (Office.context.document.settings), by name. */
export const settingNames = {
  serverUrl: 'crm.serverUrl',
  statePrefix: 'crm.state.',
} as const;

/**
 * Where the user's own sign-in is kept: the task pane's `localStorage`, which stays on this
 * computer. Never the document settings: a workbook is mailed around, a token must not be.
 */
export interface UserStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Keys in the user store; both per server, as one computer may use two. */
export const userKeys = {
  apiToken: (server: string) => `crm.apiToken@${server}`,
  method: (server: string) => `crm.signInMethod@${server}`,
} as const;

export interface ExcelHostOptions {
  /** `Excel.run`, or the test fake's. */
  run: ExcelRun;
  /** `Office.context.document.settings`: saved with the workbook, so per document. */
  settings: DocumentSettings;
  /** The user's sign-in: `localStorage` in the task pane. */
  userStore: UserStore;
  /** Microsoft sign-in, when the server has the add-in's Entra app set up. */
  microsoft?: MicrosoftSignIn;
  /** The server to use when the document names none: the origin the task pane came from. */
  defaultServerUrl?: string;
  locale: () => Locale;
  fetch?: typeof fetch;
  now?: () => number;
}

/**
 * The sidebar's host inside Excel, as an Office task pane: the sheet through the Excel API
 * (batched, chunked under the 5 MB request limit), settings and sync state in the document's
 * settings, the server through browser `fetch`. Invalid cells get a fill; their messages stay
 * in `messages` for the sidebar, as Excel has no cell notes on every platform.
 */
export class ExcelHost implements SidebarHost {
  readonly client = 'excel' as const;
  readonly messages = new CellMessages();
  readonly signIn: SidebarSignIn;
  private layout: Promise<ExcelLayout> | undefined;
  private readonly identities = new Map<string, string>();

  constructor(private readonly options: ExcelHostOptions) {
    this.signIn = {
      methods: () => Promise.resolve(this.signInMethods()),
      isSignedIn: async () => (await this.getToken()) !== '',
      signInWithMicrosoft: async () => {
        const { microsoft } = this.options;
        if (microsoft === undefined) throw new Error('Microsoft sign-in is not set up');
        await microsoft.signIn();
        this.remember('microsoft');
      },
      useApiToken: async (token) => {
        const server = await this.getServerUrl();
        this.options.userStore.setItem(userKeys.apiToken(server), token);
        this.remember('apiToken');
      },
      signOut: async () => {
        const server = await this.getServerUrl();
        this.options.userStore.removeItem(userKeys.apiToken(server));
        this.options.userStore.removeItem(userKeys.method(server));
        this.options.microsoft?.signOut();
      },
    };
  }

  async readRows(): Promise<SheetRow[]> {
    return (await this.port()).readRows();
  }

  async writeRows(changes: readonly RowChange[]): Promise<void> {
    await (await this.port()).writeRows(changes);
  }

  async getSelection(): Promise<SheetRow | null> {
    const layout = await this.sheetLayout();
    return this.options.run(async (context) => {
      const selected = context.workbook.getSelectedRange().load('rowIndex');
      const on = selected.worksheet.load('name');
      const used = context.workbook.worksheets
        .getItem(layout.sheetName)
        .getUsedRangeOrNullObject(true)
        .load('isNullObject,rowIndex,rowCount');
      await context.sync();
      const last = used.isNullObject ? 0 : used.rowIndex + used.rowCount;
      if (on.name !== layout.sheetName || selected.rowIndex < 1 || selected.rowIndex >= last) {
        return null;
      }
      const line = on.getRangeByIndexes(selected.rowIndex, 0, 1, layout.width).load('values');
      await context.sync();
      return rowOf(layout, line.values[0] ?? [], selected.rowIndex + 1);
    });
  }

  async setDropdowns(dropdowns: readonly Dropdown[]): Promise<void> {
    const layout = await this.sheetLayout();
    await this.options.run(async (context) => {
      queueDropdowns(context.workbook.worksheets.getItem(layout.sheetName), layout, dropdowns);
      await context.sync();
    });
  }

  async markInvalid(marks: readonly CellMark[]): Promise<void> {
    const layout = await this.sheetLayout();
    await this.options.run((context) =>
      applyMarks(
        context,
        context.workbook.worksheets.getItem(layout.sheetName),
        layout,
        this.messages,
        marks,
      ),
    );
  }

  /** The signed-in user's token for this server; `''` before the user signs in. */
  async getToken(): Promise<string> {
    const server = await this.getServerUrl();
    const { userStore, microsoft } = this.options;
    if (userStore.getItem(userKeys.method(server)) === 'microsoft') {
      return microsoft === undefined ? '' : microsoft.silentToken();
    }
    return userStore.getItem(userKeys.apiToken(server)) ?? '';
  }

  /** The document's server, else the one the task pane was served from. */
  getServerUrl(): Promise<string> {
    return Promise.resolve(this.server());
  }

  async setServerUrl(url: string): Promise<void> {
    this.options.settings.set(settingNames.serverUrl, url.replace(/\/+$/, ''));
    await this.save();
  }

  async sync(): Promise<SyncReport> {
    try {
      const ports = await this.ports();
      const identity = await this.identity(ports.http);
      return await runSync(ports, {
        locale: this.options.locale(),
        ...(identity === '' ? {} : { identity }),
      });
    } finally {
      await this.save();
    }
  }

  async resolveConflict(choice: ConflictChoice): Promise<SyncReport> {
    const rows = await this.readRows();
    const row = rows.find((r) => r.row === choice.row);
    const change =
      row === undefined ? undefined : settleConflict(row, choice, this.options.locale());
    if (change !== undefined) await this.writeRows([change]);
    return this.sync();
  }

  /**
   * The signed-in user's email, asked of the server once per token: another user signing in to
   * this workbook must not keep the rows the last one pulled. `''` when the server does not say.
   */
  private async identity(http: HttpPort): Promise<string> {
    const token = await this.getToken();
    if (token === '') return '';
    const known = this.identities.get(token);
    if (known !== undefined) return known;
    let email = '';
    try {
      const answer = await http.request('GET', '/v1/me');
      const said = (answer.body as { user?: { email?: unknown } } | undefined)?.user?.email;
      const parsed = userSchema.shape.email.safeParse(said);
      if (answer.status === 200 && parsed.success) email = parsed.data;
    } catch {
      // Nothing came back: the sync's own requests fail the same way and report it.
    }
    if (email !== '') this.identities.set(token, email);
    return email;
  }

  private sheetLayout(): Promise<ExcelLayout> {
    if (this.layout === undefined) {
      const layout = openCustomersSheet(this.options.run, this.options.locale());
      this.layout = layout;
      layout.catch(() => (this.layout = undefined));
    }
    return this.layout;
  }

  private async port() {
    return excelSheetPort(this.options.run, await this.sheetLayout(), this.messages);
  }

  private async ports(): Promise<SyncPorts> {
    const { settings } = this.options;
    const serverUrl = await this.getServerUrl();
    const token = await this.getToken();
    const now = this.options.now ?? (() => Date.now());
    return {
      sheet: await this.port(),
      http: fetchHttpPort({
        serverUrl,
        token,
        client: 'excel',
        locale: this.options.locale,
        ...(this.options.fetch === undefined ? {} : { fetch: this.options.fetch }),
      }),
      state: {
        get: (key) => {
          const value = settings.get(`${settingNames.statePrefix}${key}`);
          return typeof value === 'string' ? value : null;
        },
        // Note: saved at once, as PropertiesService does in Sheets. The engine writes pending
        // mutation IDs into cells right after reserving them; a pane closed before the run
        // ends must not lose the reservation, or a later row gets the same ID.
        set: async (key, value) => {
          if (value === null) settings.remove(`${settingNames.statePrefix}${key}`);
          else settings.set(`${settingNames.statePrefix}${key}`, value);
          await this.save();
        },
      },
      clock: { now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
      randomId,
    };
  }

  private signInMethods(): SignInMethod[] {
    const { microsoft } = this.options;
    return microsoft !== undefined && microsoft.available()
      ? ['microsoft', 'apiToken']
      : ['apiToken'];
  }

  private remember(method: SignInMethod): void {
    this.options.userStore.setItem(userKeys.method(this.server()), method);
  }

  private server(): string {
    return this.setting(settingNames.serverUrl) || (this.options.defaultServerUrl ?? '');
  }

  private setting(name: string): string {
    const value = this.options.settings.get(name);
    return typeof value === 'string' ? value : '';
  }

  private save(): Promise<void> {
    return new Promise((resolve, reject) =>
      this.options.settings.saveAsync((result) =>
        result.status === 'failed'
          ? reject(new Error(result.error?.message ?? 'Could not save the document settings'))
          : resolve(),
      ),
    );
  }
}
