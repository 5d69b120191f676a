import { z } from 'zod';

/**
 * The data of a `changed` event on `GET /v1/sync/events`: records changed, and pulling up to
 * this checkpoint brings them in. Sent once on connecting (the checkpoint then) and after every
 * change on any server instance; a client that has pulled this far already has nothing to do.
 */
export const changeEventSchema = z.object({ checkpoint: z.number().int().nonnegative() });

export type ChangeEvent = z.infer<typeof changeEventSchema>;
