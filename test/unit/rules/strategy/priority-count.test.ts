import { ruleTester } from '../tester';
import { priority, threePriorities, vision } from './fixtures';

ruleTester('strategy/priority-count', {
  valid: [
    { name: 'three priorities', files: { 'vision.yaml': threePriorities } },
    { name: 'five priorities', files: { 'vision.yaml': vision(['a', 'b', 'c', 'd', 'e'].map((id) => priority(`p-${id}`))) } },
  ],
  invalid: [
    {
      name: 'two priorities',
      files: { 'vision.yaml': vision([priority('reliability'), priority('cost')]) },
      errors: [{ message: 'vision.yaml has 2 priorities: name 3 to 5', file: 'vision.yaml', line: 7, column: 1, module: null }],
    },
    {
      name: 'six priorities',
      files: { 'vision.yaml': vision(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => priority(`p-${id}`))) },
      errors: [{ message: 'vision.yaml has 6 priorities: keep 3 to 5', file: 'vision.yaml', line: 7, column: 1 }],
    },
  ],
});
