import { Hono } from 'hono';
import { z } from 'zod';
import { canonicalJson } from '../../../shared/core/audit/canonical-json';
import { budgets } from '../../../shared/core/fields/options';
import { appendAudit } from '../audit/audit-log';
import { actorAudit } from '../http/actor-audit';
import type { ApiOperation } from '../http/api-operation';
import type { AppEnv } from '../http/context';
import type { ServerDeps } from '../http/deps';
import { parseBody } from '../http/parse-body';
import { requirePermission } from '../http/require';
import { importantRuleSchema, loadImportantRule } from '../records/important-rule';

/** What an admin may set as the rule: known budget bands, levels as the templates name them. */
export const importantRuleBodySchema = importantRuleSchema.extend({
  levels: z.array(z.string().trim().min(1).max(50)).max(50),
  budgets: z.array(z.enum(budgets)).max(budgets.length),
  minTotalAmount: z.number().nonnegative().max(1e12).nullable(),
});

/**
 * The settings admins change (`admin.settings`): for now the rule that marks customers important
 * enough for a second approval (SPEC 3.4). A change is audited with the old and new rule and
 * applies to the next first approval; records already waiting keep the step they are at.
 */
export function settingsRoutes(deps: ServerDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/v1/admin/settings/important-rule', async (c) => {
    await requirePermission(deps, c, 'admin.settings');
    return c.json(await loadImportantRule(deps.db));
  });

  app.put('/v1/admin/settings/important-rule', async (c) => {
    await requirePermission(deps, c, 'admin.settings');
    const body = await parseBody(c, importantRuleBodySchema);
    const rule = {
      ...body,
      levels: [...new Set(body.levels)],
      budgets: [...new Set(body.budgets)],
    };
    await deps.db.write(async (tx) => {
      const before = await loadImportantRule(tx);
      const [oldValue, newValue] = [canonicalJson(before), canonicalJson(rule)];
      if (oldValue === newValue) return;
      await tx.run(
        "INSERT INTO settings (key, value) VALUES ('importantRule', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [newValue],
      );
      await appendAudit(
        tx,
        [
          actorAudit(c, {
            action: 'admin.settings',
            recordId: 'importantRule',
            fields: [{ field: 'importantRule', oldValue, newValue }],
            outcome: 'success',
            detail: null,
          }),
        ],
        deps.now(),
      );
    });
    return c.json(rule);
  });

  return app;
}

/** The settings routes, for the API document. */
export const settingsOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/v1/admin/settings/important-rule',
    summary: 'api.settings.importantRule',
    auth: ['admin.settings'],
    response: importantRuleSchema,
  },
  {
    method: 'put',
    path: '/v1/admin/settings/important-rule',
    summary: 'api.settings.setImportantRule',
    auth: ['admin.settings'],
    body: importantRuleBodySchema,
    response: importantRuleSchema,
  },
];
