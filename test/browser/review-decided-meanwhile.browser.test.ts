import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { enterpriseRow } from '../support/test-server';
import { startRealServer, type RealServer } from '../support/real-server';
import type { FakeOptions } from './fakes/fake-google-script-run';
import { buildUi, bundleForPage, launchChromium, servePage, watchErrors } from './support/chromium';

/*
 * The built sidebar with a fake google.script.run against the real server: two reviewers open
 * the same submission; the one who decides second is told so, and back in the queue the record
 * is gone.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

let server: RealServer;
let browser: Browser;
let sidebarPage: Awaited<ReturnType<typeof servePage>>;
let fakeScript = '';

beforeAll(async () => {
  buildUi();
  sidebarPage = await servePage(
    readFileSync(join(root, 'dist', 'shared-ui', 'sidebar.html'), 'utf8'),
  );
  fakeScript = await bundleForPage('test/browser/fakes/fake-google-script-run.ts', '__fakeGsr');
  server = await startRealServer({ CRM_CORS_ORIGINS: sidebarPage.origin });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await sidebarPage?.close();
});

it('tells a reviewer that another decided meanwhile, and shows the queue without the record', async () => {
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

  const page = await browser.newPage({ viewport: { width: 300, height: 900 } });
  const errors = watchErrors(page);
  const options: FakeOptions = { serverUrl: server.base, token: first };
  await page.addInitScript({
    content: `${fakeScript};__fakeGsr.installFakeGoogleScriptRun(${JSON.stringify(options)});`,
  });
  await page.goto(`${sidebarPage.origin}/sidebar`);
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
