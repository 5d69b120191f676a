import { z } from 'zod';
import type { SqlExecutor } from '../storage/database';
import { listCheckpoints, verifyCheckpoint, type AuditCheckpoint } from './checkpoint-signer';
import { readAuditHead, verifyStoredChain, type ChainProblem } from './verify-chain';

const chainProblems = [
  'hash_mismatch',
  'prev_hash_mismatch',
  'sequence_gap',
  'out_of_order',
] as const satisfies readonly ChainProblem[];

/** The answer of `GET /v1/audit/verify`. */
export const auditTrailReportSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  headSeq: z.number().int(),
  headHash: z.string(),
  brokenAt: z.number().int().optional(),
  problem: z.enum(chainProblems).optional(),
  checkpoints: z.object({
    total: z.number().int(),
    verified: z.number().int(),
    failed: z.number().int(),
  }),
});

export type AuditTrailReport = z.infer<typeof auditTrailReportSchema>;

/**
 * Verifies the stored chain and every signed checkpoint against it. A checkpoint counts as
 * verified only when its signature holds and the verified chain reaches its seq with the same
 * hash; that is what catches a tamperer who also rewrote `audit_head`, or rehashed the chain.
 */
export async function verifyAuditTrail(
  db: SqlExecutor,
  publicKeyPem: string,
): Promise<AuditTrailReport> {
  const checkpoints = await listCheckpoints(db);
  const wanted = new Set(checkpoints.map((cp) => cp.seq));
  // Only the hashes at checkpoint seqs are kept: a few per day, so memory stays small.
  const seen = new Map<number, string>();
  const chain = await verifyStoredChain(db, {
    onEntry: (entry) => {
      if (wanted.has(entry.seq)) seen.set(entry.seq, entry.hash);
    },
  });

  let verified = 0;
  let firstBadSigned: AuditCheckpoint | undefined;
  for (const cp of checkpoints) {
    const signed = verifyCheckpoint(cp, publicKeyPem);
    if (signed && seen.get(cp.seq) === cp.headHash) verified += 1;
    else if (signed) firstBadSigned ??= cp;
  }
  const failed = checkpoints.length - verified;
  const summary = { total: checkpoints.length, verified, failed };

  if (!chain.ok) {
    const head = await readAuditHead(db);
    const { brokenAt, problem, checked } = chain;
    return {
      ok: false,
      checked,
      headSeq: head.seq,
      headHash: head.hash,
      brokenAt,
      problem,
      checkpoints: summary,
    };
  }
  const report = {
    checked: chain.checked,
    headSeq: chain.headSeq,
    headHash: chain.headHash,
    checkpoints: summary,
  };
  if (firstBadSigned !== undefined) {
    // A signed head beyond the end means the tail is gone; one inside means the chain was rebuilt
    // at or before that seq.
    const beyond = firstBadSigned.seq > chain.headSeq;
    return {
      ok: false,
      ...report,
      brokenAt: beyond ? chain.headSeq + 1 : firstBadSigned.seq,
      problem: beyond ? 'sequence_gap' : 'hash_mismatch',
    };
  }
  // A checkpoint whose signature fails (forged row, or signed by another key) leaves no seq to
  // point at, but the trail is not ok.
  return { ok: failed === 0, ...report };
}
