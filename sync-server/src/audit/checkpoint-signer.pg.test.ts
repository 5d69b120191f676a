import { generateKeyPairSync } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { testDatabaseUrl, testSchemas } from '../../../test/support/pg-test-database';
import type { Database } from '../storage/database';
import { migrate } from '../storage/migrate';
import { openPostgresDatabase } from '../storage/postgres-database';
import { appendAudit } from './audit-log';
import {
  checkpointLockName,
  createCheckpointSigner,
  listCheckpoints,
  startCheckpointJob,
  verifyCheckpoint,
} from './checkpoint-signer';

const schemas = testSchemas();
const opened: Database[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
  await schemas.dropAll();
});

/** Two instances on one fresh schema, migrated. */
async function twoInstances(): Promise<[Database, Database]> {
  const schema = await schemas.fresh();
  const open = () => openPostgresDatabase(testDatabaseUrl, { schema, maxConnections: 4 });
  const pair: [Database, Database] = [await open(), await open()];
  opened.push(...pair);
  await migrate(pair[0]);
  return pair;
}

const append = (db: Database, count: number) =>
  db.write((tx) =>
    appendAudit(
      tx,
      Array.from({ length: count }, () => ({
        actorId: 'u-admin',
        actorRole: 'admin',
        ip: null,
        userAgent: null,
        client: 'api' as const,
        action: 'admin.roles',
        recordId: null,
        fields: [],
        outcome: 'success' as const,
        detail: null,
      })),
      new Date(),
    ),
  );

// Every instance on one database signs with the one shared key (CRM_AUDIT_SIGNING_KEY).
const signer = createCheckpointSigner(generateKeyPairSync('ed25519').privateKey);

describe('the checkpoint job on several PostgreSQL instances', () => {
  it('signs each head once while two instances tick, every checkpoint on the real head', async () => {
    const [a, b] = await twoInstances();
    const errors: unknown[] = [];
    const jobs = [a, b].map((db) => startCheckpointJob(db, signer, 0.01, (e) => errors.push(e)));
    try {
      for (let round = 0; round < 5; round += 1) {
        const entries = await append(round % 2 === 0 ? a : b, 3);
        const seq = entries.at(-1)?.seq ?? 0;
        await vi.waitFor(async () => expect((await listCheckpoints(b)).at(-1)?.seq).toBe(seq), {
          timeout: 5000,
        });
      }
    } finally {
      for (const job of jobs) job.stop();
      for (const job of jobs) await job.idle();
    }
    expect(errors).toEqual([]);
    const checkpoints = await listCheckpoints(a);
    expect(checkpoints.map((c) => c.seq)).toEqual([3, 6, 9, 12, 15]);
    for (const checkpoint of checkpoints) {
      const entry = await a.get<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = ?', [
        checkpoint.seq,
      ]);
      expect(checkpoint.headHash).toBe(entry?.hash);
      expect(verifyCheckpoint(checkpoint, signer.publicKeyPem)).toBe(true);
    }
  });

  it('skips its ticks while another instance holds the job lock, and signs once it is free', async () => {
    const [a, b] = await twoInstances();
    await append(a, 2);
    let release = () => {};
    let holding = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const locked = new Promise<void>((resolve) => (holding = resolve));
    const other = a.tryWithLock(checkpointLockName, async () => {
      holding();
      await held;
    });
    await locked;
    const job = startCheckpointJob(b, signer, 0.01);
    try {
      // Many ticks of b's job go by; each finds the lock taken.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await listCheckpoints(b)).toEqual([]);
      release();
      expect(await other).toEqual({ acquired: true, value: undefined });
      await vi.waitFor(async () => expect(await listCheckpoints(b)).toHaveLength(1), {
        timeout: 5000,
      });
    } finally {
      job.stop();
      await job.idle();
    }
  });
});
