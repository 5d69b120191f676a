import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteDatabase } from './sqlite-database';
import { runStorageTests } from './storage.case.test';

const dir = mkdtempSync(join(tmpdir(), 'crm-sqlite-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

runStorageTests('SQLite file', () => openSqliteDatabase(join(dir, `db-${n++}`, 'crm.sqlite')));

describe('SQLite specifics', () => {
  it('uses WAL, so readers see committed data while a write is open', async () => {
    const db = await openSqliteDatabase(join(dir, 'wal', 'crm.sqlite'));
    expect(await db.get('PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' });
    await db.write((tx) => tx.run('CREATE TABLE t (v INTEGER)'));
    let seenDuringWrite: unknown;
    await db.write(async (tx) => {
      await tx.run('INSERT INTO t (v) VALUES (1)');
      seenDuringWrite = await db.all('SELECT v FROM t');
    });
    expect(seenDuringWrite).toEqual([]);
    expect(await db.all('SELECT v FROM t')).toEqual([{ v: 1 }]);
    await db.close();
  });

  it('keeps a new data directory and its database files to their owner', async () => {
    const dataDir = join(dir, 'private', 'data');
    const file = join(dataDir, 'crm.sqlite');
    const db = await openSqliteDatabase(file);
    await db.write((tx) => tx.run('CREATE TABLE t (v INTEGER)'));
    const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);
    expect(mode(dataDir)).toBe('700');
    for (const path of [file, `${file}-wal`, `${file}-shm`]) expect(mode(path)).toBe('600');
    await db.close();
  });

  it('checkpoints the WAL in the background, so it stays small without commits doing it', async () => {
    const file = join(dir, 'checkpoints', 'crm.sqlite');
    const db = await openSqliteDatabase(file);
    expect(await db.write((tx) => tx.get('PRAGMA wal_autocheckpoint'))).toEqual({
      wal_autocheckpoint: 16_000,
    });
    await db.write((tx) => tx.run('CREATE TABLE t (v TEXT)'));
    // 500 commits of 64 KB: 8,000 pages (33 MB), which the writer alone would leave in the
    // WAL until 16,000; the background checkpoints let it start over past 4,000 (16 MB).
    const blob = 'x'.repeat(64 * 1024);
    let largestWal = 0;
    for (let i = 0; i < 500; i += 1) {
      await db.write((tx) => tx.run('INSERT INTO t (v) VALUES (?)', [blob]));
      largestWal = Math.max(largestWal, statSync(`${file}-wal`).size);
    }
    expect(largestWal).toBeLessThan(20 * 1024 * 1024);
    expect(await db.get('SELECT COUNT(*) AS n FROM t')).toEqual({ n: 500 });
    await db.close();
  });

  it('copies commits back in eights while writes come, and the rest once they pause', async () => {
    const file = join(dir, 'idle', 'crm.sqlite');
    const db = await openSqliteDatabase(file);
    await db.write((tx) => tx.run('CREATE TABLE t (v TEXT)'));
    const blob = 'x'.repeat(16 * 1024);
    for (let i = 0; i < 3; i += 1)
      await db.write((tx) => tx.run('INSERT INTO t (v) VALUES (?)', [blob]));
    // A NOOP checkpoint copies nothing: it says how much of the WAL is copied so far.
    const probe = new sqlite3.Database(file);
    const status = () =>
      new Promise<{ log: number; checkpointed: number }>((resolve, reject) => {
        probe.get('PRAGMA wal_checkpoint(NOOP)', (error: Error | null, row: never) =>
          error ? reject(error) : resolve(row),
        );
      });
    const early = await status();
    expect(early.log).toBeGreaterThan(0);
    expect(early.checkpointed).toBeLessThan(early.log);
    await new Promise((resolve) => setTimeout(resolve, 900));
    const later = await status();
    expect(later.checkpointed).toBe(later.log);
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await db.close();
  });
});
