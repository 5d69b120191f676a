import type { Locale } from '../i18n/locale';
import { t as translate } from '../i18n/translate';
import { io, type Steps } from './drive';
import type { ClockPort, HttpAnswer, SyncFailure, SyncOptions, SyncPorts } from './index';

type Work = 'push' | 'pull' | 'write';

/**
 * How long each kind of work has taken so far, to decide whether the next one still fits before
 * the deadline. Until something was measured, a guess on the safe side.
 */
export class Timing {
  private readonly longest: Record<Work, number> = { push: 0, pull: 0, write: 0 };
  private readonly guess: Record<Work, number> = { push: 10_000, pull: 10_000, write: 5_000 };

  constructor(
    private readonly clock: ClockPort,
    private readonly deadline: number | undefined,
  ) {}

  observe(work: Work, ms: number): void {
    this.longest[work] = Math.max(this.longest[work], ms);
  }

  /**
   * Whether one more piece of this work, and reading and writing the sheet after it, fits;
   * after a wait of `waitMs` when given.
   */
  fits(work: Work, waitMs = 0): boolean {
    if (this.deadline === undefined) return true;
    const need = waitMs + this.estimate(work) + 2 * this.estimate('write');
    return this.clock.now() + need <= this.deadline;
  }

  private estimate(work: Work): number {
    const seen = this.longest[work];
    return seen === 0 ? this.guess[work] : seen * 1.5;
  }
}

export type SendResult =
  { ok: true; status: number; body: unknown } | { ok: false; failure: SyncFailure };

/** The longest `Retry-After` a run waits out; a longer one stops the run with its message. */
export const longestRetryWaitMs = 10_000;

/**
 * Sends one request, again with the same body when nothing came back or the server failed
 * (same mutation IDs, so the server answers a push it already applied with the same outcomes).
 * Refusals (401, 403, 4xx) are not retried. A `Retry-After` is obeyed: waited out when short
 * and within the deadline, else the run stops there and says when to try again.
 * @example yield* sendRequest(ports, timing, {}, 'zh-CN', 'pull', 'GET', '/v1/sync/pull?since=0')
 */
export function* sendRequest(
  ports: SyncPorts,
  timing: Timing,
  options: SyncOptions,
  locale: Locale,
  work: 'push' | 'pull',
  method: 'GET' | 'POST',
  path: string,
  body?: string,
): Steps<SendResult> {
  const attempts = Math.max(1, options.maxAttempts ?? 3);
  for (let attempt = 1; ; attempt++) {
    const started = ports.clock.now();
    let answer: HttpAnswer | undefined;
    let failure: SyncFailure;
    try {
      answer = yield* io(() => ports.http.request(method, path, body));
    } catch {
      answer = undefined;
    }
    timing.observe(work, ports.clock.now() - started);
    if (answer === undefined) {
      failure = { code: 'network', message: translate('syncClient.failure.network', locale) };
    } else if (answer.status >= 200 && answer.status < 300) {
      return { ok: true, status: answer.status, body: answer.body };
    } else {
      failure = classify(answer, locale);
      const retryable = answer.status === 429 || answer.status >= 500;
      if (!retryable) return { ok: false, failure };
    }
    const sleep = ports.clock.sleep?.bind(ports.clock);
    const told = answer === undefined ? undefined : retryAfterMs(answer, ports.clock.now());
    if (told !== undefined) {
      // Asked to wait: never sooner, and never a wait the user would sit through for long.
      const waits = sleep !== undefined && told <= longestRetryWaitMs && timing.fits(work, told);
      if (attempt >= attempts || !waits) return { ok: false, failure };
      yield* io(() => sleep(told));
      continue;
    }
    if (attempt >= attempts || !timing.fits(work)) return { ok: false, failure };
    if (sleep !== undefined) yield* io(() => sleep(1000 * attempt));
  }
}

/** The wait a `Retry-After` asks for, in ms (0 for a date gone by); undefined without one. */
function retryAfterMs(answer: HttpAnswer, now: number): number | undefined {
  const value = answer.retryAfter?.trim();
  if (value === undefined || value === '') return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function classify(answer: HttpAnswer, locale: Locale): SyncFailure {
  const { status } = answer;
  if (status === 401) {
    return {
      code: 'unauthorized',
      status,
      message: translate('syncClient.failure.unauthorized', locale),
    };
  }
  if (status === 403) {
    return {
      code: 'forbidden',
      status,
      message: translate('syncClient.failure.forbidden', locale),
    };
  }
  const said = (answer.body as { error?: { message?: unknown } } | undefined)?.error?.message;
  if (status === 429 || status >= 500) {
    // Rate limited or sign-in briefly unavailable: the server's own words say when to retry.
    const told = (status === 429 || status === 503) && typeof said === 'string' && said !== '';
    return {
      code: 'server',
      status,
      message: told ? said : translate('syncClient.failure.server', locale, { status }),
    };
  }
  return {
    code: 'protocol',
    status,
    message:
      typeof said === 'string'
        ? said
        : translate('syncClient.failure.protocol', locale, { status }),
  };
}
