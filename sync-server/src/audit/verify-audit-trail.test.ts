import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../storage/database';
import { migrate } from '../storage/migrate';
import { openSqliteDatabase } from '../storage/sqlite-database';
import { appendAudit, entryHash, type AuditInput } from './audit-log';
import { createCheckpointSigner, signCheckpoint } from './checkpoint-signer';
import { readStoredEntries } from './verify-chain';
import { verifyAuditTrail } from './verify-audit-trail';

const dir = mkdtempSync(join(tmpdir(), 'crm-audit-trail-'));
let n = 0;
const open: Database[] = [];
afterAll(async () => {
  for (const db of open) await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const signer = createCheckpointSigner(generateKeyPairSync('ed25519').privateKey);

const input = (i: number): AuditInput => ({
  actorId: `u-${i % 4}`,
  actorRole: 'reviewer',
  ip: '10.0.0.9',
  userAgent: 'Excel',
  client: 'excel',
  action: 'customer.review',
  recordId: `C20250301${String(i).padStart(4, '0')}`,
  fields: [{ field: 'status', oldValue: 'pending', newValue: 'approved' }],
  outcome: 'success',
  detail: null,
});

/** 20 entries with signed checkpoints at 8, 15 and 20. */
async function seeded(): Promise<{ db: Database; file: string }> {
  const file = join(dir, `db-${n++}`, 'crm.sqlite');
  const db = await openSqliteDatabase(file);
  open.push(db);
  await migrate(db);
  for (let i = 1; i <= 20; i++) {
    await db.write((tx) => appendAudit(tx, [input(i)], new Date(Date.UTC(2025, 2, 1, 9, i))));
    if (i === 8 || i === 15 || i === 20)
      await signCheckpoint(db, signer, new Date(Date.UTC(2025, 2, 1, 10, i)));
  }
  return { db, file };
}

async function tamper(file: string, sql: string): Promise<void> {
  const raw = await new Promise<sqlite3.Database>((resolve, reject) => {
    const db = new sqlite3.Database(file, (error) => (error ? reject(error) : resolve(db)));
  });
  const all = `DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; ${sql}`;
  await new Promise<void>((resolve, reject) => raw.exec(all, (e) => (e ? reject(e) : resolve())));
  await new Promise<void>((resolve, reject) => raw.close((e) => (e ? reject(e) : resolve())));
}

const q = (s: string) => `'${s.replaceAll("'", "''")}'`;

describe('verifyAuditTrail', () => {
  it('verifies the chain and every checkpoint', async () => {
    const { db } = await seeded();
    const head = await db.get<{ hash: string }>('SELECT hash FROM audit_head');
    expect(await verifyAuditTrail(db, signer.publicKeyPem)).toEqual({
      ok: true,
      checked: 20,
      headSeq: 20,
      headHash: head?.hash,
      checkpoints: { total: 3, verified: 3, failed: 0 },
    });
  });

  it('reports where the chain breaks, with the head the server holds', async () => {
    const { db, file } = await seeded();
    await tamper(file, "UPDATE audit_log SET outcome = 'denied' WHERE seq = 12");
    expect(await verifyAuditTrail(db, signer.publicKeyPem)).toMatchObject({
      ok: false,
      checked: 11,
      headSeq: 20,
      brokenAt: 12,
      problem: 'hash_mismatch',
      checkpoints: { total: 3, verified: 1, failed: 2 },
    });
  });

  it('(d) catches a truncated tail with a rewound head by the signed checkpoint beyond the end', async () => {
    const { db, file } = await seeded();
    await tamper(
      file,
      `DELETE FROM audit_log WHERE seq > 17;
       UPDATE audit_head SET seq = 17, hash = (SELECT hash FROM audit_log WHERE seq = 17);`,
    );
    expect(await verifyAuditTrail(db, signer.publicKeyPem)).toEqual({
      ok: false,
      checked: 17,
      headSeq: 17,
      headHash: expect.any(String) as string,
      brokenAt: 18,
      problem: 'sequence_gap',
      checkpoints: { total: 3, verified: 2, failed: 1 },
    });
  });

  it('catches a chain rehashed after an edit at the first checkpoint it passes', async () => {
    const { db, file } = await seeded();
    const entries = [];
    for await (const e of readStoredEntries(db, 20)) entries.push(e);
    // The tamperer edits seq 10 and recomputes every later link and the head: the chain holds.
    let prevHash = entries[8]?.hash ?? '';
    const updates: string[] = [];
    for (const e of entries.slice(9)) {
      const { hash: _old, ...rest } = {
        ...e,
        prevHash,
        outcome: e.seq === 10 ? ('denied' as const) : e.outcome,
      };
      const hash = entryHash(rest);
      updates.push(
        `UPDATE audit_log SET outcome = ${q(rest.outcome)}, prev_hash = ${q(prevHash)}, hash = ${q(hash)} WHERE seq = ${e.seq}`,
      );
      prevHash = hash;
    }
    updates.push(`UPDATE audit_head SET hash = ${q(prevHash)}`);
    await tamper(file, updates.join(';\n'));
    expect(await verifyAuditTrail(db, signer.publicKeyPem)).toMatchObject({
      ok: false,
      checked: 20,
      brokenAt: 15,
      problem: 'hash_mismatch',
      checkpoints: { total: 3, verified: 1, failed: 2 },
    });
  });

  it('is not ok when a checkpoint row carries a forged signature', async () => {
    const { db, file } = await seeded();
    await tamper(file, "UPDATE audit_checkpoints SET signature = 'AAAA' WHERE seq = 8");
    const report = await verifyAuditTrail(db, signer.publicKeyPem);
    expect(report).toMatchObject({
      ok: false,
      checked: 20,
      checkpoints: { total: 3, verified: 2, failed: 1 },
    });
    expect(report.brokenAt).toBeUndefined();
  });

  it('fails every checkpoint against another public key', async () => {
    const { db } = await seeded();
    const other = createCheckpointSigner(generateKeyPairSync('ed25519').privateKey).publicKeyPem;
    expect(await verifyAuditTrail(db, other)).toMatchObject({
      ok: false,
      checkpoints: { total: 3, verified: 0, failed: 3 },
    });
  });
});
