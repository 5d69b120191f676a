// Pushes the built Apps Script project (dist/addon-sheets) to Google with clasp. Needs a Google
// sign-in (`npx @google/clasp login`, done once by the user) and the script's ID, from
// CRM_SHEETS_SCRIPT_ID at build time or written into dist/addon-sheets/.clasp.json.
// See addon-sheets/README.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const project = join(root, 'dist', 'addon-sheets');
const claspFile = join(project, '.clasp.json');

if (!existsSync(claspFile)) {
  console.error('No built project: run npm run build:sheets first.');
  process.exit(1);
}
const { scriptId } = JSON.parse(readFileSync(claspFile, 'utf8'));
if (typeof scriptId !== 'string' || scriptId === '') {
  console.error(
    [
      'No Apps Script project to push to. Once:',
      '  1. npx @google/clasp login',
      '  2. open the spreadsheet, Extensions → Apps Script, Project settings → copy the Script ID',
      '     (or make one: cd dist/addon-sheets && npx @google/clasp create --type sheets)',
      '  3. CRM_SHEETS_SCRIPT_ID=<script id> CRM_SHEETS_SERVER_URL=https://… npm run deploy:sheets',
    ].join('\n'),
  );
  process.exit(1);
}
const pushed = spawnSync('npx', ['--yes', '@google/clasp', 'push', '--force'], {
  cwd: project,
  stdio: 'inherit',
});
process.exit(pushed.status ?? 1);
