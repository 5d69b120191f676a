/**
 * A write gave up on the database: it waited too long for another instance's write, a statement
 * ran past its limit, or the connection went silent. Nothing is wrong with the request, so it
 * answers 503 with Retry-After; `cause` is the driver's error.
 */
export class DatabaseBusyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseBusyError';
  }
}

/** The seconds a client is told to wait after a write gave up: about a stuck holder's end. */
export const busyRetryAfterSeconds = 10;
