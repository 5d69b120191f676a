import type { Dropdown } from '../core/sync-client/dropdowns';
import type { ConflictChoice, RowChange, SheetRow, SyncReport } from '../core/sync-client/index';

export type { Dropdown } from '../core/sync-client/dropdowns';

/** A cell to mark invalid with a message as its note; an empty message clears the mark. */
export interface CellMark {
  row: number;
  field: string;
  message: string;
}

/** The ways a host lets its user sign in from the sidebar. */
export type SignInMethod = 'microsoft' | 'apiToken';

/**
 * Sign-in inside the sidebar, for hosts whose spreadsheet does not sign the user in for us
 * (Excel: Microsoft sign-in or an API token the admin issued). Google Sheets has none: Apps
 * Script hands out the user's Google ID token.
 */
export interface SidebarSignIn {
  /** The ways offered here, best first. */
  methods(): Promise<SignInMethod[]>;
  /** Whether a token is at hand without asking the user. */
  isSignedIn(): Promise<boolean>;
  /** Signs in with the user's Microsoft account; throws a message in the user's language. */
  signInWithMicrosoft(): Promise<void>;
  /** Keeps an API token for this user (never in the document, which others may open). */
  useApiToken(token: string): Promise<void>;
  signOut(): Promise<void>;
}

/** Which add-in the sidebar runs in; the server audits calls under it (`X-CRM-Client`). */
export type HostClient = 'sheets' | 'excel' | 'web';

/**
 * Everything the sidebar needs from the spreadsheet it sits beside. Google Sheets (through
 * `google.script.run`), Excel (Office.js) and the playground (an in-browser grid) each supply
 * one; the sidebar calls the sync server itself for everything else, with `getToken()`.
 * Row shapes are the sync client's (`shared/core/sync-client`), so the sidebar, the engine and
 * every host read the sheet the same way.
 */
export interface SidebarHost {
  readonly client: HostClient;
  /** Every data row of the customers sheet, hidden columns included. */
  readRows(): Promise<SheetRow[]>;
  /** Applies changes in one write; row numbers are those of the last `readRows()`. */
  writeRows(changes: readonly RowChange[]): Promise<void>;
  /** The data row under the cursor, or null when the cursor is on the header or past the data. */
  getSelection(): Promise<SheetRow | null>;
  /** Puts a dropdown of these labels on each named column. */
  setDropdowns(dropdowns: readonly Dropdown[]): Promise<void>;
  /** Highlights cells with their message as a note (or clears them, with `''`). */
  markInvalid(marks: readonly CellMark[]): Promise<void>;
  /** The sign-in token the server accepts: a Google ID token, a Microsoft token, an API token. */
  getToken(): Promise<string>;
  /** The sync server's base URL, `''` when nobody has set it yet. */
  getServerUrl(): Promise<string>;
  /** Sets the server's address for this document (the admin does it once); optional. */
  setServerUrl?(url: string): Promise<void>;
  /** Present where the user signs in from the sidebar. */
  readonly signIn?: SidebarSignIn;
  /** Runs the sync engine over the sheet: push changed rows, pull the server's changes. */
  sync(): Promise<SyncReport>;
  /** Applies the user's field-by-field choice for a conflicting row, then syncs again. */
  resolveConflict(choice: ConflictChoice): Promise<SyncReport>;
}
