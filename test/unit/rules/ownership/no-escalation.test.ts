import { ruleTester, text } from '../tester';

const contract = (name: string, owner: string, tier: number) => text`
  apiVersion: northstar/v1
  kind: ServiceContract
  name: ${name}
  owner: "${owner}"
  type: service
  lifecycle: production
  tier: ${tier}
`;

const teamsYaml = text`
  apiVersion: northstar/v1
  kind: Teams
  teams:
    - id: "@acme/payments"
      name: Payments
      escalation:
        - { kind: chat, target: "#payments-oncall" }
        - { kind: pager, target: payments-primary }
    - id: "@acme/growth"
      name: Growth
`;

ruleTester('ownership/no-escalation', {
  valid: [
    {
      name: 'a tier-1 module whose team has an escalation path',
      files: { 'teams.yaml': teamsYaml, 'services/payments/service-contract.yaml': contract('payments-api', '@acme/payments', 1) },
    },
    {
      name: 'a tier-3 module whose team has none',
      files: { 'teams.yaml': teamsYaml, 'services/referrals/service-contract.yaml': contract('referrals', '@acme/growth', 3) },
    },
    {
      name: 'a module without a tier',
      files: {
        'teams.yaml': teamsYaml,
        'services/referrals/service-contract.yaml': 'apiVersion: northstar/v1\nkind: ServiceContract\nname: referrals\nowner: "@acme/growth"\n',
      },
    },
  ],
  invalid: [
    {
      name: 'one finding per team, at the team, naming its most critical module',
      files: {
        'teams.yaml': teamsYaml,
        'services/referrals/service-contract.yaml': contract('referrals', '@acme/growth', 2),
        'services/signup/service-contract.yaml': contract('signup', '@acme/growth', 1),
      },
      errors: [
        {
          message: 'Team "@acme/growth" owns tier-1 module "signup" and 1 more but has no escalation path: add "escalation" steps (chat, pager, person) to it in teams.yaml.',
          file: 'teams.yaml',
          line: 9,
          column: 9,
          module: 'signup',
        },
      ],
    },
    {
      name: 'a team known only from CODEOWNERS points at its handle there',
      files: {
        '.github/CODEOWNERS': '# Search\n/services/search/ @acme/search\n',
        'services/search/service-contract.yaml': contract('search-api', '@acme/search', 2),
      },
      errors: [
        {
          message: 'Team "@acme/search" owns tier-2 module "search-api" but has no escalation path: declare it in teams.yaml',
          file: '.github/CODEOWNERS',
          line: 2,
          column: 19,
          endColumn: 31,
        },
      ],
    },
  ],
});
