import { ruleTester, text } from '../tester';

const files = {
  'src/app.ts': 'export {};\n',
  'docs/index.md': '# Docs\n',
  'scripts/build.sh': '#!/bin/sh\n',
};

ruleTester('codeowners/syntax', {
  valid: [
    {
      name: 'GitHub patterns, owners of every kind, comments',
      files: {
        ...files,
        '.github/CODEOWNERS': text`
          # Default owners
          *            @acme/platform
          /docs/       docs@acme.example   # writers
          scripts/*.sh @dana @acme/tooling
        `,
      },
    },
    {
      name: 'GitLab sections, exclusions and role owners',
      files: {
        ...files,
        '.gitlab/CODEOWNERS': text`
          [Backend][2] @acme/backend
          /src/
          !/src/generated/
          ^[Docs]
          /docs/ @@maintainer
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'negation and a bracket range in a GitHub file',
      files: {
        ...files,
        '.github/CODEOWNERS': text`
          *          @acme/platform
          !/docs/    @acme/docs
          /src/[ab]* @acme/frontend
        `,
      },
      errors: [
        { message: '!', file: '.github/CODEOWNERS', line: 2, column: 1 },
        { message: 'GitHub does not support "[ ]"', file: '.github/CODEOWNERS', line: 3, column: 6 },
      ],
    },
    {
      name: 'an owner that is not a handle or an e-mail address',
      files: { ...files, '.github/CODEOWNERS': '/src/ @acme/frontend frontend-team\n' },
      errors: [{ message: 'frontend-team', file: '.github/CODEOWNERS', line: 1, column: 22 }],
    },
  ],
});
