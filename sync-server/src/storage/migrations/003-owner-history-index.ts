import type { Migration } from '../migrate';

// An incremental pull names as removed the rows that left the caller's rows since its
// checkpoint: those the caller owned after it and owns no more. Owner changes are kept in
// field_history; this index finds a user's, after a checkpoint, without reading all history.
const statements = [
  "CREATE INDEX field_history_owner ON field_history (old_value, checkpoint) WHERE field = 'owner'",
];

/** Finds the records a user stopped owning after a checkpoint. */
export const ownerHistoryIndex: Migration = {
  version: 3,
  name: 'owner-history-index',
  sqlite: statements,
  postgres: statements,
};
