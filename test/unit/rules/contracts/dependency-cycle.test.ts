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

ruleTester('contracts/dependency-cycle', {
  valid: [
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
          message: 'Dependency cycle: "checkout" → "payments" → "ledger" → "checkout". Break it',
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
