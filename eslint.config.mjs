// Lint: typescript-eslint with type information, so that a floating promise is an error,
// an import boundary that keeps 'vscode' inside src/extension, and regular expressions free of
// super-linear backtracking (DESIGN.md 6): eslint-plugin-regexp checks every literal one, and
// a regex built from non-literal text may only come from src/core/regex.ts, whose patterns a
// unit test runs through a ReDoS checker.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';

/** The one module that may build a RegExp from non-literal text (test/unit/regex.test.ts checks it). */
const REGEX_HELPER = 'src/core/regex.ts';
const DYNAMIC_REGEX_MESSAGE = `A RegExp built from non-literal text may backtrack super-linearly: build it in ${REGEX_HELPER} (checked by a ReDoS test), or write a scanner.`;

const noVscode = {
  'no-restricted-imports': ['error', {
    paths: [{ name: 'vscode', message: "Only src/extension may import 'vscode': the core and the CLI stay pure." }],
  }],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'media/**', 'node_modules/**', 'examples/**', 'test/fixtures/**', '.vscode-test/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { project: ['./tsconfig.json', './tsconfig.webview.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='RegExp'][arguments.0.type!='Literal']", message: DYNAMIC_REGEX_MESSAGE },
        { selector: "CallExpression[callee.name='RegExp'][arguments.0.type!='Literal']", message: DYNAMIC_REGEX_MESSAGE },
      ],
    },
  },
  { files: [REGEX_HELPER], rules: { 'no-restricted-syntax': 'off' } },
  { files: ['src/core/**/*.ts', 'src/cli/**/*.ts', 'src/node/**/*.ts', 'src/webview/**/*.ts'], rules: noVscode },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'vscode', message: "src/core never imports 'vscode'." },
          ...['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'child_process', 'node:child_process'].map((name) => ({
            name,
            message: 'src/core reads files only through its FileAccess port.',
          })),
        ],
      }],
    },
  },
);
