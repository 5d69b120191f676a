import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ApiOperation } from './api-operation';
import { openApiDocument, openApiPath } from './openapi';

describe('openApiPath', () => {
  it('writes Hono parameters the OpenAPI way, dropping their patterns', () => {
    expect(openApiPath('/v1/customers/:id/review')).toBe('/v1/customers/{id}/review');
    expect(openApiPath('/v1/a/:id{[0-9]+}/b/:tag')).toBe('/v1/a/{id}/b/{tag}');
    expect(openApiPath('/healthz')).toBe('/healthz');
  });
});

describe('openApiDocument', () => {
  const put: ApiOperation = {
    method: 'put',
    path: '/v1/things/:id',
    summary: 'api.forms.save',
    auth: ['admin.templates'],
    body: z.object({ name: z.string().default('x') }),
    response: z.object({ id: z.string() }),
    upsert: true,
  };

  it('refuses an operation declared twice, which would hide one of them', () => {
    expect(() => openApiDocument([put, { ...put }], 'zh-CN')).toThrow(/declared twice/);
  });

  it('documents what a client sends before defaults, and both answers of an upsert', () => {
    const op = openApiDocument([put], 'en').paths['/v1/things/{id}']?.['put'];
    expect(op?.requestBody?.content['application/json']?.schema).toMatchObject({
      properties: { name: { type: 'string', default: 'x' } },
    });
    expect(op?.requestBody?.content['application/json']?.schema).not.toHaveProperty('required');
    expect(Object.keys(op?.responses ?? {}).sort()).toEqual(
      ['200', '201', '400', '401', '403', 'default'].sort(),
    );
    expect(op?.['x-permissions']).toEqual(['admin.templates']);
    expect(op?.description).toBe('Needs one of these permissions: admin.templates');
  });

  it('documents every media type an answer comes in, the JSON one with its schema', () => {
    const list: ApiOperation = {
      method: 'get',
      path: '/v1/things',
      summary: 'api.audit.list',
      auth: ['audit.read'],
      query: z.object({ format: z.enum(['json', 'jsonl', 'csv']).default('json') }),
      response: z.object({ id: z.string() }),
      alsoContentTypes: ['application/x-ndjson', 'text/csv'],
    };
    const content = openApiDocument([list], 'en').paths['/v1/things']?.['get']?.responses['200']
      ?.content;
    expect(Object.keys(content ?? {})).toEqual([
      'application/json',
      'application/x-ndjson',
      'text/csv',
    ]);
    expect(content?.['application/json']?.schema).toMatchObject({ properties: { id: {} } });
  });
});
