import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/core/schemas/audit-entry';
import type { Database } from '../storage/database';
import { migrate } from '../storage/migrate';
import { openSqliteDatabase } from '../storage/sqlite-database';
import { appendAudit, type AuditInput } from './audit-log';
import { genesisHash, readStoredEntries, verifyChain, verifyStoredChain } from './verify-chain';

const dir = mkdtempSync(join(tmpdir(), 'crm-audit-chain-'));
let n = 0;
const open: Database[] = [];
afterAll(async () => {
  for (const db of open) await db.close();
  rmSync(dir, { recursive: true, force: true });
});

function input(i: number): AuditInput {
  return {
    actorId: `u-sales-${i % 3}`,
    actorRole: 'sales',
    ip: '10.0.0.7',
    userAgent: 'GoogleAppsScript',
    client: 'sheets',
    action: 'customer.update',
    recordId: `C2025030100${String(i).padStart(2, '0')}`,
    fields: [{ field: 'mobile', oldValue: '138****5678', newValue: '139****4321' }],
    outcome: 'success',
    detail: null,
  };
}

/** A migrated SQLite file holding `count` chained entries, one append per entry. */
async function seeded(count = 20): Promise<{ db: Database; file: string }> {
  const file = join(dir, `db-${n++}`, 'crm.sqlite');
  const db = await openSqliteDatabase(file);
  open.push(db);
  await migrate(db);
  for (let i = 1; i <= count; i++) {
    await db.write((tx) => appendAudit(tx, [input(i)], new Date(Date.UTC(2025, 2, 1, 8, i))));
  }
  return { db, file };
}

/** What a tamperer with the database file can do: drop the guards, then change rows. */
async function tamper(file: string, ...statements: string[]): Promise<void> {
  const raw = await new Promise<sqlite3.Database>((resolve, reject) => {
    const db = new sqlite3.Database(file, (error) => (error ? reject(error) : resolve(db)));
  });
  const sql = [
    'DROP TRIGGER IF EXISTS audit_log_no_update',
    'DROP TRIGGER IF EXISTS audit_log_no_delete',
    ...statements,
  ].join(';\n');
  await new Promise<void>((resolve, reject) => raw.exec(sql, (e) => (e ? reject(e) : resolve())));
  await new Promise<void>((resolve, reject) => raw.close((e) => (e ? reject(e) : resolve())));
}

const payload =
  'at, actor_id, actor_role, ip, user_agent, client, action, record_id, fields, outcome, detail';
const everything = `${payload}, prev_hash, hash`;

describe('verifyStoredChain on a real SQLite file', () => {
  it('verifies an untouched chain up to the head', async () => {
    const { db } = await seeded();
    const head = await db.get<{ hash: string }>('SELECT hash FROM audit_head');
    expect(await verifyStoredChain(db)).toEqual({
      ok: true,
      checked: 20,
      headSeq: 20,
      headHash: head?.hash,
    });
  });

  it('verifies an empty log', async () => {
    const { db } = await seeded(0);
    expect(await verifyStoredChain(db)).toEqual({
      ok: true,
      checked: 0,
      headSeq: 0,
      headHash: genesisHash,
    });
  });

  it('is guarded by the database until the triggers are dropped', async () => {
    const { db } = await seeded(3);
    await expect(
      db.write((tx) => tx.run("UPDATE audit_log SET action = 'x' WHERE seq = 2")),
    ).rejects.toThrow(/append-only/);
    await expect(db.write((tx) => tx.run('DELETE FROM audit_log WHERE seq = 2'))).rejects.toThrow(
      /append-only/,
    );
  });

  it('(a) finds an edited action at its seq', async () => {
    const { db, file } = await seeded();
    await tamper(file, "UPDATE audit_log SET action = 'customer.read' WHERE seq = 7");
    expect(await verifyStoredChain(db)).toEqual({
      ok: false,
      checked: 6,
      brokenAt: 7,
      problem: 'hash_mismatch',
    });
  });

  it('(a) finds an edited row even when its fields are no longer JSON', async () => {
    const { db, file } = await seeded();
    await tamper(file, "UPDATE audit_log SET fields = 'not json' WHERE seq = 11");
    expect(await verifyStoredChain(db)).toMatchObject({
      ok: false,
      brokenAt: 11,
      problem: 'hash_mismatch',
    });
  });

  it('(b) finds a deleted middle row as a gap at the next seq', async () => {
    const { db, file } = await seeded();
    await tamper(file, 'DELETE FROM audit_log WHERE seq = 10');
    expect(await verifyStoredChain(db)).toEqual({
      ok: false,
      checked: 9,
      brokenAt: 11,
      problem: 'sequence_gap',
    });
  });

  it('(b) finds a deleted row that was renumbered to close the gap', async () => {
    const { db, file } = await seeded();
    await tamper(
      file,
      'DELETE FROM audit_log WHERE seq = 10',
      'UPDATE audit_log SET seq = seq - 1 WHERE seq > 10',
    );
    expect(await verifyStoredChain(db)).toMatchObject({ ok: false, brokenAt: 10 });
  });

  it('(c) finds two rows whose contents were swapped at the first of them', async () => {
    const { db, file } = await seeded();
    await tamper(
      file,
      `CREATE TEMP TABLE swap AS SELECT * FROM audit_log WHERE seq IN (5, 12)`,
      `UPDATE audit_log SET (${everything}) = (SELECT ${everything} FROM swap WHERE swap.seq = 17 - audit_log.seq) WHERE seq IN (5, 12)`,
    );
    expect(await verifyStoredChain(db)).toEqual({
      ok: false,
      checked: 4,
      brokenAt: 5,
      problem: 'prev_hash_mismatch',
    });
  });

  it('(c) finds swapped payloads that kept their links at the first of them', async () => {
    const { db, file } = await seeded();
    await tamper(
      file,
      `CREATE TEMP TABLE swap AS SELECT * FROM audit_log WHERE seq IN (5, 12)`,
      `UPDATE audit_log SET (${payload}) = (SELECT ${payload} FROM swap WHERE swap.seq = 17 - audit_log.seq) WHERE seq IN (5, 12)`,
    );
    expect(await verifyStoredChain(db)).toEqual({
      ok: false,
      checked: 4,
      brokenAt: 5,
      problem: 'hash_mismatch',
    });
  });

  it('(d) finds a truncated tail by comparing with audit_head', async () => {
    const { db, file } = await seeded();
    await tamper(file, 'DELETE FROM audit_log WHERE seq > 17');
    expect(await verifyStoredChain(db)).toEqual({
      ok: false,
      checked: 17,
      brokenAt: 18,
      problem: 'sequence_gap',
    });
  });

  it('(d) finds a head that no longer matches the last entry', async () => {
    const { db, file } = await seeded();
    await tamper(file, `UPDATE audit_head SET hash = '${'f'.repeat(64)}'`);
    expect(await verifyStoredChain(db)).toEqual({
      ok: false,
      checked: 20,
      brokenAt: 20,
      problem: 'hash_mismatch',
    });
  });

  it('pages through a log longer than one page', async () => {
    const { db } = await seeded(0);
    const many = Array.from({ length: 2345 }, (_, i) => input(i));
    await db.write((tx) => appendAudit(tx, many, new Date('2025-03-02T00:00:00Z')));
    expect(await verifyStoredChain(db)).toMatchObject({ ok: true, checked: 2345, headSeq: 2345 });
    const seqs: number[] = [];
    for await (const entry of readStoredEntries(db, 30, 5, 7)) seqs.push(entry.seq);
    expect(seqs).toEqual(Array.from({ length: 25 }, (_, i) => i + 6));
  });
});

describe('verifyChain on entries in memory', () => {
  async function chain(count: number): Promise<AuditEntry[]> {
    const { db } = await seeded(count);
    const entries: AuditEntry[] = [];
    for await (const entry of readStoredEntries(db, count)) entries.push(entry);
    return entries;
  }

  it('takes the first entry as given when no start is named, and checks from there', async () => {
    const entries = await chain(8);
    const tail = entries.slice(3);
    expect(await verifyChain(tail)).toEqual({
      ok: true,
      checked: 5,
      headSeq: 8,
      headHash: entries[7]?.hash,
    });
    expect(
      await verifyChain(tail, { startSeq: 4, startPrevHash: entries[2]?.hash ?? '' }),
    ).toMatchObject({
      ok: true,
    });
    expect(await verifyChain(tail, { startSeq: 3 })).toEqual({
      ok: false,
      checked: 0,
      brokenAt: 4,
      problem: 'sequence_gap',
    });
  });

  it('holds entry 1 to the genesis hash even without a start', async () => {
    const entries = await chain(3);
    const forged = entries.map((e) => ({
      ...e,
      prevHash: e.seq === 1 ? 'a'.repeat(64) : e.prevHash,
    }));
    expect(await verifyChain(forged)).toMatchObject({
      ok: false,
      brokenAt: 1,
      problem: 'prev_hash_mismatch',
    });
  });

  it('names a repeated or backward seq out_of_order and a skipped one a gap', async () => {
    const entries = await chain(5);
    const [e1, e2, e3, e4, e5] = entries as [
      AuditEntry,
      AuditEntry,
      AuditEntry,
      AuditEntry,
      AuditEntry,
    ];
    expect(await verifyChain([e1, e2, e3, e3, e4])).toEqual({
      ok: false,
      checked: 3,
      brokenAt: 3,
      problem: 'out_of_order',
    });
    expect(await verifyChain([e1, e2, e4, e3, e5])).toEqual({
      ok: false,
      checked: 2,
      brokenAt: 4,
      problem: 'sequence_gap',
    });
  });

  it('reads an async stream and reports each verified entry', async () => {
    const entries = await chain(4);
    async function* stream() {
      for (const e of entries) yield await Promise.resolve(e);
    }
    const seen: number[] = [];
    const verdict = await verifyChain(stream(), { onEntry: (e) => seen.push(e.seq) });
    expect(verdict).toMatchObject({ ok: true, checked: 4 });
    expect(seen).toEqual([1, 2, 3, 4]);
  });
});
