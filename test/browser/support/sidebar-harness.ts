import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { startRealServer, type RealServer } from '../../support/real-server';
import type { FakeOptions } from '../fakes/fake-google-script-run';
import { buildUi, bundleForPage, launchChromium, servePage, watchErrors } from './chromium';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The built sidebar, served from its own origin as Apps Script serves it, and a real server. */
export interface SidebarHarness {
  server: RealServer;
  /** A sidebar page signed in with this token, its google.script.run faked, and its errors. */
  open(token: string): Promise<{ page: Page; errors: string[] }>;
  close(): Promise<void>;
}

/**
 * Builds the sidebar, serves it, starts the real server (allowing the sidebar's origin) and
 * Chromium: what a test of the Sheets sidebar against the real server starts from.
 */
export async function startSidebarHarness(): Promise<SidebarHarness> {
  buildUi();
  const sidebarPage = await servePage(
    readFileSync(join(root, 'dist', 'shared-ui', 'sidebar.html'), 'utf8'),
  );
  const fakeScript = await bundleForPage(
    'test/browser/fakes/fake-google-script-run.ts',
    '__fakeGsr',
  );
  const server = await startRealServer({ CRM_CORS_ORIGINS: sidebarPage.origin });
  const browser: Browser = await launchChromium();
  return {
    server,
    async open(token) {
      const page = await browser.newPage({ viewport: { width: 300, height: 900 } });
      const errors = watchErrors(page);
      const options: FakeOptions = { serverUrl: server.base, token };
      await page.addInitScript({
        content: `${fakeScript};__fakeGsr.installFakeGoogleScriptRun(${JSON.stringify(options)});`,
      });
      await page.goto(`${sidebarPage.origin}/sidebar`);
      await page.locator('.crm-tabs').waitFor();
      return { page, errors };
    },
    async close() {
      await browser.close();
      await server.close();
      await sidebarPage.close();
    },
  };
}
