// Lint: the TypeScript and React rules, no import cycles, and the layer boundaries
//   renderer → shared ← main;  preload → shared;  electron only in src/main/index.ts.
// scripts/check-imports.mjs keeps what lint cannot say: the allow-list of npm packages per side.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** A no-restricted-imports rule: each group is refused with the sentence beside it. */
const refuse = (...groups) => ['error', { patterns: groups.map(([group, message]) => ({ group, message })) }];

const NODE = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'stream', 'zlib', 'url', 'util', 'events'];
const MAIN_ONLY_PACKAGES = ['electron', 'better-sqlite3', 'exceljs'];

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'resources/**', 'docs/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,cts,mjs,cjs,js}'],
    plugins: { 'import-x': importX },
    languageOptions: { globals: { ...globals.node } },
    settings: {
      'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.mjs', '.js'] } },
      'import-x/extensions': ['.ts', '.tsx', '.mjs', '.js'],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    // Each child process of a benchmark loads only what its mode measures (its peak memory is a
    // result), and synchronously: require(), which tsx resolves without file extensions.
    files: ['bench/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // The two rules of hooks. The plugin's React Compiler rules (refs during render, setState in
      // an effect …) judge code for a compiler this app does not use.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': refuse(
        [['**/main/**', '**/preload/**'], 'The renderer reaches main only through window.ledger (the shared contract).'],
        [[...NODE, ...MAIN_ONLY_PACKAGES], 'Node, Electron, SQLite and exceljs belong to main.'],
      ),
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': refuse(
        [['**/main/**', '**/renderer/**', '**/preload/**'], 'shared imports nothing from main, preload or renderer.'],
        [[...NODE, ...MAIN_ONLY_PACKAGES, 'react', 'react-dom', 'i18next', 'react-i18next'], 'shared runs on both sides: zod only.'],
      ),
    },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': refuse([['**/main/**', '**/renderer/**'], 'The preload only bridges the shared contract.']),
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/index.ts'],
    rules: {
      'no-restricted-imports': refuse([['**/renderer/**', '**/preload/**'], 'main never imports the renderer or the preload.']),
      // Types from electron are fine (they vanish at run time); values only in the glue.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              allowTypeImports: true,
              message: "Only src/main/index.ts imports electron: main's services stay plain Node for vitest and the CLI.",
            },
          ],
        },
      ],
    },
  },
);
