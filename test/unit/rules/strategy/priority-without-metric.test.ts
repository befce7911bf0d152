import { ruleTester } from '../tester';
import { priority, threePriorities, vision } from './fixtures';

ruleTester('strategy/priority-without-metric', {
  valid: [{ name: 'every priority has a metric with a target', files: { 'vision.yaml': threePriorities } }],
  invalid: [
    {
      name: 'a priority without metrics and a metric without target',
      files: {
        'vision.yaml': vision([
          priority('reliability'),
          priority('checkout-conversion', ''),
          priority('cost', '      - { name: cloud-spend-per-order, unit: USD, baseline: 0.42, current: 0.40 }\n'),
        ]),
      },
      errors: [
        {
          message: 'Priority "checkout-conversion" has no success metric',
          file: 'vision.yaml',
          line: 13,
          column: 9,
          endColumn: 28,
          module: null,
        },
        { message: 'Metric "cloud-spend-per-order" of priority "cost" has no target', file: 'vision.yaml', line: 20, column: 9 },
      ],
    },
  ],
});
