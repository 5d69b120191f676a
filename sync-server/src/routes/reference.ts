import { Hono } from 'hono';
import { z } from 'zod';
import {
  editedTemplateSchema,
  formTemplateSchema,
  type FormTemplate,
} from '../../../shared/core/forms/form-template';
import { templateIssuesToFieldErrors } from '../../../shared/core/forms/template-issues-to-field-errors';
import { t } from '../../../shared/core/i18n/translate';
import { fieldError } from '../../../shared/core/validation/field-error';
import { childrenOf, provinces } from '../../../shared/core/region/regions';
import { actorAudit } from '../http/actor-audit';
import { appendAudit } from '../audit/audit-log';
import { ApiError } from '../http/api-error';
import type { ApiOperation } from '../http/api-operation';
import type { AppEnv } from '../http/context';
import type { ServerDeps } from '../http/deps';
import { parseQuery } from '../http/parse-query';
import { parseBody } from '../http/parse-body';
import { requirePermission } from '../http/require';

/** The answer of `GET /v1/forms`. */
export const formListSchema = z.object({ templates: z.array(formTemplateSchema) });

/** The answer of `PUT /v1/forms/:id`: the template as saved, with its new version. */
export const savedFormSchema = z.object({ template: formTemplateSchema });

/** The query of `GET /v1/regions`: without `parent` the provinces, with it its children. */
export const regionQuerySchema = z.object({ parent: z.string().max(12).optional() });

/** The answer of `GET /v1/regions`. */
export const regionListSchema = z.object({
  regions: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      level: z.enum(['province', 'city', 'district']),
    }),
  ),
});

/**
 * Reference data the sidebars need, from the shared core so sidebar and server agree: form
 * templates and the region cascade. The tag vocabulary has its own routes (`tags.ts`).
 */
export function referenceRoutes(deps: ServerDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/v1/forms', async (c) => {
    const rows = await deps.db.all<{ data: string }>('SELECT data FROM templates ORDER BY id');
    return c.json({
      templates: rows.map((r) => formTemplateSchema.parse(JSON.parse(r.data))),
    } satisfies z.infer<typeof formListSchema>);
  });

  // Saving a template never touches stored records: fields it stops showing keep their values.
  app.put('/v1/forms/:id', async (c) => {
    await requirePermission(deps, c, 'admin.templates');
    const template = await parseBody(c, editedTemplateSchema, {
      toFieldErrors: templateIssuesToFieldErrors,
    });
    const locale = c.get('info').locale;
    const expected = c.req.param('id');
    if (template.id !== expected) {
      const label = t('template.property.id', locale);
      const params = { value: template.id, expected };
      const error = { ...fieldError(label, 'template.idMismatch', locale, params), field: 'id' };
      const detail = error.message;
      throw new ApiError(400, 'bad_request', t('http.badRequest', locale, { detail }), {
        fields: [error],
      });
    }
    const saved = await deps.db.write(async (tx) => {
      const current = await tx.get<{ version: number }>(
        'SELECT version FROM templates WHERE id = ?',
        [template.id],
      );
      // A save made from an older version would silently undo what was saved since.
      if (current !== undefined && Number(current.version) !== template.version) {
        throw new ApiError(
          409,
          'template_changed',
          t('template.changed', locale, {
            version: Number(current.version),
            given: template.version,
          }),
        );
      }
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
    return c.json({ template: saved } satisfies z.infer<typeof savedFormSchema>);
  });

  app.get('/v1/regions', (c) => {
    const { parent } = parseQuery(c, regionQuerySchema);
    return c.json({
      regions: parent === undefined ? provinces() : childrenOf(parent),
    } satisfies z.infer<typeof regionListSchema>);
  });

  return app;
}

/** The reference routes, for the API document. */
export const referenceOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/v1/forms',
    summary: 'api.forms.list',
    auth: 'signedIn',
    response: formListSchema,
  },
  {
    method: 'put',
    path: '/v1/forms/:id',
    summary: 'api.forms.save',
    auth: ['admin.templates'],
    body: editedTemplateSchema,
    response: savedFormSchema,
  },
  {
    method: 'get',
    path: '/v1/regions',
    summary: 'api.regions',
    auth: 'signedIn',
    query: regionQuerySchema,
    response: regionListSchema,
  },
];
