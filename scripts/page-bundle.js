// What the page builds share (scripts/build.js, scripts/build-excel.js): one browser bundle per
// entry module, and files written so that a reader never sees half of one.
import { build } from 'esbuild';
import { renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

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
