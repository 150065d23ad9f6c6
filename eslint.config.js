// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Layering (shared/DESIGN.md §2). The compiler enforces part of it through per-folder tsconfigs;
// these rules make the intent explicit and catch what types cannot (e.g. importing a package).
const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'http',
  'https',
  'net',
  'crypto',
  'stream',
  'url',
  'util',
  'events',
  'timers',
];
const sideEffectPackages = [
  'electron',
  'chokidar',
  'keytar',
  'better-sqlite3',
  '@aws-sdk/*',
  'ali-oss',
  'yaml',
];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/bench/results/**', 'test/artifacts/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      eqeqeq: ['error', 'always'],
      curly: ['error', 'multi-line'],
      'no-throw-literal': 'error',
      'prefer-const': 'error',
      'no-eval': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['app/**/*.ts'],
    rules: restrict(
      [
        ...nodeBuiltins,
        ...sideEffectPackages,
        '../main/*',
        '../../main/*',
        '../renderer/*',
        '../../renderer/*',
      ],
      'app/ is the pure core: side effects go behind a port in app/ports and live in main/.',
    ),
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: restrict(['electron', '**/renderer/**'], 'Only main/electron/ may import electron.'),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    // The page runs in a browser (the Electron window or a tab on `ferry serve`).
    languageOptions: { globals: globals.browser },
    rules: restrict(
      [...nodeBuiltins, ...sideEffectPackages, '**/main/**'],
      'The renderer talks only to the bridge typed in app/ipc; it never sees node, electron or main/.',
    ),
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // expect.objectContaining / stringMatching are typed `any`; they are the point of matchers.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Plain Node scripts (the benchmark harness): node's globals, no type information.
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
);
