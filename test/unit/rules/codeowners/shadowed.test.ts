import { ruleTester, text } from '../tester';

const files = {
  'src/app.ts': 'export {};\n',
  'src/app.test.ts': 'import "./app";\n',
  'src/ui/button.tsx': 'export {};\n',
  'docs/index.md': '# Docs\n',
  'README.md': '# Acme\n',
};

ruleTester('codeowners/shadowed', {
  valid: [
    {
      name: 'broad rules first, specific rules after (the GitHub way)',
      files: { ...files, '.github/CODEOWNERS': '*  @acme/platform\n/src/ @acme/frontend\n*.test.ts @acme/qa\n' },
    },
    {
      name: 'a rule that wins some of its files',
      files: { ...files, '.github/CODEOWNERS': '/src/ @acme/frontend\n/src/ui/ @acme/design\n' },
    },
    {
      name: 'GitLab: a rule in another section is not overridden by it',
      files: { ...files, '.gitlab/CODEOWNERS': '[Frontend]\n/src/ @acme/frontend\n[Design]\n/src/ @acme/design\n' },
    },
    {
      name: 'silenced by a comment on the line above',
      files: {
        ...files,
        '.github/CODEOWNERS': '# kept for the audit trail\n# northstar-disable-next-line codeowners/shadowed\n/src/ui/ @acme/design\n/src/ @acme/frontend\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a specific rule written before a broader one',
      files: {
        ...files,
        '.github/CODEOWNERS': text`
          # Design owns the UI
          /src/ui/ @acme/design
          /src/    @acme/frontend
        `,
      },
      errors: [
        {
          message: 'Pattern "/src/ui/" never decides an owner: every file it matches (1 file) is matched by a later line, e.g. line 3 "/src/". Move it below them, or remove it.',
          file: '.github/CODEOWNERS',
          line: 2,
          column: 1,
          endColumn: 9,
          module: null,
        },
      ],
    },
    {
      name: 'a catch-all written last shadows everything above it',
      files: { ...files, '.github/CODEOWNERS': '*.md @acme/docs\n/src/ @acme/frontend\n* @acme/platform\n' },
      errors: [
        { message: 'Pattern "*.md" never decides an owner: every file it matches (2 files)', file: '.github/CODEOWNERS', line: 1, column: 1 },
        { message: 'Pattern "/src/" never decides an owner: every file it matches (3 files)', file: '.github/CODEOWNERS', line: 2, column: 1 },
      ],
    },
  ],
});
