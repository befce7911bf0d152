import { ruleTester, text } from '../tester';

const files = {
  'services/payments/src/charge.ts': 'export {};\n',
  'docs/runbook.md': '# Runbook\n',
};

ruleTester('codeowners/no-match', {
  valid: [
    {
      name: 'every pattern matches a file',
      files: { ...files, '.github/CODEOWNERS': '* @acme/platform\n/services/payments/ @acme/payments\n*.md @acme/docs\n' },
    },
    {
      name: 'no CODEOWNERS file at all',
      files,
    },
    {
      name: 'ignored for CODEOWNERS in .northstar.yaml',
      files: {
        ...files,
        '.northstar.yaml': 'ignore:\n  - rule: codeowners/no-match\n    paths: [".github/CODEOWNERS"]\n',
        '.github/CODEOWNERS': '/services/billing/ @acme/payments\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a folder that was renamed, and an extension no file has',
      files: {
        ...files,
        '.github/CODEOWNERS': text`
          *                   @acme/platform
          /services/billing/  @acme/payments
          *.rs                @acme/systems
        `,
      },
      errors: [
        {
          message: 'Pattern "/services/billing/" matches no file: fix the path (renamed or moved?) or remove the line.',
          file: '.github/CODEOWNERS',
          line: 2,
          column: 1,
          endColumn: 19,
          module: null,
        },
        { message: 'Pattern "*.rs" matches no file', file: '.github/CODEOWNERS', line: 3, column: 1, endColumn: 5 },
      ],
    },
    {
      name: 'GitHub anchors a pattern with a slash at the root: /runbook.md is not docs/runbook.md',
      files: { ...files, CODEOWNERS: '/runbook.md @acme/sre\n' },
      errors: [{ message: 'Pattern "/runbook.md" matches no file', file: 'CODEOWNERS', line: 1, column: 1 }],
    },
    {
      // GitLab reads `/services/payments` as a file path: the folder exists, the line lacks its `/`.
      name: 'GitLab: a folder written without its trailing slash is told to add it, not that it moved',
      files: { ...files, '.gitlab/CODEOWNERS': '[Payments]\n/services/payments @acme/payments\nservices @acme/platform\n' },
      errors: [
        {
          message: 'Pattern "/services/payments" matches no file: GitLab reads a path without a trailing "/" as a file, and "/services/payments" is a folder. Write "/services/payments/" to own the files in it.',
          file: '.gitlab/CODEOWNERS',
          line: 2,
          column: 1,
        },
        { message: 'Pattern "services" matches no file: GitLab reads a path without a trailing "/" as a file', file: '.gitlab/CODEOWNERS', line: 3, column: 1 },
      ],
    },
    {
      name: 'raised to an error in .northstar.yaml',
      files: { ...files, '.northstar.yaml': 'rules:\n  codeowners/no-match: error\n', CODEOWNERS: '/runbook.md @acme/sre\n' },
      errors: [{ message: 'Pattern "/runbook.md" matches no file', file: 'CODEOWNERS', line: 1, column: 1, severity: 'error' }],
    },
  ],
});
