/** PostgreSQL's serialization failure and deadlock: the transaction lost a race and may be re-run. */
const conflictCodes = new Set(['40001', '40P01']);

/** Whether the error, or an error it wraps as `cause`, is a serialization failure or deadlock. */
export function isRetryableConflict(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string' && conflictCodes.has(code)) return true;
    current = cause;
  }
  return false;
}

export interface RetryOptions {
  /** Runs in all, the first included. */
  attempts: number;
  /** The first pause; each further pause doubles, with jitter so racing instances part ways. */
  delayMs: number;
}

/**
 * Runs `attempt` and, while it fails with a serialization failure or deadlock, runs it again, up
 * to `attempts` runs in all. Each run must be a whole transaction: a half is never repeated.
 */
export async function retryOnConflict<T>(
  attempt: () => Promise<T>,
  options: RetryOptions = { attempts: 4, delayMs: 10 },
): Promise<T> {
  for (let run = 1; ; run += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (run >= options.attempts || !isRetryableConflict(error)) throw error;
      const pause = options.delayMs * 2 ** (run - 1) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
