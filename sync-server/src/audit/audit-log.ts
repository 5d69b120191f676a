import { hash } from 'node:crypto';
import type { AuditEntry } from '../../../shared/core/schemas/audit-entry';
import type { SqlExecutor, SqlValue } from '../storage/database';
import { canonicalEntryJson, fieldsJson } from './canonical-entry-json';
import { sanitiseAuditInput } from './sanitise-audit-input';

const auditColumns = [
  'seq',
  'at',
  'actor_id',
  'actor_role',
  'ip',
  'user_agent',
  'client',
  'action',
  'record_id',
  'fields',
  'outcome',
  'detail',
  'prev_hash',
  'hash',
];

/** What a caller says about an event; sequence, time and hashes are added on append. */
export type AuditInput = Omit<AuditEntry, 'seq' | 'at' | 'prevHash' | 'hash'>;

/**
 * The hash of an entry: sha256 over the previous hash and the canonical JSON of the entry
 * without its own hash, so a changed, missing or reordered entry breaks every later link.
 */
export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const { prevHash, ...rest } = entry;
  return chainedHash(prevHash, rest);
}

function chainedHash(prevHash: string, content: Omit<AuditEntry, 'hash' | 'prevHash'>): string {
  // One-shot: the same digest as updating a hash with each part, for half the calls.
  return hash('sha256', prevHash + canonicalEntryJson(content), 'hex');
}

/** The end of the chain: the last entry's sequence number and hash. */
export interface AuditHead {
  seq: number;
  hash: string;
}

/**
 * Appends entries to the chain inside the caller's transaction, so an entry exists if and only
 * if what it records was committed. Reads and moves the one-row chain head, which serialises
 * concurrent appenders.
 */
export async function appendAudit(
  tx: SqlExecutor,
  inputs: readonly AuditInput[],
  at: Date,
): Promise<AuditEntry[]> {
  if (inputs.length === 0) return [];
  const entries = chainEntries(await readAuditHead(tx), inputs, at);
  await writeEntries(tx, entries);
  return entries;
}

/**
 * The chain head, for a caller that chains and writes entries itself (`chainEntries`,
 * `writeEntries`) within the same transaction, writing no other entries in between.
 */
export async function readAuditHead(tx: SqlExecutor): Promise<AuditHead> {
  const head = await tx.get<{ seq: number | string; hash: string }>(
    'SELECT seq, hash FROM audit_head WHERE id = 1',
  );
  if (head === undefined) throw new Error('audit_head row is missing');
  return { seq: Number(head.seq), hash: head.hash };
}

/**
 * Entries for these inputs, numbered and hashed on from `head`. No database work. Each input is
 * sanitised first (`sanitiseAuditInput`), so what is hashed is exactly what is stored.
 */
export function chainEntries(
  head: AuditHead,
  inputs: readonly AuditInput[],
  at: Date,
): AuditEntry[] {
  let seq = head.seq;
  let prevHash = head.hash;
  const entries: AuditEntry[] = [];
  const stamp = at.toISOString();
  for (const input of inputs) {
    seq += 1;
    const content = { ...sanitiseAuditInput(input), seq, at: stamp };
    const hash = chainedHash(prevHash, content);
    entries.push({ ...content, prevHash, hash });
    prevHash = hash;
  }
  return entries;
}

/** Writes chained entries and moves the head to the last of them. */
export async function writeEntries(tx: SqlExecutor, entries: readonly AuditEntry[]): Promise<void> {
  const last = entries.at(-1);
  if (last === undefined) return;
  const rows: SqlValue[][] = [];
  for (const e of entries) {
    rows.push([
      e.seq,
      e.at,
      e.actorId,
      e.actorRole,
      e.ip,
      e.userAgent,
      e.client,
      e.action,
      e.recordId,
      fieldsJson(e.fields),
      e.outcome,
      e.detail,
      e.prevHash,
      e.hash,
    ]);
  }
  await tx.insertRows('audit_log', auditColumns, rows);
  await tx.run('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1', [last.seq, last.hash]);
}

/** An audit row as stored. */
export interface AuditRow {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_role: string | null;
  ip: string | null;
  user_agent: string | null;
  client: string;
  action: string;
  record_id: string | null;
  fields: string;
  outcome: string;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

/** Turns a stored row back into an entry. */
export function entryFromRow(row: AuditRow): AuditEntry {
  return {
    seq: Number(row.seq),
    at: row.at,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    ip: row.ip,
    userAgent: row.user_agent,
    client: row.client as AuditEntry['client'],
    action: row.action,
    recordId: row.record_id,
    fields: JSON.parse(row.fields) as AuditEntry['fields'],
    outcome: row.outcome as AuditEntry['outcome'],
    detail: row.detail,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
