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

/**
 * The storage interface: reads run directly, writes run through `write`, one transaction at a
 * time, so that a transaction that awaits between statements never takes in another request's
 * statements, and whole batches commit together.
 */
export interface Database extends SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  write<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
