import { ruleTester, text } from '../tester';

const contract = text`
  apiVersion: northstar/v1
  kind: ServiceContract
  name: payments-api
  owner: "@acme/payments"
`;

ruleTester('workspace/skipped', {
  valid: [
    {
      name: 'binary files that Northstar never reads (images) are not reported',
      files: { 'services/payments/service-contract.yaml': contract, 'docs/logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) },
    },
  ],
  invalid: [
    {
      name: 'a contract that is not text',
      files: { 'services/payments/service-contract.yaml': new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x00, 0xff, 0xfe]) },
      errors: [{ message: 'binary', file: 'services/payments/service-contract.yaml', line: 1, column: 1 }],
    },
    {
      name: 'a source file too large to scan for priority tags',
      files: {
        'services/payments/service-contract.yaml': contract,
        'services/payments/src/generated.ts': `// generated\nexport const data = "${'x'.repeat(1_100_000)}";\n`,
      },
      errors: [{ message: 'too large', file: 'services/payments/src/generated.ts', line: 1, column: 1 }],
    },
  ],
});
