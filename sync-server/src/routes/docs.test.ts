import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defaultRoles } from '../../../shared/core/roles/default-roles';
import { editedTemplateSchema } from '../../../shared/core/forms/form-template';
import { roleSchema } from '../../../shared/core/roles/role';
import { pullQuerySchema } from '../../../shared/core/sync/pull-response';
import { pushRequestSchema } from '../../../shared/core/sync/push-request';
import {
  mergeTagRequestSchema,
  renameTagRequestSchema,
} from '../../../shared/core/tags/tag-change-request';
import { makeTestServer, type RoleId } from '../../../test/support/test-server';
import type { OpenApiDocument, OpenApiOperation } from '../http/openapi';
import { userBodySchema } from './admin-api';
import { listQuerySchema } from './customers';
import { decisionSchema } from './review';
import { unmaskSchema } from './unmask';

type Server = Awaited<ReturnType<typeof makeTestServer>>;
let server: Server;

async function document(locale = 'zh-CN'): Promise<OpenApiDocument> {
  const res = await server.app.request('/openapi.json', { headers: { 'accept-language': locale } });
  expect(res.status).toBe(200);
  return (await res.json()) as OpenApiDocument;
}

function operations(
  doc: OpenApiDocument,
): { method: string; path: string; op: OpenApiOperation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ method, path, op })),
  );
}

// Written here rather than taken from the module under test, so a wrong conversion there fails.
const documented = (method: string, honoPath: string) =>
  `${method.toLowerCase()} ${honoPath.replace(/:(\w+)/g, '{$1}')}`;

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as Record<
    string,
    unknown
  >;
  return rest;
}

beforeEach(async () => {
  // Each unauthenticated request below comes from its own address, so none is rate limited.
  server = await makeTestServer({ CRM_TRUST_PROXY: 'true' });
});
afterEach(async () => {
  await server.close();
});

describe('GET /openapi.json', () => {
  it('documents every route the app serves, and no route it does not', async () => {
    const served = server.app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => documented(r.method, r.path));
    const listed = operations(await document()).map((o) => `${o.method} ${o.path}`);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual([...new Set(served)].sort());
    expect(listed).toContain('post /v1/tags/{tag}/rename');
  });

  it('is an OpenAPI 3.1 document whose references resolve and whose path parameters are declared', async () => {
    const doc = await document();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('客户信息同步服务接口');
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(doc.components.securitySchemes['bearer']).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    const text = JSON.stringify(doc);
    expect(text).not.toContain('$defs');
    for (const [, name] of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) {
      expect(doc.components.schemas, String(name)).toHaveProperty(String(name));
    }
    const ids = operations(doc).map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, op } of operations(doc)) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      expect(declared, path).toEqual(inPath);
      expect(op.summary, path).not.toBe('');
      expect(Object.keys(op.responses), path).toContain('default');
    }
  });

  it('describes request bodies and queries with the very schemas the routes validate with', async () => {
    const doc = await document();
    const body = (method: string, path: string) =>
      doc.paths[path]?.[method]?.requestBody?.content['application/json']?.schema;
    const cases: [string, string, z.ZodType][] = [
      ['post', '/v1/sync/push', pushRequestSchema],
      ['post', '/v1/tags/{tag}/rename', renameTagRequestSchema],
      ['post', '/v1/tags/{tag}/merge', mergeTagRequestSchema],
      ['put', '/v1/forms/{id}', editedTemplateSchema],
      ['put', '/v1/admin/users/{id}', userBodySchema],
      ['put', '/v1/admin/roles/{id}', roleSchema],
      ['post', '/v1/customers/{id}/review', decisionSchema],
      ['post', '/v1/customers/{id}/unmask', unmaskSchema],
    ];
    for (const [method, path, schema] of cases) {
      expect(body(method, path), `${method} ${path}`).toEqual(jsonSchema(schema));
    }
    const query = (path: string) =>
      Object.fromEntries(
        (doc.paths[path]?.['get']?.parameters ?? []).map((p) => [p.name, p.schema]),
      );
    const properties = (schema: z.ZodType) =>
      (jsonSchema(schema) as { properties: Record<string, unknown> }).properties;
    expect(query('/v1/sync/pull')).toEqual(properties(pullQuerySchema));
    expect(query('/v1/customers')).toEqual(properties(listQuerySchema));
  });

  it('requires exactly the body properties the route refuses to go without', async () => {
    const doc = await document();
    const roleFor = (op: OpenApiOperation): RoleId => {
      const granted = op['x-permissions'] ?? [];
      const role = defaultRoles.find((r) => r.actions.some((a) => granted.includes(a)));
      return (role?.id ?? 'entryClerk') as RoleId;
    };
    let checked = 0;
    for (const { method, path, op } of operations(doc)) {
      const schema = op.requestBody?.content['application/json']?.schema as
        { required?: string[] } | undefined;
      if (schema === undefined) continue;
      const url = path.replace(/\{(\w+)\}/g, 'CUS202405010001');
      const res = await server.call(roleFor(op), method.toUpperCase(), url, {});
      expect(res.status, `${method} ${path}`).toBe(400);
      const fields = (res.body['error'] as { fields?: { field: string }[] }).fields ?? [];
      expect(fields.map((f) => f.field).sort(), `${method} ${path}`).toEqual(
        [...(schema.required ?? [])].sort(),
      );
      checked += 1;
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  it('says which operations need a sign-in, and the server agrees', async () => {
    let n = 0;
    for (const { method, path, op } of operations(await document())) {
      const url = path.replace(/\{(\w+)\}/g, 'x');
      const res = await server.app.request(url, {
        method: method.toUpperCase(),
        headers: { 'x-forwarded-for': `203.0.113.${(n += 1)}` },
      });
      const needsSignIn = op.security.some((s) => 'bearer' in s);
      expect(res.status === 401, `${method} ${path}`).toBe(needsSignIn);
    }
  });

  it('lists every media type a success answer comes in, as the routes send them', async () => {
    const doc = await document();
    const cases: [RoleId, string, string][] = [
      ['auditor', '/v1/audit', '?format=json'],
      ['auditor', '/v1/audit', '?format=jsonl'],
      ['auditor', '/v1/audit', '?format=csv'],
      ['supervisor', '/v1/customers/export', ''],
    ];
    for (const [role, path, query] of cases) {
      const res = await server.app.request(`${path}${query}`, {
        headers: { authorization: `Bearer ${server.tokens[role]}` },
      });
      expect(res.status, `${path}${query}`).toBe(200);
      await res.arrayBuffer();
      const media = res.headers.get('content-type')?.split(';')[0];
      expect(Object.keys(doc.paths[path]?.['get']?.responses['200']?.content ?? {})).toContain(
        media,
      );
    }
  });

  it('speaks English when asked', async () => {
    const doc = await document('en');
    expect(doc.info.title).toBe('Customer information sync server API');
    expect(doc.paths['/v1/tags/{tag}/retire']?.['post']?.summary).toBe(
      'Retire a tag: customers keep it, new data cannot choose it',
    );
  });
});

describe('GET /docs', () => {
  it('is a self-contained HTML page listing every operation', async () => {
    const res = await server.app.request('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    for (const { method, path, op } of operations(await document())) {
      expect(html, path).toContain(`<code>${path}</code>`);
      expect(html, `${method} ${path}`).toContain(`id="${op.operationId}"`);
      expect(html).toContain(op.summary);
    }
    // Every media type of an answer, not only the first.
    expect(html).toContain('<code>application/json</code> <code>application/x-ndjson</code>');
    // Nothing to fetch: the machine it is read on may be offline.
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\//);
  });
});
