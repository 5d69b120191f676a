import { z } from 'zod';
import { addCustomerRules } from '../fields/customer-rules';
import { customerFieldSchemas, systemFieldSchemas } from '../fields/customer-fields';

/**
 * The fields SPEC 2.1 marks required. customer.test.ts checks that this list and the `required`
 * flags of the field table agree, so the two cannot drift.
 */
export const requiredCustomerFields = [
  'name',
  'kind',
  'industry',
  'region',
  'stage',
  'contactName',
  'mobile',
  'demand',
  'expectedDate',
  'sources',
  'owner',
] as const;

const requiredMask = Object.fromEntries(requiredCustomerFields.map((k) => [k, true])) as {
  [K in (typeof requiredCustomerFields)[number]]: true;
};

/** What a user may type into a customer record, with the SPEC's required fields required. */
export const customerInputSchema = z
  .object(customerFieldSchemas)
  .partial()
  .required(requiredMask)
  .strict()
  .superRefine((value, ctx) => addCustomerRules(value, ctx));

export type CustomerInput = z.infer<typeof customerInputSchema>;

/** A customer record as stored and synced: what users type plus the system fields. */
export const customerSchema = z
  .object(customerFieldSchemas)
  .partial()
  .required(requiredMask)
  .extend(systemFieldSchemas)
  .strict();

export type Customer = z.infer<typeof customerSchema>;
