import { t } from '../../shared/core/i18n/translate';
import type { OpenEvent } from './apps-script-api';
import { saveApiToken, saveServerUrl, serverUrlProblem } from './settings';
import { syncNow } from './sync-now';
import { userLocale } from './user-locale';

/** Builds the add-on menu. Runs in AuthMode.NONE too, so it touches no document data. */
export function onOpen(_event?: OpenEvent): void {
  const locale = userLocale();
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem(t('sheets.menu.open', locale), 'showSidebar')
    .addItem(t('sheets.menu.sync', locale), 'menuSyncNow')
    .addSeparator()
    .addItem(t('sheets.menu.setServer', locale), 'menuSetServerUrl')
    .addItem(t('sheets.menu.setToken', locale), 'menuSetApiToken')
    .addToUi();
}

/** An add-on installed from the Marketplace opens no document event: build the menu now. */
export function onInstall(event?: OpenEvent): void {
  onOpen(event);
}

export function showSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile('sidebar').setTitle(
    t('sheets.sidebarTitle', userLocale()),
  );
  SpreadsheetApp.getUi().showSidebar(html);
}

/** The menu's sync: the same run as the sidebar's, summed up in a toast. */
export function menuSyncNow(): void {
  const locale = userLocale();
  const report = syncNow();
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const title = t('sheets.menu.title', locale);
  if (report.failure !== undefined) {
    spreadsheet.toast(report.failure.message, title, 10);
    return;
  }
  const summary = t('sheets.sync.summary', locale, {
    pending: report.pendingReview,
    applied: report.applied,
    merged: report.merged,
    conflicts: report.conflicts.length,
    invalid: report.invalid.length,
    duplicates: report.duplicates.length,
    pulled: report.pulled,
  });
  const more = report.complete ? '' : `\n${t('sheets.sync.continueLater', locale)}`;
  spreadsheet.toast(`${summary}${more}`, title, 10);
}

export function menuSetServerUrl(): void {
  const locale = userLocale();
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt(
    t('sheets.menu.setServer', locale),
    t('sheets.prompt.server', locale),
    ui.ButtonSet.OK_CANCEL,
  );
  if (answer.getSelectedButton() !== ui.Button.OK) return;
  const url = answer.getResponseText().trim();
  const problem = serverUrlProblem(url.replace(/\/+$/, ''));
  if (problem !== undefined) {
    ui.alert(problem);
    return;
  }
  saveServerUrl(url);
  SpreadsheetApp.getActiveSpreadsheet().toast(t('sheets.serverUrl.saved', locale, { url }));
}

export function menuSetApiToken(): void {
  const locale = userLocale();
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt(
    t('sheets.menu.setToken', locale),
    t('sheets.prompt.token', locale),
    ui.ButtonSet.OK_CANCEL,
  );
  if (answer.getSelectedButton() !== ui.Button.OK) return;
  const token = answer.getResponseText();
  saveApiToken(token);
  SpreadsheetApp.getActiveSpreadsheet().toast(
    t(token.trim() === '' ? 'sheets.token.cleared' : 'sheets.token.saved', locale),
  );
}
