import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    // `*.case.test.ts` files are shared suites that the implementation tests call.
    exclude: ['node_modules/**', 'dist/**', 'data/**', '**/*.case.test.ts'],
    // PostgreSQL and browser tests share services; keep files in one process pool but isolated.
    pool: 'forks',
    testTimeout: 20_000,
    // What a page or a server does in the background can take seconds on a loaded 2-core CI
    // machine; vitest's default of one second failed a browser sign-in test there once.
    expect: { poll: { timeout: 5_000 } },
  },
});
