import type { Page } from 'playwright-core';

/** The tabs the sidebar shows, by panel ID, in order. */
export async function tabs(page: Page): Promise<(string | null)[]> {
  const found = page.locator('.crm-tabs [data-tab]');
  const ids: (string | null)[] = [];
  for (let i = 0; i < (await found.count()); i += 1) {
    ids.push(await found.nth(i).getAttribute('data-tab'));
  }
  return ids;
}

/** A new enterprise customer as a clerk types it into the entry form. */
export interface TypedCustomer {
  name: string;
  /** Province, city and district codes. */
  region: [string, string, string];
  contactName: string;
  mobile: string;
  email: string;
  demand: string;
  expectedDate: string;
  source: string;
}

/** Fills the enterprise form (industry manufacturing, stage interested) with `customer`. */
export async function fillCustomer(page: Page, customer: TypedCustomer): Promise<void> {
  const [province, city, district] = customer.region;
  await page.fill('#crm-field-name', customer.name);
  await page.selectOption('#crm-field-industry', 'manufacturing');
  await page.selectOption('#crm-field-region', province);
  await page.selectOption('#crm-field-region-city', city);
  await page.selectOption('#crm-field-region-district', district);
  await page.selectOption('#crm-field-stage', 'interested');
  await page.fill('#crm-field-contactName', customer.contactName);
  await page.fill('#crm-field-mobile', customer.mobile);
  await page.fill('#crm-field-email', customer.email);
  await page.fill('#crm-field-demand', customer.demand);
  await page.fill('#crm-field-expectedDate', customer.expectedDate);
  await page.check(`input[name="sources"][value="${customer.source}"]`);
}
