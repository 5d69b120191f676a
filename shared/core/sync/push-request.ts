import { z } from 'zod';
import { customerIdPattern } from '../ids/record-id';

/** The most mutations one push may carry; clients chunk larger syncs. */
export const maxMutationsPerPush = 500;

/**
 * One row's change. `mutationId` is chosen by the client and makes retries idempotent;
 * `baseCheckpoint` is the checkpoint at which the client last saw the record; `fields` holds only
 * the fields the client changed. A masked value sent back means "unchanged".
 */
export const mutationSchema = z.object({
  mutationId: z
    .string()
    .min(8)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
  recordId: z.string().regex(customerIdPattern).optional(),
  baseCheckpoint: z.number().int().nonnegative().optional(),
  templateId: z.string().optional(),
  fields: z.record(z.string(), z.unknown()),
});

export const pushRequestSchema = z.object({
  clientId: z.string().min(1).max(64),
  mutations: z.array(mutationSchema).min(1).max(maxMutationsPerPush),
});

export type Mutation = z.infer<typeof mutationSchema>;
export type PushRequest = z.infer<typeof pushRequestSchema>;
