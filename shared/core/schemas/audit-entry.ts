import { z } from 'zod';

/** One field in an audit entry; values are masked before they are written. */
export const auditFieldSchema = z.object({
  field: z.string(),
  oldValue: z.string().optional(),
  newValue: z.string().optional(),
});

/** Where a request came from. */
export const clientKinds = ['sheets', 'excel', 'api', 'web'] as const;

/**
 * One entry of the append-only audit log. `hash = sha256(prevHash + canonicalJson(entry without
 * hash))`, so a lost, edited or reordered entry breaks the chain.
 */
export const auditEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorRole: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  client: z.enum(clientKinds),
  action: z.string().min(1),
  recordId: z.string().nullable(),
  fields: z.array(auditFieldSchema),
  outcome: z.enum(['success', 'denied', 'failed']),
  detail: z.string().nullable(),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});

export type AuditEntry = z.infer<typeof auditEntrySchema>;
