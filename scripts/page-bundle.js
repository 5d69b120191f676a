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
