import { afterAll, beforeAll, expect, it } from 'vitest';
import { enterpriseRow } from '../support/test-server';
import { startSidebarHarness, type SidebarHarness } from './support/sidebar-harness';

/*
 * The review panel of the built sidebar, with a fake google.script.run, against the real server:
 * a decision someone else made meanwhile, and a queue longer than one page.
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

it('pages through a queue longer than one page', async () => {
  const { server } = harness;
  const clerk = await server.addUser('pg-clerk', 'entryClerk');
  const reviewer = await server.addUser('pg-reviewer', 'reviewer');
  for (const [from, count] of [
    [10_000, 500],
    [10_500, 1],
  ] as const) {
    const pushed = await server.request(clerk, 'POST', '/v1/sync/push', {
      clientId: 'pg',
      mutations: Array.from({ length: count }, (_, k) => ({
        mutationId: `pg-${String(from + k).padStart(6, '0')}`,
        fields: enterpriseRow(from + k),
      })),
    });
    expect(pushed.status).toBe(200);
  }
  const { page, errors } = await harness.open(reviewer);
  await page.click('[data-tab="review"]');
  const rows = page.locator('[data-role="review-queue"] li');
  await expect.poll(() => rows.count()).toBe(500);
  expect(await page.locator('.crm-review strong').textContent()).toBe(
    '待审核已显示 500 条，还有更多',
  );
  await page.click('[data-role="review-more"]');
  await expect.poll(() => rows.count()).toBe(501);
  expect(await page.locator('[data-role="review-more"]').count()).toBe(0);
  expect(await page.locator('.crm-review strong').textContent()).toBe('待审核 501 条');
  expect(errors).toEqual([]);
});
