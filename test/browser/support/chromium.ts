import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Debian's chromium: the browser tests never download one. */
export const chromiumPath = process.env['CRM_CHROMIUM'] ?? '/usr/bin/chromium';

/**
 * Headless Chromium for one test file. Fails (never skips) when Chromium is missing, with the
 * command that installs it.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium is not installed at ${chromiumPath}: run \`apt-get install -y chromium\` (bash .ci/run does)`,
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Builds dist/shared-ui (the sidebar and the playground) as `npm run build` does. */
export function buildUi(): void {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.js')], { cwd: root, stdio: 'pipe' });
}

/** The page code of a test fake, bundled into one script to inject before the page's own. */
export async function bundleForPage(entry: string, globalName: string): Promise<string> {
  const result = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    write: false,
    format: 'iife',
    globalName,
    platform: 'browser',
    target: 'es2020',
    logLevel: 'warning',
  });
  const file = result.outputFiles[0];
  if (file === undefined) throw new Error(`esbuild produced nothing for ${entry}`);
  return file.text;
}

/** Collects the page's uncaught errors and console errors, so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // A refused request is logged by the browser itself; what the page made of it is the test's.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(`console: ${message.text()}`);
    }
  });
  return errors;
}

/**
 * Saves a screenshot of the page under docs/ when CRM_SCREENSHOTS=1 (how the README's pictures
 * are made); otherwise only checks that one can be taken.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const image = await page.screenshot({ fullPage: true });
  if (image.length === 0) throw new Error(`empty screenshot ${name}`);
  if (process.env['CRM_SCREENSHOTS'] === '1') {
    const file = join(root, 'docs', `${name}.png`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, image);
  }
}

/**
 * Serves one HTML page from its own port on 127.0.0.1: another origin than the sync server's,
 * as Apps Script serves a sidebar from googleusercontent.com, so the page's calls cross origins.
 */
export async function servePage(
  html: string,
): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
