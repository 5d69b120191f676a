import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import type { Locale } from '../../../shared/core/i18n/locale';
import type { MessageKey } from '../../../shared/core/i18n/messages';
import { t } from '../../../shared/core/i18n/translate';
import { roleSchema, type Role } from '../../../shared/core/roles/role';
import type { AuditEntry } from '../../../shared/core/schemas/audit-entry';
import { userSchema, type User } from '../../../shared/core/schemas/user';
import {
  fieldError,
  type ErrorCode,
  type FieldError,
} from '../../../shared/core/validation/field-error';
import { appendAudit, type AuditInput } from '../audit/audit-log';
import { generateApiToken } from '../auth/api-token';
import { ApiError } from '../http/api-error';
import type { Actor, AppEnv } from '../http/context';
import type { ServerDeps } from '../http/deps';
import { parseBody } from '../http/parse-body';
import { requirePermission } from '../http/require';
import { can } from '../policy/policy';
import { locksOut, type LockOutChange } from '../people/lock-out';
import { bumpPermissionEpoch, permissionsChangedAt } from '../people/permission-epoch';
import { findRole, listRoles, saveRole } from '../people/role-store';
import {
  findUserByEmail,
  findUserById,
  listUsers,
  saveApiToken,
  saveUser,
  findApiToken,
  listApiTokens,
  revokeApiToken,
  type TokenRow,
} from '../people/user-store';
import type { SqlExecutor } from '../storage/database';
import {
  fieldRuleSchema,
  tokenBodySchema,
  userBodySchema,
  type AdminAnswer as Answer,
  type TokenSummary,
} from './admin-api';

type AuditField = AuditEntry['fields'][number];

/**
 * The admin API: users, roles with their field rules, and API tokens. Every change is audited
 * with old and new values and bumps the permission epoch in the same transaction, so the next
 * pull can drop rows that left a user's scope. Token hashes never leave the server; a new
 * token is answered once, on creation.
 */
export function adminRoutes(deps: ServerDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const identitySignIn =
    deps.verifiers.google !== undefined || deps.verifiers.microsoft !== undefined;

  app.get('/v1/admin/users', async (c) => {
    await requirePermission(deps, c, 'admin.users');
    return c.json({ users: await listUsers(deps.db) } satisfies Answer<'users'>);
  });

  app.put('/v1/admin/users/:id', async (c) => {
    const actor = await requirePermission(deps, c, 'admin.users');
    const body = await parseAdminBody(c, userBodySchema, { email: 'email.user' });
    const locale = c.get('info').locale;
    const id = c.req.param('id');
    const team = body.team ?? '';
    const user: User = {
      id,
      email: body.email.toLowerCase(),
      displayName: body.displayName,
      roleId: body.roleId,
      locale: body.locale,
      active: body.active,
      ...(team === '' ? {} : { team }),
    };
    if (!userSchema.shape.id.safeParse(id).success) {
      throw new ApiError(400, 'bad_request', t('http.badRequest', locale, { detail: 'id' }));
    }
    const saved = await deps.db.write(async (tx) => {
      const before = await findUserById(tx, id);
      const role = await findRole(tx, user.roleId);
      if (role === undefined) {
        throw invalid(locale, [labelled('roleId', 'role.unknown', locale, { value: user.roleId })]);
      }
      // Only who may shape roles may hand out administrative powers they do not hold: a user
      // manager gives sales or support roles, but cannot make anyone, themselves included, an
      // admin or an auditor.
      if (
        before?.roleId !== user.roleId &&
        !can(actor, 'admin.roles') &&
        role.actions.some((a) => /^(admin|audit)\./.test(a) && !can(actor, a))
      ) {
        const error = labelled('roleId', 'role.beyondOwn', locale, { value: user.roleId });
        throw new ApiError(403, 'forbidden', error.message, { fields: [error] });
      }
      const holder = await findUserByEmail(tx, user.email);
      if (holder !== undefined && holder.id !== id) {
        const error = labelled(
          'email',
          'user.emailTaken',
          locale,
          { value: user.email },
          'email.user',
        );
        throw new ApiError(409, 'conflict', error.message, { fields: [error] });
      }
      const fields = diff(
        before === undefined ? undefined : flattenUser(before),
        flattenUser(user),
      );
      // A repeated PUT changes nothing, so it neither audits nor reloads every client.
      if (fields.length === 0) {
        return { epoch: await permissionsChangedAt(tx), created: false, changed: false };
      }
      await refuseLockOut(tx, locale, { user }, user.active ? 'roleId' : 'active', identitySignIn);
      await saveUser(tx, user, deps.now());
      // A record belongs to its owner's team: a user who moves team takes their customers along.
      // The epoch bump below makes every client pull afresh, so no checkpoint is needed here.
      if (before !== undefined && (before.team ?? null) !== (user.team ?? null)) {
        await tx.run('UPDATE customers SET team = ? WHERE owner = ?', [user.team ?? null, id]);
      }
      const epoch = await bumpPermissionEpoch(tx);
      const detail = before === undefined ? 'created' : 'updated';
      await audit(tx, c, actor, 'admin.user.save', id, fields, detail);
      return { epoch, created: before === undefined, changed: true };
    });
    if (saved.changed) await deps.changes.publish(saved.epoch);
    const answer = { user, permissionsChangedAt: saved.epoch } satisfies Answer<'savedUser'>;
    return c.json(answer, saved.created ? 201 : 200);
  });

  app.get('/v1/admin/roles', async (c) => {
    await requirePermission(deps, c, 'admin.roles');
    return c.json({ roles: await listRoles(deps.db) } satisfies Answer<'roles'>);
  });

  app.put('/v1/admin/roles/:id', async (c) => {
    const actor = await requirePermission(deps, c, 'admin.roles');
    const role = await parseAdminBody(c, roleSchema, { id: 'roleId', name: 'roleName' });
    const locale = c.get('info').locale;
    const id = c.req.param('id');
    if (role.id !== id) {
      const params = { value: role.id, expected: id };
      throw invalid(locale, [labelled('id', 'id.mismatch', locale, params, 'roleId')]);
    }
    const saved = await deps.db.write(async (tx) =>
      commitRole(tx, c, actor, await findRole(tx, id), role),
    );
    if (saved.changed) await deps.changes.publish(saved.epoch);
    const answer = { role, permissionsChangedAt: saved.epoch } satisfies Answer<'savedRole'>;
    return c.json(answer, saved.created ? 201 : 200);
  });

  app.patch('/v1/admin/roles/:id/fields', async (c) => {
    const actor = await requirePermission(deps, c, 'admin.roles');
    const { field, access } = await parseAdminBody(c, fieldRuleSchema);
    const locale = c.get('info').locale;
    const id = c.req.param('id');
    const saved = await deps.db.write(async (tx) => {
      const before = await findRole(tx, id);
      if (before === undefined) throw notFound(locale, 'admin.what.role', id);
      const rules = Object.entries(before.fieldAccess).filter(([key]) => key !== field);
      const fieldAccess = Object.fromEntries(
        access === null ? rules : [...rules, [field, access]],
      ) as Role['fieldAccess'];
      const role: Role = { ...before, fieldAccess };
      return { role, ...(await commitRole(tx, c, actor, before, role)) };
    });
    if (saved.changed) await deps.changes.publish(saved.epoch);
    return c.json({
      role: saved.role,
      permissionsChangedAt: saved.epoch,
    } satisfies Answer<'savedRole'>);
  });

  app.get('/v1/admin/users/:id/tokens', async (c) => {
    await requirePermission(deps, c, 'admin.users');
    const id = c.req.param('id');
    if ((await findUserById(deps.db, id)) === undefined) {
      throw notFound(c.get('info').locale, 'admin.what.user', id);
    }
    const rows = await listApiTokens(deps.db, id);
    return c.json({ tokens: rows.map(tokenSummary) } satisfies Answer<'tokens'>);
  });

  app.post('/v1/admin/users/:id/tokens', async (c) => {
    const actor = await requirePermission(deps, c, 'admin.users');
    const { label } = await parseAdminBody(c, tokenBodySchema);
    const userId = c.req.param('id');
    const tokenId = randomUUID();
    const { token, hash } = generateApiToken();
    await deps.db.write(async (tx) => {
      if ((await findUserById(tx, userId)) === undefined) {
        throw notFound(c.get('info').locale, 'admin.what.user', userId);
      }
      await saveApiToken(tx, { id: tokenId, userId, hash, label }, deps.now());
      await bumpPermissionEpoch(tx);
      const fields = [change('tokenId', undefined, tokenId), change('label', undefined, label)];
      await audit(tx, c, actor, 'admin.token.create', userId, fields, null);
    });
    // The only time the token itself is answered; the server keeps just its hash.
    return c.json({ id: tokenId, token } satisfies Answer<'newToken'>, 201);
  });

  app.delete('/v1/admin/tokens/:tokenId', async (c) => {
    const actor = await requirePermission(deps, c, 'admin.users');
    const tokenId = c.req.param('tokenId');
    const revoked = await deps.db.write(async (tx) => {
      const row = await findApiToken(tx, tokenId);
      if (row === undefined) throw notFound(c.get('info').locale, 'admin.what.token', tokenId);
      // Revoking twice is not a second change: answer the first revocation again.
      if (row.revoked_at !== null) return row;
      await refuseLockOut(
        tx,
        c.get('info').locale,
        { revokedTokenId: tokenId },
        'tokenId',
        identitySignIn,
      );
      const at = deps.now().toISOString();
      await revokeApiToken(tx, tokenId, at);
      await bumpPermissionEpoch(tx);
      const fields = [change('tokenId', undefined, tokenId), change('revokedAt', undefined, at)];
      await audit(tx, c, actor, 'admin.token.revoke', row.user_id, fields, null);
      return { ...row, revoked_at: at };
    });
    return c.json({ token: tokenSummary(revoked) } satisfies Answer<'revokedToken'>);
  });

  /** Saves a role if it changed, refusing a lock-out; audits old and new values. */
  async function commitRole(
    tx: SqlExecutor,
    c: Context<AppEnv>,
    actor: Actor,
    before: Role | undefined,
    role: Role,
  ): Promise<{ epoch: number; created: boolean; changed: boolean }> {
    const fields = diff(before === undefined ? undefined : flattenRole(before), flattenRole(role));
    if (fields.length === 0) {
      return { epoch: await permissionsChangedAt(tx), created: false, changed: false };
    }
    await refuseLockOut(tx, c.get('info').locale, { role }, 'actions', identitySignIn);
    await saveRole(tx, role, deps.now());
    const epoch = await bumpPermissionEpoch(tx);
    const detail = before === undefined ? 'created' : 'updated';
    await audit(tx, c, actor, 'admin.role.save', role.id, fields, detail);
    return { epoch, created: before === undefined, changed: true };
  }

  function audit(
    tx: SqlExecutor,
    c: Context<AppEnv>,
    actor: Actor,
    action: string,
    recordId: string,
    fields: AuditField[],
    detail: string | null,
  ): Promise<AuditEntry[]> {
    const info = c.get('info');
    const entry: AuditInput = {
      actorId: actor.user.id,
      actorRole: actor.role.id,
      ip: info.ip,
      userAgent: info.userAgent,
      client: info.client,
      action,
      recordId,
      fields,
      outcome: 'success',
      detail,
    };
    return appendAudit(tx, [entry], deps.now());
  }

  return app;
}

/** Refuses, naming `field`, a change after which nobody could manage roles (`locksOut`). */
async function refuseLockOut(
  tx: SqlExecutor,
  locale: Locale,
  change: LockOutChange,
  field: string,
  identitySignIn: boolean,
): Promise<void> {
  if (!(await locksOut(tx, change, identitySignIn))) return;
  const error = labelled(field, 'admin.lockout', locale);
  throw new ApiError(400, 'admin_lockout', error.message, { fields: [error] });
}

/**
 * `parseBody` with labels that fit admin data: the table's `name` and `id` labels belong to
 * customers, so errors on a role's name must not say "客户名称".
 */
async function parseAdminBody<S extends z.ZodType>(
  c: Context<AppEnv>,
  schema: S,
  labels: Readonly<Record<string, string>> = {},
): Promise<z.output<S>> {
  try {
    return await parseBody(c, schema);
  } catch (error) {
    if (!(error instanceof ApiError) || error.fields === undefined) throw error;
    const locale = c.get('info').locale;
    const fields = error.fields.map((f) => {
      const label = labels[f.field];
      return label === undefined
        ? f
        : labelled(f.field, f.code as ErrorCode, locale, f.params ?? {}, label);
    });
    throw invalid(locale, fields);
  }
}

/** A field error about `field` whose message names it by the label of `label`. */
function labelled(
  field: string,
  code: ErrorCode,
  locale: Locale,
  params: Record<string, string | number> = {},
  label: string = field,
): FieldError {
  return { ...fieldError(label, code, locale, params), field };
}

function invalid(locale: Locale, fields: FieldError[]): ApiError {
  const detail = fields.map((f) => f.message).join('; ');
  return new ApiError(400, 'bad_request', t('http.badRequest', locale, { detail }), { fields });
}

function notFound(locale: Locale, what: MessageKey, id: string): ApiError {
  return new ApiError(
    404,
    'not_found',
    t('http.notFound', locale, { what: t(what, locale, { id }) }),
  );
}

function tokenSummary(row: TokenRow): TokenSummary {
  return { id: row.id, label: row.label, createdAt: row.created_at, revokedAt: row.revoked_at };
}

function change(field: string, oldValue: string | undefined, newValue: string | undefined) {
  return {
    field,
    ...(oldValue === undefined ? {} : { oldValue }),
    ...(newValue === undefined ? {} : { newValue }),
  };
}

/** The fields that differ, with their old and new values; a missing key is an absent value. */
function diff(before: Record<string, string> | undefined, after: Record<string, string>) {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  return [...keys]
    .filter((key) => before?.[key] !== after[key])
    .map((key) => change(key, before?.[key], after[key]));
}

function flattenUser(user: User): Record<string, string> {
  return {
    email: user.email,
    displayName: user.displayName,
    roleId: user.roleId,
    ...(user.team === undefined ? {} : { team: user.team }),
    locale: user.locale,
    active: String(user.active),
  };
}

// One audit field per rule, so a grid edit shows as `fieldAccess.mobile: masked → view`.
function flattenRole(role: Role): Record<string, string> {
  const flat: Record<string, string> = {
    'name.zh-CN': role.name['zh-CN'],
    'name.en': role.name.en,
    actions: [...role.actions].sort().join(','),
    rowScope: role.rowScope,
    defaultFieldAccess: role.defaultFieldAccess,
  };
  for (const [field, access] of Object.entries(role.fieldAccess)) {
    if (access !== undefined) flat[`fieldAccess.${field}`] = access;
  }
  return flat;
}
