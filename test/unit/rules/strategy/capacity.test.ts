import { ruleTester } from '../tester';
import { priority, vision } from './fixtures';

const priorities = [priority('reliability'), priority('checkout-conversion'), priority('cost')];

ruleTester('strategy/capacity', {
  valid: [
    { name: 'shares summing to 100 with maintenance and security', files: { 'vision.yaml': vision(priorities) } },
    { name: 'no capacity section', files: { 'vision.yaml': vision(priorities, '') } },
  ],
  invalid: [
    {
      name: 'shares that sum to 110',
      files: { 'vision.yaml': vision(priorities, 'capacity: { innovation: 60, maintenance: 30, security: 20 }\n') },
      errors: [{ message: 'Capacity adds up to 110%, not 100%', file: 'vision.yaml', line: 23, column: 1, module: null }],
    },
    {
      name: 'everything on features',
      files: { 'vision.yaml': vision(priorities, 'capacity:\n  innovation: 100\n') },
      errors: [{ message: 'Capacity gives nothing to maintenance or security', file: 'vision.yaml', line: 23, column: 1 }],
    },
  ],
});
