import { ruleTester, text } from '../tester';

const orders = text`
  apiVersion: northstar/v1
  kind: ServiceContract
  name: orders
  owner: "@acme/orders"
  type: service
`;

const note = (modules: string) => text`
  ---
  kind: postmortem
  date: 2026-05-02
  title: Duplicate orders after a queue replay
  modules: ${modules}
  ---

  The consumer replayed a day of events after a broker failover.
`;

ruleTester('learning/unknown-module', {
  valid: [
    { name: 'a module that exists', files: { 'services/orders/service-contract.yaml': orders, 'docs/postmortems/orders-replay.md': note('[orders]') } },
    {
      name: 'a Backstage reference whose name part is a module',
      files: { 'services/orders/service-contract.yaml': orders, 'docs/postmortems/orders-replay.md': note('["component:default/orders"]') },
    },
    { name: 'no modules at all', files: { 'docs/postmortems/orders-replay.md': note('[]') } },
  ],
  invalid: [
    {
      name: 'a misspelt module, with the closest name',
      files: { 'services/orders/service-contract.yaml': orders, 'docs/postmortems/orders-replay.md': note('[orderz, orders]') },
      errors: [
        {
          message: 'Postmortem "Duplicate orders after a queue replay" names module "orderz", but no module has that name (did you mean "orders"?)',
          file: 'docs/postmortems/orders-replay.md',
          line: 5,
          column: 11,
          endColumn: 17,
          module: null,
        },
      ],
    },
    {
      name: 'a block list, positions on the Markdown file\'s own lines',
      files: { 'docs/postmortems/orders-replay.md': note('\n  - ledger\n  - billing') },
      errors: [
        { message: 'names module "ledger", but no module has that name: fix the name', file: 'docs/postmortems/orders-replay.md', line: 6, column: 3 },
        { message: 'names module "billing"', file: 'docs/postmortems/orders-replay.md', line: 7, column: 3 },
      ],
    },
  ],
});
