import * as assert from 'node:assert/strict';
import { parseCatalog, parseEntityRef, stringifyEntityRef } from '../../../src/core/sources/backstage';
import { problemLines, span, spanOf } from './helpers';

const FILE = 'services/payments/catalog-info.yaml';

const CATALOG = `# Backstage entities of the payments service
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-api
  title: Payments API
  description: Takes card payments for checkout.
  annotations:
    pagerduty.com/service-id: PX1234
    grafana/dashboard-selector: "payments"
    backstage.io/techdocs-ref: dir:.
    backstage.io/source-location: url:https://github.com/acme/payments
    sentry.io/project-slug: payments
    prometheus.io/port: 9090
  tags: [java, payments]
spec:
  type: service
  lifecycle: production
  owner: group:default/payments
  system: system:checkout
  dependsOn: [component:ledger, resource:default/payments-db]
  providesApis: [payments-rest]
  consumesApis: [api:ledger/ledger-events]
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: payments-rest
  namespace: Checkout
spec:
  type: openapi
  lifecycle: production
  owner: payments
  definition:
    $text: ./api/openapi.yaml
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: payments
  annotations:
    github.com/team-slug: acme/payments
spec:
  type: team
  children: []
---
`;

describe('parseCatalog', () => {
  it('reads every document of a multi-document catalog file', () => {
    const { value, problems } = parseCatalog(CATALOG, FILE);
    assert.deepEqual(problems, []);
    assert.deepEqual(value?.map((e) => [e.kind, e.namespace, e.name, e.ref]), [
      ['Component', 'default', 'payments-api', 'component:default/payments-api'],
      ['API', 'Checkout', 'payments-rest', 'api:checkout/payments-rest'],
      ['Group', 'default', 'payments', 'group:default/payments'],
    ]);
  });

  it('maps a component\'s spec, metadata and references with their positions', () => {
    const component = parseCatalog(CATALOG, FILE).value![0];
    assert.equal(component.file, FILE);
    assert.equal(component.folder, 'services/payments');
    assert.equal(span(component.location), '5:9-5:21');
    assert.equal(component.title, 'Payments API');
    assert.equal(component.description, 'Takes card payments for checkout.');
    assert.equal(component.owner?.value, 'group:default/payments');
    assert.equal(span(component.owner!.location), spanOf(CATALOG, 'group:default/payments'));
    assert.equal(component.system, 'checkout', 'the name part of the system reference');
    assert.equal(component.lifecycle, 'production');
    assert.equal(component.type, 'service');
    assert.deepEqual(component.dependsOn.map((r) => [r.name, span(r.location!)]), [
      ['component:ledger', spanOf(CATALOG, 'component:ledger')],
      ['resource:default/payments-db', spanOf(CATALOG, 'resource:default/payments-db')],
    ]);
    assert.deepEqual(component.providesApis.map((r) => r.name), ['payments-rest']);
    assert.deepEqual(component.consumesApis.map((r) => r.name), ['api:ledger/ledger-events']);
    assert.deepEqual(component.tags, ['java', 'payments']);
  });

  it('keeps every annotation as a string', () => {
    const component = parseCatalog(CATALOG, FILE).value![0];
    assert.deepEqual(component.annotations, {
      'pagerduty.com/service-id': 'PX1234',
      'grafana/dashboard-selector': 'payments',
      'backstage.io/techdocs-ref': 'dir:.',
      'backstage.io/source-location': 'url:https://github.com/acme/payments',
      'sentry.io/project-slug': 'payments',
      'prometheus.io/port': '9090',
    });
  });

  it('keeps the whole spec of an API and a Group', () => {
    const [, api, group] = parseCatalog(CATALOG, FILE).value!;
    assert.deepEqual(api.spec, { type: 'openapi', lifecycle: 'production', owner: 'payments', definition: { $text: './api/openapi.yaml' } });
    assert.deepEqual(group.annotations, { 'github.com/team-slug': 'acme/payments' });
    assert.deepEqual(group.spec, { type: 'team', children: [] });
    assert.equal(group.owner, null);
  });

  it('reports entities missing kind or metadata.name and keeps the others', () => {
    const text = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  title: No name
spec: { owner: team-a }
---
apiVersion: backstage.io/v1alpha1
metadata:
  name: no-kind
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: good
spec:
  owner: team-a
  dependsOn: component:ledger
`;
    const { value, problems } = parseCatalog(text, 'catalog-info.yaml');
    assert.deepEqual(problemLines(problems), [
      'contracts/schema 3:1-3:9 catalog entity is missing "metadata.name"',
      'contracts/schema 7:1-7:34 catalog entity is missing "kind"',
      'contracts/schema 17:14-17:30 spec.dependsOn must be a list of entity references',
    ]);
    assert.deepEqual(value?.map((e) => e.name), ['good']);
    assert.deepEqual(value?.[0].dependsOn.map((d) => d.name), ['component:ledger'], 'a lone reference is still used');
    assert.equal(value?.[0].folder, '');
  });

  it('reports a syntax error in one document and still reads the others', () => {
    const text = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: broken
  annotations: { a: b
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: fine
`;
    const { value, problems } = parseCatalog(text, FILE);
    assert.ok(problems.length >= 1);
    assert.ok(problems.every((p) => p.ruleId === 'contracts/yaml'));
    assert.ok(value?.some((e) => e.name === 'fine'));
  });

  it('survives wrong types: a scalar document, a list spec, non-string references', () => {
    const text = `just a string
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: odd, annotations: { a: [1, 2], b: 3 }, tags: [x, 1] }
spec: [1, 2]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: refs }
spec: { dependsOn: [component:a, 7, { x: y }] }
---
kind: Component
metadata: { name: 2024 }
`;
    const { value, problems } = parseCatalog(text, FILE);
    assert.deepEqual(problemLines(problems), [
      'contracts/schema 1:1-1:14 a catalog entity must be a mapping with apiVersion, kind, metadata and spec',
      'contracts/schema 6:7-6:13 spec must be a mapping',
      'contracts/schema 11:34-11:35 spec.dependsOn must list entity references (strings)',
      'contracts/schema 11:37-11:45 spec.dependsOn must list entity references (strings)',
      'contracts/schema 14:19-14:23 metadata.name must be a string',
    ]);
    assert.deepEqual(value?.map((e) => e.name), ['odd', 'refs']);
    assert.deepEqual(value?.[0].annotations, { b: '3' });
    assert.deepEqual(value?.[0].spec, {});
    assert.deepEqual(value?.[0].tags, ['x']);
    assert.deepEqual(value?.[1].dependsOn.map((d) => d.name), ['component:a']);
  });

  it('returns no entities and no problems for an empty file', () => {
    assert.deepEqual(parseCatalog('', FILE), { value: [], problems: [] });
    assert.deepEqual(parseCatalog('---\n---\n', FILE), { value: [], problems: [] });
  });
});

describe('parseEntityRef', () => {
  it('splits [kind:][namespace/]name with namespace "default"', () => {
    assert.deepEqual(parseEntityRef('group:default/payments'), { kind: 'group', namespace: 'default', name: 'payments' });
    assert.deepEqual(parseEntityRef('Component:checkout/payments-api'), { kind: 'Component', namespace: 'checkout', name: 'payments-api' });
    assert.deepEqual(parseEntityRef('payments'), { kind: null, namespace: 'default', name: 'payments' });
    assert.deepEqual(parseEntityRef('ledger/ledger-events'), { kind: null, namespace: 'ledger', name: 'ledger-events' });
    assert.deepEqual(parseEntityRef('  user:dana '), { kind: 'user', namespace: 'default', name: 'dana' });
  });

  it('uses the default kind only when the reference has none', () => {
    assert.deepEqual(parseEntityRef('payments', 'group'), { kind: 'group', namespace: 'default', name: 'payments' });
    assert.deepEqual(parseEntityRef('user:dana', 'group'), { kind: 'user', namespace: 'default', name: 'dana' });
    assert.deepEqual(parseEntityRef('system:checkout', 'system').name, 'checkout');
  });

  it('stringifies to the compared form, kind and namespace lowercased', () => {
    assert.equal(stringifyEntityRef(parseEntityRef('Group:Default/Payments')), 'group:default/Payments');
    assert.equal(stringifyEntityRef(parseEntityRef('payments', 'Group')), 'group:default/payments');
  });

  it("reads as Backstage's own parseEntityRef: the referring entity's namespace is the default", () => {
    assert.deepEqual(parseEntityRef('jdoe', 'group', 'platform'), { kind: 'group', namespace: 'platform', name: 'jdoe' });
    assert.deepEqual(parseEntityRef('user:jdoe', 'group', 'platform'), { kind: 'user', namespace: 'platform', name: 'jdoe' });
    assert.deepEqual(parseEntityRef('user:default/jdoe', 'group', 'platform'), { kind: 'user', namespace: 'default', name: 'jdoe' });
    // A slash before the colon: no kind (Backstage's rule), the namespace ends at the slash.
    assert.deepEqual(parseEntityRef('ns/a:b'), { kind: null, namespace: 'ns', name: 'a:b' });
  });

  it('keeps a reference Backstage would refuse whole, as its name', () => {
    assert.deepEqual(parseEntityRef('group:/x'), { kind: null, namespace: 'default', name: 'group:/x' });
    assert.deepEqual(parseEntityRef(''), { kind: null, namespace: 'default', name: '' });
  });
});
