import { z } from 'zod';

/**
 * Query of a pull: records changed after `since`, at most `limit` of them. `epoch` is the
 * permission epoch of the client's last answer, sent back so the server can tell a client that
 * synced before a permission change (answered with `reset`) from one paging through a reset.
 * A client that sends no epoch keeps no copy to reset: it is never answered with `reset`, and
 * learns of rows that left it only through `removed`.
 */
export const pullQuerySchema = z.object({
  since: z.coerce.number().int().nonnegative().default(0),
  epoch: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

/**
 * A record as the caller may see it: values already masked by the server for that caller,
 * hidden fields absent, and the list of fields that are masked so the sheet can lock them.
 */
export const syncedRecordSchema = z.object({
  id: z.string(),
  checkpoint: z.number().int().nonnegative(),
  values: z.record(z.string(), z.unknown()),
  masked: z.array(z.string()),
});

/**
 * Records changed after the checkpoint, IDs that left the caller's scope, and the next
 * checkpoint: a server-side sequence, never a client clock. With `reset`, the records start over
 * from 0 and the client keeps only those.
 */
export const pullResponseSchema = z.object({
  records: z.array(syncedRecordSchema),
  removed: z.array(z.string()),
  checkpoint: z.number().int().nonnegative(),
  hasMore: z.boolean(),
  /** Permissions changed since the client's epoch: drop every row and take these instead. */
  reset: z.boolean(),
  /** The permission epoch this answer was made under: send it back with the next pull. */
  epoch: z.number().int().nonnegative(),
});

export type PullQuery = z.infer<typeof pullQuerySchema>;
export type SyncedRecord = z.infer<typeof syncedRecordSchema>;
export type PullResponse = z.infer<typeof pullResponseSchema>;
