import type { Locale } from '../i18n/locale';
import { neutraliseFormula } from '../sheet-safety/neutralise-formula';
import { displayValue } from './cell-codec';
import type { CellValue, RowChange, SheetRow } from './index';
import { formatRowState, parseRowState } from './row-state';

/**
 * The user's choice for a conflicting row, field by field: keep the sheet's value (`yours`,
 * pushed by the next sync) or take the server's (`theirs`). Fields left out keep `yours`.
 */
export interface ConflictChoice {
  row: number;
  recordId: string;
  fields: Readonly<Record<string, 'yours' | 'theirs'>>;
}

/**
 * The change that settles a conflict in the sheet: chosen server values written into the cells,
 * and the row rebased on the server's checkpoint so the next sync pushes the values kept. The
 * row must be the conflicting one (same record ID); otherwise nothing is done.
 * @example resolveConflict(row, { row: 7, recordId: 'CUS202405010001', fields: { mobile: 'theirs' } }, 'zh-CN')
 */
export function resolveConflict(
  row: SheetRow,
  choice: ConflictChoice,
  locale: Locale,
): RowChange | undefined {
  if (row.meta.recordId !== choice.recordId || row.meta.recordId === '') return undefined;
  const state = parseRowState(row.meta.state);
  const conflict = state.x;
  if (conflict === undefined) return undefined;
  const cells: Record<string, CellValue> = {};
  const notes: Record<string, string> = {};
  const base = { ...state.b };
  for (const [field, theirs] of Object.entries(conflict.t)) {
    // Either way the base becomes the server's value: taking theirs makes the cell match it,
    // keeping yours leaves the cell different from it, so the next sync pushes it.
    if (theirs === null || theirs === undefined) delete base[field];
    else base[field] = theirs;
    if (choice.fields[field] === 'theirs' && field in row.cells) {
      const shown = displayValue(field, theirs, locale);
      cells[field] = typeof shown === 'string' ? neutraliseFormula(shown) : shown;
    }
    notes[field] = '';
  }
  const { x: _settled, m: _message, ...rest } = state;
  const next = { ...rest, b: base, s: 'synced' as const };
  const marked = (state.e ?? []).filter((f) => !(f in conflict.t));
  if (marked.length > 0) next.e = marked;
  else delete next.e;
  return {
    kind: 'update',
    row: row.row,
    cells,
    notes,
    meta: { checkpoint: String(conflict.c), state: formatRowState(next) },
  };
}
