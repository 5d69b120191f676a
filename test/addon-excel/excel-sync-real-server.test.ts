import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExcelHost, settingNames } from '../../addon-excel/src/excel-host';
import { customerIdPattern } from '../../shared/core/ids/record-id';
import { FakeExcel, FakeSettings, fakePayloadLimit } from '../fakes/excel/fake-excel';
import { FakeUserStore } from '../fakes/excel/fake-office';
import { startRealServer, type RealServer } from '../support/real-server';
import { typedRow } from './typed-row';

let server: RealServer;
beforeAll(async () => {
  server = await startRealServer();
});
afterAll(async () => {
  await server.close();
});

describe('the Excel host syncing with the real server', () => {
  it('creates the typed rows on the server and writes their record IDs back', async () => {
    const token = await server.addUser('excel-clerk', 'entryClerk');
    const settings = new FakeSettings();
    settings.set(settingNames.serverUrl, server.base);
    const excel = new FakeExcel();
    const host = new ExcelHost({
      run: excel.run,
      settings,
      userStore: new FakeUserStore(),
      locale: () => 'zh-CN',
    });
    await host.signIn.useApiToken(token);
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

  it('syncs 10,000 typed rows in one go, no request to Excel over 5 MB', async () => {
    const token = await server.addUser('excel-bulk', 'entryClerk');
    const excel = new FakeExcel();
    const host = new ExcelHost({
      run: excel.run,
      settings: new FakeSettings(),
      userStore: new FakeUserStore(),
      defaultServerUrl: server.base,
      locale: () => 'zh-CN',
    });
    await host.signIn.useApiToken(token);
    const count = 10_000;
    await host.writeRows(
      Array.from({ length: count }, (_, i) => ({
        kind: 'append' as const,
        cells: typedRow(100_000 + i),
        meta: { recordId: '', checkpoint: '', state: '' },
      })),
    );
    const syncsBefore = excel.syncs;

    const report = await host.sync();
    expect(report).toMatchObject({ pendingReview: count, complete: true, invalid: [] });
    const rows = await host.readRows();
    expect(rows).toHaveLength(count);
    const ids = new Set(rows.map((r) => r.meta.recordId));
    expect(ids.size).toBe(count);
    // Past 9,999 customers in a day the serial takes a fifth digit.
    expect([...ids].filter((id) => !customerIdPattern.test(id))).toEqual([]);
    expect(excel.largestRequest).toBeLessThanOrEqual(fakePayloadLimit);
    expect(excel.largestAnswer).toBeLessThanOrEqual(fakePayloadLimit);
    // Chunked, not a request per row: a few dozen round trips to Excel for the whole run.
    expect(excel.syncs - syncsBefore).toBeLessThan(100);
  }, 240_000);
});
