import { ruleTester, text } from '../tester';

const contract = (extra: string) =>
  text`
    apiVersion: northstar/v1
    kind: ServiceContract
    name: payments-api
    owner: "@acme/payments"
    type: service
  ` + extra;

ruleTester('security/missing-threat-model', {
  valid: [
    {
      name: 'a tier-1 module with its threat model',
      files: {
        'services/payments/service-contract.yaml': contract('tier: 1\nsecurity:\n  threatModel: docs/threat-model.md\n'),
        'services/payments/docs/threat-model.md': '# Threat model\n\n## STRIDE\n',
      },
    },
    {
      name: 'a PII module whose threat model lives in the wiki',
      files: {
        'services/payments/service-contract.yaml': contract('tier: 2\ndata: { classification: pii }\nsecurity:\n  threatModel: https://wiki.acme.example/security/payments\n'),
      },
    },
    {
      name: 'a tier-2 module with internal data needs none',
      files: { 'services/payments/service-contract.yaml': contract('tier: 2\ndata: { classification: internal }\n') },
    },
  ],
  invalid: [
    {
      name: 'tier 1 without a threat model',
      files: { 'services/payments/service-contract.yaml': contract('tier: 1\n') },
      errors: [
        {
          message: 'Module "payments-api" is tier 1 but has no threat model: write one and point "security.threatModel" in its service-contract.yaml at it.',
          file: 'services/payments/service-contract.yaml',
          line: 3,
          column: 7,
          module: 'payments-api',
        },
      ],
    },
    {
      name: 'PII, with a threat model path that does not exist',
      files: {
        'services/payments/service-contract.yaml': contract('tier: 3\ndata: { classification: pii }\nsecurity:\n  threatModel: docs/threat-model.md\n'),
      },
      errors: [
        {
          message: 'Module "payments-api" handles PII, and its threat model "services/payments/docs/threat-model.md" does not exist',
          file: 'services/payments/service-contract.yaml',
          line: 9,
          column: 16,
        },
      ],
    },
  ],
});
