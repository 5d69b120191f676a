import { z } from 'zod';
import type { Locale } from '../../../shared/core/i18n/locale';
import { t } from '../../../shared/core/i18n/translate';
import { errorBodySchema } from './api-error';
import type { ApiOperation } from './api-operation';

/** A JSON Schema as `z.toJSONSchema` writes it. */
export type JsonSchema = Record<string, unknown>;

/** One operation of the document; `x-permissions` lists the actions that grant it. */
export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  security: Record<string, string[]>[];
  'x-permissions'?: string[];
  parameters?: {
    name: string;
    in: 'path' | 'query';
    required: boolean;
    description?: string;
    schema: JsonSchema;
  }[];
  requestBody?: { required: true; content: Record<string, { schema: JsonSchema }> };
  responses: Record<
    string,
    { description: string; content?: Record<string, { schema?: JsonSchema }> }
  >;
}

/** The OpenAPI 3.1 document of the server. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, Record<string, string>>;
  };
  security: Record<string, string[]>[];
}

/** The version of the HTTP API the document describes: the `/v1` routes. */
export const apiVersion = '1.0.0';

const errorRef = { $ref: '#/components/schemas/Error' };

/**
 * JSON Schema of what a client sends (`input`: before defaults and transforms) or receives
 * (`output`), without the `$schema` key: OpenAPI 3.1 schemas are JSON Schema 2020-12 already.
 */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io }) as JsonSchema;
  return rest;
}

/**
 * `/v1/customers/:id` as OpenAPI writes it, `/v1/customers/{id}`; a Hono pattern after the
 * name (`:id{[0-9]+}`) is dropped.
 */
export function openApiPath(honoPath: string): string {
  return honoPath.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');
}

/** Builds the document from the operations the route modules declare, in one language. */
export function openApiDocument(
  operations: readonly ApiOperation[],
  locale: Locale,
): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const op of operations) {
    const path = openApiPath(op.path);
    const item = (paths[path] ??= {});
    if (item[op.method] !== undefined) throw new Error(`${op.method} ${op.path} is declared twice`);
    item[op.method] = operationOf(op, path, locale);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: t('api.title', locale),
      version: apiVersion,
      description: t('api.description', locale),
    },
    paths,
    components: {
      schemas: { Error: jsonSchemaOf(errorBodySchema, 'output') },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: t('api.auth.bearer', locale) },
      },
    },
    security: [{ bearer: [] }],
  };
}

function operationOf(op: ApiOperation, path: string, locale: Locale): OpenApiOperation {
  const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  const parameters = [
    ...pathParams.map((name) => ({
      name,
      in: 'path' as const,
      required: true,
      schema: { type: 'string' },
    })),
    ...queryParameters(op.query),
  ];
  const status = String(op.status ?? 200);
  const media = op.contentType ?? 'application/json';
  const success = {
    description: t('api.response.ok', locale),
    content: {
      [media]: op.response === undefined ? {} : { schema: jsonSchemaOf(op.response, 'output') },
      ...Object.fromEntries((op.alsoContentTypes ?? []).map((type) => [type, {}])),
    },
  };
  const responses: OpenApiOperation['responses'] = op.upsert
    ? { '200': success, '201': success }
    : { [status]: success };
  const error = (key: Parameters<typeof t>[0]) => ({
    description: t(key, locale),
    content: { 'application/json': { schema: errorRef } },
  });
  if (parameters.length > 0 || op.body !== undefined)
    responses['400'] = error('api.response.badRequest');
  if (op.auth !== 'public') responses['401'] = error('api.response.unauthorized');
  if (typeof op.auth !== 'string') responses['403'] = error('api.response.forbidden');
  responses['default'] = error('api.response.error');
  return {
    operationId: operationId(op.method, path),
    summary: t(op.summary, locale),
    description: accessOf(op, locale),
    tags: [path.startsWith('/v1/') ? (path.split('/')[2] ?? 'v1') : 'server'],
    security: op.auth === 'public' ? [] : [{ bearer: [] }],
    ...(typeof op.auth === 'string' ? {} : { 'x-permissions': [...op.auth] }),
    ...(parameters.length === 0 ? {} : { parameters }),
    ...(op.body === undefined
      ? {}
      : {
          requestBody: {
            required: true as const,
            content: { 'application/json': { schema: jsonSchemaOf(op.body, 'input') } },
          },
        }),
    responses,
  };
}

function queryParameters(
  query: z.ZodObject | undefined,
): NonNullable<OpenApiOperation['parameters']> {
  if (query === undefined) return [];
  const schema = jsonSchemaOf(query, 'input') as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property as JsonSchema & { description?: string };
    return {
      name,
      in: 'query' as const,
      required: schema.required?.includes(name) ?? false,
      ...(description === undefined ? {} : { description }),
      schema: rest,
    };
  });
}

/** Who may call it, in words, for readers who do not look at `security`. */
export function accessOf(op: Pick<ApiOperation, 'auth'>, locale: Locale): string {
  if (op.auth === 'public') return t('api.auth.public', locale);
  if (op.auth === 'signedIn') return t('api.auth.signedIn', locale);
  return t('api.auth.permission', locale, { actions: op.auth.join(', ') });
}

// `post /v1/tags/{tag}/rename` → `postV1TagsTagRename`: stable, and unique per method and path.
function operationId(method: string, path: string): string {
  const words = path.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  return method + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
