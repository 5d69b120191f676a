/** Values a statement may bind. JSON columns are bound as strings. */
export type SqlValue = string | number | bigint | null;

/**
 * What repositories need to run SQL. Statements use `?` placeholders in both dialects; the
 * PostgreSQL driver numbers them.
 */
export interface SqlExecutor {
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
  /**
   * Inserts rows, each its values in `columns` order, in as few statements as the engine
   * allows. With `upsertOn` (a unique column), a row whose key exists updates every other
   * column instead. Table and column names are the caller's own constants, never input.
   */
  insertRows(
    table: string,
    columns: readonly string[],
    rows: readonly (readonly SqlValue[])[],
    upsertOn?: string,
  ): Promise<void>;
}

/** Who hears a channel: see `Database.listen`. */
export interface ChannelListener {
  /** A notification sent on the channel, by this instance or (on PostgreSQL) another. */
  message(payload: string): void;
  /**
   * The listening connection was lost and made again: notifications sent meanwhile may be lost,
   * so whatever they would have triggered should be done now.
   */
  resumed?(): void;
}

/** How a write transaction runs. */
export interface WriteOptions {
  /**
   * Its statements may run for minutes (a migration's CREATE INDEX on a large table), so no
   * time limit applies to them; every other write's statements are limited on PostgreSQL.
   */
  noTimeLimit?: boolean;
}

/** What `tryWithLock` answers: whether this caller got the lock, and the job's result if so. */
export type LockOutcome<T> = { acquired: true; value: T } | { acquired: false };

/**
 * The storage interface: reads run directly, writes run through `write`, one transaction at a
 * time, so that a transaction that awaits between statements never takes in another request's
 * statements, and whole batches commit together. On PostgreSQL "one at a time" holds across
 * every server instance on the database, and `work` may run again when the transaction loses a
 * deadlock or serialization race, so it must not act outside the database before it returns.
 * On PostgreSQL a write that waits too long for the database fails with `DatabaseBusyError`.
 */
export interface Database extends SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  write<T>(work: (tx: SqlExecutor) => Promise<T>, options?: WriteOptions): Promise<T>;
  /**
   * Runs `job` unless someone else (another caller here or, on PostgreSQL, another instance)
   * holds the lock `name`; then it answers at once without running it. For background jobs
   * that must run on one instance at a time; the job reads and writes through this database.
   */
  tryWithLock<T>(name: string, job: () => Promise<T>): Promise<LockOutcome<T>>;
  /**
   * Sends `payload` to every listener of `channel` (lowercase letters, digits and _): on
   * PostgreSQL every instance on this database and schema hears it (NOTIFY), on SQLite this
   * process. Sent at once, outside any transaction: call it after the change has committed.
   */
  notify(channel: string, payload: string): Promise<void>;
  /** Calls `listener` for each notification on `channel` until the answered `stop` is called. */
  listen(channel: string, listener: ChannelListener): Promise<() => void>;
  close(): Promise<void>;
}
