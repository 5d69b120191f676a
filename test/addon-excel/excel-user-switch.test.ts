import { afterAll, beforeAll, expect, it } from 'vitest';
import { ExcelHost, settingNames } from '../../addon-excel/src/excel-host';
import { FakeExcel, FakeSettings } from '../fakes/excel/fake-excel';
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

/** A new workbook on the test server, signed in with this token. */
async function workbook(token: string): Promise<ExcelHost> {
  const settings = new FakeSettings();
  settings.set(settingNames.serverUrl, server.base);
  const host = new ExcelHost({
    run: new FakeExcel().run,
    settings,
    userStore: new FakeUserStore(),
    locale: () => 'zh-CN',
  });
  await host.signIn.useApiToken(token);
  return host;
}

/** Typed rows `from`, `from + 1`, … appended to the sheet, not yet synced. */
const appended = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    kind: 'append' as const,
    cells: typedRow(from + i),
    meta: { recordId: '', checkpoint: '', state: '' },
  }));

/** A workbook of its own whose rows the user with this token creates on the server. */
async function createAs(token: string, from: number, count: number): Promise<string[]> {
  const host = await workbook(token);
  await host.writeRows(appended(from, count));
  expect((await host.sync()).pendingReview).toBe(count);
  return (await host.readRows()).map((r) => r.meta.recordId);
}

it("Excel: another user signing in to the same workbook sees their own records, not the last user's", async () => {
  const tokenA = await server.addUser('switch-a', 'entryClerk');
  const tokenB = await server.addUser('switch-b', 'entryClerk');
  // B's records are older than A's checkpoint: only a pull from the start brings them.
  const bIds = await createAs(tokenB, 7000, 2);

  const host = await workbook(tokenA);
  await host.writeRows(appended(7100, 2));
  expect((await host.sync()).pendingReview).toBe(2);

  await host.signIn.signOut();
  await host.signIn.useApiToken(tokenB);
  const report = await host.sync();
  expect(report.failure).toBeUndefined();
  expect(report.complete).toBe(true);
  // B may not see A's rows: they leave the sheet, and B's own come in.
  const ids = (await host.readRows()).map((r) => r.meta.recordId);
  expect(ids.sort()).toEqual([...bIds].sort());
});
