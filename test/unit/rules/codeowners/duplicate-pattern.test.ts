import * as assert from 'node:assert/strict';
import type { Fix } from '../../../../src/core/model/types';
import { applyFix, findingsOf, ruleTester, text } from '../tester';

const files = {
  'src/app.ts': 'export {};\n',
  'docs/index.md': '# Docs\n',
};

const duplicated = text`
  *       @acme/platform
  /docs/  @acme/docs
  /src/   @acme/frontend
  /docs/  @acme/writers
`;

ruleTester('codeowners/duplicate-pattern', {
  valid: [
    {
      name: 'distinct patterns, even when they cover the same files',
      files: { ...files, '.github/CODEOWNERS': '/docs/ @acme/docs\ndocs/ @acme/docs\n/docs/** @acme/docs\n' },
    },
    {
      name: 'the same pattern in two GitLab sections (owners are the union)',
      files: { ...files, '.gitlab/CODEOWNERS': '[Docs]\n/docs/ @acme/docs\n[Security]\n/docs/ @acme/security\n' },
    },
  ],
  invalid: [
    {
      name: 'the earlier of two identical patterns, with a fix that removes it',
      files: { ...files, '.github/CODEOWNERS': duplicated },
      errors: [
        {
          message: 'Pattern "/docs/" is written again on line 4 with @acme/writers, which overrides this line (the last match wins): remove this line.',
          file: '.github/CODEOWNERS',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 7,
          module: null,
          fix: {
            title: 'Remove the duplicate line 2 ("/docs/")',
            edits: [{ file: '.github/CODEOWNERS', range: { line: 2, column: 1, endLine: 3, endColumn: 1 }, newText: '' }],
          },
        },
      ],
    },
    {
      name: 'three copies: each earlier line points at the next one',
      files: { ...files, CODEOWNERS: '*.md @acme/docs\n*.md @acme/docs\n*.md @acme/docs\n' },
      errors: [
        { message: 'written again on line 2 with the same owners', file: 'CODEOWNERS', line: 1, column: 1 },
        { message: 'written again on line 3 with the same owners', file: 'CODEOWNERS', line: 2, column: 1 },
      ],
    },
    {
      name: 'a repeated pattern within one GitLab section (names compare case-insensitively)',
      files: { ...files, '.gitlab/CODEOWNERS': '[Docs]\n/docs/ @acme/docs\n[docs]\n/docs/ @acme/writers\n' },
      errors: [{ message: 'Pattern "/docs/" is written again on line 4', file: '.gitlab/CODEOWNERS', line: 2, column: 1 }],
    },
  ],
});

describe('codeowners/duplicate-pattern fix', () => {
  it('leaves ownership unchanged and the finding gone', async () => {
    const workspace = { ...files, '.github/CODEOWNERS': duplicated };
    const [finding] = await findingsOf('codeowners/duplicate-pattern', workspace);
    const fixed = applyFix(workspace, finding.fix as Fix);
    assert.equal(fixed['.github/CODEOWNERS'], '*       @acme/platform\n/src/   @acme/frontend\n/docs/  @acme/writers\n');
    assert.deepEqual(await findingsOf('codeowners/duplicate-pattern', fixed), []);
  });
});
