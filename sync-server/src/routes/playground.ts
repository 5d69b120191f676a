import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import { z } from 'zod';
import { t } from '../../../shared/core/i18n/translate';
import type { ApiOperation } from '../http/api-operation';
import type { AppEnv } from '../http/context';
import { distDir } from '../http/dist-dir';
import type { ServerDeps } from '../http/deps';

/** Where `npm run build` writes the playground page. */
export const playgroundFile = join(distDir(), 'shared-ui', 'playground.html');

/**
 * What the server tells the playground page, inlined into it: the demo users and their tokens
 * in playground mode (CRM_PLAYGROUND), nothing otherwise (the visitor pastes a token).
 */
export const playgroundConfigSchema = z.object({
  demo: z.boolean(),
  demoUsers: z.array(
    z.object({
      userId: z.string(),
      roleId: z.string(),
      roleName: z.object({ 'zh-CN': z.string(), en: z.string() }),
      token: z.string(),
    }),
  ),
});

export type PlaygroundConfig = z.infer<typeof playgroundConfigSchema>;

// Inline script and style only (the page is one file); requests only to this server.
const pagePolicy = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * `GET /playground`: the real sidebar beside an in-browser sheet, talking to this server, for
 * trying every flow without a Google or Microsoft account. Public: the page holds no data; in
 * playground mode it lists demo users' tokens, which is why that mode is an explicit setting
 * and only for a server on loopback.
 */
export function playgroundRoutes(
  deps: ServerDeps,
  readPage: () => Promise<string> = () => readFile(playgroundFile, 'utf8'),
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/playground', async (c) => {
    const { locale } = c.get('info');
    c.header('Content-Security-Policy', pagePolicy);
    c.header('Cache-Control', 'no-store');
    let page: string;
    try {
      page = await readPage();
    } catch {
      // Not built yet (`npm run dev` on a fresh checkout): say how, rather than a bare 404.
      const hint = t('playground.notBuilt', locale);
      return c.html(`<!doctype html><meta charset="utf-8"><title>Playground</title><p>${hint}</p>`);
    }
    // A request a proxy passed on came from beyond this machine, whatever HOST says: no tokens.
    const demo = deps.config.CRM_PLAYGROUND && !forwarded(c.req.raw.headers);
    const config: PlaygroundConfig = {
      demo,
      demoUsers: demo ? [...(deps.demoUsers ?? [])] : [],
    };
    // `<` escaped so no value can close the script element it sits in.
    const json = JSON.stringify(config).replace(/</g, '\\u003c');
    return c.html(
      page.replace(
        '<!--crm-config-->',
        () => `<script type="application/json" id="crm-config">${json}</script>`,
      ),
    );
  });

  return app;
}

/** Whether a proxy passed the request on (it says so in one of these headers). */
function forwarded(headers: Headers): boolean {
  return ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip'].some((name) =>
    headers.has(name),
  );
}

/** The playground page, for the API document. */
export const playgroundOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/playground',
    summary: 'api.playground',
    auth: 'public',
    contentType: 'text/html',
  },
];
