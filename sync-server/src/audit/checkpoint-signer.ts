import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  fstatSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { canonicalJson } from '../../../shared/core/audit/canonical-json';
import type { Database } from '../storage/database';

/** The name of the signing key file in the data directory. */
export const signingKeyFileName = 'audit-signing.pem';

/** A signed statement "the chain had this head at this seq", as stored and as served. */
export const auditCheckpointSchema = z.object({
  seq: z.number().int().positive(),
  headHash: z.string().regex(/^[0-9a-f]{64}$/),
  signedAt: z.string(),
  keyId: z.string().regex(/^[0-9a-f]{64}$/),
  signature: z.string().min(1),
});

export type AuditCheckpoint = z.infer<typeof auditCheckpointSchema>;

/** Signs checkpoints; the private key never leaves it. */
export interface CheckpointSigner {
  /** sha256 of the public key's DER `spki`, hex: names the key in every checkpoint. */
  readonly keyId: string;
  readonly publicKeyPem: string;
  /** Ed25519 signature of `message`, base64. */
  sign(message: string): string;
}

/** A signer around an Ed25519 private key. */
export function createCheckpointSigner(privateKey: KeyObject): CheckpointSigner {
  const publicKey = createPublicKey(privateKey);
  return {
    keyId: keyIdOf(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign: (message) => sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64'),
  };
}

/**
 * The signer whose key lives in `<dataDir>/audit-signing.pem` (PKCS#8, mode 600), created on
 * first use. The same key across restarts keeps old checkpoints verifiable.
 */
export function loadOrCreateCheckpointSigner(dataDir: string): CheckpointSigner {
  const path = join(dataDir, signingKeyFileName);
  const pem = readKeyFile(path) ?? createKeyFile(path);
  return createCheckpointSigner(createPrivateKey(pem));
}

/** sha256 of a public key's DER `spki`, hex. */
export function keyIdOf(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  return createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** The exact bytes a checkpoint signature covers; auditors' own tools rebuild them the same way. */
export function checkpointMessage(
  checkpoint: Pick<AuditCheckpoint, 'seq' | 'headHash' | 'signedAt'>,
): string {
  return canonicalJson({
    seq: checkpoint.seq,
    headHash: checkpoint.headHash,
    signedAt: checkpoint.signedAt,
  });
}

/**
 * Signs the current chain head into `audit_checkpoints`, unless no entry was appended since the
 * last checkpoint (an idle server does not pile up identical rows). Returns the new checkpoint.
 */
export async function signCheckpoint(
  db: Database,
  signer: CheckpointSigner,
  now: Date,
): Promise<AuditCheckpoint | undefined> {
  // Inside the write queue, so the head cannot move between reading and signing it.
  return db.write(async (tx) => {
    const head = await tx.get<{ seq: number; hash: string }>(
      'SELECT seq, hash FROM audit_head WHERE id = 1',
    );
    if (head === undefined) throw new Error('audit_head row is missing');
    const last = await tx.get<{ seq: number | null }>(
      'SELECT MAX(seq) AS seq FROM audit_checkpoints',
    );
    const seq = Number(head.seq);
    if (seq === 0 || seq <= Number(last?.seq ?? 0)) return undefined;
    const unsigned = { seq, headHash: head.hash, signedAt: now.toISOString() };
    const checkpoint: AuditCheckpoint = {
      ...unsigned,
      keyId: signer.keyId,
      signature: signer.sign(checkpointMessage(unsigned)),
    };
    await tx.run(
      'INSERT INTO audit_checkpoints (seq, head_hash, signed_at, key_id, signature) VALUES (?, ?, ?, ?, ?)',
      [
        checkpoint.seq,
        checkpoint.headHash,
        checkpoint.signedAt,
        checkpoint.keyId,
        checkpoint.signature,
      ],
    );
    return checkpoint;
  });
}

/** Whether a checkpoint carries a valid signature by the key given as PEM (`spki`). */
export function verifyCheckpoint(checkpoint: AuditCheckpoint, publicKeyPem: string): boolean {
  try {
    const key = createPublicKey(publicKeyPem);
    if (checkpoint.keyId !== keyIdOf(key)) return false;
    return verify(
      null,
      Buffer.from(checkpointMessage(checkpoint), 'utf8'),
      key,
      Buffer.from(checkpoint.signature, 'base64'),
    );
  } catch {
    // A malformed key or signature verifies nothing.
    return false;
  }
}

/** Stored checkpoints with seq above `afterSeq`, in order. */
export async function listCheckpoints(
  db: Pick<Database, 'all'>,
  afterSeq = 0,
): Promise<AuditCheckpoint[]> {
  const rows = await db.all<{
    seq: number;
    head_hash: string;
    signed_at: string;
    key_id: string;
    signature: string;
  }>(
    'SELECT seq, head_hash, signed_at, key_id, signature FROM audit_checkpoints WHERE seq > ? ORDER BY seq',
    [afterSeq],
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    headHash: r.head_hash,
    signedAt: r.signed_at,
    keyId: r.key_id,
    signature: r.signature,
  }));
}

/** A running checkpoint job. */
export interface CheckpointJob {
  stop(): void;
  /** Resolves when no run is in flight: after `stop`, before the database is closed. */
  idle(): Promise<void>;
}

/** The job lock: one instance at a time signs, whichever ticks first. */
export const checkpointLockName = 'audit-checkpoint';

/**
 * Signs a checkpoint every `intervalSeconds`, under the `audit-checkpoint` job lock so that of
 * several instances on one database only one signs at a time; an instance that finds the lock
 * taken skips its tick (`signCheckpoint` is idempotent per head, so nothing is lost). The timer
 * is unref'd so it never keeps the process alive, and a slow run is never overlapped by the next
 * tick.
 */
export function startCheckpointJob(
  db: Database,
  signer: CheckpointSigner,
  intervalSeconds: number,
  onError: (error: unknown) => void = logFailure,
): CheckpointJob {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (running !== undefined) return;
    running = db
      .tryWithLock(checkpointLockName, () => signCheckpoint(db, signer, new Date()))
      .then(
        () => undefined,
        (error: unknown) => onError(error),
      )
      .finally(() => {
        running = undefined;
      });
  }, intervalSeconds * 1000);
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    idle: async () => {
      await running;
    },
  };
}

function logFailure(error: unknown): void {
  // The message only: no stack, and nothing of the key ever reaches an error.
  console.error(
    `audit checkpoint failed: ${error instanceof Error ? error.message : String(error)}`,
  );
}

function readKeyFile(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const mode = fstatSync(fd).mode & 0o777;
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
      throw new Error(
        `${path} is accessible by group or others (mode ${mode.toString(8)}); run: chmod 600 ${path}`,
      );
    }
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a new key to a temp file and links it into place: link fails when the file exists, so
 * two servers starting at once end up with one key, and a crash never leaves half a key file.
 */
function createKeyFile(path: string): string {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    fchmodSync(fd, 0o600);
    writeFileSync(fd, pem, 'utf8');
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = readKeyFile(path);
    if (winner !== undefined) return winner;
    throw error;
  } finally {
    unlinkSync(temp);
  }
  return pem;
}
