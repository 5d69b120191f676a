import { z } from 'zod';
import { dateTimeField, longTextField } from '../fields/field-schemas';
import type { CustomerFieldKey } from '../fields/customer-fields';
import { customerFieldSchemas } from '../fields/customer-fields';
import { customerIdPattern } from '../ids/record-id';

const fieldKeys = Object.keys(customerFieldSchemas) as [CustomerFieldKey, ...CustomerFieldKey[]];

/** One field's change; old values are kept, never overwritten. */
export const fieldChangeSchema = z.object({
  field: z.enum(fieldKeys),
  oldValue: z.unknown(),
  newValue: z.unknown(),
});

/** 变更记录 / change request on an approved customer (SPEC 3.6). */
export const changeRequestSchema = z.object({
  id: z.string().min(1),
  customerId: z.string().regex(customerIdPattern),
  changes: z.array(fieldChangeSchema).min(1),
  reason: longTextField(500),
  importance: z.enum(['general', 'important']),
  status: z.enum(['pending', 'approved', 'rejected']),
  requestedBy: z.string().min(1),
  requestedAt: dateTimeField,
  approvedBy: z.string().optional(),
  decidedAt: dateTimeField.optional(),
  decisionReason: longTextField(500).optional(),
});

export type ChangeRequest = z.infer<typeof changeRequestSchema>;
export type FieldChange = z.infer<typeof fieldChangeSchema>;

/** Changes to these need the data-management role; others a department head (SPEC 3.6). */
export const importantChangeFields: readonly CustomerFieldKey[] = [
  'name',
  'kind',
  'industry',
  'creditCode',
  'idNumber',
  'owner',
];

/**
 * How important a set of field changes is: important if any field is.
 * @example changeImportance(['mobile']) // 'general'
 */
export function changeImportance(fields: readonly string[]): 'general' | 'important' {
  return fields.some((f) => (importantChangeFields as readonly string[]).includes(f))
    ? 'important'
    : 'general';
}
