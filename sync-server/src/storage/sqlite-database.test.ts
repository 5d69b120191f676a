import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
});
