import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import sqlite3 from 'sqlite3';
import type { Database, LockOutcome, SqlExecutor, SqlValue } from './database';
import { jsonInsertSql, rowsAsJson } from './insert-rows';
import { localChannels } from './local-channels';

/**
 * SQLite storage: one file in WAL mode, one connection that writes and one that reads.
 * Note: the sqlite3 driver is asynchronous and shares a connection between callers, so writes
 * are queued here and run one transaction at a time; reads go to the second connection, which
 * in WAL mode sees the last committed state and never a half-done transaction.
 */
export async function openSqliteDatabase(file: string): Promise<Database> {
  if (file !== ':memory:') {
    // The library is its owner's alone, as the key file is: a new data directory is 700 and a new
    // database file 600, whose mode SQLite gives its -wal and -shm files.
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    closeSync(openSync(file, 'a', 0o600));
  }
  const writer = await open(file);
  await exec(writer, 'PRAGMA journal_mode = WAL');
  await exec(writer, 'PRAGMA synchronous = NORMAL');
  await exec(writer, 'PRAGMA foreign_keys = ON');
  await exec(writer, 'PRAGMA busy_timeout = 5000');
  // An in-memory database is private to its connection, so it reads through the writer.
  const reader = file === ':memory:' ? writer : await open(file);
  if (reader !== writer) {
    await exec(reader, 'PRAGMA busy_timeout = 5000');
    await exec(reader, 'PRAGMA query_only = ON');
  }
  const checkpoints = file === ':memory:' ? undefined : await backgroundCheckpoints(file, writer);

  let queue: Promise<unknown> = Promise.resolve();
  const onWriter = executor(writer);
  // One process owns the file, so the locks of background jobs need only be known here.
  const locks = new Set<string>();

  return {
    dialect: 'sqlite',
    ...executor(reader),
    ...localChannels(),
    write<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const next = queue.then(async () => {
        await checkpoints?.beforeWrite();
        await exec(writer, 'BEGIN IMMEDIATE');
        try {
          const result = await work(onWriter);
          await exec(writer, 'COMMIT');
          checkpoints?.afterCommit();
          return result;
        } catch (error) {
          await exec(writer, 'ROLLBACK');
          throw error;
        }
      });
      // The queue moves on whether this transaction committed or not.
      queue = next.catch(() => undefined);
      return next;
    },
    async tryWithLock<T>(name: string, job: () => Promise<T>): Promise<LockOutcome<T>> {
      if (locks.has(name)) return { acquired: false };
      locks.add(name);
      try {
        return { acquired: true, value: await job() };
      } finally {
        locks.delete(name);
      }
    },
    async close() {
      await queue;
      await checkpoints?.close();
      if (reader !== writer) await close(reader);
      await close(writer);
    },
  };
}

/** WAL pages past which a commit checkpoints by itself, should the background ones fall behind. */
const walPagesBeforeWriterCheckpoints = 16_000;
/** WAL pages past which the next write waits for the background checkpoint, so the WAL restarts. */
const walPagesBeforeRestart = 8_000;
/** Commits after which the next write waits likewise, should checkpoints lag behind the count. */
const commitsBeforeRestart = 50;
/**
 * Commits between checkpoints while writes keep coming. Successive batches change mostly the
 * same index pages; a checkpoint copies each page once however many commits changed it, so
 * copying after every eighth commit rather than each writes a third less in all.
 */
const commitsPerCheckpoint = 8;
/** How long writes may pause before the commits not yet copied are copied. */
const idleCheckpointMs = 500;

/**
 * Copies the WAL back into the database file on a connection of its own, after commits, one
 * checkpoint at a time. Left to the writer, every thousandth WAL page made one commit copy and
 * sync the file, a fifth of a push batch's time; here it overlaps the next transaction. PASSIVE
 * never blocks the writer or the readers.
 *
 * Checkpoints run after every `commitsPerCheckpoint` commits, and once writes pause.
 * A WAL starts over from its beginning only when a write begins after a checkpoint has copied
 * all of it, so once the last checkpoint found `walPagesBeforeRestart` pages, or after
 * `commitsBeforeRestart` commits, the next write waits for the checkpoints under way. The
 * writer still checkpoints itself, as SQLite does by default, should the WAL grow far past that
 * (a long read holding old pages back).
 */
async function backgroundCheckpoints(
  file: string,
  writer: sqlite3.Database,
): Promise<{ afterCommit(): void; beforeWrite(): Promise<void>; close(): Promise<void> }> {
  await exec(writer, `PRAGMA wal_autocheckpoint = ${walPagesBeforeWriterCheckpoints}`);
  const connection = await open(file);
  await exec(connection, 'PRAGMA busy_timeout = 5000');
  const checkpointer = executor(connection);
  let running: Promise<void> | undefined;
  let again = false;
  let walPages = 0;
  let commits = 0;
  let uncopied = 0;
  let idle: NodeJS.Timeout | undefined;
  const checkpoint = (): void => {
    uncopied = 0;
    if (running === undefined) run();
    else again = true;
  };
  const run = (): void => {
    again = false;
    running = checkpointer
      .get<{ log: number }>('PRAGMA wal_checkpoint(PASSIVE)')
      .then((result) => {
        walPages = Number(result?.log ?? 0);
      })
      // A checkpoint that fails leaves the WAL as it was; the next commit tries again.
      .catch(() => undefined)
      .then(() => {
        running = undefined;
        if (again) run();
      });
  };
  return {
    afterCommit() {
      commits += 1;
      uncopied += 1;
      clearTimeout(idle);
      if (uncopied < commitsPerCheckpoint) {
        idle = setTimeout(checkpoint, idleCheckpointMs);
        idle.unref();
        return;
      }
      checkpoint();
    },
    async beforeWrite() {
      if (walPages < walPagesBeforeRestart && commits < commitsBeforeRestart) return;
      // The WAL starts over only once every commit in it is copied.
      clearTimeout(idle);
      if (uncopied > 0) checkpoint();
      while (running !== undefined) await running;
      walPages = 0;
      commits = 0;
    },
    async close() {
      clearTimeout(idle);
      again = false;
      while (running !== undefined) await running;
      await close(connection);
    },
  };
}

function executor(db: sqlite3.Database): SqlExecutor {
  const run = (sql: string, params: readonly SqlValue[] = []) =>
    new Promise<{ changes: number }>((resolve, reject) => {
      db.run(sql, params as unknown[], function (this: sqlite3.RunResult, error: Error | null) {
        if (error) reject(error);
        else resolve({ changes: this.changes });
      });
    });
  return {
    all: <T>(sql: string, params: readonly SqlValue[] = []) =>
      new Promise<T[]>((resolve, reject) => {
        db.all(sql, params as unknown[], (error: Error | null, rows: T[]) =>
          error ? reject(error) : resolve(rows),
        );
      }),
    get: <T>(sql: string, params: readonly SqlValue[] = []) =>
      new Promise<T | undefined>((resolve, reject) => {
        db.get(sql, params as unknown[], (error: Error | null, row: T | undefined) =>
          error ? reject(error) : resolve(row),
        );
      }),
    run,
    async insertRows(table, columns, rows, upsertOn) {
      if (rows.length === 0) return;
      await run(jsonInsertSql(table, columns, upsertOn), [rowsAsJson(rows)]);
    },
  };
}

function open(file: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (error) => (error ? reject(error) : resolve(db)));
  });
}

function exec(db: sqlite3.Database, sql: string): Promise<void> {
  return new Promise((resolve, reject) => {
    db.exec(sql, (error) => (error ? reject(error) : resolve()));
  });
}

function close(db: sqlite3.Database): Promise<void> {
  return new Promise((resolve, reject) => {
    db.close((error) => (error ? reject(error) : resolve()));
  });
}
