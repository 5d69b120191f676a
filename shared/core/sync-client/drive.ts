// The engine is one generator that yields each port call as a thunk and gets its value back, so
// the same steps run awaited (browser, Node) or straight through (Apps Script, where a function
// the sidebar calls must return its answer, not a promise).

/** A port call the engine wants made. */
export type PortCall = () => unknown;

/** The engine's steps: yields port calls, returns its result. */
export type Steps<R> = Generator<PortCall, R, unknown>;

/**
 * Makes one port call and hands back its value, typed.
 * @example const rows = yield* io(() => ports.sheet.readRows())
 */
export function* io<T>(call: () => T | Promise<T>): Generator<PortCall, T, unknown> {
  return (yield call) as T;
}

/**
 * Runs the steps, awaiting every port call; a rejected call is thrown into the steps.
 * @example await driveAsync(syncSteps(ports, options))
 */
export async function driveAsync<R>(steps: Steps<R>): Promise<R> {
  let next = steps.next();
  while (!next.done) {
    let value: unknown;
    try {
      value = await next.value();
    } catch (error) {
      next = steps.throw(error);
      continue;
    }
    next = steps.next(value);
  }
  return next.value;
}

/**
 * Runs the steps straight through; a port that returns a promise is a host error.
 * @example driveBlocking(syncSteps(appsScriptPorts, options))
 */
export function driveBlocking<R>(steps: Steps<R>): R {
  let next = steps.next();
  while (!next.done) {
    let value: unknown;
    try {
      value = next.value();
    } catch (error) {
      next = steps.throw(error);
      continue;
    }
    if (isThenable(value)) {
      throw new Error('runSyncBlocking: a port returned a promise; use runSync for async ports');
    }
    next = steps.next(value);
  }
  return next.value;
}

function isThenable(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
