import type { AuditEntry } from '../../../shared/core/schemas/audit-entry';
import { neutraliseFormula } from '../../../shared/core/sheet-safety/neutralise-formula';

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

// Excel reads a CSV without a byte-order mark in the machine's ANSI code page, which garbles
// Chinese text; the mark makes it read UTF-8.
const utf8Bom = '\uFEFF';

/** The header line, with the byte-order mark Excel needs, ending in CRLF (RFC 4180). */
export function auditCsvHeader(): string {
  return `${utf8Bom}${auditCsvColumns.join(',')}\r\n`;
}

/**
 * One entry as a CSV line ending in CRLF. Text cells are neutralised, so the file is for reading
 * in a spreadsheet, not for verifying: the JSONL export keeps the exact bytes that were hashed.
 */
export function auditCsvRow(entry: AuditEntry): string {
  return `${auditCsvColumns.map((column) => csvCell(cellValue(entry, column))).join(',')}\r\n`;
}

/** One RFC 4180 cell: quoted when it holds a quote, comma or line break, with quotes doubled. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
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
