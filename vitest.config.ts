import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'tests/integration/**/*.test.ts',
      'tests/fault/**/*.test.ts',
      'tests/lint/**/*.test.ts',
      'tests/bench/**/*.test.ts',
    ],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    coverage: {
      provider: 'v8',
      include: ['src/shared/**/*.ts'],
      exclude: ['**/*.test.ts'],
      reporter: ['text-summary', 'json-summary'],
      thresholds: {
        'src/shared/domain/**/*.ts': { lines: 95 },
      },
    },
  },
});
