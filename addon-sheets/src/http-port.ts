import type { Locale } from '../../shared/core/i18n/locale';
import type { BlockingSyncPorts } from '../../shared/core/sync-client/index';

/**
 * The sync server through UrlFetchApp: HTTP errors come back as answers (muteHttpExceptions),
 * and only a request that got no answer at all throws, which the engine retries with the same
 * body and so the same mutation IDs.
 */
export function httpPort(
  baseUrl: string,
  token: string,
  locale: Locale,
): BlockingSyncPorts['http'] {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    request(method, path, body) {
      const response = UrlFetchApp.fetch(`${base}${path}`, {
        method: method === 'GET' ? 'get' : 'post',
        headers: {
          Authorization: `Bearer ${token}`,
          'X-CRM-Client': 'sheets',
          'Accept-Language': locale,
        },
        muteHttpExceptions: true,
        followRedirects: false,
        ...(body === undefined ? {} : { contentType: 'application/json', payload: body }),
      });
      const text = response.getContentText();
      let parsed: unknown;
      try {
        parsed = text === '' ? undefined : (JSON.parse(text) as unknown);
      } catch {
        // A proxy's error page: the status tells the engine what happened.
        parsed = undefined;
      }
      const retryAfter = headerOf(response.getHeaders(), 'retry-after');
      return {
        status: response.getResponseCode(),
        body: parsed,
        ...(retryAfter === undefined ? {} : { retryAfter }),
      };
    },
  };
}

/** A header by name in any case, as UrlFetchApp keeps the names the server sent. */
function headerOf(headers: Record<string, unknown>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && typeof value === 'string') return value;
  }
  return undefined;
}
