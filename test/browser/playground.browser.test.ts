import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRealServer, type RealServer } from '../support/real-server';
import { buildUi, launchChromium, screenshot, watchErrors } from './support/chromium';

/*
 * The playground as `npm start` serves it (CRM_PLAYGROUND on: demo users and customers), in
 * headless Chromium: the page loads, a demo user is signed in, and the in-browser sheet syncs
 * with the real server both ways through the shared sync engine.
 */

let server: RealServer;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  buildUi();
  server = await startRealServer({ CRM_PLAYGROUND: 'true' });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  errors = watchErrors(page);
  await page.goto(`${server.base}/playground`);
  await page.locator('.crm-tabs').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface DemoUser {
  roleId: string;
  token: string;
}

// Page code below is a string: this project has no DOM types outside shared/ui.
const demoUsers = async () =>
  (
    await page.evaluate<{ demoUsers: DemoUser[] }>(
      "JSON.parse(document.getElementById('crm-config').textContent)",
    )
  ).demoUsers;

/** The sheet row number showing a customer, found by its name cell. */
async function rowOf(name: string): Promise<number | undefined> {
  const rows = page.locator('[data-role="sheet"] tbody tr');
  for (let i = 0; i < (await rows.count()); i += 1) {
    const row = rows.nth(i);
    if ((await row.locator('td[data-field="name"] input').inputValue()) === name) {
      return Number(await row.getAttribute('data-row'));
    }
  }
  return undefined;
}

const cell = (row: number, field: string) =>
  page.locator(`[data-role="sheet"] tr[data-row="${row}"] td[data-field="${field}"] input`);

async function syncNow(): Promise<void> {
  await page.click('[data-tab="sync"]');
  await page.click('[data-role="sync"]');
  await page.locator('[data-role="sync-report"]').waitFor();
  await page.locator('[data-role="sync"]:not([disabled])').waitFor();
}

describe('the playground', () => {
  it('serves the sidebar beside a sheet, signed in as the demo entry clerk', async () => {
    const users = await demoUsers();
    expect(users.map((u) => u.roleId).sort()).toEqual(
      ['admin', 'auditor', 'entryClerk', 'reviewer', 'sales', 'supervisor', 'support'].sort(),
    );
    await expect
      .poll(() => page.locator('[data-role-id="entryClerk"]').getAttribute('aria-pressed'))
      .toBe('true');
    await expect.poll(() => page.locator('.crm-who').textContent()).toContain('信息录入员');
    // Hidden sync columns are there, greyed.
    expect(await page.locator('[data-role="sheet"] thead th.pg-meta').count()).toBe(3);
  });

  it('pulls the demo customers into the sheet on the first sync', async () => {
    await syncNow();
    await expect.poll(() => page.locator('[data-count="pulled"] dd').textContent()).toBe('3');
    const row = await rowOf('杭州云栖软件科技有限公司');
    expect(row).toBeGreaterThanOrEqual(2);
    await expect.poll(() => cell(row ?? 0, 'status').inputValue()).toBe('待审核');
    await expect
      .poll(() =>
        page
          .locator(`[data-role="sheet"] tr[data-row="${row}"] td[data-field="_recordId"]`)
          .textContent(),
      )
      .toMatch(/^CUS\d{12}$/);
  });

  it('pushes an edit made in the sheet, and pulls a change made on the server', async () => {
    const row = (await rowOf('杭州云栖软件科技有限公司')) ?? 0;
    const id =
      (await page.locator(`tr[data-row="${row}"] td[data-field="_recordId"]`).textContent()) ?? '';
    await cell(row, 'contactTitle').fill('技术总监');
    await cell(row, 'contactTitle').press('Tab');
    await syncNow();
    await expect.poll(() => page.locator('[data-count="applied"] dd').textContent()).toBe('1');
    const [clerk, reviewer] = await Promise.all(
      ['entryClerk', 'reviewer'].map(
        async (r) => (await demoUsers()).find((u) => u.roleId === r)?.token ?? '',
      ),
    );
    const stored = await server.request(clerk, 'GET', `/v1/customers/${id}`);
    expect((stored.body['values'] as Record<string, unknown>)['contactTitle']).toBe('技术总监');

    // Another client (the reviewer's sidebar) approves it; the next sync brings the status in.
    const decided = await server.request(reviewer, 'POST', `/v1/customers/${id}/review`, {
      decision: 'approve',
    });
    expect(decided.status).toBe(200);
    await syncNow();
    await expect.poll(() => cell(row, 'status').inputValue()).toBe('已建档');
    await expect.poll(() => cell(row, 'contactTitle').inputValue()).toBe('技术总监');
  });

  it('edits the selected row in the Entry form and submits it through the sync engine', async () => {
    const row = (await rowOf('深圳前海启明贸易有限公司')) ?? 0;
    const id =
      (await page.locator(`tr[data-row="${row}"] td[data-field="_recordId"]`).textContent()) ?? '';
    await cell(row, 'name').click();
    await page.click('[data-tab="entry"]');
    await expect
      .poll(() => page.locator('[data-role="entry-target"]').textContent())
      .toContain(`第${row}行`);
    await expect.poll(() => page.locator('#crm-field-contactName').inputValue()).toBe('李强');
    await page.fill('#crm-field-contactTitle', '店长');
    await page.click('[data-role="submit"]');
    // Saved on the server, and still waiting for review, under the row's own record ID.
    const outcome = page.locator('[data-outcome="pending"]');
    await outcome.waitFor();
    await expect.poll(() => outcome.locator('[data-role="record-id"]').textContent()).toBe(id);
    await expect.poll(() => cell(row, 'contactTitle').inputValue()).toBe('店长');
    const clerk = (await demoUsers()).find((u) => u.roleId === 'entryClerk')?.token ?? '';
    const stored = await server.request(clerk, 'GET', `/v1/customers/${id}`);
    expect((stored.body['values'] as Record<string, unknown>)['contactTitle']).toBe('店长');
    await page.evaluate("document.querySelector('.pg-sidebar').scrollTo(0, 0)");
    await screenshot(page, 'playground');
    expect(errors).toEqual([]);
  });
});
