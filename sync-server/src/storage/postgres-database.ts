import pg from 'pg';
import type { Database, LockOutcome, SqlExecutor, SqlValue, WriteOptions } from './database';
import { DatabaseBusyError } from './database-busy-error';
import { insertWithValues } from './insert-rows';
import { numberPlaceholders } from './numbered-placeholders';
import { postgresChannels, type ChannelTimings } from './postgres-channels';
import { retryOnConflict } from './retry-on-conflict';

export interface PostgresOptions {
  /** The schema every connection works in (its `search_path`); the server's default if unset. */
  schema?: string;
  /** Connections in this instance's pool. */
  maxConnections?: number;
  /** How the connection `listen` takes is watched and made again; the defaults suit production. */
  channels?: ChannelTimings;
  /** How long waits may last; the defaults suit production. */
  timeouts?: Partial<PostgresTimeouts>;
}

/**
 * Limits that keep one lost or stuck instance from stopping every other instance's writes: each
 * write holds the one write lock (below) until it ends, so a transaction whose connection went
 * silent would otherwise hold up every write on the database for hours, until TCP gave up.
 * Note: there is no statement_timeout outside write transactions: an audit verification, an
 * export page or a migration's CREATE INDEX may rightly run for minutes. Those reads rely on TCP
 * keepalive to notice a dead connection.
 */
export interface PostgresTimeouts {
  /**
   * lock_timeout of every session: how long a statement waits for a lock, a write for the write
   * lock too. A write holds it for about 0.1 s (a 500-row push), so waiting this long means the
   * holder is stuck; the write answers 503 with Retry-After rather than wait on. A migration that
   * waits this long for a table (behind a long read) fails the start, to be run again, rather
   * than queue every read behind it.
   */
  lockMs: number;
  /**
   * idle_in_transaction_session_timeout of every session: the server ends a session that sits
   * this long inside a transaction, releasing its locks. Ours wait between statements only for
   * milliseconds of JavaScript, so only an instance that lost its connection (or hung) is ended.
   */
  idleInTransactionMs: number;
  /**
   * statement_timeout of each statement in a write transaction; the client itself gives up on a
   * statement 5 s later (a silent connection), so the request fails and its instance's next
   * writes go ahead. Migrations are exempt (`WriteOptions.noTimeLimit`).
   */
  writeStatementMs: number;
  /**
   * The idle limit of a job lock's transaction, which waits idle while its job runs: a job
   * running longer may find another instance running it too, and a lost instance's job lock is
   * freed after this long.
   */
  jobLockIdleMs: number;
}

const defaultTimeouts: PostgresTimeouts = {
  lockMs: 10_000,
  idleInTransactionMs: 30_000,
  writeStatementMs: 30_000,
  jobLockIdleMs: 300_000,
};

/** How much longer than the server's statement_timeout the client waits for an answer. */
const silenceMarginMs = 5_000;

// SQLSTATEs of a write that gave up waiting: lock_not_available (lock_timeout) and
// query_canceled (statement_timeout).
const busyCodes = new Set(['55P03', '57014']);

// Advisory locks are keyed by two integers; the first keeps ours apart from other users. They
// belong to the database, so the second names the schema: deployments in different schemas of
// one database do not wait for each other (a hash collision would only make two of them wait).
const writeLockSpace = 0x43524d57; // 'CRMW': the one lock every write transaction takes
const jobLockSpace = 0x43524d4a; // 'CRMJ': background jobs, by schema and name
const schemaKey = "hashtext(coalesce(current_schema(), ''))";
// Note: versions before the schema was in the key took (space, 0) and (space, hashtext(name))
// for the whole database. Holding those shared keeps such an instance out while one of this
// version runs beside it (a rolling upgrade), yet lets schemas of this version share them.
const writeLocks = `pg_advisory_xact_lock_shared(${writeLockSpace}, 0), pg_advisory_xact_lock(${writeLockSpace}, ${schemaKey})`;

type Query = (text: string, values?: unknown[]) => Promise<pg.QueryResult>;

/**
 * PostgreSQL storage for one or several server instances on one database.
 * Note: every write transaction first takes its schema's advisory lock, so writes from all
 * instances of a deployment run one at a time, as SQLite's BEGIN IMMEDIATE makes them; under
 * READ COMMITTED each statement then sees everything committed before it, so read-then-write
 * code written for SQLite stays correct.
 * Reads never wait for it. Within an instance writes also queue here, so a burst of requests
 * waits in memory rather than holding every pooled connection while it waits for that lock.
 */
export async function openPostgresDatabase(
  url: string,
  options: PostgresOptions = {},
): Promise<Database> {
  const { schema } = options;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error('A PostgreSQL schema name here is lowercase letters, digits and _');
  }
  const timeouts = { ...defaultTimeouts, ...options.timeouts };
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 10_000,
    application_name: 'sheet-crm-sync-server',
    // Sent when each session starts; a parameter of the same name in DATABASE_URL wins.
    lock_timeout: timeouts.lockMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    // A connection that dies while the server works on a long read is noticed (Linux probes
    // after 10 s idle, then every 75 s, 9 times) rather than waited on until TCP gives up.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    types: { getTypeParser },
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // A connection the server drops while idle must not end the process; the pool replaces it.
  pool.on('error', (error) => console.error(`PostgreSQL dropped a connection: ${error.message}`));
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw error;
  }

  // The listening connection: same server, no search_path needed, and a query that hangs on a
  // dead connection (its ping) fails rather than waits forever.
  const channels = postgresChannels(
    pool,
    {
      connectionString: url,
      application_name: 'sheet-crm-sync-server listener',
      connectionTimeoutMillis: 10_000,
      query_timeout: 10_000,
      keepAlive: true,
    },
    options.channels,
  );

  let queue: Promise<unknown> = Promise.resolve();

  async function transaction<T>(
    work: (tx: SqlExecutor) => Promise<T>,
    { noTimeLimit = false }: WriteOptions,
  ): Promise<T> {
    const client = await pool.connect();
    let open = true;
    let broken: Error | undefined;
    const stopWatching = watchCheckedOut(client, (error) => (broken = error));
    // A statement that gets no answer at all: the connection went silent. Its session stays in
    // the transaction, holding the write lock, until the server's idle limit ends it.
    const query: Query = (text, values) => {
      if (noTimeLimit) return client.query(text, values);
      const limitMs = timeouts.writeStatementMs + silenceMarginMs;
      let timer: NodeJS.Timeout | undefined;
      const silence = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          broken = new DatabaseBusyError(`PostgreSQL did not answer within ${limitMs} ms`);
          reject(broken);
        }, limitMs);
      });
      return Promise.race([client.query(text, values), silence]).finally(() => clearTimeout(timer));
    };
    const tx = executor((text, values) => {
      // A statement issued after the transaction ended would land in another one on this client.
      if (!open) return Promise.reject(new Error('This transaction has already ended'));
      return query(text, values);
    });
    try {
      // One round trip for all: the simple protocol takes several statements.
      await query(
        `BEGIN ISOLATION LEVEL READ COMMITTED;${noTimeLimit ? '' : ` SET LOCAL statement_timeout = ${timeouts.writeStatementMs};`} SELECT ${writeLocks}`,
      );
      const result = await work(tx);
      open = false;
      // PostgreSQL answers COMMIT of a failed transaction by rolling back, without an error.
      const commit = await query('COMMIT');
      if (commit.command !== 'COMMIT') {
        throw new Error('The transaction was rolled back: a statement in it failed');
      }
      return result;
    } catch (error) {
      open = false;
      // A silent connection would not answer a ROLLBACK either: it is closed instead.
      if (broken === undefined) {
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = asError(rollbackError);
        });
      }
      if (error instanceof DatabaseBusyError) throw error;
      if (busyCodes.has(String((error as { code?: unknown }).code))) {
        throw new DatabaseBusyError('A write gave up waiting for the database', { cause: error });
      }
      throw error;
    } finally {
      // A broken connection keeps the listener: the pool discards it, and its last error may
      // still be on the way.
      if (broken === undefined) stopWatching();
      client.release(broken);
    }
  }

  return {
    dialect: 'postgres',
    ...executor((text, values) => pool.query(text, values)),
    notify: channels.notify,
    listen: channels.listen,
    write<T>(work: (tx: SqlExecutor) => Promise<T>, options: WriteOptions = {}): Promise<T> {
      const next = queue.then(() => retryOnConflict(() => transaction(work, options)));
      // The queue moves on whether this transaction committed or not.
      queue = next.catch(() => undefined);
      return next;
    },
    async tryWithLock<T>(name: string, job: () => Promise<T>): Promise<LockOutcome<T>> {
      const client = await pool.connect();
      let broken: Error | undefined;
      const stopWatching = watchCheckedOut(client, (error) => (broken = error));
      try {
        await client.query(
          `BEGIN; SET LOCAL idle_in_transaction_session_timeout = ${timeouts.jobLockIdleMs}`,
        );
        const { rows } = await client.query<{ acquired: boolean }>(
          `SELECT pg_try_advisory_xact_lock_shared($1, hashtext($2))
             AND pg_try_advisory_xact_lock($1, hashtext(coalesce(current_schema(), '') || '.' || $2)) AS acquired`,
          [jobLockSpace, name],
        );
        if (rows[0]?.acquired !== true) return { acquired: false };
        return { acquired: true, value: await job() };
      } finally {
        // Ending the transaction releases the lock; if that fails, closing the connection does.
        await client.query('ROLLBACK').catch((error: unknown) => {
          broken ??= asError(error);
        });
        if (broken === undefined) stopWatching();
        client.release(broken);
      }
    },
    async close() {
      await channels.close();
      await queue;
      await pool.end();
    },
  };
}

/** PostgreSQL binds at most 65,535 parameters a statement. */
const maxParams = 65_535;

function executor(query: Query): SqlExecutor {
  const run = (sql: string, params: readonly SqlValue[]) => {
    const { text, count } = numberPlaceholders(sql);
    if (count !== params.length) {
      return Promise.reject(
        new Error(`The statement has ${count} placeholders but ${params.length} values`),
      );
    }
    return params.length === 0 ? query(text) : query(text, [...params]);
  };
  const changed = async (sql: string, params: readonly SqlValue[] = []) => ({
    changes: (await run(sql, params)).rowCount ?? 0,
  });
  return {
    all: async <T>(sql: string, params: readonly SqlValue[] = []) =>
      (await run(sql, params)).rows as T[],
    get: async <T>(sql: string, params: readonly SqlValue[] = []) =>
      (await run(sql, params)).rows[0] as T | undefined,
    run: changed,
    insertRows: (table, columns, rows, upsertOn) =>
      insertWithValues(changed, table, columns, rows, upsertOn, maxParams),
  };
}

const int8Oid = 20;
const numericOid = 1700;

/**
 * Integers come back as numbers, as SQLite gives them: BIGINT columns and COUNT(*) too, and
 * SUM/AVG (numeric). A BIGINT beyond 2^53 fails the query rather than come back rounded.
 */
const getTypeParser = ((oid: number, format?: 'text' | 'binary'): unknown => {
  if (oid === int8Oid && format !== 'binary') return parseInt8;
  if (oid === numericOid && format !== 'binary') return Number;
  return pg.types.getTypeParser(oid, format) as unknown;
}) as typeof pg.types.getTypeParser;

function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`${value} is beyond a safe JS integer`);
  return n;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Keeps a checked-out connection's errors from crashing the process: the pool listens for them
 * only while a connection is idle, and an `error` event nobody listens for ends Node. A connection
 * the server ended (a restart, a failover, an administrator) makes its statements fail, which the
 * caller sees; here it is only remembered so that the connection is released as broken.
 */
function watchCheckedOut(client: pg.PoolClient, onError: (error: Error) => void): () => void {
  const listener = (error: Error) => onError(error);
  client.on('error', listener);
  return () => client.off('error', listener);
}
