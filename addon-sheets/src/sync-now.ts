import { emptyReport } from '../../shared/core/sync-client/sync-report';
import { t } from '../../shared/core/i18n/translate';
import {
  resolveConflict as settle,
  runSyncBlocking,
  type ConflictChoice,
  type SyncFailure,
  type SyncReport,
} from '../../shared/core/sync-client/index';
import { openCustomersSheet } from './customers-sheet';
import { httpPort } from './http-port';
import { serverUrl, signInToken } from './settings';
import { sheetPort } from './sheet-port';
import { statePort } from './state-port';
import { userLocale } from './user-locale';

/**
 * Apps Script stops a run at 6 minutes. The engine starts nothing it does not expect to finish
 * by this much after the start, so it always has time to write what it got and save its place.
 */
export const runBudgetMs = 270_000;

/** How long a sync waits for another one on the same document before giving up. */
export const lockWaitMs = 10_000;

/**
 * Syncs the customers sheet under the document lock: push changed rows, pull the server's
 * changes. Stops before the time limit; the next run continues.
 */
export function syncNow(): SyncReport {
  const started = Date.now();
  const url = serverUrl();
  const locale = userLocale();
  if (url === '') return failed('notConfigured', t('sheets.serverUrl.notSet', locale));
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(lockWaitMs)) return failed('busy', t('sheets.sync.busy', locale));
  try {
    const layout = openCustomersSheet();
    const report = runSyncBlocking(
      {
        sheet: sheetPort(layout),
        http: httpPort(url, signInToken(), layout.locale),
        state: statePort(),
        clock: { now: () => Date.now(), sleep: (ms) => Utilities.sleep(ms) },
      },
      { locale: layout.locale, deadline: started + runBudgetMs, ...identity() },
    );
    SpreadsheetApp.flush();
    return report;
  } finally {
    lock.releaseLock();
  }
}

/** Settles a conflicting row as the user chose in the sidebar, then syncs. */
export function resolveConflictAndSync(choice: ConflictChoice): SyncReport {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(lockWaitMs)) return failed('busy', t('sheets.sync.busy', userLocale()));
  try {
    const layout = openCustomersSheet();
    const port = sheetPort(layout);
    const row = port.readRows().find((r) => r.meta.recordId === choice.recordId);
    const change = row === undefined ? undefined : settle(row, choice, layout.locale);
    if (change !== undefined) port.writeRows([change]);
  } finally {
    lock.releaseLock();
  }
  return syncNow();
}

// Who syncs: another user's sync of the same document starts the pull over (their view).
function identity(): { identity?: string } {
  try {
    const email = Session.getEffectiveUser().getEmail();
    return email === '' ? {} : { identity: email };
  } catch {
    return {};
  }
}

function failed(code: SyncFailure['code'], message: string): SyncReport {
  return { ...emptyReport(0), failure: { code, message } };
}
