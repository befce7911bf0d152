// Lint: typescript-eslint with type information, so that a floating promise is an error,
// and an import boundary that keeps 'vscode' inside src/extension.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
  { files: ['src/core/**/*.ts', 'src/cli/**/*.ts', 'src/node/**/*.ts', 'src/webview/**/*.ts'], rules: noVscode },
  {
    // Spreading an array into call arguments puts every element on the stack: past about
    // 120,000 elements (200,000 CODEOWNERS problems, 125,000 owners paths) it throws
    // "Maximum call stack size exceeded". Loop (or reduce) instead.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: 'CallExpression[callee.property.name=/^(push|unshift|splice|concat|max|min|fromCharCode|fromCodePoint|apply)$/] > SpreadElement',
        message: 'No spread into push/unshift/splice/concat/Math.max/Math.min/String.fromCharCode arguments: an unbounded array overflows the call stack. Use a loop or reduce.',
      }],
    },
  },
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
