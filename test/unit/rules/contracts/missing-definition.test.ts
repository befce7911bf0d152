import { ruleTester, text } from '../tester';

const contract = text`
  apiVersion: northstar/v1
  kind: ServiceContract
  name: payments-api
  owner: "@acme/payments"
  provides:
    - name: payments-rest
      type: openapi
      definition: api/openapi.yaml
    - name: payment-events
      type: asyncapi
`;

ruleTester('contracts/missing-definition', {
  valid: [
    {
      name: 'the definition exists (relative to the contract folder); an API without definition',
      files: {
        'services/payments/service-contract.yaml': contract,
        'services/payments/api/openapi.yaml': 'openapi: 3.1.0\ninfo: { title: Payments, version: 1.0.0 }\npaths: {}\n',
      },
    },
    {
      name: 'a definition given as a URL',
      files: {
        'services/payments/service-contract.yaml': contract.replace('api/openapi.yaml', 'https://api.acme.example/payments/openapi.yaml'),
      },
    },
  ],
  invalid: [
    {
      name: 'a definition file that is not there',
      files: {
        'services/payments/service-contract.yaml': contract,
        'services/payments/openapi.yaml': 'openapi: 3.1.0\n',
      },
      errors: [
        {
          message: 'API "payments-rest" of module "payments-api" points at definition "services/payments/api/openapi.yaml", which does not exist',
          file: 'services/payments/service-contract.yaml',
          // On the path that is wrong, not on the API's name.
          line: 8,
          column: 17,
          endColumn: 33,
          module: 'payments-api',
        },
      ],
    },
  ],
});
