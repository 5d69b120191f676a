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

/** Document settings as Office keeps them: what saveAsync stored survives a reload of the pane. */
class SavingSettings extends FakeSettings {
  saved = new Map<string, unknown>();
  override saveAsync(callback?: (result: { status: string }) => void): void {
    this.saved = new Map(this.values);
    super.saveAsync(callback);
  }
  reloaded(): FakeSettings {
    const next = new SavingSettings();
    for (const [k, v] of this.saved) next.set(k, v);
    return next;
  }
}

it('Excel: a task pane closed during a push never gives a mutation ID twice', async () => {
  const token = await server.addUser('pane-clerk', 'entryClerk');
  const excel = new FakeExcel();
  const users = new FakeUserStore();
  const settings = new SavingSettings();
  settings.set(settingNames.serverUrl, server.base);
  const append = (i: number) => ({
    kind: 'append' as const,
    cells: typedRow(i),
    meta: { recordId: '', checkpoint: '', state: '' },
  });

  const first = new ExcelHost({
    run: excel.run,
    settings,
    userStore: users,
    locale: () => 'zh-CN',
  });
  await first.signIn.useApiToken(token);
  await first.writeRows([append(9000)]);
  expect((await first.sync()).pendingReview).toBe(1);

  // Row B: the push reaches the server, then the pane is closed before the answer comes back.
  await first.writeRows([append(9001)]);
  let pushed!: () => void;
  const reached = new Promise<void>((r) => (pushed = r));
  const hanging = new ExcelHost({
    run: excel.run,
    settings,
    userStore: users,
    locale: () => 'zh-CN',
    fetch: (async (url: string, init: RequestInit) => {
      const res = await fetch(url, init);
      if (String(url).includes('/v1/sync/push')) {
        await res.text();
        pushed();
        return new Promise<Response>(() => undefined); // the pane is gone
      }
      return res;
    }) as typeof fetch,
  });
  void hanging.sync();
  await reached;

  // The pane opens again with the settings the document saved; the user adds row C.
  const second = new ExcelHost({
    run: excel.run,
    settings: settings.reloaded(),
    userStore: users,
    locale: () => 'zh-CN',
  });
  await second.writeRows([append(9002)]);
  const report = await second.sync();
  expect(report.failure).toBeUndefined();
  const rows = await second.readRows();
  const ids = rows.map((r) => r.meta.recordId);
  expect(new Set(ids).size).toBe(3); // three rows, three records
});
