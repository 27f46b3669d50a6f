import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
  {
    ignores: [
      'dist/',
      'build/',
      '.venv-spark/',
      'node_modules/',
      'public/data/',
      'tests/golden/',
      'tests/fixtures/',
      'bench/out/',
      'tests/artifacts/',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { projectService: true, parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig },
    },
  },
  {
    // Build scripts and configs outside tsconfig.json's project: syntax rules only.
    files: ['**/*.js'],
    ...ts.configs.disableTypeChecked,
  },
  {
    // The dashboard runs in the browser: no Node built-ins, and nothing from the pipeline.
    files: ['src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'src/ runs in the browser' },
            { group: ['**/pipelines/**'], message: 'src/ must not import the pipeline' },
          ],
        },
      ],
    },
  },
  {
    // Shared by the pipeline and the dashboard, so pure: only the schema and each other, nothing of either half.
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'src/shared/ runs in the browser too' },
            {
              group: ['**/pipelines/**', '**/lib/**', '*.svelte', 'svelte', 'svelte/*', '@duckdb/*'],
              message: 'src/shared/ imports only src/schema.ts and src/shared/',
            },
          ],
        },
      ],
    },
  },
  {
    // The pipeline takes from src/ only the contract and the pure code both halves share (src/shared/).
    files: ['pipelines/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/**', '!**/src/schema.ts', '!**/src/shared', '!**/src/shared/**'],
              message: 'pipelines/ imports from src/ only schema.ts and shared/',
            },
          ],
        },
      ],
    },
  },
);
