// Builds the Excel add-in into dist/addon-excel/, which the sync server serves under /excel/:
//   taskpane.html + taskpane.js   the task pane (the shared sidebar with the Excel host)
//   sign-in.html + sign-in.js     the Microsoft sign-in dialog (Office dialog API fallback)
//   assets/icon-*.png             the ribbon and catalogue icons
//   manifest.xml                  the add-in manifest for the server at CRM_PUBLIC_URL
// Both pages load Office.js from Microsoft's CDN, as published add-ins must; nothing else
// leaves the server's origin.
//   CRM_PUBLIC_URL=https://crm.example.com node scripts/build-excel.js
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundlePage, htmlPage, writeAtomically } from './page-bundle.js';
import { excelManifest } from './excel-manifest.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const excelOutDir = join(root, 'dist', 'addon-excel');

/** Where Microsoft publishes Office.js. */
export const officeJsUrl = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/** The address a manifest is built for when CRM_PUBLIC_URL is unset: an HTTPS proxy on this machine. */
export const localPublicUrl = 'https://localhost:8443';

const pages = [
  {
    entry: 'addon-excel/src/taskpane-main.tsx',
    script: 'taskpane.js',
    html: 'taskpane.html',
    title: '客户信息',
    css: ['shared/ui/sidebar.css'],
  },
  {
    entry: 'addon-excel/src/sign-in-dialog-main.ts',
    script: 'sign-in.js',
    html: 'sign-in.html',
    title: '登录 · 客户信息',
    css: [],
  },
];

/**
 * Builds the add-in; answers the written files. `publicUrl` is the server's HTTPS address the
 * manifest points at; `ifMissing` skips a build whose files are all there.
 */
export async function buildExcel({
  publicUrl = process.env['CRM_PUBLIC_URL'] || localPublicUrl,
  outDir = excelOutDir,
  ifMissing = false,
} = {}) {
  const targets = [...pages.flatMap((p) => [p.html, p.script]), 'manifest.xml'];
  if (ifMissing && targets.every((f) => existsSync(join(outDir, f)))) return [];
  // The manifest first: a bad address stops the build before anything is written.
  const manifest = excelManifest({ serverUrl: publicUrl });
  mkdirSync(join(outDir, 'assets'), { recursive: true });
  const written = [];
  for (const spec of pages) {
    const js = await bundlePage(spec.entry);
    writeAtomically(join(outDir, spec.script), js);
    const css = spec.css.map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
    const html = htmlPage({
      title: spec.title,
      icon: 'assets/icon-32.png',
      // Office.js first, from Microsoft's CDN: Office requires it for published add-ins.
      head: [`<script src="${officeJsUrl}"></script>`],
      css,
      script: `<script src="${spec.script}"></script>`,
    });
    writeAtomically(join(outDir, spec.html), html);
    written.push(join(outDir, spec.script), join(outDir, spec.html));
  }
  const assets = join(root, 'addon-excel', 'assets');
  for (const name of readdirSync(assets).filter((f) => f.endsWith('.png'))) {
    copyFileSync(join(assets, name), join(outDir, 'assets', name));
    written.push(join(outDir, 'assets', name));
  }
  writeAtomically(join(outDir, 'manifest.xml'), manifest);
  written.push(join(outDir, 'manifest.xml'));
  return written;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildExcel({ ifMissing: process.argv.includes('--if-missing') }).then(
    (written) => {
      for (const file of written.filter((f) => !f.endsWith('.png'))) {
        const kb = Math.round(readFileSync(file).length / 1024);
        console.log(`built ${file.slice(root.length + 1)} (${kb} KB)`);
      }
      if (written.length > 0 && !process.env['CRM_PUBLIC_URL']) {
        console.log(
          `manifest.xml points at ${localPublicUrl} (local sideloading); set CRM_PUBLIC_URL to the server's https address for your users`,
        );
      }
    },
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
