import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    // `*.case.test.ts` files are shared suites that the implementation tests call.
    exclude: ['node_modules/**', 'dist/**', 'data/**', '**/*.case.test.ts'],
    // PostgreSQL and browser tests share services; keep files in one process pool but isolated.
    pool: 'forks',
    testTimeout: 20_000,
  },
});
