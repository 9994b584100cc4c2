import { defineConfig } from 'vitest/config';

/**
 * Files that import `electron` (or `electron-updater`): they cannot even be loaded under Node, so
 * no unit or integration test can run them and they are left out of the coverage measure (the
 * Playwright e2e suite drives them in the real app). tests/lint/coverage-floor.test.ts checks
 * that every file listed here does import electron, so the list cannot hide untested code.
 */
export const ELECTRON_ONLY_FILES = [
  'src/main/index.ts',
  'src/main/app/app-protocol.ts',
  'src/main/app/security.ts',
  'src/main/app/window.ts',
  'src/main/ipc/register-handlers.ts',
  'src/main/platform/electron-pdf.ts',
  'src/main/platform/power-events.ts',
  'src/main/platform/safe-storage.ts',
  'src/main/platform/updater.ts',
];

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
      include: ['src/shared/**/*.ts', 'src/main/**/*.ts', 'src/server/**/*.ts'],
      exclude: ['**/*.test.ts', ...ELECTRON_ONLY_FILES],
      reporter: ['text-summary', 'json-summary'],
      /**
       * Line coverage per folder, set just below what was measured (1.12.2026). They only rise:
       * tests/lint/coverage-floor.test.ts fails when one is lower than in
       * tests/lint/coverage-floor.json or than any committed version of that file. When coverage
       * rises, raise the threshold here and the floor there in the same commit.
       */
      thresholds: {
        'src/shared/**/*.ts': { lines: 98 },
        'src/shared/domain/**/*.ts': { lines: 95 },
        'src/shared/ipc/**/*.ts': { lines: 91 },
        'src/shared/security/**/*.ts': { lines: 99 },
        'src/shared/sync/**/*.ts': { lines: 98 },
        'src/main/**/*.ts': { lines: 85 },
        'src/main/app/**/*.ts': { lines: 91 },
        'src/main/bridge/**/*.ts': { lines: 85 },
        'src/main/db/**/*.ts': { lines: 94 },
        'src/main/features/**/*.ts': { lines: 78 },
        'src/main/ipc/**/*.ts': { lines: 99 },
        'src/main/logging/**/*.ts': { lines: 99 },
        'src/main/vault/**/*.ts': { lines: 96 },
        'src/server/**/*.ts': { lines: 90 },
        'src/server/db/**/*.ts': { lines: 94 },
        'src/server/features/**/*.ts': { lines: 92 },
        'src/server/http/**/*.ts': { lines: 93 },
      },
    },
  },
});
