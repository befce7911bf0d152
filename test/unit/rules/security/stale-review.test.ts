import { ruleTester, text } from '../tester';

const contract = (privacyReview: string, drRehearsal: string) => text`
  apiVersion: northstar/v1
  kind: ServiceContract
  name: payments-api
  owner: "@acme/payments"
  security:
    privacyReview: ${privacyReview}
  resilience:
    drRehearsal: ${drRehearsal}
`;

ruleTester('security/stale-review', {
  valid: [
    { name: 'recent review and rehearsal', files: { 'services/payments/service-contract.yaml': contract('2026-09-01', '2026-06-15') } },
    {
      name: 'older dates within a longer configured age',
      files: {
        '.northstar.yaml': 'staleness:\n  privacyReviewDays: 1000\n  drRehearsalDays: 1000\n',
        'services/payments/service-contract.yaml': contract('2024-09-01', '2024-06-15'),
      },
    },
  ],
  invalid: [
    {
      name: 'both older than the defaults',
      files: { 'services/payments/service-contract.yaml': contract('2024-10-01', '2025-01-15') },
      errors: [
        {
          message: 'The last privacy review of module "payments-api" was on 2024-10-01, 761 days ago',
          file: 'services/payments/service-contract.yaml',
          line: 6,
          column: 18,
          module: 'payments-api',
        },
        {
          message: 'The last disaster-recovery rehearsal of module "payments-api" was on 2025-01-15, 655 days ago',
          file: 'services/payments/service-contract.yaml',
          line: 8,
          column: 16,
        },
      ],
    },
    {
      name: 'a shorter configured age',
      files: {
        '.northstar.yaml': 'staleness:\n  drRehearsalDays: 90\n',
        'services/payments/service-contract.yaml': contract('2026-09-01', '2026-06-15'),
      },
      errors: [{ message: '139 days ago (more than 90): rehearse recovery again, then update "resilience.drRehearsal".', file: 'services/payments/service-contract.yaml', line: 8, column: 16 }],
    },
  ],
});
