import type {
  HttpResponse,
  UrlFetchAppApi,
  UrlFetchParams,
} from '../../../addon-sheets/src/apps-script-api';
import { exception, type FakeContext } from './fake-context';
import { limits } from './limits';
import { SyncFetcher } from './sync-fetch';

/** One request the script made, as the fake saw it. */
export interface FetchRecord {
  url: string;
  method: string;
  headers: Record<string, string>;
  payload?: string;
  status?: number;
  dropped: boolean;
}

/**
 * UrlFetchApp to a real server on loopback, synchronous as in Apps Script, inside the
 * manifest's urlFetchWhitelist and the quotas: 20,000 calls a day, 50 MB a request and an
 * answer, 2 KB a URL, 100 headers of 8 KB in all. A test can drop answers (the server acts,
 * the script gets an exception, as when the network fails on the way back) and act between the
 * request and the answer (a user typing while the sync runs).
 */
export class FakeUrlFetchApp implements UrlFetchAppApi {
  readonly records: FetchRecord[] = [];
  private day = -1;
  callsToday = 0;
  private dropping = 0;
  /** Runs after the server answered, before the script sees the answer. */
  onAnswer: ((record: FetchRecord) => void) | undefined = undefined;
  private readonly fetcher = new SyncFetcher();

  constructor(
    private readonly ctx: FakeContext,
    private readonly whitelist: readonly string[],
  ) {}

  /** The next `n` answers are lost after the server acted on their requests. */
  dropNextAnswers(n: number): void {
    this.dropping = n;
  }

  fetch(url: string, params: UrlFetchParams): HttpResponse {
    this.ctx.clock.check();
    const day = this.ctx.clock.day();
    if (day !== this.day) {
      this.day = day;
      this.callsToday = 0;
    }
    if (this.callsToday >= limits.urlFetchCallsPerDay) {
      throw exception('Service invoked too many times for one day: urlfetch.');
    }
    this.callsToday += 1;
    if (url.length > limits.urlFetchUrlLength)
      throw exception('Limit Exceeded: URLFetch URL Length.');
    if (this.whitelist.length > 0 && !this.whitelist.some((prefix) => url.startsWith(prefix))) {
      throw exception(
        `Exception: The URL ${url} is not allowed by the urlFetchWhitelist of the manifest.`,
      );
    }
    const headers = { ...(params.headers ?? {}) };
    if (params.contentType !== undefined) headers['content-type'] = params.contentType;
    const headerBytes = Object.entries(headers).reduce((n, [k, v]) => n + k.length + v.length, 0);
    if (
      Object.keys(headers).length > limits.urlFetchHeaders ||
      headerBytes > limits.urlFetchHeaderBytes
    ) {
      throw exception('Limit Exceeded: URLFetch headers.');
    }
    const payload = params.payload;
    const sent = payload === undefined ? 0 : Buffer.byteLength(payload, 'utf8');
    if (sent > limits.urlFetchPayloadBytes) throw exception('Limit Exceeded: URLFetch POST Size.');
    if (params.method === 'get' && payload !== undefined)
      throw exception('A GET request cannot have a payload.');

    const record: FetchRecord = {
      url,
      method: params.method,
      headers,
      ...(payload === undefined ? {} : { payload }),
      dropped: false,
    };
    this.records.push(record);
    this.ctx.calls['UrlFetchApp.fetch'] = (this.ctx.calls['UrlFetchApp.fetch'] ?? 0) + 1;
    const result = this.fetcher.fetch(url, {
      method: params.method.toUpperCase(),
      headers,
      ...(payload === undefined ? {} : { body: payload }),
    });
    const received = 'body' in result ? Buffer.byteLength(result.body, 'utf8') : 0;
    this.ctx.clock.charge(
      this.ctx.costs.fetchLatencyMs + (sent + received) / this.ctx.costs.fetchBytesPerMs,
    );
    if ('error' in result) throw exception(`Address unavailable: ${url} (${result.error})`);
    record.status = result.status;
    this.onAnswer?.(record);
    if (this.dropping > 0) {
      this.dropping -= 1;
      record.dropped = true;
      throw exception(`Timeout: ${url}`);
    }
    if (received > limits.urlFetchResponseBytes)
      throw exception('Limit Exceeded: URLFetch response size.');
    if (!params.muteHttpExceptions && result.status >= 400) {
      throw exception(`Request failed for ${url} returned code ${result.status}.`);
    }
    return {
      getResponseCode: () => result.status,
      getContentText: () => result.body,
      getHeaders: () => ({ ...result.headers }),
    };
  }

  close(): Promise<number> {
    return this.fetcher.close();
  }
}
