import { ruleTester, text } from '../tester';

const teamsYaml = text`
  apiVersion: northstar/v1
  kind: Teams
  teams:
    - id: "@acme/payments"
      name: Payments
      aliases: ["group:default/payments", "payments@acme.example"]
      escalation:
        - { kind: pager, target: payments-primary }
`;

const contract = (owner: string) => text`
  apiVersion: northstar/v1
  kind: ServiceContract
  name: payments-api
  owner: ${owner}
  type: service
  tier: 1
`;

ruleTester('ownership/owner-mismatch', {
  valid: [
    {
      name: 'the contract and CODEOWNERS name the same handle',
      files: {
        '.github/CODEOWNERS': '* @acme/platform\n/services/payments/ @acme/payments\n',
        'services/payments/service-contract.yaml': contract('"@acme/payments"'),
      },
    },
    {
      name: 'two spellings of one team (a teams.yaml alias)',
      files: {
        'teams.yaml': teamsYaml,
        '.github/CODEOWNERS': '/services/payments/ payments@acme.example\n',
        'services/payments/service-contract.yaml': contract('group:default/payments'),
      },
    },
    {
      name: 'the declared owner is one of several CODEOWNERS owners',
      files: {
        '.github/CODEOWNERS': '/services/ @acme/backend @acme/payments\n',
        'services/payments/service-contract.yaml': contract('"@acme/payments"'),
      },
    },
    {
      name: 'CODEOWNERS says nothing about the folder',
      files: {
        '.github/CODEOWNERS': '/docs/ @acme/docs\n',
        'services/payments/service-contract.yaml': contract('"@acme/payments"'),
        'docs/index.md': '# Docs\n',
      },
    },
    {
      name: 'a user: reference and the CODEOWNERS handle of the same person',
      files: {
        '.github/CODEOWNERS': '/services/ @acme/backend @jdoe\n',
        'services/payments/service-contract.yaml': contract('"user:default/jdoe"'),
      },
    },
    {
      name: 'a bare jdoe where CODEOWNERS names @jdoe: ownership/unknown-owner says it once',
      files: {
        '.github/CODEOWNERS': '/services/ @acme/backend @jdoe\n',
        'services/payments/service-contract.yaml': contract('jdoe'),
      },
    },
    {
      name: 'an owner nothing declares, in a repository that declares teams: ownership/unknown-owner says it once',
      files: {
        'teams.yaml': teamsYaml,
        '.github/CODEOWNERS': '/services/ @acme/payments\n',
        'services/payments/service-contract.yaml': contract('group:default/discovery'),
      },
    },
    {
      // Nothing here declares `search`: it may be @acme/discovery under the name the
      // organisation's catalog gives it. ownership/unknown-owner names it once instead.
      name: 'a catalog owner that nothing in the repository declares is not compared',
      files: {
        CODEOWNERS: '/services/search/ @acme/discovery\n',
        'services/search/catalog-info.yaml': text`
          apiVersion: backstage.io/v1alpha1
          kind: Component
          metadata:
            name: search-api
          spec:
            type: service
            lifecycle: production
            owner: group:default/search
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'the contract names one team, CODEOWNERS another',
      files: {
        'teams.yaml': teamsYaml,
        '.github/CODEOWNERS': text`
          *                   @acme/platform
          /services/payments/ @acme/checkout
        `,
        'services/payments/service-contract.yaml': contract('"@acme/payments"'),
      },
      errors: [
        {
          message:
            'Module "payments-api" is owned by "@acme/payments" in its contract, but CODEOWNERS (.github/CODEOWNERS line 2, "/services/payments/") gives its folder to "@acme/checkout"',
          file: 'services/payments/service-contract.yaml',
          line: 4,
          column: 8,
          endLine: 4,
          endColumn: 24,
          module: 'payments-api',
        },
      ],
    },
    {
      name: 'a catalog owner that differs from CODEOWNERS',
      files: {
        CODEOWNERS: '/services/search/ @acme/discovery\n',
        'org/catalog-info.yaml': text`
          apiVersion: backstage.io/v1alpha1
          kind: Group
          metadata:
            name: search
            annotations:
              github.com/team-slug: acme/search
          spec:
            type: team
            children: []
        `,
        'services/search/catalog-info.yaml': text`
          apiVersion: backstage.io/v1alpha1
          kind: Component
          metadata:
            name: search-api
          spec:
            type: service
            lifecycle: production
            owner: group:default/search
        `,
      },
      errors: [
        {
          message: 'Module "search-api" is owned by "group:default/search" in its catalog entry, but CODEOWNERS (CODEOWNERS line 1',
          file: 'services/search/catalog-info.yaml',
          line: 8,
          column: 10,
        },
      ],
    },
  ],
});
