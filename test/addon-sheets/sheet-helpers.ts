import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fieldLabel } from '../../shared/core/i18n/translate';
import { displayValue } from '../../shared/core/sync-client/cell-codec';
import { buildSheets } from '../../scripts/build-sheets.js';
import {
  createAppsScriptEnv,
  type AppsScriptEnvOptions,
} from '../fakes/apps-script/apps-script-env';
import type { FakeSheet } from '../fakes/apps-script/fake-spreadsheet';
import type { CostModel } from '../fakes/apps-script/limits';
import { enterpriseRow } from '../support/test-server';

/** Builds the add-on for a server address into a fresh folder. */
export async function buildFor(server: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'crm-sheets-'));
  await buildSheets({ server, outDir: dir });
  return dir;
}

/**
 * A spreadsheet with the add-on, its server address set by the admin and its customers sheet
 * made, for a user signing in with `token` (a Google ID token, or an API token in their
 * user properties).
 */
export function openSheet(
  projectDir: string,
  server: string,
  user: { email: string; idToken?: string; apiToken?: string },
  costs: Partial<CostModel> = {},
) {
  const options: AppsScriptEnvOptions = {
    projectDir,
    userEmail: user.email,
    ...(user.idToken === undefined ? {} : { identityToken: user.idToken }),
    costs,
  };
  const env = createAppsScriptEnv(options);
  env.callFromSidebar('setServerUrl', server);
  if (user.apiToken !== undefined) {
    env.ui.answers.push({ text: user.apiToken, ok: true });
    env.run('menuSetApiToken');
  }
  env.callFromSidebar('getSheetRows');
  const sheet = env.spreadsheet.getSheetByName('客户') as FakeSheet;
  return { env, sheet };
}

/** The column of a field, from the header row's label. */
export function columnOf(sheet: FakeSheet, field: string): number {
  const label = fieldLabel(field, 'zh-CN');
  for (let c = 1; c <= sheet.getMaxColumns(); c++) if (sheet.cell(1, c).value === label) return c;
  throw new Error(`no column for ${field}`);
}

/** A customer as a user types it: labels, not codes. */
export function typedCustomer(i: number): Record<string, string> {
  const cells: Record<string, string> = {};
  for (const [field, value] of Object.entries(enterpriseRow(i))) {
    cells[field] = String(displayValue(field, value, 'zh-CN'));
  }
  return { ...cells, kind: '企业' };
}

/** Types rows under the data, making room as a user pasting does. */
export function typeRows(sheet: FakeSheet, rows: readonly Record<string, string>[]): number {
  const first = Math.max(sheet.getLastRow(), 1) + 1;
  const needed = first + rows.length - 1 - sheet.getMaxRows();
  if (needed > 0) sheet.insertRowsAfter(sheet.getMaxRows(), needed);
  const columns = new Map<string, number>();
  rows.forEach((row, i) => {
    for (const [field, value] of Object.entries(row)) {
      let column = columns.get(field);
      if (column === undefined) {
        column = columnOf(sheet, field);
        columns.set(field, column);
      }
      sheet.type(first + i, column, value);
    }
  });
  return first;
}
