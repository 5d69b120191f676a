import { neutraliseFormula } from '../../../shared/core/sheet-safety/neutralise-formula';

// Excel reads a CSV without a byte-order mark in the machine's ANSI code page, which garbles
// Chinese text; the mark makes it read UTF-8.
const utf8Bom = '\uFEFF';

/** A header line, with the byte-order mark Excel needs, ending in CRLF (RFC 4180). */
export function csvHeader(cells: readonly string[]): string {
  return `${utf8Bom}${csvLine(cells)}`;
}

/** One line of cells ending in CRLF (RFC 4180). */
export function csvLine(cells: readonly (string | number | boolean | null)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * One RFC 4180 cell: quoted when it holds a quote, comma or line break, with quotes doubled.
 * Text that a spreadsheet would run as a formula is neutralised (SPEC 5).
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
