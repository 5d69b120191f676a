import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { canonicalJson } from '../../../shared/core/audit/canonical-json';
import { t } from '../../../shared/core/i18n/translate';
import type { Action } from '../../../shared/core/roles/role';
import { auditEntrySchema, type AuditEntry } from '../../../shared/core/schemas/audit-entry';
import { ApiError } from '../http/api-error';
import { parseQuery } from '../http/parse-query';
import type { ApiOperation } from '../http/api-operation';
import { textStream } from '../http/text-stream';
import type { Actor, AppEnv } from '../http/context';
import { can } from '../policy/policy';
import type { Database } from '../storage/database';
import { auditCsvHeader, auditCsvRow } from './audit-csv';
import { actorAudit } from '../http/actor-audit';
import { appendAudit } from './audit-log';
import {
  isoTimeSchema,
  maxAuditPage,
  queryAudit,
  streamAudit,
  type AuditFilter,
} from './audit-query';
import { auditCheckpointSchema, listCheckpoints } from './checkpoint-signer';
import { auditTrailReportSchema, verifyAuditTrail } from './verify-audit-trail';

/**
 * The query of `GET /v1/audit`; `cursor` is the `nextCursor` of the previous page: the last seq
 * it held and the seq its pages end at.
 */
export const auditQuerySchema = z.object({
  from: isoTimeSchema.optional(),
  to: isoTimeSchema.optional(),
  actor: z.string().min(1).max(200).optional(),
  action: z.string().min(1).max(200).optional(),
  record: z.string().min(1).max(200).optional(),
  cursor: z
    .string()
    .regex(/^\d{1,15}(?:-\d{1,15})?$/, 'a cursor from nextCursor')
    .optional(),
  limit: z.coerce.number().int().min(1).max(maxAuditPage).default(100),
  format: z.enum(['json', 'jsonl', 'csv']).default('json'),
});

export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** One page of `GET /v1/audit?format=json`. */
export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  nextCursor: z.string().nullable(),
});

export type AuditPage = z.infer<typeof auditPageSchema>;

/** The answer of `GET /v1/audit/checkpoints`. */
export const checkpointListSchema = z.object({ checkpoints: z.array(auditCheckpointSchema) });

export interface AuditRoutesDeps {
  db: Database;
  /** The checkpoint signer's public key (`spki` PEM). */
  publicKeyPem: () => string;
  now?: () => Date;
}

const streamed = {
  jsonl: { media: 'application/x-ndjson', file: 'audit.jsonl' },
  csv: { media: 'text/csv', file: 'audit.csv' },
} as const;

/** The auditor API: pull the log, verify it, and fetch what offline verification needs. */
export function auditRoutes(deps: AuditRoutesDeps): Hono<AppEnv> {
  const { db } = deps;
  const app = new Hono<AppEnv>();

  app.get('/v1/audit', async (c) => {
    await authorise(deps, c, 'audit.read');
    const query = parseQuery(c, auditQuerySchema);
    const [afterSeq, untilSeq] = (query.cursor ?? '').split('-').map(Number);
    const filter: Omit<AuditFilter, 'limit'> = {
      from: query.from,
      to: query.to,
      actor: query.actor,
      action: query.action,
      record: query.record,
      afterSeq: query.cursor === undefined ? undefined : afterSeq,
    };
    // The pull is recorded before it is read, so it also shows up in what it returns.
    const [pull] = await db.write((tx) =>
      appendAudit(tx, [exportEntry(c, query)], (deps.now ?? (() => new Date()))()),
    );
    // Pages end at the head the first page saw (its own entry), which the cursor carries on:
    // every page appends its own audit.export, so a bound taken afresh by each page moves on as
    // fast as the pages do, and `limit=1` would never reach the end. Appends made meanwhile
    // belong to the next pull.
    const bounded = { ...filter, untilSeq: untilSeq ?? pull?.seq };

    if (query.format === 'json') {
      // One entry more than asked tells whether another page follows.
      const read = await queryAudit(db, { ...bounded, limit: query.limit + 1 });
      const entries = read.slice(0, query.limit);
      const last = entries.at(-1);
      const nextCursor =
        read.length > query.limit && last !== undefined
          ? `${last.seq}-${bounded.untilSeq ?? last.seq}`
          : null;
      return c.json({ entries, nextCursor } satisfies AuditPage);
    }

    const pages = streamAudit(db, bounded);
    const chunks = query.format === 'jsonl' ? jsonlChunks(pages) : csvChunks(pages);
    const { media, file } = streamed[query.format];
    return c.body(textStream(c, chunks), 200, {
      'Content-Type': `${media}; charset=utf-8`,
      'Content-Disposition': `attachment; filename="${file}"`,
      'Cache-Control': 'no-store',
    });
  });

  app.get('/v1/audit/verify', async (c) => {
    await authorise(deps, c, 'audit.verify');
    return c.json(
      (await verifyAuditTrail(db, deps.publicKeyPem())) satisfies z.infer<
        typeof auditTrailReportSchema
      >,
    );
  });

  app.get('/v1/audit/checkpoints', async (c) => {
    await authorise(deps, c, 'audit.read', 'audit.verify');
    return c.json({
      checkpoints: await listCheckpoints(db),
    } satisfies z.infer<typeof checkpointListSchema>);
  });

  app.get('/v1/audit/public-key', async (c) => {
    await authorise(deps, c, 'audit.read', 'audit.verify');
    return c.body(deps.publicKeyPem(), 200, { 'Content-Type': 'application/x-pem-file' });
  });

  return app;
}

/** The caller, if any of `actions` is theirs; deny by default. */
async function authorise(
  deps: AuditRoutesDeps,
  c: Context<AppEnv>,
  ...actions: Action[]
): Promise<Actor> {
  const locale = c.get('info').locale;
  // Typed as always set, but a route mounted without sign-in must still refuse.
  const actor = c.get('actor') as Actor | undefined;
  if (actor === undefined) throw new ApiError(401, 'unauthorized', t('http.unauthorized', locale));
  if (!actions.some((action) => can(actor, action))) {
    // A refused look at the audit log is itself a failed access worth recording.
    await deps.db.write((tx) =>
      appendAudit(
        tx,
        [
          actorAudit(c, {
            action: actions[0] ?? 'audit.read',
            recordId: null,
            fields: [],
            outcome: 'denied',
            detail: `${c.req.method} ${c.req.path}`,
          }),
        ],
        (deps.now ?? (() => new Date()))(),
      ),
    );
    throw new ApiError(403, 'forbidden', t('http.forbidden', locale));
  }
  return actor;
}

function exportEntry(c: Context<AppEnv>, query: AuditQuery) {
  return actorAudit(c, {
    action: 'audit.export',
    recordId: null,
    fields: [],
    outcome: 'success',
    // What was asked for: filters are user and record IDs and times, never customer data.
    detail: canonicalJson(query),
  });
}

async function* jsonlChunks(pages: AsyncIterable<AuditEntry[]>): AsyncGenerator<string> {
  for await (const page of pages) yield page.map((entry) => `${JSON.stringify(entry)}\n`).join('');
}

async function* csvChunks(pages: AsyncIterable<AuditEntry[]>): AsyncGenerator<string> {
  yield auditCsvHeader();
  for await (const page of pages) yield page.map(auditCsvRow).join('');
}

const readers = ['audit.read', 'audit.verify'] as const;

/**
 * The auditor routes, for the API document. `GET /v1/audit` answers JSON pages as described;
 * with `format=jsonl` or `format=csv` it streams the same entries as a file instead.
 */
export const auditOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/v1/audit',
    summary: 'api.audit.list',
    auth: ['audit.read'],
    query: auditQuerySchema,
    response: auditPageSchema,
    alsoContentTypes: [streamed.jsonl.media, streamed.csv.media],
  },
  {
    method: 'get',
    path: '/v1/audit/verify',
    summary: 'api.audit.verify',
    auth: ['audit.verify'],
    response: auditTrailReportSchema,
  },
  {
    method: 'get',
    path: '/v1/audit/checkpoints',
    summary: 'api.audit.checkpoints',
    auth: readers,
    response: checkpointListSchema,
  },
  {
    method: 'get',
    path: '/v1/audit/public-key',
    summary: 'api.audit.publicKey',
    auth: readers,
    contentType: 'application/x-pem-file',
  },
];
