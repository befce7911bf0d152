// Lint: typescript-eslint with type information, so that a floating promise is an error,
// the layers of src/ as import boundaries, and regular expressions free of
// super-linear backtracking (DESIGN.md 6): eslint-plugin-regexp checks every literal one, and
// a regex built from non-literal text may only come from src/core/regex.ts, whose patterns a
// unit test runs through a ReDoS checker.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';
import { builtinModules } from 'node:module';

/** The one module that may build a RegExp from non-literal text (test/unit/regex.test.ts checks it). */
const REGEX_HELPER = 'src/core/regex.ts';
const DYNAMIC_REGEX_MESSAGE = `A RegExp built from non-literal text may backtrack super-linearly: build it in ${REGEX_HELPER} (checked by a ReDoS test), or write a scanner.`;

// Layers (STYLE.md): the core imports nothing above it and no Node built-in; webviews never
// import the extension; reporters never import the engine; the host⇄page protocol stands alone.
// Each folder gets one list (a later flat-config entry for the same rule replaces an earlier one).
const VSCODE = { name: 'vscode', message: "Only src/extension may import 'vscode'." };
const NODE_BUILTINS = builtinModules.filter((m) => !m.startsWith('_')).flatMap((m) => (m.startsWith('node:') ? [m] : [m, `node:${m}`]));
const layer = (folders, why) => ({ regex: `(^|/)(${folders.join('|')})(/|$)`, message: why });
const restrict = (patterns, paths = [VSCODE]) => ({ 'no-restricted-imports': ['error', { paths, patterns }] });
const CORE_ABOVE = layer(['cli', 'extension', 'node', 'webview', 'protocol'], 'src/core imports nothing above it: the CLI, the extension, the Node adapters, the webviews and the protocol build on the core, not the other way round.');
const NO_BUILTINS = { regex: `^(${NODE_BUILTINS.map((m) => m.replace(/[/]/g, '\\/')).join('|')})$`, message: 'src/core uses no Node built-in: it reads through its FileAccess port, and adapters inject what it needs (hashing, workers).' };

// One no-restricted-syntax list for src/ (a later entry for the same rule replaces an earlier one).
const NO_DYNAMIC_REGEX = [
  { selector: "NewExpression[callee.name='RegExp'][arguments.0.type!='Literal']", message: DYNAMIC_REGEX_MESSAGE },
  { selector: "CallExpression[callee.name='RegExp'][arguments.0.type!='Literal']", message: DYNAMIC_REGEX_MESSAGE },
];
// Spreading an array into call arguments puts every element on the stack: past about 120,000
// elements (200,000 CODEOWNERS problems, 125,000 owners paths) it throws "Maximum call stack
// size exceeded". Loop (or reduce) instead.
const NO_SPREAD_INTO_CALLS = [{
  selector: 'CallExpression[callee.property.name=/^(push|unshift|splice|concat|max|min|fromCharCode|fromCodePoint|apply)$/] > SpreadElement',
  message: 'No spread into push/unshift/splice/concat/Math.max/Math.min/String.fromCharCode arguments: an unbounded array overflows the call stack. Use a loop or reduce.',
}];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'media/**', 'node_modules/**', 'examples/**', 'test/fixtures/**', '.vscode-test/**', 'bench/results/**', 'src/core/sources/schemaValidators.ts'] },
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
      'no-restricted-syntax': ['error', ...NO_SPREAD_INTO_CALLS, ...NO_DYNAMIC_REGEX],
    },
  },
  { files: [REGEX_HELPER], rules: { 'no-restricted-syntax': ['error', ...NO_SPREAD_INTO_CALLS] } },
  { files: ['src/core/**/*.ts'], rules: restrict([CORE_ABOVE, NO_BUILTINS]) },
  {
    files: ['src/core/report/**/*.ts'],
    rules: restrict([
      CORE_ABOVE,
      NO_BUILTINS,
      layer(['engine', 'build', 'analyze'], 'Reporters are pure functions of a result: they never import the engine or the model builder.'),
      { regex: '(^|/)rules/run$', message: 'Reporters never run rules.' },
    ]),
  },
  { files: ['src/protocol/**/*.ts'], rules: restrict([layer(['cli', 'extension', 'node', 'webview'], 'src/protocol holds the host⇄page messages only: types and validators over the core.')]) },
  { files: ['src/webview/**/*.ts'], rules: restrict([layer(['cli', 'extension', 'node'], 'Webview code runs in the page: it never imports the extension, the CLI or Node adapters.')]) },
  { files: ['src/node/**/*.ts'], rules: restrict([layer(['cli', 'extension', 'webview'], 'Node adapters serve the CLI and the extension; they import neither.')]) },
  { files: ['src/cli/**/*.ts'], rules: restrict([layer(['extension', 'webview'], 'The CLI never imports the extension or the webviews.')]) },
);
