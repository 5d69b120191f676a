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
}

/** What `tryWithLock` answers: whether this caller got the lock, and the job's result if so. */
export type LockOutcome<T> = { acquired: true; value: T } | { acquired: false };

/**
 * The storage interface: reads run directly, writes run through `write`, one transaction at a
 * time, so that a transaction that awaits between statements never takes in another request's
 * statements, and whole batches commit together. On PostgreSQL "one at a time" holds across
 * every server instance on the database, and `work` may run again when the transaction loses a
 * deadlock or serialization race, so it must not act outside the database before it returns.
 */
export interface Database extends SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  write<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Runs `job` unless someone else (another caller here or, on PostgreSQL, another instance)
   * holds the lock `name`; then it answers at once without running it. For background jobs
   * that must run on one instance at a time; the job reads and writes through this database.
   */
  tryWithLock<T>(name: string, job: () => Promise<T>): Promise<LockOutcome<T>>;
  close(): Promise<void>;
}
