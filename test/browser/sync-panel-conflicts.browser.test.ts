import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bundleForPage, launchChromium, servePage, watchErrors } from './support/chromium';

/*
 * The sync panel in headless Chromium over a host with two conflicting rows: settling the first
 * must not carry its choices over to the next row's resolver.
 */

let browser: Browser;
let page: Awaited<ReturnType<typeof servePage>>;
beforeAll(async () => {
  const script = await bundleForPage('test/browser/fakes/two-conflicts-page.ts', '__page');
  page = await servePage(`<!doctype html><html><body></body><script>${script}</script></html>`);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await page?.close();
});

it("after one conflict is settled, the next row's resolver starts from the sheet's value, not the last row's choice", async () => {
  const tab = await browser.newPage();
  const errors = watchErrors(tab);
  await tab.goto(`${page.origin}/`);
  await tab.click('[data-role="sync"]');
  const row3 = tab.locator('.crm-conflict[data-row="3"]');
  const row5 = tab.locator('.crm-conflict[data-row="5"]');
  await row3.waitFor();
  await row3.locator('input[value="theirs"]').check();
  await row3.locator('[data-role="resolve"]').click();
  await row3.waitFor({ state: 'detached' });

  expect(await row5.locator('input[type="radio"]:checked').getAttribute('value')).toBe('yours');
  await row5.locator('[data-role="resolve"]').click();
  const choices = await tab.evaluate(() => (globalThis as { __choices?: unknown }).__choices);
  expect(choices).toEqual([
    { row: 3, recordId: 'CUS202405010003', fields: { mobile: 'theirs' } },
    { row: 5, recordId: 'CUS202405010005', fields: { mobile: 'yours' } },
  ]);
  expect(errors).toEqual([]);
});
