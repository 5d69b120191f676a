import { Hono } from 'hono';
import type { Locale } from '../../../shared/core/i18n/locale';
import type { ApiOperation } from '../http/api-operation';
import type { AppEnv } from '../http/context';
import { docsPage } from '../http/docs-page';
import { openApiDocument, type OpenApiDocument } from '../http/openapi';

// The page reads nothing from elsewhere: a policy that allows only its inline styles proves it.
const pagePolicy =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/**
 * `GET /openapi.json` and `GET /docs`: the API document built from the operations every route
 * module declares, and the same as a web page; public, in the caller's language.
 */
export function docsRoutes(operations: readonly ApiOperation[]): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Built once per language, on first ask: the operations do not change while the server runs.
  const documents = new Map<Locale, OpenApiDocument>();
  const documentIn = (locale: Locale) => {
    const known = documents.get(locale);
    if (known !== undefined) return known;
    const document = openApiDocument(operations, locale);
    documents.set(locale, document);
    return document;
  };

  app.get('/openapi.json', (c) => c.json(documentIn(c.get('info').locale)));

  app.get('/docs', (c) => {
    const { locale } = c.get('info');
    c.header('Content-Security-Policy', pagePolicy);
    return c.html(docsPage(documentIn(locale), locale));
  });

  return app;
}

/** The document routes, for the document itself. */
export const docsOperations: ApiOperation[] = [
  { method: 'get', path: '/openapi.json', summary: 'api.openapi', auth: 'public' },
  {
    method: 'get',
    path: '/docs',
    summary: 'api.docs',
    auth: 'public',
    contentType: 'text/html',
  },
];
