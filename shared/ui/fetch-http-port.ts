import type { Locale } from '../core/i18n/locale';
import type { HttpAnswer, HttpPort } from '../core/sync-client/index';
import type { HostClient } from './host';

export interface FetchHttpOptions {
  serverUrl: string;
  /** The sign-in token; none is sent when it is `''`. */
  token: string;
  /** The `X-CRM-Client` the server audits the calls under. */
  client: HostClient;
  locale: () => Locale;
  fetch?: typeof fetch;
}

/**
 * The sync engine's HTTP port over browser `fetch`: the caller's token, client and language on
 * every request; an answer that is not JSON comes back with no body, for the engine to classify.
 */
export function fetchHttpPort(options: FetchHttpOptions): HttpPort {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  return {
    request: async (method, path, body): Promise<HttpAnswer> => {
      const headers: Record<string, string> = {
        'x-crm-client': options.client,
        'accept-language': options.locale(),
      };
      if (options.token !== '') headers['authorization'] = `Bearer ${options.token}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await doFetch(`${options.serverUrl}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
      });
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = text === '' ? undefined : (JSON.parse(text) as unknown);
      } catch {
        parsed = undefined;
      }
      const retryAfter = res.headers.get('retry-after');
      return { status: res.status, body: parsed, ...(retryAfter === null ? {} : { retryAfter }) };
    },
  };
}
