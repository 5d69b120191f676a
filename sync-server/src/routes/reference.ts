import { Hono } from 'hono';
import { z } from 'zod';
import { formTemplateSchema, type FormTemplate } from '../../../shared/core/forms/form-template';
import { t } from '../../../shared/core/i18n/translate';
import { childrenOf, provinces } from '../../../shared/core/region/regions';
import { validateTag } from '../../../shared/core/tags/tag-rules';
import { fieldError } from '../../../shared/core/validation/field-error';
import { actorAudit } from '../http/actor-audit';
import { appendAudit } from '../audit/audit-log';
import { ApiError } from '../http/api-error';
import type { AppEnv } from '../http/context';
import type { ServerDeps } from '../http/deps';
import { parseBody } from '../http/parse-body';
import { requirePermission } from '../http/require';

/**
 * Reference data the sidebars need, from the shared core so sidebar and server agree: form
 * templates, the governed tag vocabulary and the region cascade.
 */
export function referenceRoutes(deps: ServerDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/v1/forms', async (c) => {
    const rows = await deps.db.all<{ data: string }>('SELECT data FROM templates ORDER BY id');
    return c.json({ templates: rows.map((r) => formTemplateSchema.parse(JSON.parse(r.data))) });
  });

  // Saving a template never touches stored records: fields it stops showing keep their values.
  app.put('/v1/forms/:id', async (c) => {
    await requirePermission(deps, c, 'admin.templates');
    const template = await parseBody(c, formTemplateSchema);
    const locale = c.get('info').locale;
    if (template.id !== c.req.param('id')) {
      throw new ApiError(400, 'bad_request', t('http.badRequest', locale, { detail: 'id' }));
    }
    const saved = await deps.db.write(async (tx) => {
      const current = await tx.get<{ version: number }>(
        'SELECT version FROM templates WHERE id = ?',
        [template.id],
      );
      const next: FormTemplate = { ...template, version: Number(current?.version ?? 0) + 1 };
      await tx.run(
        'INSERT INTO templates (id, version, data, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version, data = excluded.data, updated_at = excluded.updated_at',
        [next.id, next.version, JSON.stringify(next), deps.now().toISOString()],
      );
      await appendAudit(
        tx,
        [
          actorAudit(c, {
            action: 'template.save',
            recordId: next.id,
            fields: [{ field: 'version', newValue: String(next.version) }],
            outcome: 'success',
            detail: null,
          }),
        ],
        deps.now(),
      );
      return next;
    });
    return c.json({ template: saved });
  });

  app.get('/v1/tags', async (c) => {
    const rows = await deps.db.all<{ tag: string; status: string; replaced_by: string | null }>(
      'SELECT tag, status, replaced_by FROM tags ORDER BY tag',
    );
    return c.json({
      tags: rows.map((r) => ({ tag: r.tag, status: r.status, replacedBy: r.replaced_by })),
    });
  });

  app.post('/v1/tags', async (c) => {
    await requirePermission(deps, c, 'admin.tags');
    const { tag } = await parseBody(c, z.object({ tag: z.string() }));
    const locale = c.get('info').locale;
    const checked = validateTag(tag);
    if (!checked.ok) {
      const error = fieldError('tags', checked.code, locale, { value: tag, ...checked.params });
      throw new ApiError(400, 'invalid_tag', error.message, { fields: [error] });
    }
    await deps.db.write(async (tx) => {
      await tx.run(
        "INSERT INTO tags (tag, status, updated_at) VALUES (?, 'active', ?) ON CONFLICT (tag) DO UPDATE SET status = 'active', replaced_by = NULL, updated_at = excluded.updated_at",
        [checked.value, deps.now().toISOString()],
      );
      await appendAudit(
        tx,
        [
          actorAudit(c, {
            action: 'tag.add',
            recordId: null,
            fields: [{ field: 'tag', newValue: checked.value }],
            outcome: 'success',
            detail: null,
          }),
        ],
        deps.now(),
      );
    });
    return c.json({ tag: checked.value }, 201);
  });

  app.get('/v1/regions', (c) => {
    const parent = c.req.query('parent');
    return c.json({ regions: parent === undefined ? provinces() : childrenOf(parent) });
  });

  return app;
}
