// Builds what the server and the add-ins ship from shared/ui: the sidebar and the playground,
// each as ONE self-contained HTML file (bundled JS and CSS inline, nothing fetched), so Apps
// Script can serve it with HtmlService and the server can answer it with one read; then the
// Excel add-in (scripts/build-excel.js), which the server serves under /excel/; and the server
// itself, bundled (scripts/build-server.js, always rebuilt).
//   node scripts/build.js              -> dist/shared-ui/sidebar.html, dist/shared-ui/playground.html,
//                                         dist/addon-excel/, dist/server/main.js
//   node scripts/build.js --if-missing -> the same, pages only when a file is missing
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundlePage, writeAtomically } from './page-bundle.js';
import { buildExcel } from './build-excel.js';
import { buildServer } from './build-server.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist', 'shared-ui');

/** The pages to build: entry module, stylesheets, output file, title. */
const pages = [
  {
    entry: 'shared/ui/sidebar-main.tsx',
    css: ['shared/ui/sidebar.css'],
    out: 'sidebar.html',
    title: '客户信息',
  },
  {
    entry: 'shared/ui/playground/playground-main.tsx',
    css: ['shared/ui/sidebar.css', 'shared/ui/playground/playground.css'],
    out: 'playground.html',
    title: '客户信息 · 试用',
  },
];

// Inline script text must not close its own element; `<\/` means the same inside JS strings.
const inlineScript = (js) => js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
const inlineStyle = (css) => css.replace(/<\/(style)/gi, '<\\/$1');

function page({ title, css, js }) {
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title>`,
    // No favicon request: the page fetches nothing.
    '<link rel="icon" href="data:,">',
    `<style>${inlineStyle(css)}</style>`,
    '</head>',
    '<body>',
    '<div id="app"></div>',
    // Filled by the server for the playground (demo users); left as is everywhere else.
    '<!--crm-config-->',
    `<script>${inlineScript(js)}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Builds every page into dist/shared-ui; answers the written paths. */
export async function buildUi({ ifMissing = false } = {}) {
  mkdirSync(outDir, { recursive: true });
  const written = [];
  for (const spec of pages) {
    const file = join(outDir, spec.out);
    if (ifMissing && existsSync(file)) continue;
    const js = await bundlePage(spec.entry);
    const css = spec.css.map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
    writeAtomically(file, page({ title: spec.title, css, js }));
    written.push(file);
  }
  return written;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ifMissing = process.argv.includes('--if-missing');
  // The server bundle is always made again: one left from older sources would run old code.
  Promise.all([buildUi({ ifMissing }), buildExcel({ ifMissing }), buildServer()]).then(
    ([ui, excel, server]) => {
      const written = [...ui, ...excel.filter((f) => !f.endsWith('.png')), server];
      for (const file of written) {
        const kb = Math.round(readFileSync(file).length / 1024);
        console.log(`built ${file.slice(root.length + 1)} (${kb} KB)`);
      }
    },
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
