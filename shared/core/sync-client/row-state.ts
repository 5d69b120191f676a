/** Where a row stands after the last run that touched it. */
export type RowStatus =
  'synced' | 'pending_review' | 'invalid' | 'conflict' | 'duplicate' | 'forbidden' | 'gone';

/** A mutation written beside its row before it is sent, and resent as is until answered. */
export interface PendingMutation {
  /** The mutation ID: the server answers a resent ID with its first outcome. */
  id: string;
  /** The fields sent, as the server takes them. */
  f: Record<string, unknown>;
  /** The base checkpoint sent. */
  c?: number;
}

/**
 * What the engine keeps in a row's hidden state column, as short-keyed JSON because 10,000 rows
 * of it live in the sheet.
 */
export interface RowState {
  /** Base: the row's values as the server held them when the row last matched it. */
  b: Record<string, unknown>;
  p?: PendingMutation;
  s?: RowStatus;
  /** The message of an invalid, duplicate, forbidden or gone row. */
  m?: string;
  /** Fields carrying a note from the engine, cleared when the row is fine again. */
  e?: string[];
  /** A conflict: the server's checkpoint and its values of the conflicting fields. */
  x?: { c: number; t: Record<string, unknown> };
  /**
   * Fields someone else changed (a `merged` answer) that the sheet has not pulled yet, and the
   * checkpoint before: a push touching them sends that checkpoint, so the server can tell.
   */
  o?: { c: number; f: string[] };
  /** Fields the server masks for this user. */
  k?: string[];
  /** The permission reset during which the row was last pulled. */
  g?: string;
}

/**
 * Reads a row's state cell; anything unreadable (a blank cell, a user's typing) is a fresh state.
 * @example parseRowState('').b // {}
 */
export function parseRowState(cell: string): RowState {
  if (cell.trim() === '') return { b: {} };
  try {
    const parsed: unknown = JSON.parse(cell);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { b: {} };
    const state = parsed as Partial<RowState>;
    const base = typeof state.b === 'object' && state.b !== null ? state.b : {};
    return { ...state, b: base };
  } catch {
    return { b: {} };
  }
}

/**
 * Writes a row's state cell.
 * @example formatRowState({ b: { name: '华信' }, s: 'synced' }) // '{"b":{"name":"华信"},"s":"synced"}'
 */
export function formatRowState(state: RowState): string {
  return JSON.stringify(state);
}

/**
 * The pending mutation ID in a state cell, without parsing the rest.
 * @example pendingIdOf('{"b":{},"p":{"id":"abc-1","f":{}}}') // 'abc-1'
 */
export function pendingIdOf(cell: string): string | undefined {
  if (!cell.includes('"p":')) return undefined;
  return parseRowState(cell).p?.id;
}
