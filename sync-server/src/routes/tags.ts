import { Hono, type Context } from 'hono';
import { t } from '../../../shared/core/i18n/translate';
import {
  addTagRequestSchema,
  addTagResponseSchema,
  mergeTagRequestSchema,
  renameTagRequestSchema,
  tagChangeResponseSchema,
  type AddTagResponse,
  type TagChangeResponse,
} from '../../../shared/core/tags/tag-change-request';
import { tagListSchema, type TagList, type TagStatus } from '../../../shared/core/tags/tag-entry';
import { validateTag } from '../../../shared/core/tags/tag-rules';
import { fieldError } from '../../../shared/core/validation/field-error';
import { appendAudit } from '../audit/audit-log';
import { actorAudit } from '../http/actor-audit';
import { ApiError } from '../http/api-error';
import type { ApiOperation } from '../http/api-operation';
import type { AppEnv } from '../http/context';
import type { ServerDeps } from '../http/deps';
import { parseBody } from '../http/parse-body';
import { requirePermission } from '../http/require';
import { changeTag, keyOf, type TagChange, type TagChangeRefusal } from '../tags/tag-changes';

const refusalStatus = { invalid: 400, notFound: 404, conflict: 409 } as const;

/**
 * The governed tag vocabulary (SPEC 4): everyone reads it; admins add, rename, merge and retire
 * tags, and a rename or merge reaches every record carrying the tag.
 */
export function tagRoutes(deps: ServerDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/v1/tags', async (c) => {
    const rows = await deps.db.all<{ tag: string; status: TagStatus; replaced_by: string | null }>(
      'SELECT tag, status, replaced_by FROM tags ORDER BY tag',
    );
    return c.json({
      tags: rows.map((r) => ({ tag: r.tag, status: r.status, replacedBy: r.replaced_by })),
    } satisfies TagList);
  });

  app.post('/v1/tags', async (c) => {
    await requirePermission(deps, c, 'admin.tags');
    const { tag } = await parseBody(c, addTagRequestSchema);
    const locale = c.get('info').locale;
    const checked = validateTag(tag);
    if (!checked.ok) {
      const error = fieldError('tags', checked.code, locale, { value: tag, ...checked.params });
      throw new ApiError(400, 'invalid_tag', error.message, { fields: [error] });
    }
    await deps.db.write(async (tx) => {
      // A spelling that matches a tag in use ignoring case, width and spaces is that tag to a
      // push, so it is not added beside it; the same spelling again is added back, if retired.
      const alike = (
        await tx.all<{ tag: string }>(
          "SELECT tag FROM tags WHERE status IN ('active', 'retired') AND tag <> ?",
          [checked.value],
        )
      ).find((row) => keyOf(row.tag) === keyOf(checked.value));
      if (alike !== undefined) {
        const error = fieldError('tags', 'tag.existsAlike', locale, {
          value: alike.tag,
          given: checked.value,
        });
        throw new ApiError(409, 'tag_exists', error.message, { fields: [error] });
      }
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
    return c.json({ tag: checked.value } satisfies AddTagResponse, 201);
  });

  app.post('/v1/tags/:tag/rename', async (c) => {
    await requirePermission(deps, c, 'admin.tags');
    const { to } = await parseBody(c, renameTagRequestSchema);
    return c.json(await commit(c, { kind: 'rename', tag: c.req.param('tag'), to }));
  });

  app.post('/v1/tags/:tag/merge', async (c) => {
    await requirePermission(deps, c, 'admin.tags');
    const { into } = await parseBody(c, mergeTagRequestSchema);
    return c.json(await commit(c, { kind: 'merge', tag: c.req.param('tag'), into }));
  });

  app.post('/v1/tags/:tag/retire', async (c) => {
    await requirePermission(deps, c, 'admin.tags');
    return c.json(await commit(c, { kind: 'retire', tag: c.req.param('tag') }));
  });

  /** Applies a change, its records and their audit entries in one transaction. */
  async function commit(c: Context<AppEnv>, change: TagChange): Promise<TagChangeResponse> {
    const now = deps.now();
    const outcome = await deps.db.write(async (tx) => {
      const result = await changeTag(tx, change, { userId: c.get('actor').user.id, now });
      if (!result.ok) return result;
      // Read in the transaction: the head as this change left it, not after a later write.
      const head = await tx.get<{ value: number }>(
        "SELECT value FROM counters WHERE name = 'checkpoint'",
      );
      const checkpoint = Number(head?.value ?? 0);
      if (!result.changed) return { ...result, checkpoint };
      await appendAudit(
        tx,
        [
          actorAudit(c, {
            action: `tag.${change.kind}`,
            recordId: null,
            fields: [
              { field: 'tag', oldValue: result.tag.tag, ...replacedBy(result.replacement?.tag) },
              { field: 'status', oldValue: result.previousStatus, newValue: result.tag.status },
            ],
            outcome: 'success',
            detail: `records=${result.records.length}`,
          }),
          // Each record it rewrote, as an edit of that record's tags would be.
          ...result.records.map((record) =>
            actorAudit(c, {
              action: `tag.${change.kind}`,
              recordId: record.id,
              fields: [
                {
                  field: 'tags',
                  oldValue: JSON.stringify(record.before),
                  newValue: JSON.stringify(record.after),
                },
              ],
              outcome: 'success',
              detail: null,
            }),
          ),
        ],
        now,
      );
      return { ...result, checkpoint };
    });
    if (!outcome.ok) throw refusal(c, outcome);
    // Records carrying the tag were rewritten: their sheets pull them.
    if (outcome.records.length > 0) await deps.changes.publish(outcome.checkpoint);
    return {
      tag: outcome.tag,
      replacement: outcome.replacement,
      changedRecords: outcome.records.length,
      checkpoint: outcome.checkpoint,
    };
  }

  return app;
}

function replacedBy(tag: string | undefined): { newValue?: string } {
  return tag === undefined ? {} : { newValue: tag };
}

// The message names the input and the problem: "新标签名：标签“重要”含义模糊，…".
function refusal(c: Context<AppEnv>, r: TagChangeRefusal): ApiError {
  const locale = c.get('info').locale;
  const error = fieldError(r.field, r.code, locale, r.params);
  const message = t('http.fieldProblem', locale, { field: r.field, detail: error.message });
  const code = { invalid: 'invalid_tag', notFound: 'tag_not_found', conflict: 'tag_conflict' };
  return new ApiError(refusalStatus[r.refusal], code[r.refusal], message, { fields: [error] });
}

const adminOnly = ['admin.tags'] as const;

/** The tag routes, for the API document. */
export const tagOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/v1/tags',
    summary: 'api.tags.list',
    auth: 'signedIn',
    response: tagListSchema,
  },
  {
    method: 'post',
    path: '/v1/tags',
    summary: 'api.tags.add',
    auth: adminOnly,
    body: addTagRequestSchema,
    response: addTagResponseSchema,
    status: 201,
  },
  {
    method: 'post',
    path: '/v1/tags/:tag/rename',
    summary: 'api.tags.rename',
    auth: adminOnly,
    body: renameTagRequestSchema,
    response: tagChangeResponseSchema,
  },
  {
    method: 'post',
    path: '/v1/tags/:tag/merge',
    summary: 'api.tags.merge',
    auth: adminOnly,
    body: mergeTagRequestSchema,
    response: tagChangeResponseSchema,
  },
  {
    method: 'post',
    path: '/v1/tags/:tag/retire',
    summary: 'api.tags.retire',
    auth: adminOnly,
    response: tagChangeResponseSchema,
  },
];
