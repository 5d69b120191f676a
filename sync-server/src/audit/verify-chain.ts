import type { AuditEntry } from '../../../shared/core/schemas/audit-entry';
import type { SqlExecutor } from '../storage/database';
import { entryHash, type AuditRow } from './audit-log';
import { entryFromStoredRow } from './audit-query';

/** The hash before the first entry, as the initial migration seeds `audit_head`. */
export const genesisHash = '0'.repeat(64);

/** Why a chain does not verify, named after the first entry that fails. */
export type ChainProblem = 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap' | 'out_of_order';

/** The answer of a chain check: where it ends, or where it first breaks. */
export type ChainVerdict =
  | { ok: true; checked: number; headHash: string; headSeq: number }
  | { ok: false; checked: number; brokenAt: number; problem: ChainProblem };

export interface VerifyChainOptions {
  /** The hash the first entry must link to; taken from the first entry when absent. */
  startPrevHash?: string;
  /** The seq the first entry must carry; taken from the first entry when absent. */
  startSeq?: number;
  /** Called with each entry that verified, in order (to compare checkpoints on the way). */
  onEntry?: (entry: AuditEntry) => void;
}

/**
 * Walks entries in order and stops at the first that breaks the chain. Holds only the previous
 * link, so a log of any length verifies in constant memory.
 */
export async function verifyChain(
  entries: Iterable<AuditEntry> | AsyncIterable<AuditEntry>,
  options: VerifyChainOptions = {},
): Promise<ChainVerdict> {
  let expectedSeq = options.startSeq;
  let expectedPrev = options.startPrevHash;
  let checked = 0;
  for await (const entry of entries) {
    // Entry 1 follows genesis whatever the caller says: a file that starts at 1 has no excuse.
    if (expectedPrev === undefined && entry.seq === 1) expectedPrev = genesisHash;
    if (expectedSeq !== undefined && entry.seq !== expectedSeq) {
      const problem = entry.seq > expectedSeq ? 'sequence_gap' : 'out_of_order';
      return { ok: false, checked, brokenAt: entry.seq, problem };
    }
    if (expectedPrev !== undefined && entry.prevHash !== expectedPrev) {
      return { ok: false, checked, brokenAt: entry.seq, problem: 'prev_hash_mismatch' };
    }
    const { hash, ...unsigned } = entry;
    if (entryHash(unsigned) !== hash) {
      return { ok: false, checked, brokenAt: entry.seq, problem: 'hash_mismatch' };
    }
    checked += 1;
    expectedSeq = entry.seq + 1;
    expectedPrev = hash;
    options.onEntry?.(entry);
  }
  return {
    ok: true,
    checked,
    headHash: expectedPrev ?? options.startPrevHash ?? genesisHash,
    headSeq: (expectedSeq ?? options.startSeq ?? 1) - 1,
  };
}

/** Stored entries with `seq` in (afterSeq, untilSeq], in order, read a page at a time. */
export async function* readStoredEntries(
  db: SqlExecutor,
  untilSeq: number,
  afterSeq = 0,
  pageSize = 1000,
): AsyncGenerator<AuditEntry> {
  let cursor = afterSeq;
  for (;;) {
    const rows = await db.all<AuditRow>(
      'SELECT * FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
      [cursor, untilSeq, pageSize],
    );
    for (const row of rows) yield entryFromStoredRow(row);
    const last = rows.at(-1);
    if (last === undefined || rows.length < pageSize) return;
    cursor = Number(last.seq);
  }
}

/**
 * Verifies the whole stored chain from genesis up to `audit_head`, which every append moves in
 * the same transaction; a chain that ends short of the head lost its tail.
 */
export async function verifyStoredChain(
  db: SqlExecutor,
  options: Pick<VerifyChainOptions, 'onEntry'> = {},
): Promise<ChainVerdict> {
  const head = await readAuditHead(db);
  const verdict = await verifyChain(readStoredEntries(db, head.seq), {
    ...options,
    startPrevHash: genesisHash,
    startSeq: 1,
  });
  if (!verdict.ok) return verdict;
  if (verdict.headSeq < head.seq) {
    return {
      ok: false,
      checked: verdict.checked,
      brokenAt: verdict.headSeq + 1,
      problem: 'sequence_gap',
    };
  }
  if (verdict.headHash !== head.hash) {
    return { ok: false, checked: verdict.checked, brokenAt: head.seq, problem: 'hash_mismatch' };
  }
  return verdict;
}

/** The chain head as the last append left it. */
export async function readAuditHead(db: SqlExecutor): Promise<{ seq: number; hash: string }> {
  const head = await db.get<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM audit_head WHERE id = 1',
  );
  if (head === undefined) throw new Error('audit_head row is missing');
  return { seq: Number(head.seq), hash: head.hash };
}
