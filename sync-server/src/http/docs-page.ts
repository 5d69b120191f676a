import type { Locale } from '../../../shared/core/i18n/locale';
import { t } from '../../../shared/core/i18n/translate';
import type { JsonSchema, OpenApiDocument, OpenApiOperation } from './openapi';

const style = `
body{font:15px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2328;background:#fff}
header,main,nav{max-width:960px;margin:0 auto;padding:0 16px}
header{padding-top:24px}h1{margin:0 0 8px}h2{margin-top:40px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
nav ul{columns:2;padding-left:18px}nav li{break-inside:avoid}
article{border:1px solid #d0d7de;border-radius:6px;padding:12px 16px;margin:16px 0}
h3{margin:0 0 4px;font-size:16px}code,pre{font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre{background:#f6f8fa;padding:8px;border-radius:4px;overflow:auto;max-height:420px}
.method{display:inline-block;min-width:56px;text-align:center;border-radius:4px;color:#fff;font-size:12px;padding:2px 6px;margin-right:6px}
.get{background:#1a7f37}.post{background:#0969da}.put{background:#9a6700}.patch{background:#8250df}.delete{background:#cf222e}
table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
.muted{color:#59636e}`;

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * The API document as one readable HTML page: every operation with its method, path, summary,
 * access, parameters, request body and responses. Self-contained (inline styles, no scripts,
 * nothing fetched), so it works on a machine without internet.
 */
export function docsPage(document: OpenApiDocument, locale: Locale): string {
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    methods.flatMap((method) => {
      const op = item[method];
      return op === undefined ? [] : [{ path, method, op }];
    }),
  );
  const groups = new Map<string, typeof operations>();
  for (const entry of operations) {
    const group = entry.op.tags[0] ?? '';
    groups.set(group, [...(groups.get(group) ?? []), entry]);
  }
  const nav = operations
    .map(
      ({ path, method, op }) =>
        `<li><a href="#${attr(op.operationId)}">${method.toUpperCase()} ${text(path)}</a> <span class="muted">${text(op.summary)}</span></li>`,
    )
    .join('');
  const sections = [...groups.entries()]
    .map(
      ([group, entries]) =>
        `<section><h2>${text(group)}</h2>${entries.map((e) => article(e.path, e.method, e.op, locale)).join('')}</section>`,
    )
    .join('');
  const schemas = Object.entries(document.components.schemas)
    .map(
      ([name, schema]) =>
        `<article id="schema-${attr(name)}"><h3>${text(name)}</h3>${json(schema)}</article>`,
    )
    .join('');
  return `<!doctype html>
<html lang="${attr(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${text(document.info.title)}</title><style>${style}</style></head>
<body><header><h1>${text(document.info.title)} <small class="muted">${text(document.info.version)}</small></h1>
<p>${text(document.info.description)}</p>
<p>${text(t('docs.machineReadable', locale, { url: '/openapi.json' })).replace('/openapi.json', '<a href="/openapi.json">/openapi.json</a>')}</p></header>
<nav><ul>${nav}</ul></nav>
<main>${sections}<section><h2>components</h2>${schemas}</section></main></body></html>`;
}

function article(path: string, method: string, op: OpenApiOperation, locale: Locale): string {
  const parameters =
    op.parameters === undefined || op.parameters.length === 0
      ? ''
      : `<h4>${text(t('docs.parameters', locale))}</h4><table>${op.parameters
          .map(
            (p) =>
              `<tr><td><code>${text(p.name)}</code></td><td>${p.in}${p.required ? `, ${text(t('docs.required', locale))}` : ''}</td><td><code>${text(JSON.stringify(p.schema))}</code>${p.description === undefined ? '' : ` ${text(p.description)}`}</td></tr>`,
          )
          .join('')}</table>`;
  const body = op.requestBody?.content['application/json']?.schema;
  const request =
    body === undefined ? '' : `<h4>${text(t('docs.requestBody', locale))}</h4>${json(body)}`;
  const responses = Object.entries(op.responses)
    .map(([status, response]) => {
      const contents = Object.entries(response.content ?? {});
      const media = contents.map(([type]) => ` <code>${text(type)}</code>`).join('');
      const schema = contents[0]?.[1].schema;
      return `<li><strong>${text(status)}</strong> ${text(response.description)}${media}${schema === undefined ? '' : schemaBlock(schema)}</li>`;
    })
    .join('');
  return `<article id="${attr(op.operationId)}"><h3><span class="method ${method}">${method.toUpperCase()}</span><code>${text(path)}</code></h3>
<p>${text(op.summary)}</p><p><strong>${text(t('docs.auth', locale))}</strong>: ${text(op.description)}</p>
${parameters}${request}<h4>${text(t('docs.responses', locale))}</h4><ul>${responses}</ul></article>`;
}

// A reference to a component links to it instead of repeating it under every operation.
function schemaBlock(schema: JsonSchema): string {
  const ref = schema['$ref'];
  if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) {
    const name = ref.slice('#/components/schemas/'.length);
    return ` <a href="#schema-${attr(name)}">${text(name)}</a>`;
  }
  return json(schema);
}

function json(value: unknown): string {
  return `<pre>${text(JSON.stringify(value, null, 2))}</pre>`;
}

function text(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;');
}
