import { ruleTester, text } from '../tester';

const contract = text`
  apiVersion: northstar/v1
  kind: ServiceContract
  name: ledger
  owner: "@acme/payments"
  type: service
`;

ruleTester('quality/missing-tests', {
  valid: [
    {
      // redhat-developer/rhdh dynamic-plugins/wrappers/backstage-plugin-signals: src/index.ts
      // re-exports @backstage/plugin-signals as a dynamic plugin; its tests are upstream.
      name: 'a one-file wrapper named after the package it re-publishes',
      files: {
        'dynamic-plugins/wrappers/backstage-plugin-signals/package.json': JSON.stringify({ name: 'backstage-plugin-signals', dependencies: { '@backstage/plugin-signals': '0.0.32' } }),
        'dynamic-plugins/wrappers/backstage-plugin-signals/src/index.ts': "export * from '@backstage/plugin-signals';\n",
        'dynamic-plugins/wrappers/backstage-plugin-signals/.eslintrc.js': 'module.exports = {};\n',
        'dynamic-plugins/wrappers/backstage-plugin-kubernetes-backend-dynamic/package.json': JSON.stringify({ name: 'backstage-plugin-kubernetes-backend-dynamic', dependencies: { '@backstage/plugin-kubernetes-backend': '0.20.0' } }),
        'dynamic-plugins/wrappers/backstage-plugin-kubernetes-backend-dynamic/src/index.ts': "export { default } from '@backstage/plugin-kubernetes-backend';\n",
      },
    },
    {
      // backstage/community-plugins workspaces/acr/packages/backend: src/index.ts wires plugins into createBackend().
      name: 'a Backstage backend app whose one file wires the plugins (a composition root)',
      files: {
        'packages/backend/package.json': JSON.stringify({ name: 'backend', private: true, backstage: { role: 'backend' }, dependencies: { '@backstage/backend-defaults': '^0.8.0' } }),
        'packages/backend/src/index.ts': "const backend = createBackend();\nbackend.add(import('@backstage/plugin-app-backend'));\nbackend.start();\n",
      },
    },
    {
      name: 'a TypeScript package with *.test.ts files',
      files: {
        'packages/money/package.json': '{\n  "name": "@acme/money",\n  "version": "1.0.0"\n}\n',
        'packages/money/src/round.ts': 'export const round = (n: number) => Math.round(n * 100) / 100;\n',
        'packages/money/src/round.test.ts': 'import { round } from "./round";\n',
      },
    },
    {
      name: 'a Go module with *_test.go',
      files: {
        'services/ledger/go.mod': 'module github.com/acme/ledger\n\ngo 1.22\n',
        'services/ledger/main.go': 'package main\n\nfunc main() {}\n',
        'services/ledger/main_test.go': 'package main\n\nimport "testing"\n\nfunc TestMain(t *testing.T) {}\n',
      },
    },
    {
      name: 'a Python project with a tests/ folder',
      files: {
        'tools/report/pyproject.toml': '[project]\nname = "acme-report"\nversion = "0.3.0"\n',
        'tools/report/report/__init__.py': '',
        'tools/report/tests/test_report.py': 'def test_report():\n    assert True\n',
      },
    },
    {
      name: 'tests found by the contract\'s own globs',
      files: {
        'services/ledger/service-contract.yaml': contract + 'tests: ["checks/**/*.ts"]\n',
        'services/ledger/checks/balance.ts': 'export {};\n',
      },
    },
  ],
  invalid: [
    {
      // babel's helpers: one src/index.ts of real code, named after no dependency.
      name: 'a one-file package with code of its own is asked for tests; so is a wrapper with more code',
      files: {
        'packages/babel-helper-wrap-function/package.json': JSON.stringify({ name: '@babel/helper-wrap-function', dependencies: { '@babel/template': '^7.0.0' } }),
        'packages/babel-helper-wrap-function/src/index.ts': 'export default function wrapFunction() {}\n',
        'wrappers/plugin-acr/package.json': JSON.stringify({ name: 'backstage-community-plugin-acr', dependencies: { '@backstage-community/plugin-acr': '1.0.0' } }),
        'wrappers/plugin-acr/src/index.ts': "export * from './patched';\n",
        'wrappers/plugin-acr/src/patched.ts': 'export const patched = true;\n',
        'plugins/acr-backend/package.json': JSON.stringify({ name: '@backstage-community/plugin-acr-backend', backstage: { role: 'backend-plugin' } }),
        'plugins/acr-backend/src/index.ts': 'export const acrPlugin = {};\n',
      },
      errors: [
        { message: 'Module "@babel/helper-wrap-function" has no test files', file: 'packages/babel-helper-wrap-function/package.json', line: 1, column: 10 },
        { message: 'Module "@backstage-community/plugin-acr-backend" has no test files', file: 'plugins/acr-backend/package.json', line: 1, column: 10 },
        { message: 'Module "backstage-community-plugin-acr" has no test files', file: 'wrappers/plugin-acr/package.json', line: 1, column: 10 },
      ],
    },
    {
      name: 'a service with source files and no tests',
      files: {
        'services/ledger/service-contract.yaml': contract,
        'services/ledger/src/post.ts': 'export function post() {}\n',
      },
      errors: [
        {
          message: 'Module "ledger" has no test files: add tests',
          file: 'services/ledger/service-contract.yaml',
          line: 3,
          column: 7,
          module: 'ledger',
        },
      ],
    },
    {
      name: 'contract test globs that match nothing (conventions are not used then)',
      files: {
        'services/ledger/service-contract.yaml': contract + 'tests: ["spec/**"]\n',
        'services/ledger/src/post.test.ts': 'export {};\n',
      },
      errors: [{ message: 'none matches its "tests" globs', file: 'services/ledger/service-contract.yaml', line: 3, column: 7 }],
    },
    {
      name: 'a test file of a nested module does not count for its parent',
      files: {
        'package.json': '{\n  "name": "acme-web",\n  "version": "1.0.0"\n}\n',
        'src/index.ts': 'export {};\n',
        'packages/util/package.json': '{\n  "name": "@acme/util"\n}\n',
        'packages/util/index.test.ts': 'export {};\n',
      },
      errors: [{ message: 'Module "acme-web" has no test files', file: 'package.json', line: 2, column: 12 }],
    },
  ],
});
