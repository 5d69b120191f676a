import { normaliseForCompare } from '../../../shared/core/normalise/normalise-text';
import type { TagEntry, TagStatus } from '../../../shared/core/tags/tag-entry';
import { normaliseTag, validateTag } from '../../../shared/core/tags/tag-rules';
import type { ErrorCode } from '../../../shared/core/validation/field-error';
import type { SqlExecutor } from '../storage/database';
import { retagRecords, type RetaggedRecord } from './retag-records';

/** An admin's change to the tag vocabulary; `tag` names the tag to change. */
export type TagChange =
  | { kind: 'rename'; tag: string; to: string }
  | { kind: 'merge'; tag: string; into: string }
  | { kind: 'retire'; tag: string };

/** Why a change was refused: the input it concerns and the message code of the problem. */
export interface TagChangeRefusal {
  ok: false;
  /** `invalid`: the input is wrong; `notFound`: a named tag is missing; `conflict`: the vocabulary says no. */
  refusal: 'invalid' | 'notFound' | 'conflict';
  field: 'tag' | 'to' | 'into';
  code: ErrorCode;
  params: Record<string, string | number>;
}

/** What a change did; `changed` is false when it had already been done. */
export interface TagChangeDone {
  ok: true;
  /** The tag as it now stands, and its status before the change. */
  tag: TagEntry;
  previousStatus: TagStatus;
  replacement: TagEntry | null;
  records: RetaggedRecord[];
  changed: boolean;
}

interface TagRow {
  tag: string;
  status: TagStatus;
  replaced_by: string | null;
}

/**
 * Renames, merges or retires a tag in the caller's transaction. Every check runs before the
 * first write, so a refusal leaves nothing behind. A rename or merge moves every record carrying
 * the tag to its replacement; a retired tag stays on its records and only leaves the choice.
 */
export async function changeTag(
  tx: SqlExecutor,
  change: TagChange,
  by: { userId: string; now: Date },
): Promise<TagChangeDone | TagChangeRefusal> {
  const rows = await tx.all<TagRow>('SELECT tag, status, replaced_by FROM tags');
  const source = find(rows, change.tag);
  if (source === undefined) return refuse('notFound', 'tag', 'tag.notFound', change.tag);
  const replaced = replacedRefusal(source, 'tag');
  if (replaced !== undefined) return replaced;
  const at = by.now.toISOString();

  if (change.kind === 'retire') {
    if (source.status === 'retired') return done(source, source, null, [], false);
    await tx.run("UPDATE tags SET status = 'retired', updated_at = ? WHERE tag = ?", [
      at,
      source.tag,
    ]);
    return done(source, { ...source, status: 'retired' }, null, [], true);
  }

  let target: TagRow;
  if (change.kind === 'rename') {
    const checked = validateTag(change.to);
    if (!checked.ok) {
      return refuse('invalid', 'to', checked.code, change.to, checked.params);
    }
    if (checked.value === source.tag) return refuse('invalid', 'to', 'tag.same', checked.value);
    // Spellings that match ignoring case, width and spaces are one tag to a push, so a name the
    // vocabulary still uses is taken; one that only survives as a replaced tag may be reused.
    const taken = rows.find(
      (r) =>
        r.tag !== source.tag &&
        keyOf(r.tag) === keyOf(checked.value) &&
        (r.status === 'active' || r.status === 'retired'),
    );
    if (taken !== undefined) return refuse('conflict', 'to', 'tag.exists', taken.tag);
    // The new name takes the old one's place in the vocabulary, retired if the old one was.
    target = { tag: checked.value, status: source.status, replaced_by: null };
    await tx.run(
      'INSERT INTO tags (tag, status, replaced_by, updated_at) VALUES (?, ?, NULL, ?) ON CONFLICT (tag) DO UPDATE SET status = excluded.status, replaced_by = NULL, updated_at = excluded.updated_at',
      [target.tag, target.status, at],
    );
  } else {
    const into = find(rows, change.into);
    if (into === undefined) return refuse('notFound', 'into', 'tag.notFound', change.into);
    if (into.tag === source.tag) return refuse('invalid', 'into', 'tag.mergeSelf', into.tag);
    const intoReplaced = replacedRefusal(into, 'into');
    if (intoReplaced !== undefined) return intoReplaced;
    if (into.status === 'retired') return refuse('conflict', 'into', 'tag.retired', into.tag);
    target = into;
  }

  const status = change.kind === 'rename' ? 'renamed' : 'merged';
  await tx.run('UPDATE tags SET status = ?, replaced_by = ?, updated_at = ? WHERE tag = ?', [
    status,
    target.tag,
    at,
    source.tag,
  ]);
  // Tags replaced earlier by this one now point straight at its replacement: one step to follow.
  await tx.run('UPDATE tags SET replaced_by = ?, updated_at = ? WHERE replaced_by = ?', [
    target.tag,
    at,
    source.tag,
  ]);
  const { records } = await retagRecords(tx, {
    from: source.tag,
    to: target.tag,
    by: by.userId,
    now: by.now,
  });
  return done(source, { ...source, status, replaced_by: target.tag }, target, records, true);
}

/** The tag of the vocabulary with this name: spelled exactly so, or else matching as a push would. */
function find(rows: readonly TagRow[], name: string): TagRow | undefined {
  const normal = normaliseTag(name);
  return rows.find((r) => r.tag === normal) ?? rows.find((r) => keyOf(r.tag) === keyOf(normal));
}

/** What two spellings of one tag share: they match ignoring case, width and spaces. */
export function keyOf(tag: string): string {
  return normaliseForCompare(normaliseTag(tag));
}

function replacedRefusal(row: TagRow, field: 'tag' | 'into'): TagChangeRefusal | undefined {
  if (row.status !== 'renamed' && row.status !== 'merged') return undefined;
  return refuse('conflict', field, 'tag.replaced', row.tag, { replacedBy: row.replaced_by ?? '' });
}

function refuse(
  refusal: TagChangeRefusal['refusal'],
  field: TagChangeRefusal['field'],
  code: ErrorCode,
  value: string,
  params: Record<string, string | number> = {},
): TagChangeRefusal {
  return { ok: false, refusal, field, code, params: { value: normaliseTag(value), ...params } };
}

function done(
  before: TagRow,
  tag: TagRow,
  replacement: TagRow | null,
  records: RetaggedRecord[],
  changed: boolean,
): TagChangeDone {
  return {
    ok: true,
    tag: entryOf(tag),
    previousStatus: before.status,
    replacement: replacement && entryOf(replacement),
    records,
    changed,
  };
}

function entryOf(row: TagRow): TagEntry {
  return { tag: row.tag, status: row.status, replacedBy: row.replaced_by };
}
