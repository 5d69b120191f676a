// Builds the Google Sheets add-on into an Apps Script project that clasp can push:
//   dist/addon-sheets/Code.js          the bundle, plus a top-level function per entry point
//   dist/addon-sheets/appsscript.json  V8, the narrowest scopes, urlFetchWhitelist
//   dist/addon-sheets/sidebar.html     the sidebar from dist/shared-ui (or a placeholder page)
//   dist/addon-sheets/.clasp.json      scriptId from CRM_SHEETS_SCRIPT_ID, else the one there, else empty
//
//   CRM_SHEETS_SERVER_URL=https://crm.example.com node scripts/build-sheets.js
//   node scripts/build-sheets.js --server https://crm.example.com [--out dir]
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The OAuth scopes the add-on needs, and no more. */
export const oauthScopes = [
  // The spreadsheet the add-on is open in, not every spreadsheet of the user.
  'https://www.googleapis.com/auth/spreadsheets.currentonly',
  // The menu, the sidebar, prompts and toasts.
  'https://www.googleapis.com/auth/script.container.ui',
  // UrlFetchApp to the sync server (limited further by urlFetchWhitelist).
  'https://www.googleapis.com/auth/script.external_request',
  // ScriptApp.getIdentityToken(): a Google ID token with the user's email for the server.
  'openid',
  'https://www.googleapis.com/auth/userinfo.email',
];

/**
 * The urlFetchWhitelist entry for a server address: https with a path ending in `/`. Plain http
 * is accepted only for this machine (tests and development; Apps Script itself cannot reach it).
 */
export function whitelistEntry(server) {
  const url = String(server ?? '').trim();
  const match =
    /^(https:\/\/[A-Za-z0-9.-]+(?::\d+)?|http:\/\/(?:127\.0\.0\.1|localhost)(?::\d+)?)(\/[^\s?#]*)?$/.exec(
      url,
    );
  if (match === null) {
    throw new Error(
      `The sync server address must be https://host[/path] (got ${JSON.stringify(url)}). ` +
        'Set CRM_SHEETS_SERVER_URL or pass --server.',
    );
  }
  const path = (match[2] ?? '/').replace(/\/*$/, '/');
  return `${match[1]}${path}`;
}

function placeholderPage() {
  const zh =
    '侧边栏尚未构建：请先运行 npm run build，再运行 npm run build:sheets 和 npm run deploy:sheets';
  const en =
    'The sidebar has not been built: run npm run build, then npm run build:sheets and npm run deploy:sheets';
  return `<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>客户信息</title></head>\n<body><p>${zh}</p><p lang="en">${en}</p></body></html>\n`;
}

// The sidebar the UI build makes; built here when missing, a placeholder when it cannot be.
async function sidebarHtml() {
  const built = join(root, 'dist', 'shared-ui', 'sidebar.html');
  if (!existsSync(built)) {
    try {
      const { buildUi } = await import('./build.js');
      await buildUi({ ifMissing: true });
    } catch (error) {
      console.warn(
        `The sidebar could not be built (${error instanceof Error ? error.message : error}); using a placeholder.`,
      );
    }
  }
  return existsSync(built) ? { from: built } : { text: placeholderPage() };
}

/** Builds the project; answers the output folder and the entry points it declares. */
export async function buildSheets({
  server,
  outDir = join(root, 'dist', 'addon-sheets'),
  scriptId = '',
}) {
  const allowed = whitelistEntry(server);
  const result = await build({
    entryPoints: [join(root, 'addon-sheets', 'src', 'main.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'CrmAddon',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2020',
    charset: 'utf8',
    legalComments: 'none',
    // Apps Script parses the whole project on every run: smaller is faster to start.
    minify: true,
    write: false,
    logLevel: 'warning',
    define: { CRM_ALLOWED_SERVER: JSON.stringify(allowed) },
  });
  const bundle = result.outputFiles[0].text;

  // The entry points, read from the bundle itself, so the stubs cannot miss one.
  const context = vm.createContext({});
  const names = vm.runInContext(`${bundle}\nObject.keys(CrmAddon.entryPoints)`, context);
  const stubs = names.map(
    (name) =>
      `function ${name}() {\n  return CrmAddon.entryPoints.${name}.apply(this, arguments);\n}\n`,
  );
  const code = [
    '// Built by scripts/build-sheets.js from addon-sheets/src; do not edit here.',
    bundle,
    '// Top-level functions, so Apps Script lists them and google.script.run can call them.',
    ...stubs,
  ].join('\n');

  const manifest = {
    timeZone: 'Asia/Shanghai',
    dependencies: {},
    exceptionLogging: 'STACKDRIVER',
    runtimeVersion: 'V8',
    oauthScopes,
    urlFetchWhitelist: [allowed],
  };

  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'Code.js'), code);
  writeFileSync(join(outDir, 'appsscript.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const sidebar = await sidebarHtml();
  if (sidebar.from !== undefined) copyFileSync(sidebar.from, join(outDir, 'sidebar.html'));
  else writeFileSync(join(outDir, 'sidebar.html'), sidebar.text);
  // A script ID given now wins; else one clasp already wrote here (clasp create) is kept.
  const claspFile = join(outDir, '.clasp.json');
  const kept = existsSync(claspFile) ? JSON.parse(readFileSync(claspFile, 'utf8')).scriptId : '';
  const id = scriptId !== '' ? scriptId : typeof kept === 'string' ? kept : '';
  writeFileSync(claspFile, `${JSON.stringify({ scriptId: id, rootDir: '.' }, null, 2)}\n`);
  return { outDir, entryPoints: names, allowed, placeholder: sidebar.from === undefined };
}

function argument(name) {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const out = argument('--out');
  buildSheets({
    server: argument('--server') ?? process.env.CRM_SHEETS_SERVER_URL,
    scriptId: process.env.CRM_SHEETS_SCRIPT_ID ?? '',
    ...(out === undefined ? {} : { outDir: resolve(out) }),
  }).then(
    ({ outDir, entryPoints, allowed, placeholder }) => {
      console.log(`built ${outDir} for ${allowed}: ${entryPoints.length} entry points`);
      if (placeholder) console.log('  (sidebar.html is a placeholder: run npm run build first)');
      const size = Math.round(readFileSync(join(outDir, 'Code.js')).length / 1024);
      console.log(`  Code.js ${size} KB`);
    },
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
