import type { Locale } from '../../shared/core/i18n/locale';
import { t } from '../../shared/core/i18n/translate';
import type { MicrosoftConfig } from '../../shared/core/schemas/taskpane-config';

export type { MicrosoftConfig } from '../../shared/core/schemas/taskpane-config';

/** An access token and when it stops being accepted. */
export interface MicrosoftToken {
  accessToken: string;
  /** Milliseconds since the epoch; 0 when unknown. */
  expiresAt: number;
}

/**
 * The part of an MSAL.js client used here. `createNestablePublicClientApplication` from
 * @azure/msal-browser gives one that brokers through Office (nested app authentication).
 */
export interface NestedClient {
  acquireTokenSilent(request: {
    scopes: string[];
    account?: unknown;
  }): Promise<{ accessToken: string; expiresOn: Date | null }>;
  acquireTokenPopup(request: {
    scopes: string[];
  }): Promise<{ accessToken: string; expiresOn: Date | null }>;
  getAllAccounts(): unknown[];
}

/** What the dialog page sends back with `Office.context.ui.messageParent`. */
export type DialogMessage =
  { type: 'token'; accessToken: string; expiresAt: number } | { type: 'error'; message: string };

interface DialogResult<T> {
  status: string;
  value: T;
  error?: { code: number; message: string };
}

export interface OfficeDialog {
  addEventHandler(
    eventType: string,
    handler: (arg: { message?: string; error?: number }) => void,
  ): void;
  close(): void;
}

/** The parts of `Office` the sign-in uses: requirement sets and the dialog API. */
export interface OfficeForSignIn {
  context: {
    requirements: { isSetSupported(name: string, minVersion?: string): boolean };
    ui?: {
      displayDialogAsync(
        url: string,
        options: { height: number; width: number; promptBeforeOpen?: boolean },
        callback: (result: DialogResult<OfficeDialog>) => void,
      ): void;
    };
  };
  EventType: { DialogMessageReceived: string; DialogEventReceived: string };
}

export interface MicrosoftSignInOptions {
  config: MicrosoftConfig;
  office: OfficeForSignIn;
  /** Makes the NAA client; only called where Office supports NestedAppAuth 1.1. */
  createNestedClient: (config: MicrosoftConfig) => Promise<NestedClient>;
  /** The dialog page on this server (`…/excel/sign-in.html`). */
  dialogUrl: string;
  locale: () => Locale;
  now?: () => number;
}

/** Office's dialog error when the user closed the dialog. */
const dialogClosedByUser = 12006;
/** A token this close to expiry is not handed out. */
const expiryMarginMs = 60_000;

/**
 * Microsoft sign-in for the task pane. Nested app authentication (MSAL brokered by Office)
 * where Office supports it; else the Office dialog API opening this server's sign-in page,
 * which signs in with MSAL and sends the token back. Tokens are kept in memory only.
 */
export class MicrosoftSignIn {
  private nested: Promise<NestedClient> | undefined;
  private token: MicrosoftToken | undefined;
  private readonly now: () => number;

  constructor(private readonly options: MicrosoftSignInOptions) {
    this.now = options.now ?? (() => Date.now());
  }

  /** Whether Office here offers either way of signing in. */
  available(): boolean {
    return this.supportsNested() || this.options.office.context.ui !== undefined;
  }

  /** A token without asking the user, or `''` when the user has to sign in. */
  async silentToken(): Promise<string> {
    if (this.token !== undefined && this.fresh(this.token)) return this.token.accessToken;
    if (!this.supportsNested()) return '';
    try {
      const client = await this.nestedClient();
      const [account] = client.getAllAccounts();
      const result = await client.acquireTokenSilent({
        scopes: this.options.config.scopes,
        ...(account === undefined ? {} : { account }),
      });
      return this.keep(result).accessToken;
    } catch {
      // Consent or an interactive sign-in is needed: the user presses the button.
      return '';
    }
  }

  /** Asks the user to sign in; resolves with the access token. */
  async signIn(): Promise<string> {
    if (this.supportsNested()) {
      try {
        const client = await this.nestedClient();
        const result = await client.acquireTokenPopup({ scopes: this.options.config.scopes });
        return this.keep(result).accessToken;
      } catch (error) {
        if (this.options.office.context.ui === undefined) throw this.failure(error);
        // NAA refused (old build, blocked popup): the dialog still works.
      }
    }
    return (await this.viaDialog()).accessToken;
  }

  signOut(): void {
    this.token = undefined;
  }

  private supportsNested(): boolean {
    return this.options.office.context.requirements.isSetSupported('NestedAppAuth', '1.1');
  }

  private nestedClient(): Promise<NestedClient> {
    if (this.nested === undefined) {
      const made = this.options.createNestedClient(this.options.config);
      this.nested = made;
      made.catch(() => (this.nested = undefined));
    }
    return this.nested;
  }

  private keep(result: { accessToken: string; expiresOn: Date | null }): MicrosoftToken {
    this.token = { accessToken: result.accessToken, expiresAt: result.expiresOn?.getTime() ?? 0 };
    return this.token;
  }

  private fresh(token: MicrosoftToken): boolean {
    return token.expiresAt === 0 || token.expiresAt - expiryMarginMs > this.now();
  }

  private failure(error: unknown): Error {
    const detail = error instanceof Error ? error.message : String(error);
    return new Error(t('excel.signIn.failed', this.options.locale(), { detail }));
  }

  private viaDialog(): Promise<MicrosoftToken> {
    const { office, dialogUrl, locale } = this.options;
    const ui = office.context.ui;
    if (ui === undefined) {
      return Promise.reject(new Error(t('excel.signIn.unavailable', locale())));
    }
    return new Promise((resolve, reject) => {
      ui.displayDialogAsync(
        dialogUrl,
        { height: 60, width: 30, promptBeforeOpen: false },
        (opened) => {
          if (opened.status !== 'succeeded') {
            reject(this.failure(opened.error?.message ?? opened.status));
            return;
          }
          const dialog = opened.value;
          dialog.addEventHandler(office.EventType.DialogMessageReceived, (arg) => {
            dialog.close();
            const message = parseDialogMessage(arg.message);
            if (message === undefined) reject(this.failure('unreadable answer'));
            else if (message.type === 'error') reject(this.failure(message.message));
            else {
              this.token = { accessToken: message.accessToken, expiresAt: message.expiresAt };
              resolve(this.token);
            }
          });
          dialog.addEventHandler(office.EventType.DialogEventReceived, (arg) => {
            reject(
              arg.error === dialogClosedByUser
                ? new Error(t('excel.signIn.cancelled', locale()))
                : this.failure(`dialog error ${arg.error ?? ''}`),
            );
          });
        },
      );
    });
  }
}

/** Reads the dialog page's message; anything else is `undefined`. */
export function parseDialogMessage(text: string | undefined): DialogMessage | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const message = value as Record<string, unknown>;
  if (message['type'] === 'token' && typeof message['accessToken'] === 'string') {
    const expiresAt = typeof message['expiresAt'] === 'number' ? message['expiresAt'] : 0;
    return { type: 'token', accessToken: message['accessToken'], expiresAt };
  }
  if (message['type'] === 'error' && typeof message['message'] === 'string') {
    return { type: 'error', message: message['message'] };
  }
  return undefined;
}
