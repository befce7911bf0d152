import { ruleTester, text } from '../tester';

const contract = (extra: string, tier = 1, lifecycle = 'production', type = 'service') =>
  text`
    apiVersion: northstar/v1
    kind: ServiceContract
    name: payments-api
    owner: "@acme/payments"
    type: ${type}
    lifecycle: ${lifecycle}
    tier: ${tier}
  ` + extra;

const complete = text`
  observability:
    logs: structured-json
    alerts: ["PaymentsErrorRateHigh"]
    runbook: docs/runbook.md
  slos:
    - { name: availability, objective: 99.95, window: 30d }
`;

ruleTester('observability/critical-gaps', {
  valid: [
    { name: 'alerts, runbook and SLO declared', files: { 'services/payments/service-contract.yaml': contract(complete), 'services/payments/docs/runbook.md': '# Runbook\n' } },
    { name: 'tier 2 is not critical', files: { 'services/payments/service-contract.yaml': contract('', 2) } },
    { name: 'an experimental service is not yet critical', files: { 'services/payments/service-contract.yaml': contract('', 1, 'experimental') } },
    { name: 'a library is out of scope', files: { 'services/payments/service-contract.yaml': contract('', 1, 'production', 'library') } },
  ],
  invalid: [
    {
      name: 'nothing declared: all three are named',
      files: { 'services/payments/service-contract.yaml': contract('observability:\n  logs: structured-json\n') },
      errors: [
        {
          message: 'Tier-1 production module "payments-api" has no alerts, runbook or SLO: declare "observability.alerts", "observability.runbook" and "slos" in its service-contract.yaml.',
          file: 'services/payments/service-contract.yaml',
          line: 3,
          column: 7,
          module: 'payments-api',
        },
      ],
    },
    {
      name: 'only the SLO is missing',
      files: {
        'services/payments/service-contract.yaml': contract('observability:\n  alerts: ["PaymentsDown"]\n  runbook: https://wiki.acme.example/payments/runbook\n'),
      },
      errors: [{ message: 'has no SLO: declare "slos"', file: 'services/payments/service-contract.yaml', line: 3, column: 7 }],
    },
  ],
});
