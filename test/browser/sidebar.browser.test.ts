import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRealServer, type RealServer } from '../support/real-server';
import type { FakeOptions, FakeState } from './fakes/fake-google-script-run';
import {
  buildUi,
  bundleForPage,
  launchChromium,
  screenshot,
  servePage,
  watchErrors,
} from './support/chromium';
import { fillCustomer, tabs, type TypedCustomer } from './support/sidebar-steps';

/*
 * The built sidebar (dist/shared-ui/sidebar.html, the very file the Sheets add-on ships) in
 * headless Chromium with a fake google.script.run, against the real server on loopback. The
 * sidebar is served from another origin than the server, as Apps Script serves it from
 * googleusercontent.com, so its calls cross origins under the server's CORS setting.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

let server: RealServer;
let browser: Browser;
let fakeScript = '';
let sidebarPage: Awaited<ReturnType<typeof servePage>>;
const tokens = { clerk: '', reviewer: '', admin: '' };
const pages = new Map<string, { page: Page; errors: string[] }>();

// One new customer, entered by the clerk and followed through review and sync.
const customer = {
  name: '苏州恒远精工机械有限公司',
  wrongMobile: '1381234',
  mobile: '+86 139-0000-1111',
  clearMobile: '13900001111',
  maskedMobile: '139****1111',
  email: 'wangfang@hengyuan.example.com',
};
const typed = (mobile: string): TypedCustomer => ({
  name: customer.name,
  region: ['320000', '320500', '320505'],
  contactName: '王芳',
  mobile,
  email: customer.email,
  demand: '需要采购20台数控机床',
  expectedDate: '2025-09-01',
  source: 'referral',
});
let recordId = '';

beforeAll(async () => {
  buildUi();
  sidebarPage = await servePage(
    readFileSync(join(root, 'dist', 'shared-ui', 'sidebar.html'), 'utf8'),
  );
  fakeScript = await bundleForPage('test/browser/fakes/fake-google-script-run.ts', '__fakeGsr');
  server = await startRealServer({ CRM_CORS_ORIGINS: sidebarPage.origin });
  tokens.clerk = await server.addUser('u-clerk', 'entryClerk');
  tokens.reviewer = await server.addUser('u-reviewer', 'reviewer');
  tokens.admin = server.adminToken;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await sidebarPage?.close();
});

/** The sidebar page of one user (opened once, then reused), 300 px wide as in Sheets. */
async function sidebarOf(who: keyof typeof tokens): Promise<Page> {
  const known = pages.get(who);
  if (known !== undefined) return known.page;
  const page = await browser.newPage({ viewport: { width: 300, height: 900 } });
  const errors = watchErrors(page);
  const options: FakeOptions = { serverUrl: server.base, token: tokens[who] };
  await page.addInitScript({
    content: `${fakeScript};__fakeGsr.installFakeGoogleScriptRun(${JSON.stringify(options)});`,
  });
  await page.goto(`${sidebarPage.origin}/sidebar`);
  await page.locator('.crm-tabs').waitFor();
  pages.set(who, { page, errors });
  return page;
}

const fakeState = (page: Page) =>
  page.evaluate(
    () => (globalThis as unknown as { __fakeSheet: { state: FakeState } }).__fakeSheet.state,
  );

describe('the sidebar in Google Sheets (fake google.script.run, real server)', () => {
  it('shows the entry clerk Entry, Tags and Sync in Chinese, and no Admin tab', async () => {
    const page = await sidebarOf('clerk');
    expect(await tabs(page)).toEqual(['entry', 'tags', 'sync']);
    await expect.poll(() => page.locator('[data-tab="entry"]').textContent()).toBe('录入');
    await expect.poll(() => page.locator('.crm-who').textContent()).toContain('信息录入员');
  });

  it('says under the field that a mobile is wrong as it is typed, and stops saying it once fixed', async () => {
    const page = await sidebarOf('clerk');
    await fillCustomer(page, typed(customer.wrongMobile));
    const message = page.locator('[data-error-for="mobile"]');
    await expect.poll(() => message.textContent()).toContain('手机号格式错误');
    await expect
      .poll(() => page.locator('#crm-field-mobile').getAttribute('aria-invalid'))
      .toBe('true');
    await screenshot(page, 'sidebar-entry');
    // Submitting a form with a wrong field pushes nothing.
    await page.click('[data-role="submit"]');
    await expect.poll(() => message.textContent()).toContain('手机号格式错误');
    expect(await page.locator('[data-outcome]').count()).toBe(0);

    await page.fill('#crm-field-mobile', customer.mobile);
    await expect.poll(() => message.count()).toBe(0);
  });

  it('submits the fixed customer and shows it pending review under its new ID', async () => {
    const page = await sidebarOf('clerk');
    await page.click('[data-role="submit"]');
    const outcome = page.locator('[data-outcome="pending"]');
    await outcome.waitFor();
    recordId = (await outcome.locator('[data-role="record-id"]').textContent()) ?? '';
    expect(recordId).toMatch(/^CUS\d{12}$/);
    await expect.poll(() => outcome.locator('[data-role="status"]').textContent()).toBe('待审核');
    const stored = await server.request(tokens.clerk, 'GET', `/v1/customers/${recordId}`);
    expect(stored.body).toMatchObject({
      status: 'pending',
      values: { name: customer.name, mobile: customer.clearMobile, region: '320505' },
    });
  });

  it('refuses the same customer again as a duplicate and names the existing ID', async () => {
    const page = await sidebarOf('clerk');
    await page.click('.crm-outcome button');
    await fillCustomer(page, typed(customer.mobile));
    await page.click('[data-role="submit"]');
    const outcome = page.locator('[data-outcome="duplicate"]');
    await outcome.waitFor();
    await expect
      .poll(() => outcome.locator('[data-role="existing-id"]').textContent())
      .toBe(recordId);
  });

  it('explains a refused tag with the shared tag rules', async () => {
    const page = await sidebarOf('clerk');
    await page.click('[data-tab="tags"]');
    await page.fill('#crm-tags-picker [data-role="tag-input"]', '重要');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#crm-tags-picker [data-role="tag-refusal"]').textContent())
      .toContain('含义模糊');
    await page.fill('#crm-tags-picker [data-role="tag-input"]', '区域 — 华东');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#crm-tags-picker .is-chosen').textContent())
      .toContain('区域-华东');
    await screenshot(page, 'sidebar-tags');
  });

  it('lets the entry clerk not open Admin: no tab, and the server refuses the admin API', async () => {
    const page = await sidebarOf('clerk');
    expect(await page.locator('[data-tab="admin"]').count()).toBe(0);
    const status = await page.evaluate(
      async ([base, token]) =>
        (
          await fetch(`${base}/v1/admin/users`, {
            headers: { authorization: `Bearer ${token}`, 'x-crm-client': 'sheets' },
          })
        ).status,
      [server.base, tokens.clerk] as const,
    );
    expect(status).toBe(403);
  });

  it('lets the reviewer see the record with its mobile masked, refuse a rejection without a reason, and approve', async () => {
    const page = await sidebarOf('reviewer');
    expect(await tabs(page)).toEqual(['sync', 'review']);
    await page.click('[data-tab="review"]');
    await page.click(`[data-role="review-queue"] [data-id="${recordId}"]`);
    const mobile = page.locator('.crm-detail-row[data-field="mobile"] dd');
    await expect.poll(() => mobile.textContent()).toContain(customer.maskedMobile);
    expect(await page.locator('.crm-review-detail').textContent()).not.toContain(
      customer.clearMobile,
    );
    await screenshot(page, 'sidebar-review');

    await page.click('[data-role="reject"]');
    await expect
      .poll(() => page.locator('.crm-review-detail [role="alert"]').textContent())
      .toContain('原因');
    await page.click('[data-role="approve"]');
    await expect
      .poll(() => page.locator('.crm-review [role="status"]').textContent())
      .toContain('已建档');
    const stored = await server.request(tokens.clerk, 'GET', `/v1/customers/${recordId}`);
    expect(stored.body['status']).toBe('approved');
  });

  it('keeps a masked phone masked in the reviewer’s sheet, sync after sync', async () => {
    const page = await sidebarOf('reviewer');
    await page.click('[data-tab="sync"]');
    for (let run = 0; run < 2; run += 1) {
      await page.click('[data-role="sync"]');
      await page.locator('[data-role="sync"]:not([disabled])').waitFor();
      await page.locator('[data-role="sync-report"] [role="status"]').waitFor();
      if (run === 0) {
        await expect.poll(() => page.locator('[data-count="pulled"] dd').textContent()).toBe('1');
        await screenshot(page, 'sidebar-sync');
      }
    }
    const { rows } = await fakeState(page);
    const row = rows.find((r) => r.meta.recordId === recordId);
    expect(row?.cells['mobile']).toBe(customer.maskedMobile);
    expect(row?.cells['status']).toBe('已建档');
    // Nowhere in the sheet, hidden sync columns included.
    expect(JSON.stringify(rows)).not.toContain(customer.clearMobile);
    // The server still holds the clear number: the masked one was never written back.
    const stored = await server.request(tokens.clerk, 'GET', `/v1/customers/${recordId}`);
    expect((stored.body['values'] as Record<string, unknown>)['mobile']).toBe(customer.clearMobile);
  });

  it('lets the admin change one field rule in the grid, which the server then applies', async () => {
    const page = await sidebarOf('admin');
    expect(await tabs(page)).toEqual(['tags', 'sync', 'admin']);
    await page.click('[data-tab="admin"]');
    await page.click('[data-section="fields"]');
    await page.selectOption('[data-role="grid-role"]', 'reviewer');
    const cell = (access: string) =>
      page.locator(`[data-role="field-grid"] tr[data-field="email"] input[value="${access}"]`);
    await expect.poll(() => cell('masked').isChecked()).toBe(true);
    await cell('view').check();
    await page.locator('[data-role="field-grid"] tr[data-field="email"] .crm-saved').waitFor();
    await screenshot(page, 'sidebar-admin');
    const roles = await server.request(tokens.admin, 'GET', '/v1/admin/roles');
    type RoleAnswer = {
      id: string;
      defaultFieldAccess: string;
      fieldAccess: Record<string, string>;
    };
    const reviewer = (roles.body['roles'] as RoleAnswer[]).find((r) => r.id === 'reviewer');
    // `view` is the reviewer's default, so the grid dropped the field's own rule.
    expect(reviewer?.fieldAccess['email']).toBeUndefined();
    expect(reviewer?.defaultFieldAccess).toBe('view');
    expect(reviewer?.fieldAccess['mobile']).toBe('masked');
  });

  it('lets the admin change a role’s actions and reach, refuses a lock-out, and makes a role from another', async () => {
    const page = await sidebarOf('admin');
    await page.click('[data-tab="admin"]');
    await page.click('[data-section="roles"]');
    const editor = page.locator('[data-role="role-editor"]');
    await page.selectOption('[data-role="role-pick"]', 'supervisor');
    await expect
      .poll(() => editor.locator('input[value="customer.export"]').isChecked())
      .toBe(true);
    await editor.locator('input[value="customer.export"]').uncheck();
    await editor.locator('input[name="row-scope"][value="team"]').check();
    await page.click('[data-role="save-role"]');
    await expect
      .poll(() => editor.locator('[role="status"]').textContent())
      .toContain('已保存角色');
    await screenshot(page, 'sidebar-admin-roles');
    type RoleAnswer = { id: string; actions: string[]; rowScope: string };
    const roles = async () =>
      (await server.request(tokens.admin, 'GET', '/v1/admin/roles')).body['roles'] as RoleAnswer[];
    const supervisor = (await roles()).find((r) => r.id === 'supervisor');
    expect(supervisor?.actions).not.toContain('customer.export');
    expect(supervisor?.actions).toContain('customer.approveSecond');
    expect(supervisor?.rowScope).toBe('team');

    // Taking role management from the only role that has it would lock every admin out.
    await page.selectOption('[data-role="role-pick"]', 'admin');
    await expect.poll(() => editor.locator('input[value="admin.roles"]').isChecked()).toBe(true);
    await editor.locator('input[value="admin.roles"]').uncheck();
    await page.click('[data-role="save-role"]');
    await editor.locator('[role="alert"]').waitFor();
    expect((await roles()).find((r) => r.id === 'admin')?.actions).toContain('admin.roles');

    await page.selectOption('[data-role="role-pick"]', 'reviewer');
    await page.click('[data-role="new-role"]');
    await page.fill('[data-role="new-role-id"]', 'regionalReviewer');
    await page.fill('[data-role="new-role-zh"]', '区域审核员');
    await page.fill('[data-role="new-role-en"]', 'Regional reviewer');
    await page.click('[data-role="save-role"]');
    await expect
      .poll(() => editor.locator('[role="status"]').textContent())
      .toContain('区域审核员');
    const made = (await roles()).find((r) => r.id === 'regionalReviewer');
    const reviewer = (await roles()).find((r) => r.id === 'reviewer');
    expect(made?.actions).toEqual(reviewer?.actions);
  });

  it('switches to English', async () => {
    const page = await sidebarOf('clerk');
    await page.click('.crm-lang:has-text("EN")');
    await expect.poll(() => page.locator('[data-tab="entry"]').textContent()).toBe('Entry');
    await page.click('.crm-lang:has-text("中文")');
    await expect.poll(() => page.locator('[data-tab="entry"]').textContent()).toBe('录入');
  });

  it('went through google.script.run as Apps Script allows: ten calls at most, no Dates', async () => {
    for (const { page, errors } of pages.values()) {
      const state = await fakeState(page);
      expect(state.calls).toEqual(expect.arrayContaining(['getSettings', 'getIdentityToken']));
      expect(state.maxInFlight).toBeLessThanOrEqual(10);
      expect(state.refused).toEqual([]);
      expect(errors, JSON.stringify(errors)).toEqual([]);
    }
    // The fake refuses what Apps Script refuses, so the checks above mean something.
    const page = await sidebarOf('clerk');
    const refused = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          type Runner = Record<string, (...args: unknown[]) => void> & {
            withFailureHandler(handler: (e: Error) => void): Runner;
          };
          const page = globalThis as unknown as { google: { script: { run: Runner } } };
          const run = page.google.script.run.withFailureHandler((e) => resolve(e.message));
          run['markInvalid']?.([{ row: 2, field: 'name', message: new Date() }]);
        }),
    );
    expect(refused).toContain('illegal value');
  });
});
