import { z } from 'zod';
import {
  auditCheckpointSchema,
  verifyCheckpoint,
  type AuditCheckpoint,
} from '../audit/checkpoint-signer';

/** What a pull asked for: the bounds and filters of `GET /v1/audit` that made the file. */
export const pullScopeSchema = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
  actor: z.string().optional(),
  action: z.string().optional(),
  record: z.string().optional(),
});

export type PullScope = z.infer<typeof pullScopeSchema>;

/**
 * The checkpoints file beside a pulled log: the body of `GET /v1/audit/checkpoints`, fetched
 * before the log, and what the pull asked for. A file without `pull` is taken as a pull of the
 * whole log, the strictest reading.
 */
export const checkpointsFileSchema = z.object({
  checkpoints: z.array(auditCheckpointSchema),
  pull: pullScopeSchema.optional(),
});

/** Whether a pull kept only some entries, so its file is no continuous chain. */
export function isFiltered(scope: PullScope): boolean {
  return scope.actor !== undefined || scope.action !== undefined || scope.record !== undefined;
}

/** A pulled file whose chain verified, with its checkpoints. */
export interface PulledCheckpoints {
  checkpoints: readonly AuditCheckpoint[];
  scope: PullScope;
  publicKeyPem: string;
  /** The file's entry hashes at the checkpoints' seqs. */
  seen: ReadonlyMap<number, string>;
  first: number;
  last: number;
}

/** The checkpoints that anchor the file, or the first that proves it wrong. */
export type CheckpointVerdict =
  | { ok: true; inFile: AuditCheckpoint[]; pastEnd: number }
  | { ok: false; seq: number; problem: 'bad_signature' | 'checkpoint_mismatch' | 'truncated' };

/**
 * Checks the signed checkpoints against a verified file: each one within the file must match
 * its entry. One past the file's last entry proves later entries existed (a pull fetches the
 * checkpoints before the log), so it fails the file as `truncated` unless the pull itself
 * stopped short of it (`to`, or a filter); `pastEnd` counts those.
 * @example checkPulledCheckpoints({ ...file, scope: {} }) // { ok: false, seq: 10, problem: 'truncated' }
 */
export function checkPulledCheckpoints(file: PulledCheckpoints): CheckpointVerdict {
  const { scope, first, last } = file;
  const sorted = [...file.checkpoints].sort((a, b) => a.seq - b.seq);
  const inFile = sorted.filter((cp) => cp.seq >= first && cp.seq <= last);
  const after = sorted.filter((cp) => cp.seq > last);
  const cutAt = scope.to === undefined && !isFiltered(scope) ? after[0] : undefined;
  for (const cp of cutAt === undefined ? inFile : [...inFile, cutAt]) {
    if (!verifyCheckpoint(cp, file.publicKeyPem)) {
      return { ok: false, seq: cp.seq, problem: 'bad_signature' };
    }
  }
  for (const cp of inFile) {
    if (file.seen.get(cp.seq) !== cp.headHash) {
      return { ok: false, seq: cp.seq, problem: 'checkpoint_mismatch' };
    }
  }
  if (cutAt !== undefined) return { ok: false, seq: cutAt.seq, problem: 'truncated' };
  return { ok: true, inFile, pastEnd: after.length };
}
