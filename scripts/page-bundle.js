// What the page builds share (scripts/build.js, scripts/build-excel.js): one browser bundle per
// entry module, and files written so that a reader never sees half of one.
import { build } from 'esbuild';
import { renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Resolves zod's own `../locales/index.js` to scripts/zod-locales.js (English and Chinese). */
export const zodLocales = {
  name: 'zod-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: join(root, 'scripts', 'zod-locales.js') }
        : undefined,
    );
  },
};

/** The entry module (a path from the repository root) and all it imports, as one minified script. */
export async function bundlePage(entry) {
  const result = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
    plugins: [zodLocales],
  });
  return result.outputFiles[0].text;
}

// Written beside the target, then renamed: a reader (the server, a parallel test) never sees
// half a file.
export function writeAtomically(file, content) {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temp, content);
  renameSync(temp, file);
}

const inlineStyle = (css) => css.replace(/<\/(style)/gi, '<\\/$1');

/**
 * One page of the product: Chinese by default, the given stylesheet inline, an `#app` element,
 * the `<!--crm-config-->` mark the server fills with the page's settings, then `script` (a whole
 * script element). `head` is more of the head, before the style: e.g. Office.js.
 */
export function htmlPage({ title, icon, head = [], css = '', script }) {
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title>`,
    `<link rel="icon" href="${icon}">`,
    ...head,
    ...(css === '' ? [] : [`<style>${inlineStyle(css)}</style>`]),
    '</head>',
    '<body>',
    '<div id="app"></div>',
    '<!--crm-config-->',
    script,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
