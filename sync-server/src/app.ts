import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { z } from 'zod';
import { t } from '../../shared/core/i18n/translate';
import { auditOperations, auditRoutes } from './audit/audit-routes';
import { ApiError } from './http/api-error';
import type { ApiOperation } from './http/api-operation';
import { authenticate } from './http/authenticate';
import { allowedOrigin } from './http/cors-origins';
import type { AppEnv } from './http/context';
import type { ServerDeps } from './http/deps';
import { nulPathNotFound } from './http/nul-path-not-found';
import { requestInfo } from './http/request-info';
import { adminRoutes } from './routes/admin';
import { adminOperations } from './routes/admin-api';
import { customerExportOperations, customerExportRoutes } from './routes/customer-export';
import { customerOperations, customerRoutes } from './routes/customers';
import { docsOperations, docsRoutes } from './routes/docs';
import { excelOperations, excelRoutes } from './routes/excel';
import { meOperations, meRoutes } from './routes/me';
import { playgroundOperations, playgroundRoutes } from './routes/playground';
import { referenceOperations, referenceRoutes } from './routes/reference';
import { reviewOperations, reviewRoutes } from './routes/review';
import { settingsOperations, settingsRoutes } from './routes/settings';
import { syncRoutes } from './routes/sync';
import { syncEventRoutes } from './routes/sync-events';
import { syncOperations } from './routes/sync-operations';
import { tagOperations, tagRoutes } from './routes/tags';
import { unmaskOperations, unmaskRoutes } from './routes/unmask';
import { busyRetryAfterSeconds, DatabaseBusyError } from './storage/database-busy-error';

/** The answer of `GET /healthz`. */
export const healthSchema = z.object({ status: z.literal('ok') });

/**
 * Every route of the app as the API document describes it. A route mounted below without its
 * operation here (or the other way round) fails `docs.test.ts`.
 */
export const apiOperations: readonly ApiOperation[] = [
  {
    method: 'get',
    path: '/healthz',
    summary: 'api.health',
    auth: 'public',
    response: healthSchema,
  },
  ...docsOperations,
  ...playgroundOperations,
  ...excelOperations,
  ...meOperations,
  ...referenceOperations,
  ...tagOperations,
  ...adminOperations,
  ...settingsOperations,
  ...syncOperations,
  ...customerOperations,
  ...customerExportOperations,
  ...reviewOperations,
  ...unmaskOperations,
  ...auditOperations,
];

/**
 * The sync server's HTTP application. Every `/v1` route signs the caller in first and asks the
 * policy module before it answers; errors leave in one shape, rendered here once.
 */
export function createApp(deps: ServerDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const maxBytes = deps.config.CRM_MAX_BODY_BYTES;

  app.use(requestInfo(deps.config.CRM_TRUST_PROXY));
  const defaultHeaders = secureHeaders();
  // The Excel add-in's files: Excel on the web frames the task pane (its page says by whom, in
  // frame-ancestors) and shows the icons from its own origin.
  const addinHeaders = secureHeaders({
    xFrameOptions: false,
    crossOriginResourcePolicy: 'cross-origin',
  });
  app.use((c, next) =>
    c.req.path.startsWith('/excel/') ? addinHeaders(c, next) : defaultHeaders(c, next),
  );
  if (deps.config.CRM_CORS_ORIGINS.length > 0) {
    app.use(
      '/v1/*',
      cors({
        origin: allowedOrigin(deps.config.CRM_CORS_ORIGINS),
        allowHeaders: ['Authorization', 'Content-Type', 'Accept-Language', 'X-CRM-Client'],
        // A sidebar on another origin reads how long to wait after a 429 or a 503.
        exposeHeaders: ['Retry-After'],
        maxAge: 600,
      }),
    );
  }
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: maxBytes,
      onError: (c) => {
        const { locale } = (c as Context<AppEnv>).get('info');
        throw new ApiError(
          413,
          'payload_too_large',
          t('http.payloadTooLarge', locale, { max: maxBytes }),
        );
      },
    }),
  );

  app.get('/healthz', (c) => c.json({ status: 'ok' } satisfies z.infer<typeof healthSchema>));
  app.route('/', docsRoutes(apiOperations));
  app.route('/', playgroundRoutes(deps));
  app.route('/', excelRoutes(deps.config));
  app.use('/v1/*', authenticate(deps));
  app.use('/v1/*', nulPathNotFound);
  app.route('/', meRoutes(deps));
  app.route('/', referenceRoutes(deps));
  app.route('/', tagRoutes(deps));
  app.route('/', adminRoutes(deps));
  app.route('/', settingsRoutes(deps));
  app.route('/', syncRoutes(deps));
  app.route('/', syncEventRoutes(deps));
  // Before the customer routes: `/v1/customers/export` is not a customer ID.
  app.route('/', customerExportRoutes(deps));
  app.route('/', customerRoutes(deps));
  app.route('/', reviewRoutes(deps));
  app.route('/', unmaskRoutes(deps));
  app.route(
    '/',
    auditRoutes({ db: deps.db, publicKeyPem: () => deps.auditSigner.publicKeyPem, now: deps.now }),
  );

  app.notFound((c) =>
    c.json(
      {
        error: {
          code: 'not_found',
          message: t('http.notFound', c.get('info').locale, { what: c.req.path }),
        },
      },
      404,
    ),
  );
  app.onError((error, c) => {
    if (error instanceof ApiError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json(error.body(), error.status);
    }
    const info = c.get('info');
    if (error instanceof HTTPException && error.status < 500) {
      return c.json(
        {
          error: {
            code: 'bad_request',
            message: t('http.badRequest', info.locale, { detail: error.message }),
          },
        },
        error.status,
      );
    }
    // The error's name and code only: its message may quote what a user sent or a stored value
    // (a database names the value it refused), and stacks stay out of logs and responses.
    const code = (error as { code?: unknown }).code;
    console.error(
      `[${info.requestId}] request failed: ${error.name}${typeof code === 'string' ? ` (${code})` : ''}`,
    );
    if (error instanceof DatabaseBusyError) {
      const seconds = busyRetryAfterSeconds;
      c.header('Retry-After', String(seconds));
      return c.json(
        { error: { code: 'busy', message: t('http.busy', info.locale, { seconds }) } },
        503,
      );
    }
    return c.json(
      {
        error: {
          code: 'internal',
          message: t('http.internal', info.locale, { requestId: info.requestId }),
        },
      },
      500,
    );
  });
  return app;
}
