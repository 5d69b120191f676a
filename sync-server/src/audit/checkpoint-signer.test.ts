import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../storage/database';
import { migrate } from '../storage/migrate';
import { openSqliteDatabase } from '../storage/sqlite-database';
import { appendAudit, type AuditInput } from './audit-log';
import {
  checkpointLockName,
  createCheckpointSigner,
  listCheckpoints,
  loadOrCreateCheckpointSigner,
  signCheckpoint,
  signingKeyFileName,
  startCheckpointJob,
  verifyCheckpoint,
} from './checkpoint-signer';

const dir = mkdtempSync(join(tmpdir(), 'crm-audit-sign-'));
let n = 0;
const open: Database[] = [];
afterAll(async () => {
  for (const db of open) await db.close();
  rmSync(dir, { recursive: true, force: true });
});

const entry: AuditInput = {
  actorId: 'u-admin',
  actorRole: 'admin',
  ip: '10.0.0.1',
  userAgent: null,
  client: 'api',
  action: 'admin.roles',
  recordId: null,
  fields: [],
  outcome: 'success',
  detail: null,
};

async function database(): Promise<Database> {
  const db = await openSqliteDatabase(join(dir, `db-${n++}`, 'crm.sqlite'));
  open.push(db);
  await migrate(db);
  return db;
}

const append = (db: Database, count = 1) =>
  db.write((tx) =>
    appendAudit(
      tx,
      Array.from({ length: count }, () => entry),
      new Date(),
    ),
  );

const otherKey = () =>
  createCheckpointSigner(generateKeyPairSync('ed25519').privateKey).publicKeyPem;

describe('the signing key file', () => {
  it('is created on first use with mode 600 and reused afterwards', () => {
    const dataDir = join(dir, `data-${n++}`);
    const first = loadOrCreateCheckpointSigner(dataDir);
    const file = join(dataDir, signingKeyFileName);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadOrCreateCheckpointSigner(dataDir);
    expect(again.keyId).toBe(first.keyId);
    expect(again.publicKeyPem).toBe(first.publicKeyPem);
    expect(first.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const spki = createPublicKey(first.publicKeyPem).export({ type: 'spki', format: 'der' });
    expect(first.keyId).toBe(createHash('sha256').update(spki).digest('hex'));
  });

  it('is refused when group or others may read it', () => {
    const dataDir = join(dir, `data-${n++}`);
    loadOrCreateCheckpointSigner(dataDir);
    chmodSync(join(dataDir, signingKeyFileName), 0o644);
    expect(() => loadOrCreateCheckpointSigner(dataDir)).toThrow(/chmod 600/);
  });
});

describe('signCheckpoint', () => {
  it('signs the head once per move, and nothing on an empty log', async () => {
    const db = await database();
    const signer = loadOrCreateCheckpointSigner(join(dir, `data-${n++}`));
    expect(await signCheckpoint(db, signer, new Date())).toBeUndefined();
    expect(await listCheckpoints(db)).toEqual([]);

    const [, , last] = await append(db, 3);
    const at = new Date('2025-03-01T09:00:00Z');
    const checkpoint = await signCheckpoint(db, signer, at);
    expect(checkpoint).toMatchObject({
      seq: 3,
      headHash: last?.hash,
      signedAt: '2025-03-01T09:00:00.000Z',
      keyId: signer.keyId,
    });
    expect(await listCheckpoints(db)).toEqual([checkpoint]);

    expect(await signCheckpoint(db, signer, new Date())).toBeUndefined();
    expect(await listCheckpoints(db)).toHaveLength(1);

    await append(db);
    expect(await signCheckpoint(db, signer, new Date())).toMatchObject({ seq: 4 });
    expect((await listCheckpoints(db)).map((c) => c.seq)).toEqual([3, 4]);
  });
});

describe('verifyCheckpoint', () => {
  it('accepts its own signature and refuses another key or any altered field', async () => {
    const db = await database();
    const signer = loadOrCreateCheckpointSigner(join(dir, `data-${n++}`));
    await append(db, 2);
    const checkpoint = await signCheckpoint(db, signer, new Date());
    if (checkpoint === undefined) throw new Error('no checkpoint');
    expect(verifyCheckpoint(checkpoint, signer.publicKeyPem)).toBe(true);
    expect(verifyCheckpoint(checkpoint, otherKey())).toBe(false);
    expect(verifyCheckpoint({ ...checkpoint, headHash: 'e'.repeat(64) }, signer.publicKeyPem)).toBe(
      false,
    );
    expect(verifyCheckpoint({ ...checkpoint, seq: 1 }, signer.publicKeyPem)).toBe(false);
    expect(
      verifyCheckpoint({ ...checkpoint, signedAt: new Date(0).toISOString() }, signer.publicKeyPem),
    ).toBe(false);
    expect(verifyCheckpoint({ ...checkpoint, signature: 'AAAA' }, signer.publicKeyPem)).toBe(false);
    expect(verifyCheckpoint(checkpoint, 'not a key')).toBe(false);
  });

  it('refuses a checkpoint re-signed by another key under the real key id', () => {
    const real = createCheckpointSigner(generateKeyPairSync('ed25519').privateKey);
    const forger = createCheckpointSigner(generateKeyPairSync('ed25519').privateKey);
    const unsigned = { seq: 9, headHash: 'a'.repeat(64), signedAt: '2025-03-01T00:00:00.000Z' };
    const forged = {
      ...unsigned,
      keyId: real.keyId,
      signature: forger.sign(
        JSON.stringify({ headHash: unsigned.headHash, seq: 9, signedAt: unsigned.signedAt }),
      ),
    };
    expect(verifyCheckpoint(forged, forger.publicKeyPem)).toBe(false);
    expect(verifyCheckpoint(forged, real.publicKeyPem)).toBe(false);
  });
});

describe('startCheckpointJob', () => {
  it('signs on its interval until stopped', async () => {
    const db = await database();
    const signer = loadOrCreateCheckpointSigner(join(dir, `data-${n++}`));
    await append(db, 5);
    const job = startCheckpointJob(db, signer, 0.02);
    await vi.waitFor(async () => expect(await listCheckpoints(db)).toHaveLength(1), {
      timeout: 2000,
    });
    await append(db);
    await vi.waitFor(
      async () => expect((await listCheckpoints(db)).map((c) => c.seq)).toEqual([5, 6]),
      {
        timeout: 2000,
      },
    );
    job.stop();
    await append(db);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await listCheckpoints(db)).toHaveLength(2);
  });

  it('skips its ticks while the job lock is held, and signs once it is free', async () => {
    const db = await database();
    const signer = loadOrCreateCheckpointSigner(join(dir, `data-${n++}`));
    await append(db, 2);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const holder = db.tryWithLock(checkpointLockName, () => held);
    const job = startCheckpointJob(db, signer, 0.01);
    try {
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(await listCheckpoints(db)).toEqual([]);
      release();
      await holder;
      await vi.waitFor(async () => expect(await listCheckpoints(db)).toHaveLength(1), {
        timeout: 2000,
      });
    } finally {
      job.stop();
    }
  });

  it('reports a failed run without stopping', async () => {
    const db = await database();
    const signer = loadOrCreateCheckpointSigner(join(dir, `data-${n++}`));
    const errors: unknown[] = [];
    const broken: Database = { ...db, write: () => Promise.reject(new Error('disk full')) };
    const job = startCheckpointJob(broken, signer, 0.01, (e) => errors.push(e));
    await vi.waitFor(() => expect(errors.length).toBeGreaterThanOrEqual(2), { timeout: 2000 });
    job.stop();
    expect(String(errors[0])).toMatch(/disk full/);
  });
});
