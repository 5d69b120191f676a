import { z } from 'zod';
import { customerStatuses } from '../fields/options';
import { syncedRecordSchema } from '../sync/pull-response';

/**
 * A customer as one caller may see it, as the read and review routes answer: the synced record
 * (values masked or left out by the caller's field rules) with its status and the records it may
 * duplicate.
 */
export const customerViewSchema = syncedRecordSchema.extend({
  status: z.enum(customerStatuses),
  possibleDuplicates: z.array(z.string()),
});

export type CustomerView = z.infer<typeof customerViewSchema>;
