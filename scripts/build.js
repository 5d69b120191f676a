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
import { bundlePage, htmlPage, writeAtomically } from './page-bundle.js';
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

/** Builds every page into dist/shared-ui; answers the written paths. */
export async function buildUi({ ifMissing = false } = {}) {
  mkdirSync(outDir, { recursive: true });
  const written = [];
  for (const spec of pages) {
    const file = join(outDir, spec.out);
    if (ifMissing && existsSync(file)) continue;
    const js = await bundlePage(spec.entry);
    const css = spec.css.map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
    // No favicon request: the page fetches nothing. For the playground the server fills the
    // config mark with its demo users; elsewhere it stays as it is.
    const html = htmlPage({
      title: spec.title,
      icon: 'data:,',
      css,
      script: `<script>${inlineScript(js)}</script>`,
    });
    writeAtomically(file, html);
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
