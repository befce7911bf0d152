import * as assert from 'node:assert/strict';
import { stronglyConnected } from '../../../../src/core/rules/contracts/dependency-cycle';
import { ruleTester, text } from '../tester';

const contract = (name: string, dependsOn: string[]) => text`
  apiVersion: northstar/v1
  kind: ServiceContract
  name: ${name}
  owner: "@acme/platform"
  dependsOn: [${dependsOn.join(', ')}]
`;

/** A package.json naming `name`, with the given sections (each a list of package names). */
const pkg = (name: string, sections: Record<string, string[]>) =>
  JSON.stringify({ name, ...Object.fromEntries(Object.entries(sections).map(([k, names]) => [k, Object.fromEntries(names.map((n) => [n, '1.0.0']))])) }, null, 2) + '\n';

ruleTester('contracts/dependency-cycle', {
  valid: [
    {
      // babel/babel: @babel/generator tests with @babel/core, which depends on it.
      name: 'a cycle that exists only through devDependencies is not reported',
      files: {
        'packages/core/package.json': pkg('@x/core', { dependencies: ['@x/generator'] }),
        'packages/generator/package.json': pkg('@x/generator', { devDependencies: ['@x/core'] }),
      },
    },
    {
      name: 'a plugin whose host is a peer dependency is no cycle',
      files: {
        'packages/core/package.json': pkg('@x/core', { dependencies: ['@x/helper'] }),
        'packages/helper/package.json': pkg('@x/helper', { peerDependencies: ['@x/core'], devDependencies: ['@x/core'] }),
      },
    },
    {
      name: 'optional dependencies do not count either',
      files: {
        'packages/a/package.json': pkg('a', { dependencies: ['b'] }),
        'packages/b/package.json': pkg('b', { optionalDependencies: ['a'] }),
      },
    },
    {
      name: 'Cargo dev-dependencies and build-dependencies do not count',
      files: {
        'crates/a/Cargo.toml': '[package]\nname = "a"\n\n[dependencies]\nb = { path = "../b" }\n',
        'crates/b/Cargo.toml': '[package]\nname = "b"\n\n[dev-dependencies]\na = { path = "../a" }\n\n[build-dependencies]\na = { path = "../a" }\n',
      },
    },
    {
      name: 'a diamond is not a cycle',
      files: {
        'services/a/service-contract.yaml': contract('checkout', ['payments', 'catalog']),
        'services/b/service-contract.yaml': contract('payments', ['ledger']),
        'services/c/service-contract.yaml': contract('catalog', ['ledger']),
        'services/d/service-contract.yaml': contract('ledger', []),
      },
    },
  ],
  invalid: [
    {
      name: 'a three-module cycle is reported once, at the first edge of the first module',
      files: {
        'services/a/service-contract.yaml': contract('checkout', ['payments']),
        'services/b/service-contract.yaml': contract('payments', ['ledger']),
        'services/c/service-contract.yaml': contract('ledger', ['checkout']),
      },
      errors: [
        {
          message:
            'Dependency cycle: "checkout" → "payments" → "ledger" → "checkout". Edges: "checkout" → "payments" (service-contract.yaml dependsOn, services/a/service-contract.yaml:5); "payments" → "ledger" (service-contract.yaml dependsOn, services/b/service-contract.yaml:5); "ledger" → "checkout" (service-contract.yaml dependsOn, services/c/service-contract.yaml:5). Break it by removing or inverting one of these "dependsOn" entries.',
          file: 'services/a/service-contract.yaml',
          line: 5,
          column: 13,
          endColumn: 21,
          module: 'checkout',
        },
      ],
    },
    {
      name: 'a module that depends on itself, and a separate two-module cycle',
      files: {
        'services/a/service-contract.yaml': contract('auth', ['auth']),
        'services/b/service-contract.yaml': contract('orders', ['stock']),
        'services/c/service-contract.yaml': contract('stock', ['orders']),
      },
      errors: [
        { message: 'Dependency cycle: "auth" → "auth".', file: 'services/a/service-contract.yaml', line: 5, column: 13 },
        { message: 'Dependency cycle: "orders" → "stock" → "orders".', file: 'services/b/service-contract.yaml', line: 5, column: 13 },
      ],
    },
    {
      name: 'a tangle larger than the shortest cycle names every member',
      files: {
        'services/a/service-contract.yaml': contract('a', ['b']),
        'services/b/service-contract.yaml': contract('b', ['a', 'c']),
        'services/c/service-contract.yaml': contract('c', ['b']),
      },
      errors: [{ message: '"a" → "b" → "a". It is part of a tangle of 3 modules: a, b, c.', file: 'services/a/service-contract.yaml', line: 5, column: 13 }],
    },
    {
      name: 'a runtime cycle between packages names each edge with its source and suggests moving an entry, not removing a dependsOn',
      files: {
        'packages/a/package.json': pkg('a', { dependencies: ['b'] }),
        'packages/b/package.json': pkg('b', { devDependencies: ['c'], dependencies: ['a'] }),
      },
      errors: [
        {
          message:
            'Dependency cycle: "a" → "b" → "a". Edges: "a" → "b" (package.json dependencies, packages/a/package.json:4); "b" → "a" (package.json dependencies, packages/b/package.json:7). Break it by inverting one of these dependencies, or by moving an entry the package needs only to build or test to its development dependencies.',
          file: 'packages/a/package.json',
          line: 4,
          column: 6,
          endColumn: 7,
          module: 'a',
        },
      ],
    },
    {
      name: 'an entry in both dependencies and devDependencies is a runtime edge',
      files: {
        'packages/a/package.json': pkg('a', { dependencies: ['b'] }),
        'packages/b/package.json': pkg('b', { devDependencies: ['a'], dependencies: ['a'] }),
      },
      errors: [{ message: /^(?!.*devDependencies).*"b" → "a" \(package\.json dependencies, packages\/b\/package\.json:7\)/, file: 'packages/a/package.json', line: 4, column: 6 }],
    },
    {
      name: 'a cycle of a declared dependsOn and a package dependency suggests removing that dependsOn entry',
      files: {
        'packages/a/package.json': pkg('a', { dependencies: ['b'] }),
        'packages/b/package.json': pkg('b', {}),
        'packages/b/service-contract.yaml': contract('b', ['a']),
      },
      errors: [
        {
          message:
            'Edges: "a" → "b" (package.json dependencies, packages/a/package.json:4); "b" → "a" (service-contract.yaml dependsOn, packages/b/service-contract.yaml:5). Break it by removing or inverting the "dependsOn" entry "b" → "a", or by moving one of the manifest entries.',
          file: 'packages/a/package.json',
          line: 4,
          column: 6,
        },
      ],
    },
    {
      name: 'Python dependency groups are dev, project dependencies runtime',
      files: {
        'libs/a/pyproject.toml': '[project]\nname = "a"\ndependencies = ["b>=1"]\n',
        'libs/b/pyproject.toml': '[project]\nname = "b"\ndependencies = [\n  "c",\n]\n\n[dependency-groups]\ntest = ["a"]\n',
        'libs/c/pyproject.toml': '[project]\nname = "c"\ndependencies = ["b ; python_version >= \'3.9\'"]\n',
      },
      errors: [
        {
          message: '"b" → "c" (pyproject.toml dependencies, libs/b/pyproject.toml:4); "c" → "b" (pyproject.toml dependencies, libs/c/pyproject.toml:3)',
          file: 'libs/b/pyproject.toml',
          line: 4,
          column: 4,
        },
      ],
    },
  ],
});

describe('stronglyConnected', () => {
  it('handles a chain of 20,000 modules without overflowing the stack', () => {
    const count = 20_000;
    const edges = Array.from({ length: count }, (_, i) => (i + 1 < count ? [{ to: i + 1, ref: { name: `m${i + 1}`, location: null } }] : []));
    assert.equal(stronglyConnected(edges).length, count);
    edges[count - 1].push({ to: 0, ref: { name: 'm0', location: null } });
    const components = stronglyConnected(edges);
    assert.equal(components.length, 1);
    assert.equal(components[0].length, count);
  });
});
