import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FakeState } from './fakes/fake-google-script-run';
import { startSidebarHarness, type SidebarHarness } from './support/sidebar-harness';
import { fillCustomer } from './support/sidebar-steps';

/*
 * The built sidebar with a fake google.script.run against the real server: a reviewer rejects
 * what the clerk submitted, and the clerk's entry panel says why on the rejected row.
 */

let harness: SidebarHarness;

beforeAll(async () => {
  harness = await startSidebarHarness();
});
afterAll(async () => {
  await harness?.close();
});

async function sync(page: Page): Promise<void> {
  await page.click('[data-tab="sync"]');
  await page.click('[data-role="sync"]');
  await page.locator('[data-role="sync"]:not([disabled])').waitFor();
  await page.locator('[data-role="sync-report"] [role="status"]').waitFor();
}

const fakeState = (page: Page) =>
  page.evaluate(
    () => (globalThis as unknown as { __fakeSheet: { state: FakeState } }).__fakeSheet.state,
  );

it("shows the submitter the reviewer's reason on the rejected row", async () => {
  const { server } = harness;
  const clerk = await server.addUser('rr-clerk', 'entryClerk');
  const reviewer = await server.addUser('rr-reviewer', 'reviewer');
  const { page, errors } = await harness.open(clerk);

  await fillCustomer(page, {
    name: '无锡启明光电科技有限公司',
    region: ['320000', '320200', '320214'],
    contactName: '陈静',
    mobile: '13900002222',
    email: 'chenjing@qiming.example.com',
    demand: '需要采购光学检测设备',
    expectedDate: '2025-10-01',
    source: 'referral',
  });
  await page.click('[data-role="submit"]');
  const outcome = page.locator('[data-outcome="pending"]');
  await outcome.waitFor();
  const recordId = (await outcome.locator('[data-role="record-id"]').textContent()) ?? '';
  expect(recordId).toMatch(/^CUS\d{12}$/);

  const reason = '联系人手机号无法接通，请核实后重新提交';
  const rejected = await server.request(reviewer, 'POST', `/v1/customers/${recordId}/review`, {
    decision: 'reject',
    reason,
  });
  expect(rejected.status).toBe(200);

  // The clerk's sheet pulls the record, now rejected; the clerk selects its row.
  await sync(page);
  const row = (await fakeState(page)).rows.find((r) => r.meta.recordId === recordId);
  expect(row).toBeDefined();
  await page.evaluate(
    (n) =>
      (
        globalThis as unknown as { __fakeSheet: { select: (r: number) => void } }
      ).__fakeSheet.select(n),
    row?.row ?? 0,
  );
  await page.click('[data-tab="entry"]');
  await page.locator('[data-role="entry-target"]').waitFor();
  await page.getByRole('button', { name: '读取选中行' }).click();
  await expect
    .poll(() => page.locator('[data-role="entry-target"]').textContent())
    .toContain(recordId);
  await expect
    .poll(() => page.locator('[data-role="rejection-reason"]').textContent())
    .toBe(`审核未通过，原因：${reason}`);

  // Resubmitted: the row reads as pending at once, so neither the reason nor the button stays.
  await page.click('[data-role="resubmit"]');
  await page.locator('[data-outcome="saved"]').waitFor();
  await expect.poll(() => page.locator('[data-role="resubmit"]').count()).toBe(0);
  expect(await page.locator('[data-role="rejection-reason"]').count()).toBe(0);
  expect(errors).toEqual([]);
});
