import { ruleTester, text } from '../tester';
import { initiatives, positionOf, priority, vision } from './fixtures';

const withInitiatives = (...items: string[]) => vision([priority('reliability'), priority('catalog-freshness') + initiatives(...items), priority('cost')]);

const noOwnerNoModule = withInitiatives('{ id: search-relevance, title: Better search relevance, status: active, due: 2027-02-28 }');
const noOwner = withInitiatives('{ id: search-relevance, title: Better search relevance, status: active, modules: [search] }');

const naming = text`
  apiVersion: northstar/v1
  kind: ServiceContract
  name: search
  owner: "@acme/catalog"
  initiatives: [search-relevance]
`;

ruleTester('strategy/initiative-unowned', {
  valid: [
    { name: 'active with owner and modules', files: { 'vision.yaml': withInitiatives('{ id: search-relevance, title: Relevance, owner: "@acme/catalog", status: active, modules: [search] }') } },
    { name: 'planned work may wait for an owner', files: { 'vision.yaml': withInitiatives('{ id: search-relevance, title: Relevance, status: planned }') } },
    {
      name: 'the module named from its contract instead of the initiative',
      files: {
        'vision.yaml': withInitiatives('{ id: search-relevance, title: Relevance, owner: "@acme/catalog", status: active }'),
        'services/search/service-contract.yaml': naming,
      },
    },
  ],
  invalid: [
    {
      name: 'no owner and no module, at the id',
      files: { 'vision.yaml': noOwnerNoModule },
      errors: [{ message: 'Active initiative "search-relevance" of priority "catalog-freshness" has no owner and no module', file: 'vision.yaml', ...positionOf(noOwnerNoModule, 'search-relevance'), module: null }],
    },
    {
      name: 'no owner only',
      files: { 'vision.yaml': noOwner },
      errors: [{ message: /has no owner: add "owner"/, file: 'vision.yaml', ...positionOf(noOwner, 'search-relevance') }],
    },
  ],
});
