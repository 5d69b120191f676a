import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExcelHost, settingNames } from '../../addon-excel/src/excel-host';
import { displayValue } from '../../shared/core/sync-client/cell-codec';
import { FakeExcel, FakeSettings, fakePayloadLimit } from '../fakes/excel/fake-excel';
import { startRealServer, type RealServer } from '../support/real-server';
import { enterpriseRow } from '../support/test-server';

let server: RealServer;
beforeAll(async () => {
  server = await startRealServer();
});
afterAll(async () => {
  await server.close();
});

/** A row as a user types it into the sheet: labels, not codes. */
function typedRow(i: number): Record<string, string> {
  const cells: Record<string, string> = {};
  for (const [field, value] of Object.entries(enterpriseRow(i))) {
    cells[field] = String(displayValue(field, value, 'zh-CN'));
  }
  return { ...cells, kind: '企业' };
}

describe('the Excel host syncing with the real server', () => {
  it('creates the typed rows on the server and writes their record IDs back', async () => {
    const token = await server.addUser('excel-clerk', 'entryClerk');
    const settings = new FakeSettings();
    settings.set(settingNames.serverUrl, server.base);
    settings.set(settingNames.apiToken, token);
    const excel = new FakeExcel();
    const host = new ExcelHost({ run: excel.run, settings, locale: () => 'zh-CN' });
    await host.writeRows(
      Array.from({ length: 3 }, (_, i) => ({
        kind: 'append' as const,
        cells: typedRow(i),
        meta: { recordId: '', checkpoint: '', state: '' },
      })),
    );

    const report = await host.sync();
    expect(report.failure).toBeUndefined();
    expect(report).toMatchObject({ pendingReview: 3, complete: true, invalid: [], duplicates: [] });

    const rows = await host.readRows();
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.meta.recordId).toMatch(/^CUS\d{12}$/);
      expect(Number(row.meta.checkpoint)).toBeGreaterThan(0);
      expect(row.cells['status']).toBe('待审核');
      expect(row.cells['owner']).toBe('excel-clerk');
    }
    expect(new Set(rows.map((r) => r.meta.recordId)).size).toBe(3);
    expect(settings.saves).toBeGreaterThan(0);
    expect(excel.largestRequest).toBeLessThanOrEqual(fakePayloadLimit);

    // A second run has nothing to push and keeps the rows.
    const again = await host.sync();
    expect(again).toMatchObject({ pendingReview: 0, applied: 0, pulled: 0, complete: true });
    expect((await host.readRows()).map((r) => r.meta.recordId)).toEqual(
      rows.map((r) => r.meta.recordId),
    );
  });
});
