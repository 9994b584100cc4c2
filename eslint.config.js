// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

/**
 * Import boundaries: the path of a file says where it may run (ARCHITECTURE.md). A test in
 * tests/lint proves that a violation fails the lint.
 */
const NODE_BUILTINS = ['node:*', ...builtinModules, ...builtinModules.map((m) => `${m}/*`)];
const NODE_ONLY_PACKAGES = [
  'better-sqlite3-multiple-ciphers',
  'kysely-pglite',
  '@electric-sql/pglite',
  'pg',
  'pino',
  'fastify',
  'fastify/*',
  '@fastify/*',
  'electron-updater',
];
const UI_PACKAGES = [
  'react',
  'react/*',
  'react-dom',
  'react-dom/*',
  '@mantine/*',
  '@tabler/*',
  'dayjs',
  'dayjs/*',
];

/**
 * Patterns are gitignore-style: a bare name would also match a folder of that name inside a
 * relative path (the built-in module "domain" would forbid '../domain/case'). A leading slash
 * anchors each package name to the start of the import specifier.
 */
const anchor = (pattern) => (/^[./!]/.test(pattern) || pattern.includes(':') ? pattern : `/${pattern}`);
const restrict = (message, groups) => ({ group: groups.map(anchor), message });

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'coverage/**',
      'node_modules/**',
      'test-results/**',
      'bench-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict('src/shared is pure: no electron.', ['electron', 'electron/*']),
            restrict('src/shared is pure: no Node built-ins.', NODE_BUILTINS),
            restrict('src/shared is pure: no React, DOM or UI libraries.', UI_PACKAGES),
            restrict('src/shared is pure: no Node-only packages.', NODE_ONLY_PACKAGES),
            restrict('src/shared may not import main, preload, renderer or server.', [
              '**/main/**',
              '**/preload/**',
              '**/renderer/**',
              '**/server/**',
            ]),
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict('The renderer is untrusted web content: no electron.', ['electron', 'electron/*']),
            restrict('The renderer may not use Node built-ins.', NODE_BUILTINS),
            restrict('The renderer may not use Node-only packages.', [...NODE_ONLY_PACKAGES, 'kysely']),
            restrict('The renderer talks to main only through api/client.ts and the IPC contract.', [
              '**/main/**',
              '**/server/**',
              '**/preload/index*',
            ]),
          ],
        },
      ],
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!electron$|\\.\\./shared/ipc/[a-z-]+$)',
              message: 'The preload may import only electron and src/shared/ipc.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict('The server never imports electron.', ['electron', 'electron/*', 'electron-updater']),
            restrict('The server may not import main, preload or renderer.', [
              '**/main/**',
              '**/preload/**',
              '**/renderer/**',
            ]),
            restrict('The server has no UI.', UI_PACKAGES),
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/index.ts', 'src/main/app/**', 'src/main/platform/**', 'src/main/ipc/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(
              'Only src/main/index.ts, app/, platform/ and ipc/ import electron; features get plain functions so they run under Node.',
              ['electron', 'electron/*', 'electron-updater'],
            ),
            restrict('main may not import renderer or server code.', ['**/renderer/**', '**/server/**']),
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/{app,platform,ipc}/**/*.ts', 'src/main/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [restrict('main may not import renderer or server code.', ['**/renderer/**'])] },
      ],
    },
  },
  prettier,
);
