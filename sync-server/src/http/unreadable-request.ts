import type { IncomingMessage } from 'node:http';
import { RequestError } from '@hono/node-server';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { secureHeaders } from 'hono/secure-headers';
import { pickLocale } from '../../../shared/core/i18n/locale';
import { t } from '../../../shared/core/i18n/translate';
import type { ErrorBody } from './api-error';

interface Answer {
  status: ContentfulStatusCode;
  body: ErrorBody;
}

// The app's default security headers (app.ts), for answers given without the app.
const answers = new Hono<{ Bindings: Answer }>();
answers.use(secureHeaders());
answers.all('*', (c) => c.json(c.env.body, c.env.status));

/**
 * The answer to a request that never reaches the app because no URL can be made of it (a Host
 * header such as `exa mple`, a backslash in the path), or whose app failed outright: the error
 * shape with the security headers, in the caller's language, instead of an empty status.
 * @example getRequestListener(app.fetch, { errorHandler: (e) => unreadableRequest(e, incoming) })
 */
export async function unreadableRequest(
  error: unknown,
  incoming: Pick<IncomingMessage, 'headers'>,
): Promise<Response> {
  const locale = pickLocale(incoming.headers['accept-language']);
  if (error instanceof RequestError) {
    const host = incoming.headers.host ?? '';
    const message =
      /host/i.test(error.message) || !URL.canParse(`http://${host}/`)
        ? t('http.badHeader', locale, { header: 'Host' })
        : t('http.badRequest', locale, { detail: 'URL' });
    return answer({ status: 400, body: { error: { code: 'bad_request', message } } });
  }
  const requestId = crypto.randomUUID();
  // Only the name: stack traces and request data stay out of logs and responses.
  console.error(`[${requestId}] request failed: ${error instanceof Error ? error.name : 'error'}`);
  const message = t('http.internal', locale, { requestId });
  return answer({ status: 500, body: { error: { code: 'internal', message } } });
}

async function answer(env: Answer): Promise<Response> {
  return answers.request('/', {}, env);
}
