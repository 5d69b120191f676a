import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ApiOperation } from './api-operation';
import { docsPage } from './docs-page';
import { openApiDocument } from './openapi';

const hostile = '<script>alert("x")</script>';

const operations: ApiOperation[] = [
  {
    method: 'post',
    path: '/v1/things/:id',
    summary: 'api.tags.rename',
    auth: ['admin.tags'],
    body: z.object({ note: z.string().describe(hostile) }),
  },
  { method: 'get', path: '/healthz', summary: 'api.health', auth: 'public' },
];

describe('docsPage', () => {
  it('shows method, path, summary, access and schemas of each operation, in the language asked', () => {
    const html = docsPage(openApiDocument(operations, 'en'), 'en');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<span class="method post">POST</span><code>/v1/things/{id}</code>');
    expect(html).toContain('Rename a tag on every customer that carries it');
    expect(html).toContain('Needs one of these permissions: admin.tags');
    expect(html).toContain('Public, no sign-in');
    expect(html).toMatch(/<pre>[^<]*"note": \{[^<]*<\/pre>/);
    expect(html).toContain('<a href="#schema-Error">Error</a>');
    expect(html).toContain('id="schema-Error"');
  });

  it('escapes text taken from schemas, so a description cannot inject markup', () => {
    const html = docsPage(openApiDocument(operations, 'zh-CN'), 'zh-CN');
    expect(html).not.toContain(hostile);
    expect(html).toContain('&lt;script&gt;alert(\\"x\\")&lt;/script&gt;');
  });
});
