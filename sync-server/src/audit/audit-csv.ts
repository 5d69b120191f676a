import type { AuditEntry } from '../../../shared/core/schemas/audit-entry';
import { csvHeader, csvLine } from '../http/csv';

/** CSV columns, named like the JSON keys so a sheet and a JSONL file line up. */
export const auditCsvColumns = [
  'seq',
  'at',
  'actorId',
  'actorRole',
  'ip',
  'userAgent',
  'client',
  'action',
  'recordId',
  'fields',
  'outcome',
  'detail',
  'prevHash',
  'hash',
] as const satisfies readonly (keyof AuditEntry)[];

/** The header line, with the byte-order mark Excel needs, ending in CRLF (RFC 4180). */
export function auditCsvHeader(): string {
  return csvHeader(auditCsvColumns);
}

/**
 * One entry as a CSV line ending in CRLF. Text cells are neutralised, so the file is for reading
 * in a spreadsheet, not for verifying: the JSONL export keeps the exact bytes that were hashed.
 */
export function auditCsvRow(entry: AuditEntry): string {
  return csvLine(auditCsvColumns.map((column) => cellValue(entry, column)));
}

function cellValue(
  entry: AuditEntry,
  column: (typeof auditCsvColumns)[number],
): string | number | null {
  if (column !== 'fields') return entry[column];
  // A tampered row may carry its raw text instead of an array (see entryFromStoredRow).
  const fields: unknown = entry.fields;
  return typeof fields === 'string' ? fields : JSON.stringify(fields);
}
