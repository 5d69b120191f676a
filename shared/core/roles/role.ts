import { z } from 'zod';
import { customerFieldSchemas, type CustomerFieldKey } from '../fields/customer-fields';
import { localisedTextSchema } from '../forms/form-template';

/** Everything a role may be granted; a role may do only what it lists (deny by default). */
export const actions = [
  'customer.create',
  'customer.read',
  'customer.update',
  'customer.submit',
  'customer.review',
  'customer.approveSecond',
  'customer.unmask',
  'customer.export',
  'customer.merge',
  'customer.archive.request',
  'customer.archive.approve',
  'changeRequest.create',
  'changeRequest.approveGeneral',
  'changeRequest.approveImportant',
  'draft.save',
  'attachment.upload',
  'followUp.create',
  'serviceRequest.create',
  'survey.create',
  'tag.apply',
  'report.read',
  'report.quality',
  'admin.users',
  'admin.roles',
  'admin.templates',
  'admin.tags',
  'admin.settings',
  'audit.read',
  'audit.verify',
] as const;

export type Action = (typeof actions)[number];

/** Which records a role reaches: its own, its team's, all, or none. */
export const rowScopes = ['none', 'own', 'team', 'all'] as const;
export type RowScope = (typeof rowScopes)[number];

/** What a role sees of a field: edit it, view it in clear, see it masked, or not at all. */
export const fieldAccesses = ['edit', 'view', 'masked', 'hidden'] as const;
export type FieldAccess = (typeof fieldAccesses)[number];

const fieldKeys = Object.keys(customerFieldSchemas) as [CustomerFieldKey, ...CustomerFieldKey[]];

/** A role as data: an admin changes it from the admin sidebar, not in code. */
export const roleSchema = z.object({
  id: z.string().regex(/^[a-z][a-zA-Z0-9-]{1,40}$/),
  name: localisedTextSchema,
  actions: z.array(z.enum(actions)),
  rowScope: z.enum(rowScopes),
  /** Rule for fields the map does not name; `hidden` unless the admin says otherwise. */
  defaultFieldAccess: z.enum(fieldAccesses),
  fieldAccess: z.partialRecord(z.enum(fieldKeys), z.enum(fieldAccesses)),
});

export type Role = z.infer<typeof roleSchema>;

/**
 * What a role sees of a field.
 * @example fieldAccessOf(supportRole, 'mobile') // 'masked'
 */
export function fieldAccessOf(role: Role, field: CustomerFieldKey): FieldAccess {
  return role.fieldAccess[field] ?? role.defaultFieldAccess;
}

/**
 * Whether a role grants an action.
 * @example roleAllows(auditorRole, 'customer.read') // false
 */
export function roleAllows(role: Role, action: Action): boolean {
  return role.actions.includes(action);
}
