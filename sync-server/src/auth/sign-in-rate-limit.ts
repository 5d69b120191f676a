/** Options for {@link createFailureLimiter}. */
export interface FailureLimiterOptions {
  /** Failures allowed per address within one window; the next attempt is refused. */
  readonly maxFailures: number;
  /** The window starts at an address's first failure and lasts this long. */
  readonly windowMs: number;
  /** Addresses remembered at once; 10,000 by default. The oldest windows are dropped first. */
  readonly maxAddresses?: number;
  /** The clock, in milliseconds; `Date.now` by default. */
  readonly now?: () => number;
}

/** Whether a sign-in attempt may go ahead, and if not, when to try again. */
export type FailureLimitDecision =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

/** Counts failed sign-ins per client address. */
export interface FailureLimiter {
  /** Call before verifying: refused once an address has used up its failures in this window. */
  check(address: string): FailureLimitDecision;
  /** Call after a failed sign-in. */
  recordFailure(address: string): void;
  /** Call after a successful sign-in, so a user who mistyped is not left counting. */
  reset(address: string): void;
  /** How many addresses are remembered now; for metrics and to prove memory stays bounded. */
  size(): number;
}

interface Window {
  readonly startedAt: number;
  failures: number;
}

/**
 * Creates an in-memory limiter of failed sign-ins per client address, in fixed windows that start
 * at the first failure. Only failures count, so a busy office behind one NAT address is not
 * throttled for signing in successfully. Memory is bounded: at most `maxAddresses` windows are
 * kept; when full, expired windows and then the oldest live ones are dropped (an attacker cycling
 * addresses can push out older entries, which only ever loosens the limit, never locks anyone out).
 * @example const limiter = createFailureLimiter({ maxFailures: 5, windowMs: 15 * 60_000 }); limiter.check('203.0.113.7') // { allowed: true }
 */
export function createFailureLimiter(options: FailureLimiterOptions): FailureLimiter {
  const { maxFailures, windowMs } = options;
  const maxAddresses = options.maxAddresses ?? 10_000;
  const now = options.now ?? Date.now;
  if (!Number.isInteger(maxFailures) || maxFailures < 1) {
    throw new RangeError('maxFailures must be a positive integer');
  }
  if (!Number.isFinite(windowMs) || windowMs <= 0) {
    throw new RangeError('windowMs must be a positive number');
  }
  if (!Number.isInteger(maxAddresses) || maxAddresses < 1) {
    throw new RangeError('maxAddresses must be a positive integer');
  }

  // A Map iterates in insertion order and a window is (re)inserted when it starts, so the oldest
  // windows come first. Room is made in batches (down to 90% of the cap) in one pass: deleting
  // one entry per insert would have each insert walk over the holes the last deletes left, which
  // makes a flood of new addresses quadratic.
  const windows = new Map<string, Window>();
  const roomTarget = Math.min(maxAddresses - 1, Math.floor(maxAddresses * 0.9));
  const isLive = (window: Window, at: number): boolean => at - window.startedAt < windowMs;

  const makeRoom = (at: number): void => {
    let excess = windows.size - roomTarget;
    for (const [address, window] of windows) {
      if (excess <= 0 && isLive(window, at)) break;
      windows.delete(address);
      excess -= 1;
    }
  };

  const liveWindow = (address: string, at: number): Window | undefined => {
    const window = windows.get(address);
    if (window === undefined) return undefined;
    if (isLive(window, at)) return window;
    windows.delete(address);
    return undefined;
  };

  return {
    check(address) {
      const at = now();
      const window = liveWindow(address, at);
      if (window === undefined || window.failures < maxFailures) return { allowed: true };
      const remainingMs = window.startedAt + windowMs - at;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)) };
    },

    recordFailure(address) {
      const at = now();
      const window = liveWindow(address, at);
      if (window !== undefined) {
        window.failures += 1;
        return;
      }
      if (windows.size >= maxAddresses) makeRoom(at);
      windows.set(address, { startedAt: at, failures: 1 });
    },

    reset(address) {
      windows.delete(address);
    },

    size() {
      return windows.size;
    },
  };
}
