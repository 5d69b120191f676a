import { afterAll, beforeAll, expect, it } from 'vitest';
import { enterpriseRow } from '../support/test-server';
import { startSidebarHarness, type SidebarHarness } from './support/sidebar-harness';

/*
 * The built sidebar with a fake google.script.run against the real server: two reviewers open
 * the same submission; the one who decides second is told so, and back in the queue the record
 * is gone.
 */

let harness: SidebarHarness;

beforeAll(async () => {
  harness = await startSidebarHarness();
});
afterAll(async () => {
  await harness?.close();
});

it('tells a reviewer that another decided meanwhile, and shows the queue without the record', async () => {
  const { server } = harness;
  const clerk = await server.addUser('dm-clerk', 'entryClerk');
  const first = await server.addUser('dm-reviewer-a', 'reviewer');
  const second = await server.addUser('dm-reviewer-b', 'reviewer');
  const pushed = await server.request(clerk, 'POST', '/v1/sync/push', {
    clientId: 'dm',
    mutations: [{ mutationId: 'dm-000001', fields: enterpriseRow(4242) }],
  });
  const recordId = String(
    (pushed.body['outcomes'] as { recordId: string }[] | undefined)?.[0]?.recordId,
  );
  expect(recordId).toMatch(/^CUS\d{12}$/);

  const { page, errors } = await harness.open(first);
  await page.click('[data-tab="review"]');
  await page.click(`[data-role="review-queue"] [data-id="${recordId}"]`);
  await page.locator('.crm-review-detail').waitFor();

  // The other reviewer approves while this one reads.
  const approved = await server.request(second, 'POST', `/v1/customers/${recordId}/review`, {
    decision: 'approve',
  });
  expect(approved.status).toBe(200);
  await page.click('[data-role="approve"]');
  await expect
    .poll(() => page.locator('.crm-review-detail [role="alert"]').textContent())
    .toContain('已建档');

  await page.getByRole('button', { name: /返回/ }).click();
  await page.locator('.crm-review').waitFor();
  await expect
    .poll(() => page.locator(`[data-role="review-queue"] [data-id="${recordId}"]`).count())
    .toBe(0);
  expect(errors).toEqual([]);
});
