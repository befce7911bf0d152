import { ruleTester, text } from '../tester';

ruleTester('contracts/schema', {
  valid: [
    {
      name: 'the contract of DESIGN.md',
      files: {
        'services/payments/service-contract.yaml': text`
          apiVersion: northstar/v1
          kind: ServiceContract
          name: payments-api
          description: Takes card payments for checkout.
          owner: "@acme/payments"
          type: service
          system: checkout
          lifecycle: production
          tier: 1
          dependsOn: [ledger]
          provides:
            - name: payments-rest
              type: openapi
              definition: api/openapi.yaml
          data: { classification: pii }
          observability:
            logs: structured-json
            alerts: ["PaymentsErrorRateHigh"]
            runbook: docs/runbook.md
          slos:
            - { name: availability, objective: 99.95, window: 30d }
          priorities: [reliability]
          security:
            threatModel: docs/threat-model.md
            privacyReview: 2026-09-01
          resilience:
            drRehearsal: 2026-06-15
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'a tier out of range and an unknown type',
      files: {
        'services/payments/service-contract.yaml': text`
          apiVersion: northstar/v1
          kind: ServiceContract
          name: payments-api
          type: microservice
          tier: 0
        `,
      },
      errors: [
        { message: 'type', file: 'services/payments/service-contract.yaml', line: 4, column: 7, module: 'payments-api' },
        { message: 'tier', file: 'services/payments/service-contract.yaml', line: 5, column: 7, module: 'payments-api' },
      ],
    },
    {
      name: 'a team without an id in teams.yaml',
      files: { 'teams.yaml': 'apiVersion: northstar/v1\nkind: Teams\nteams:\n  - name: Payments\n' },
      errors: [{ message: 'id', file: 'teams.yaml', line: 4, column: 5 }],
    },
  ],
});
