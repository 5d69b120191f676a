import { z } from 'zod';
import { fieldErrorSchema } from '../validation/field-error';

const base = { mutationId: z.string() };

/** A field changed on both sides since the client's checkpoint: both values, for the user. */
export const fieldConflictSchema = z.object({
  field: z.string(),
  yours: z.unknown(),
  theirs: z.unknown(),
});

/**
 * The server's answer for one mutation. One bad row never fails the batch: each mutation gets
 * its own outcome.
 */
export const mutationOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ ...base, status: z.literal('applied'), recordId: z.string(), checkpoint: z.number() }),
  z.object({
    ...base,
    status: z.literal('merged'),
    recordId: z.string(),
    checkpoint: z.number(),
    /** Fields someone else changed meanwhile, which the client should pull. */
    mergedFields: z.array(z.string()),
  }),
  z.object({
    ...base,
    status: z.literal('conflict'),
    recordId: z.string(),
    checkpoint: z.number(),
    conflicts: z.array(fieldConflictSchema).min(1),
  }),
  z.object({ ...base, status: z.literal('invalid'), errors: z.array(fieldErrorSchema).min(1) }),
  z.object({
    ...base,
    status: z.literal('duplicate'),
    existingId: z.string(),
    matchedOn: z.array(z.string()).min(1),
    message: z.string(),
  }),
  z.object({
    ...base,
    status: z.literal('pending_review'),
    recordId: z.string(),
    checkpoint: z.number(),
    possibleDuplicates: z.array(z.string()),
  }),
  z.object({ ...base, status: z.literal('forbidden'), message: z.string() }),
]);

export const pushResponseSchema = z.object({
  outcomes: z.array(mutationOutcomeSchema),
  checkpoint: z.number().int().nonnegative(),
});

export type MutationOutcome = z.infer<typeof mutationOutcomeSchema>;
export type MutationStatus = MutationOutcome['status'];
export type FieldConflict = z.infer<typeof fieldConflictSchema>;
export type PushResponse = z.infer<typeof pushResponseSchema>;
