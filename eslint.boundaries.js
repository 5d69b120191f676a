// The dependency direction of ARCHITECTURE.md as lint rules, kept in their own file so that
// test/boundaries.test.ts can prove them without type information.
// shared/core imports nothing of ours; shared/ui imports shared/core; add-ons and the server
// import only shared; nothing imports an add-on, the server or the tests.

const part = (name) => [`**/${name}`, `**/${name}/**`];

const notTheServer = { group: part('sync-server'), message: 'Only the server imports the server.' };
const notSheets = { group: part('addon-sheets'), message: 'Nothing imports the Sheets add-on.' };
const notExcel = { group: part('addon-excel'), message: 'Nothing imports the Excel add-in.' };
const notTests = { group: part('test'), message: 'Production code never imports test/.' };
const notUi = {
  group: ['**/ui', '**/ui/**', '**/shared/ui/**'],
  message: 'shared/core is below shared/ui.',
};
const noNode = {
  group: [
    'node:*',
    'fs',
    'path',
    'crypto',
    'os',
    'http',
    'https',
    'stream',
    'buffer',
    'url',
    'util',
  ],
  message: 'shared/core runs in Apps Script and the browser too: no Node modules.',
};

const restrict = (...patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

export const boundaries = [
  {
    files: ['shared/core/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(notTheServer, notSheets, notExcel, notTests, notUi, noNode),
  },
  {
    files: ['shared/ui/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: restrict(notTheServer, notSheets, notExcel, notTests),
  },
  {
    files: ['addon-sheets/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(notTheServer, notExcel, notTests),
  },
  {
    files: ['addon-excel/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(notTheServer, notSheets, notTests),
  },
  {
    files: ['sync-server/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict(notSheets, notExcel, notTests),
  },
];
