import { ruleTester, text } from '../tester';

const contract = (extra = '') =>
  text`
    apiVersion: northstar/v1
    kind: ServiceContract
    name: checkout-web
    owner: "@acme/checkout"
    type: website
  ` + extra;

ruleTester('observability/missing', {
  valid: [
    {
      name: 'signals declared in the contract',
      files: { 'apps/checkout/service-contract.yaml': contract('observability:\n  logs: structured-json\n  metrics: prometheus\n') },
    },
    {
      name: 'a service that depends on an OpenTelemetry SDK',
      files: {
        'services/orders/package.json': text`
          {
            "name": "orders",
            "dependencies": { "express": "^4.19.0", "@opentelemetry/sdk-node": "^0.52.0" }
          }
        `,
        'services/orders/Dockerfile': 'FROM node:20\n',
      },
    },
    {
      name: 'a Backstage component with a Grafana annotation',
      files: {
        'services/search/catalog-info.yaml': text`
          apiVersion: backstage.io/v1alpha1
          kind: Component
          metadata:
            name: search-api
            annotations:
              grafana/dashboard-selector: "tags @> 'search'"
          spec:
            type: service
            lifecycle: production
            owner: group:default/search
        `,
      },
    },
    {
      name: 'a library needs no observability',
      files: { 'packages/money/package.json': '{\n  "name": "@acme/money"\n}\n' },
    },
  ],
  invalid: [
    {
      name: 'a website that declares nothing',
      files: { 'apps/checkout/service-contract.yaml': contract() },
      errors: [
        {
          message: 'Website "checkout-web" has no observability evidence: declare "observability" (logs, metrics, traces) in its service-contract.yaml',
          file: 'apps/checkout/service-contract.yaml',
          line: 3,
          column: 7,
          module: 'checkout-web',
        },
      ],
    },
    {
      name: 'a service (inferred from its Dockerfile) with no observability dependency',
      files: {
        'services/orders/package.json': '{\n  "name": "orders",\n  "dependencies": { "express": "^4.19.0" }\n}\n',
        'services/orders/Dockerfile': 'FROM node:20\n',
      },
      errors: [{ message: 'Service "orders" has no observability evidence', file: 'services/orders/package.json', line: 2, column: 12 }],
    },
  ],
});
