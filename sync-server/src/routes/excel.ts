import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import { etag } from 'hono/etag';
import { t } from '../../../shared/core/i18n/translate';
import type { TaskpaneConfig } from '../../../shared/core/schemas/taskpane-config';
import type { Config } from '../config/config';
import type { ApiOperation } from '../http/api-operation';
import type { AppEnv } from '../http/context';
import { distDir } from '../http/dist-dir';

/** Where `npm run build:excel` (and `npm run build`) writes the add-in. */
export const excelDistDir = join(distDir(), 'addon-excel');

/** Office.js, from Microsoft's CDN as published add-ins must load it. */
export const officeJsOrigin = 'https://appsforoffice.microsoft.com';

/**
 * Who may frame the task pane: Excel on the web runs add-ins in an iframe under these; desktop
 * Excel shows the page in its own web view, where framing rules do not apply.
 */
export const officeFrameAncestors = [
  'https://*.officeapps.live.com',
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.sharepoint.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
];

// Microsoft's sign-in, for MSAL in the dialog page and in the task pane (token requests).
const loginOrigins = ['https://login.microsoftonline.com', 'https://login.live.com'];

const pagePolicy = [
  "default-src 'none'",
  `script-src 'self' ${officeJsOrigin}`,
  "style-src 'self' 'unsafe-inline'",
  `connect-src 'self' ${loginOrigins.join(' ')}`,
  `frame-src ${loginOrigins.join(' ')}`,
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  `frame-ancestors 'self' ${officeFrameAncestors.join(' ')}`,
].join('; ');

const pages = ['taskpane.html', 'sign-in.html'] as const;
const scripts = ['taskpane.js', 'sign-in.js'] as const;

/** The pages' settings from the server's: Microsoft sign-in only once the admin set it up. */
export function taskpaneConfig(config: Config): TaskpaneConfig {
  const clientId = config.CRM_MS_CLIENT_ID;
  if (clientId === undefined) return { microsoft: null };
  return {
    microsoft: {
      clientId,
      authority: config.CRM_MS_AUTHORITY,
      scopes: config.CRM_MS_SCOPES ?? [`api://${clientId}/access_as_user`],
    },
  };
}

/**
 * `GET /excel/…`: the Excel add-in, from the server's own origin so the task pane calls the
 * API without CORS. Pages get their settings inlined and may be framed by Excel on the web;
 * everything else keeps the app's default headers.
 */
export function excelRoutes(
  config: Config,
  read: (file: string) => Promise<Buffer> = (file) => readFile(join(excelDistDir, file)),
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Excel asks again each time the pane opens ('no-cache'); an unchanged file is a 304.
  app.use('/excel/*', etag());

  const notBuilt = (c: Context<AppEnv>) => {
    const { locale } = c.get('info');
    return c.text(t('excel.notBuilt', locale), 404);
  };

  for (const file of pages) {
    app.get(`/excel/${file}`, async (c) => {
      let page: string;
      try {
        page = (await read(file)).toString('utf8');
      } catch {
        return notBuilt(c);
      }
      // Excel on the web frames the task pane: frame-ancestors says who may (the app sends no
      // X-Frame-Options under /excel/, see `addinHeaders` in app.ts).
      c.header('Content-Security-Policy', pagePolicy);
      c.header('Cache-Control', 'no-cache');
      // `<` escaped so no value can close the script element it sits in.
      const json = JSON.stringify(taskpaneConfig(config)).replace(/</g, '\\u003c');
      return c.html(
        page.replace(
          '<!--crm-config-->',
          () => `<script type="application/json" id="crm-config">${json}</script>`,
        ),
      );
    });
  }

  for (const file of scripts) {
    app.get(`/excel/${file}`, async (c) => {
      try {
        const body = await read(file);
        c.header('Content-Type', 'text/javascript; charset=utf-8');
        c.header('Cache-Control', 'no-cache');
        return c.body(new Uint8Array(body));
      } catch {
        return notBuilt(c);
      }
    });
  }

  app.get('/excel/manifest.xml', async (c) => {
    try {
      const body = await read('manifest.xml');
      c.header('Content-Type', 'application/xml; charset=utf-8');
      c.header('Content-Disposition', 'attachment; filename="manifest.xml"');
      return c.body(new Uint8Array(body));
    } catch {
      return notBuilt(c);
    }
  });

  app.get('/excel/assets/:name', async (c) => {
    const name = c.req.param('name');
    if (!/^icon-\d+\.png$/.test(name)) return c.notFound();
    try {
      const body = await read(join('assets', name));
      c.header('Content-Type', 'image/png');
      c.header('Cache-Control', 'public, max-age=86400');
      return c.body(new Uint8Array(body));
    } catch {
      return c.notFound();
    }
  });

  return app;
}

/** The add-in's files, for the API document. */
export const excelOperations: ApiOperation[] = [
  ...pages.map((file): ApiOperation => ({
    method: 'get',
    path: `/excel/${file}`,
    summary: 'api.excelPage',
    auth: 'public',
    contentType: 'text/html',
  })),
  ...scripts.map((file): ApiOperation => ({
    method: 'get',
    path: `/excel/${file}`,
    summary: 'api.excelScript',
    auth: 'public',
    contentType: 'text/javascript',
  })),
  {
    method: 'get',
    path: '/excel/manifest.xml',
    summary: 'api.excelManifest',
    auth: 'public',
    contentType: 'application/xml',
  },
  {
    method: 'get',
    path: '/excel/assets/:name',
    summary: 'api.excelAsset',
    auth: 'public',
    contentType: 'image/png',
  },
];
