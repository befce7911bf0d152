import * as assert from 'node:assert/strict';
import { parseVision } from '../../../src/core/sources/vision';
import { problemLines, span, spanOf } from './helpers';

const FILE = 'vision.yaml';

/** DESIGN.md 1.5's example, with the three priorities a real file would have. */
const VISION = `apiVersion: northstar/v1
kind: Vision
vision:
  direction: Where the product is headed.
  why: Why that direction matters to users.
  capabilities: [Real-time fraud scoring, Multi-region failover]
priorities:                       # 3 to 5
  - id: reliability
    title: Reliability first
    owner: "@acme/platform"
    metrics:                      # outcome metrics, not output counts
      - { name: availability, unit: "%", baseline: 99.5, current: 99.82, target: 99.95 }
  - id: checkout-conversion
    title: More completed checkouts
    metrics:
      - name: conversion
        unit: "%"
        baseline: 61
        target: 70
  - id: trust
    title: Earn merchants' trust
capacity: { innovation: 50, maintenance: 30, security: 20 }   # percent, sums to 100
`;

describe('parseVision', () => {
  it('reads DESIGN.md\'s example: vision, priorities, metrics, capacity', () => {
    const { value, problems } = parseVision(VISION, FILE);
    assert.deepEqual(problems, []);
    assert.ok(value);
    assert.deepEqual(
      { ...value.vision, capacityLocation: span(value.vision.capacityLocation!) },
      {
        file: FILE,
        direction: 'Where the product is headed.',
        why: 'Why that direction matters to users.',
        capabilities: ['Real-time fraud scoring', 'Multi-region failover'],
        capacity: { innovation: 50, maintenance: 30, security: 20 },
        capacityLocation: '22:1-22:9',
      },
    );
    assert.equal(span(value.prioritiesLocation!), '7:1-7:11');
    assert.deepEqual(value.priorities.map((p) => [p.id, p.title, p.owner?.value ?? null, span(p.location)]), [
      ['reliability', 'Reliability first', '@acme/platform', '8:9-8:20'],
      ['checkout-conversion', 'More completed checkouts', null, spanOf(VISION, 'checkout-conversion')],
      ['trust', "Earn merchants' trust", null, spanOf(VISION, 'trust')],
    ]);
    const [availability] = value.priorities[0].metrics;
    assert.deepEqual(
      { ...availability, location: span(availability.location) },
      { name: 'availability', unit: '%', baseline: 99.5, current: 99.82, target: 99.95, location: '12:9-12:89' },
    );
    const [conversion] = value.priorities[1].metrics;
    assert.equal(conversion.current, undefined);
    assert.equal(conversion.target, 70);
    assert.equal(conversion.location.line, 16);
  });

  it('leaves counting priorities and summing capacity to the strategy rules', () => {
    const text = `apiVersion: northstar/v1
kind: Vision
priorities:
  - { id: only-one, title: Just one }
capacity: { innovation: 90, maintenance: 30 }
`;
    const { value, problems } = parseVision(text, FILE);
    assert.deepEqual(problems, []);
    assert.equal(value?.priorities.length, 1);
    assert.deepEqual(value?.vision.capacity, { innovation: 90, maintenance: 30 });
  });

  it('reports mistakes at their positions and keeps what is usable', () => {
    const text = `apiVersion: northstar/v1
kind: Vision
vision:
  direction: [not, text]
priorities:
  - id: Reliability First
    title: Reliability
    metrics:
      - { name: availability, target: "99.9%" }
      - { unit: ms }
  - title: No id
capacity: { innovation: 120, maintenance: lots }
`;
    const { value, problems } = parseVision(text, FILE);
    assert.deepEqual(problemLines(problems), [
      'contracts/schema 4:14-4:25 vision.direction must be a string',
      "contracts/schema 6:9-6:26 priorities[0].id must start with a letter or digit and hold only letters, digits, '-', '_' and '.'",
      `contracts/schema ${spanOf(text, '"99.9%"')} priorities[0].metrics[0].target must be a number`,
      'contracts/schema 10:9-10:21 priorities[0].metrics[1] is missing required property "name"',
      'contracts/schema 11:5-11:17 priorities[1] is missing required property "id"',
      'contracts/schema 12:25-12:28 capacity.innovation must be at most 100',
      'contracts/schema 12:43-12:47 capacity.maintenance must be a number',
    ]);
    assert.equal(value?.vision.direction, null);
    assert.deepEqual(value?.priorities.map((p) => p.id), ['Reliability First']);
    assert.deepEqual(value?.priorities[0].metrics.map((m) => [m.name, m.target]), [['availability', undefined]]);
    assert.deepEqual(value?.vision.capacity, { innovation: 120 });
  });

  it('has no capacity when none is declared, and reports an empty file', () => {
    const { value } = parseVision('apiVersion: northstar/v1\nkind: Vision\npriorities: []\n', FILE);
    assert.equal(value?.vision.capacity, null);
    assert.equal(value?.vision.capacityLocation, null);
    assert.deepEqual(problemLines(parseVision('', FILE).problems), ['contracts/schema 1:1-1:1 the document is empty']);
  });
});
