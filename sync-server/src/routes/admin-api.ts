import { z } from 'zod';
import { fieldAccesses, roleSchema } from '../../../shared/core/roles/role';
import { userSchema } from '../../../shared/core/schemas/user';
import type { ApiOperation } from '../http/api-operation';

/** A user as the admin sends it; the ID comes from the path. PUT replaces the whole user. */
export const userBodySchema = userSchema.omit({ id: true, team: true }).extend({
  // Sidebars send null or '' for "no team"; both mean the same as leaving it out.
  team: z.string().trim().max(50).nullish(),
  locale: userSchema.shape.locale.default('zh-CN'),
  active: z.boolean().default(true),
});

/** One cell of the sidebar's field grid; `null` drops the rule so the role's default applies. */
export const fieldRuleSchema = z.object({
  field: roleSchema.shape.fieldAccess.keyType,
  access: z.enum(fieldAccesses).nullable(),
});

export const tokenBodySchema = z.object({ label: z.string().trim().min(1).max(100) });

/** An API token as listed: never its hash. */
export const tokenSummarySchema = z.object({
  id: z.string(),
  label: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});

export type TokenSummary = z.infer<typeof tokenSummarySchema>;

/** The answers of the admin routes. */
export const adminResponseSchemas = {
  users: z.object({ users: z.array(userSchema) }),
  savedUser: z.object({ user: userSchema, permissionsChangedAt: z.number().int() }),
  roles: z.object({ roles: z.array(roleSchema) }),
  savedRole: z.object({ role: roleSchema, permissionsChangedAt: z.number().int() }),
  tokens: z.object({ tokens: z.array(tokenSummarySchema) }),
  /** The only answer that carries the token itself. */
  newToken: z.object({ id: z.string(), token: z.string() }),
  revokedToken: z.object({ token: tokenSummarySchema }),
};

/** What one admin route answers, typed from its schema. */
export type AdminAnswer<K extends keyof typeof adminResponseSchemas> = z.infer<
  (typeof adminResponseSchemas)[K]
>;

const users = ['admin.users'] as const;
const roles = ['admin.roles'] as const;

/** The admin routes, for the API document. */
export const adminOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/v1/admin/users',
    summary: 'api.admin.users.list',
    auth: users,
    response: adminResponseSchemas.users,
  },
  {
    method: 'put',
    path: '/v1/admin/users/:id',
    summary: 'api.admin.users.save',
    auth: users,
    body: userBodySchema,
    response: adminResponseSchemas.savedUser,
    upsert: true,
  },
  {
    method: 'get',
    path: '/v1/admin/roles',
    summary: 'api.admin.roles.list',
    auth: roles,
    response: adminResponseSchemas.roles,
  },
  {
    method: 'put',
    path: '/v1/admin/roles/:id',
    summary: 'api.admin.roles.save',
    auth: roles,
    body: roleSchema,
    response: adminResponseSchemas.savedRole,
    upsert: true,
  },
  {
    method: 'patch',
    path: '/v1/admin/roles/:id/fields',
    summary: 'api.admin.roles.field',
    auth: roles,
    body: fieldRuleSchema,
    response: adminResponseSchemas.savedRole,
  },
  {
    method: 'get',
    path: '/v1/admin/users/:id/tokens',
    summary: 'api.admin.tokens.list',
    auth: users,
    response: adminResponseSchemas.tokens,
  },
  {
    method: 'post',
    path: '/v1/admin/users/:id/tokens',
    summary: 'api.admin.tokens.create',
    auth: users,
    body: tokenBodySchema,
    response: adminResponseSchemas.newToken,
    status: 201,
  },
  {
    method: 'delete',
    path: '/v1/admin/tokens/:tokenId',
    summary: 'api.admin.tokens.revoke',
    auth: users,
    response: adminResponseSchemas.revokedToken,
  },
];
