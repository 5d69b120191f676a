import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officeJsUrl } from '../../scripts/build-excel.js';
import { fieldLabel } from '../../shared/core/i18n/translate';
import { headerLabels } from '../../shared/core/sync-client/sheet-header';
import { invalidFill } from '../../addon-excel/src/excel-sheet-port';
import { fakePayloadLimit } from '../fakes/excel/fake-excel';
import {
  startIdentityProvider,
  TEST_AUDIENCE,
  TEST_MICROSOFT_ISSUER,
  type IdentityProvider,
} from '../fakes/identity-provider';
import { startRealServer, type RealServer } from '../support/real-server';
import { typedRow } from '../addon-excel/typed-row';
import type { FakeOfficeHandle, FakeOfficeJsOptions } from './fakes/fake-office-js';
import {
  buildUi,
  bundleForPage,
  launchChromium,
  screenshot,
  watchErrors,
} from './support/chromium';
import { fillCustomer, tabs, type TypedCustomer } from './support/sidebar-steps';

/*
 * The built Excel add-in (dist/addon-excel, served by the real sync server under /excel/) in
 * headless Chromium. Office.js is never fetched: the page's request for it is answered with
 * test/browser/fakes/fake-office-js.ts, `Office` and `Excel` over the strict in-memory Excel.
 * Every other request must go to the server itself (same origin: no CORS setting needed).
 */

let server: RealServer;
let browser: Browser;
let officeStub = '';
const tokens = { clerk: '', reviewer: '', admin: '' };
const panes = new Map<string, { page: Page; errors: string[]; foreign: string[] }>();

const customer = {
  name: '宁波海曙精密模具有限公司',
  wrongMobile: '1391234',
  mobile: '138 0571 2233',
  clearMobile: '13805712233',
  maskedMobile: '138****2233',
  email: 'chenjing@haishu-mould.example.com',
};
const typed = (mobile: string): TypedCustomer => ({
  name: customer.name,
  region: ['330000', '330200', '330203'],
  contactName: '陈静',
  mobile,
  email: customer.email,
  demand: '年底前更换两条注塑生产线',
  expectedDate: '2026-12-20',
  source: 'tradeShow',
});
let recordId = '';

beforeAll(async () => {
  buildUi();
  officeStub = await bundleForPage('test/browser/fakes/fake-office-js.ts', '__fakeOfficeJs');
  server = await startRealServer();
  tokens.clerk = await server.addUser('x-clerk', 'entryClerk');
  tokens.reviewer = await server.addUser('x-reviewer', 'reviewer');
  tokens.admin = server.adminToken;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens a page of the add-in as Excel would (the task pane unless said), without signing in. */
async function openTaskpane(
  options: FakeOfficeJsOptions = {},
  on: { server: RealServer; page: string } = { server, page: 'taskpane.html' },
) {
  const page = await browser.newPage({ viewport: { width: 350, height: 900 } });
  // A missing element fails the step that wanted it, well within the test's time.
  page.setDefaultTimeout(8000);
  const errors = watchErrors(page);
  const foreign: string[] = [];
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    if (url === officeJsUrl) {
      await route.fulfill({ contentType: 'text/javascript', body: officeStub });
    } else if (url.startsWith(`${on.server.base}/`)) {
      await route.continue();
    } else {
      foreign.push(url);
      await route.abort();
    }
  });
  await page.addInitScript({
    content: `globalThis.__fakeOfficeOptions = ${JSON.stringify(options)};`,
  });
  const response = await page.goto(`${on.server.base}/excel/${on.page}`);
  return { page, errors, foreign, response };
}

/** The signed-in task pane of one user (opened once, then reused). */
async function paneOf(who: keyof typeof tokens): Promise<Page> {
  const known = panes.get(who);
  if (known !== undefined) return known.page;
  const { page, errors, foreign } = await openTaskpane();
  await page.locator('[data-role="api-token"]').fill(tokens[who]);
  await page.click('[data-role="use-api-token"]');
  await page.locator('.crm-tabs').waitFor();
  panes.set(who, { page, errors, foreign });
  return page;
}

/**
 * Reads the workbook behind the pane. The reader is sent as source and run by the browser's
 * debugger protocol, which the page's script policy (no eval) does not govern.
 */
const office = <T>(page: Page, read: (handle: FakeOfficeHandle) => T): Promise<T> =>
  page.evaluate<T>(`(${read.toString()})(globalThis.__fakeOffice)`);

const label = (field: string) => fieldLabel(field, 'zh-CN');

describe('the Excel task pane (stubbed Office.js, real server)', () => {
  it('is served by the sync server, framable by Excel on the web, and asks for a sign-in in Chinese', async () => {
    const { page, response, foreign } = await openTaskpane();
    const headers = response?.headers() ?? {};
    expect(headers['x-frame-options']).toBeUndefined();
    // Only the add-in's files may be framed; the API keeps refusing it.
    const api = await fetch(`${server.base}/healthz`);
    expect(api.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(headers['content-security-policy']).toContain(
      "frame-ancestors 'self' https://*.officeapps.live.com",
    );
    expect(headers['content-security-policy']).toContain(
      "script-src 'self' https://appsforoffice.microsoft.com",
    );
    // No Microsoft sign-in on a server without the add-in's Entra app: the API token only.
    await page.locator('[data-role="sign-in"]').waitFor();
    expect(await page.locator('[data-role="sign-in-microsoft"]').count()).toBe(0);
    await expect.poll(() => page.locator('.crm-h2').textContent()).toBe('登录同步服务');

    await page.click('[data-role="use-api-token"]');
    await expect
      .poll(() => page.locator('[data-role="sign-in"] [role="alert"]').textContent())
      .toBe('API 令牌：请填写');
    await page.locator('[data-role="api-token"]').fill('crm_not_a_real_token_000000000000000');
    await page.click('[data-role="use-api-token"]');
    await expect
      .poll(() => page.locator('[data-role="sign-in"] [role="alert"]').textContent())
      .toContain('登录未被同步服务接受');
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('says so when opened outside Excel', async () => {
    const { page } = await openTaskpane({ host: 'Word' });
    await expect.poll(() => page.locator('#app').textContent()).toContain('请在 Excel 中打开');
    await page.close();
  });

  it('signs the clerk in with an API token kept on this computer, not in the workbook', async () => {
    const page = await paneOf('clerk');
    expect(await tabs(page)).toEqual(['entry', 'tags', 'sync']);
    await expect.poll(() => page.locator('.crm-who').textContent()).toContain('信息录入员');
    const settings = await office(page, (h) => JSON.stringify([...h.settings.values]));
    expect(settings).not.toContain(tokens.clerk);
    // The customers sheet has the Sheets layout, hidden sync columns and dropdowns.
    await expect.poll(() => office(page, (h) => h.layout().dropdowns)).toBeGreaterThan(5);
    const layout = await office(page, (h) => h.layout());
    const labels = headerLabels('zh-CN');
    expect(layout.header).toEqual(labels);
    expect(layout.hidden).toEqual([labels.length - 3, labels.length - 2, labels.length - 1]);
  });

  it('says under the field that a mobile is wrong as it is typed, then submits the fixed customer', async () => {
    const page = await paneOf('clerk');
    await fillCustomer(page, typed(customer.wrongMobile));
    const message = page.locator('[data-error-for="mobile"]');
    await expect.poll(() => message.textContent()).toContain('手机号格式错误');
    await screenshot(page, 'excel-taskpane-entry');
    await page.click('[data-role="submit"]');
    expect(await page.locator('[data-outcome]').count()).toBe(0);

    await page.fill('#crm-field-mobile', customer.mobile);
    await expect.poll(() => message.count()).toBe(0);
    await page.click('[data-role="submit"]');
    const outcome = page.locator('[data-outcome="pending"]');
    await outcome.waitFor();
    recordId = (await outcome.locator('[data-role="record-id"]').textContent()) ?? '';
    expect(recordId).toMatch(/^CUS\d{12}$/);
    const stored = await server.request(tokens.clerk, 'GET', `/v1/customers/${recordId}`);
    expect(stored.body).toMatchObject({
      status: 'pending',
      values: { name: customer.name, mobile: customer.clearMobile },
    });
  });

  it('syncs rows typed into the workbook, and fills the cell of a wrong value with its message', async () => {
    const page = await paneOf('clerk');
    const good = typedRow(31);
    const bad: Record<string, string> = { ...typedRow(32), mobile: '12345' };
    await office(page, (h) => h.table().length); // the sheet exists once the pane is open
    for (const [row, cells] of [
      [1, good],
      [2, bad],
    ] as const) {
      for (const [field, value] of Object.entries(cells)) {
        await page.evaluate(
          `globalThis.__fakeOffice.type(${row}, ${JSON.stringify(label(field))}, ${JSON.stringify(value)})`,
        );
      }
    }
    await page.click('[data-tab="sync"]');
    await page.click('[data-role="sync"]');
    await page.locator('[data-role="sync"]:not([disabled])').waitFor();
    await page.locator('[data-role="sync-report"]').waitFor();
    await screenshot(page, 'excel-taskpane-sync');

    const table = await office(page, (h) => h.table());
    const idHeader = headerLabels('zh-CN').at(-3) ?? '';
    const byName = (name: string | undefined) => table.find((r) => r[label('name')] === name);
    // The clerk's own submission came down too, and the good row went up.
    expect(String(byName(good['name'])?.[idHeader])).toMatch(/^CUS\d{12}$/);
    expect(String(byName(customer.name)?.[idHeader])).toBe(recordId);
    expect(byName(bad['name'])?.[idHeader]).toBe('');
    const badRow = table.indexOf(byName(bad['name']) ?? {}) + 1;
    const fill = await page.evaluate(
      `globalThis.__fakeOffice.fill(${badRow}, ${JSON.stringify(label('mobile'))})`,
    );
    expect(fill).toBe(invalidFill);
    await expect
      .poll(() => page.locator('[data-role="sync-report"]').textContent())
      .toContain('手机号');
    expect(await office(page, (h) => h.excel.largestRequest)).toBeLessThanOrEqual(fakePayloadLimit);
  });

  it('lets the reviewer approve with the mobile masked, and keeps it masked in the workbook', async () => {
    const page = await paneOf('reviewer');
    expect(await tabs(page)).toEqual(['sync', 'review']);
    await page.click('[data-tab="review"]');
    await page.click(`[data-role="review-queue"] [data-id="${recordId}"]`);
    const mobile = page.locator('.crm-detail-row[data-field="mobile"] dd');
    await expect.poll(() => mobile.textContent()).toContain(customer.maskedMobile);
    await page.click('[data-role="approve"]');
    await expect
      .poll(() => page.locator('.crm-review [role="status"]').textContent())
      .toContain('已建档');

    await page.click('[data-tab="sync"]');
    await page.click('[data-role="sync"]');
    await page.locator('[data-role="sync"]:not([disabled])').waitFor();
    await page.locator('[data-role="sync-report"] [role="status"]').waitFor();
    const table = await office(page, (h) => h.table());
    const row = table.find((r) => r[label('name')] === customer.name);
    expect(row?.[label('mobile')]).toBe(customer.maskedMobile);
    expect(JSON.stringify(table)).not.toContain(customer.clearMobile);
  });

  it('gives the admin the Admin panel, whose change the server applies; the clerk has none', async () => {
    const page = await paneOf('admin');
    expect(await tabs(page)).toContain('admin');
    await page.click('[data-tab="admin"]');
    await page.click('[data-section="fields"]');
    await page.selectOption('[data-role="grid-role"]', 'reviewer');
    const cell = (access: string) =>
      page.locator(`[data-role="field-grid"] tr[data-field="email"] input[value="${access}"]`);
    await cell('hidden').check();
    await page.locator('[data-role="field-grid"] tr[data-field="email"] .crm-saved').waitFor();
    await screenshot(page, 'excel-taskpane-admin');
    const roles = await server.request(tokens.admin, 'GET', '/v1/admin/roles');
    const reviewer = (
      roles.body['roles'] as { id: string; fieldAccess: Record<string, string> }[]
    ).find((r) => r.id === 'reviewer');
    expect(reviewer?.fieldAccess['email']).toBe('hidden');

    const clerk = await paneOf('clerk');
    expect(await clerk.locator('[data-tab="admin"]').count()).toBe(0);
  });

  it('signs out, back to the sign-in form', async () => {
    const page = await paneOf('clerk');
    await page.click('[data-role="sign-out"]');
    await page.locator('[data-role="sign-in"]').waitFor();
    panes.delete('clerk');
    await page.close();
  });

  it('goes back to the sign-in form, saying why, once the admin revokes the token in use', async () => {
    const token = await server.addUser('x-leaver', 'entryClerk');
    const { page } = await openTaskpane();
    await page.locator('[data-role="api-token"]').fill(token);
    await page.click('[data-role="use-api-token"]');
    // The entry form has loaded what it needs: the next request comes from the click below.
    await page.locator('#crm-field-region').waitFor();
    await page.locator('#crm-field-region option[value="330000"]').waitFor({ state: 'attached' });
    const listed = await server.request(tokens.admin, 'GET', '/v1/admin/users/x-leaver/tokens');
    const [issued] = listed.body['tokens'] as { id: string }[];
    const revoked = await server.request(tokens.admin, 'DELETE', `/v1/admin/tokens/${issued?.id}`);
    expect(revoked.status).toBe(200);

    await page.click('[data-tab="tags"]');
    await page.locator('[data-role="sign-in"]').waitFor();
    await expect
      .poll(() => page.locator('[data-role="sign-in"] [role="alert"]').textContent())
      .toContain('登录未被同步服务接受');
    await page.close();
  });

  it('made no request beyond its server and the stubbed Office.js, and no page errors', () => {
    for (const { errors, foreign } of panes.values()) {
      expect(foreign).toEqual([]);
      expect(errors, JSON.stringify(errors)).toEqual([]);
    }
  });
});

describe('the Microsoft sign-in dialog page (stubbed Office.js, real server)', () => {
  const clientId = '6f1c2b9e-4d3a-4e8b-9c0d-1a2b3c4d5e6f';
  let msServer: RealServer;
  let idp: IdentityProvider;
  beforeAll(async () => {
    idp = await startIdentityProvider();
    msServer = await startRealServer({
      CRM_MS_CLIENT_ID: clientId,
      CRM_MS_AUTHORITY: 'https://login.microsoftonline.com/organizations',
      CRM_MS_JWKS_URL: idp.jwksUrl,
      CRM_MS_ISSUER: TEST_MICROSOFT_ISSUER,
      CRM_MS_AUDIENCE: TEST_AUDIENCE,
    });
    await msServer.addUser('x-grace', 'sales', { email: 'grace@contoso.example', token: false });
  });
  afterAll(async () => {
    await msServer?.close();
    await idp?.close();
  });

  it('signs in with Microsoft through the Office dialog where Office has no NAA', async () => {
    const { page, errors } = await openTaskpane(
      { dialogApi: true },
      { server: msServer, page: 'taskpane.html' },
    );
    await page.click('[data-role="sign-in-microsoft"]');
    await expect
      .poll(() => office(page, (h) => h.dialogUrls()))
      .toEqual([`${msServer.base}/excel/sign-in.html`]);
    // What sign-in.html sends once Microsoft redirected back with a token for the API.
    const accessToken = await idp.signMicrosoftToken({
      preferred_username: 'Grace@Contoso.example',
    });
    const message = JSON.stringify({
      type: 'token',
      accessToken,
      expiresAt: Date.now() + 3600_000,
    });
    await page.evaluate(`globalThis.__fakeOffice.answerDialog(${JSON.stringify(message)})`);
    await expect.poll(() => page.locator('.crm-who').textContent()).toContain('x-grace');
    expect(await tabs(page)).toContain('entry');
    // The Microsoft token is kept in memory only: nothing of it in the workbook or localStorage.
    const stored = await page.evaluate<string>('JSON.stringify({ ...localStorage })');
    expect(stored).not.toContain(accessToken);
    expect(await office(page, (h) => JSON.stringify([...h.settings.values]))).not.toContain(
      accessToken,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sends the user to Microsoft with PKCE for the API scope, coming back to itself', async () => {
    const { page, foreign } = await openTaskpane(
      { dialog: true },
      { server: msServer, page: 'sign-in.html' },
    );
    // MSAL navigates the dialog to Microsoft's authorize endpoint, which the route aborts.
    await expect.poll(() => foreign.find((u) => u.includes('/oauth2/v2.0/authorize'))).toBeTruthy();
    const authorize = new URL(foreign.find((u) => u.includes('/oauth2/v2.0/authorize')) ?? '');
    expect(authorize.origin + authorize.pathname).toBe(
      'https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize',
    );
    expect(authorize.searchParams.get('client_id')).toBe(clientId);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${msServer.base}/excel/sign-in.html`);
    expect(authorize.searchParams.get('scope')).toContain(`api://${clientId}/access_as_user`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    await page.close();
  });

  it('tells the task pane when the server has no Microsoft sign-in', async () => {
    const { page } = await openTaskpane({ dialog: true }, { server, page: 'sign-in.html' });
    await expect.poll(() => office(page, (h) => h.parentMessages.length)).toBe(1);
    const [message] = await office(page, (h) => h.parentMessages);
    expect(JSON.parse(message ?? '{}')).toMatchObject({ type: 'error' });
    await page.close();
  });
});
