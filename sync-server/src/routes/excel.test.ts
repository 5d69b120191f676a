import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import {
  taskpaneConfigSchema,
  type TaskpaneConfig,
} from '../../../shared/core/schemas/taskpane-config';
import { loadConfig, type Config } from '../config/config';
import type { AppEnv } from '../http/context';
import { requestInfo } from '../http/request-info';
import { excelRoutes } from './excel';

function configWith(env: Record<string, string>): Config {
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  return loaded.config;
}

// The server's own Microsoft verifier settings, which CRM_MS_CLIENT_ID requires.
const verifier = {
  CRM_MS_JWKS_URL: 'https://login.example/keys',
  CRM_MS_ISSUER: 'https://login.example/tenant/v2.0',
  CRM_MS_AUDIENCE: 'api://crm',
};

const files: Record<string, string> = {
  'taskpane.html':
    '<!doctype html><div id="app"></div><!--crm-config--><script src="taskpane.js"></script>',
  'taskpane.js': 'console.log("pane")',
  'manifest.xml': '<OfficeApp/>',
  'assets/icon-32.png': 'PNG',
};

/** The Excel routes alone, over files of our own instead of dist/addon-excel. */
function excelApp(env: Record<string, string> = {}, present = files): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requestInfo(false));
  app.route(
    '/',
    excelRoutes(configWith(env), (file) => {
      const text = present[file.replace(/\\/g, '/')];
      return text === undefined
        ? Promise.reject(new Error(`ENOENT ${file}`))
        : Promise.resolve(Buffer.from(text));
    }),
  );
  return app;
}

async function configOf(res: Response): Promise<TaskpaneConfig> {
  const html = await res.text();
  const json = /<script type="application\/json" id="crm-config">(.*?)<\/script>/s.exec(html)?.[1];
  return taskpaneConfigSchema.parse(JSON.parse(json ?? 'null'));
}

describe('GET /excel/…', () => {
  it('writes no Microsoft sign-in into the task pane when the add-in has no Entra app', async () => {
    const res = await excelApp().request('/excel/taskpane.html');
    expect(res.status).toBe(200);
    expect(await configOf(res)).toEqual({ microsoft: null });
    const policy = res.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self' https://appsforoffice.microsoft.com");
    expect(policy).toContain('https://*.officeapps.live.com');
    expect(policy).not.toContain('unsafe-eval');
  });

  it('hands the task pane the Entra app, with the default scope of the app’s own API', async () => {
    const clientId = '6f1c2b9e-4d3a-4e8b-9c0d-1a2b3c4d5e6f';
    const res = await excelApp({ ...verifier, CRM_MS_CLIENT_ID: clientId }).request(
      '/excel/taskpane.html',
    );
    expect(await configOf(res)).toEqual({
      microsoft: {
        clientId,
        authority: 'https://login.microsoftonline.com/organizations',
        scopes: [`api://${clientId}/access_as_user`],
      },
    });
    const scoped = await excelApp({
      ...verifier,
      CRM_MS_CLIENT_ID: clientId,
      CRM_MS_AUTHORITY: 'https://login.microsoftonline.com/contoso.onmicrosoft.com',
      CRM_MS_SCOPES: `api://crm.example.com/${clientId}/access_as_user`,
    }).request('/excel/taskpane.html');
    expect((await configOf(scoped)).microsoft?.scopes).toEqual([
      `api://crm.example.com/${clientId}/access_as_user`,
    ]);
  });

  it('refuses a Microsoft setting that is not what it should be, naming it', () => {
    expect(loadConfig({ CRM_MS_CLIENT_ID: 'my-app' })).toMatchObject({
      ok: false,
      errors: [expect.stringContaining('CRM_MS_CLIENT_ID')],
    });
    expect(loadConfig({ CRM_MS_AUTHORITY: 'http://login.example.com/x' })).toMatchObject({
      ok: false,
      errors: [
        expect.stringContaining(
          'CRM_MS_AUTHORITY: 须为 https:// 地址 / must be an https:// address',
        ),
      ],
    });
  });

  it('serves the scripts, the manifest and the icons with their types, and nothing else', async () => {
    const app = excelApp();
    const js = await app.request('/excel/taskpane.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe(files['taskpane.js']);
    const manifest = await app.request('/excel/manifest.xml');
    expect(manifest.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    // Opened again, an unchanged script is not sent again.
    const tag = js.headers.get('etag') ?? '';
    expect(tag).not.toBe('');
    const again = await app.request('/excel/taskpane.js', { headers: { 'if-none-match': tag } });
    expect(again.status).toBe(304);
    const icon = await app.request('/excel/assets/icon-32.png');
    expect(icon.headers.get('content-type')).toBe('image/png');
    expect((await app.request('/excel/assets/..%2F..%2Fpackage.json')).status).toBe(404);
    expect((await app.request('/excel/assets/icon-99.png')).status).toBe(404);
    expect((await app.request('/excel/other.html')).status).toBe(404);
  });

  it('says how to build the add-in when it is not built, in the caller’s language', async () => {
    const res = await excelApp({}, {}).request('/excel/taskpane.html', {
      headers: { 'accept-language': 'en' },
    });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('npm run build:excel');
  });
});
