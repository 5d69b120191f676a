import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's `dist/` (what `npm run build` writes), found from this module's place:
 * the nearest folder above with a `package.json`. The same from the TypeScript sources
 * (`sync-server/src/http/`) and from the bundled server (`dist/server/`).
 */
export function distDir(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${fileURLToPath(from)}`);
    dir = up;
  }
  return join(dir, 'dist');
}
