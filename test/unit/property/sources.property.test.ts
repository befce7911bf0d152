/**
 * Property tests of the YAML sources on random documents. Documents are generated as data,
 * written out by the `yaml` library in random styles, and read back: the readers must give the
 * same answers as the data they were written from, point every value at the text that holds
 * it, report a value of the wrong type where it is written, and never throw, also when the
 * text is then mutated at random.
 *
 * The seed is printed; replay a failure with NORTHSTAR_SEED=<seed> (fast-check also prints
 * the failing path, which `path` in the options below would take).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import type { SourceLocation } from '../../../src/core/model/types';
import { parseCatalog } from '../../../src/core/sources/backstage';
import { parseConfig } from '../../../src/core/sources/config';
import { parseContract } from '../../../src/core/sources/contract';
import { parseTeams } from '../../../src/core/sources/teams';
import type { ParseProblem } from '../../../src/core/sources/types';
import { parseVision } from '../../../src/core/sources/vision';

const seed = process.env.NORTHSTAR_SEED !== undefined ? Number(process.env.NORTHSTAR_SEED) : Date.now() % 2 ** 31;
const RUNS = Number(process.env.NORTHSTAR_PROPERTY_RUNS ?? 200);
const options = { seed, numRuns: RUNS };

/** The text a location covers (lines 1-based, columns in UTF-16 code units, end exclusive). */
function textAt(text: string, loc: SourceLocation): string {
  const lines = text.split('\n');
  if (loc.line === loc.endLine) return lines[loc.line - 1].slice(loc.column - 1, loc.endColumn - 1);
  return [lines[loc.line - 1].slice(loc.column - 1), ...lines.slice(loc.line, loc.endLine - 1), lines[loc.endLine - 1].slice(0, loc.endColumn - 1)].join('\n');
}

function assertInside(text: string, file: string, problems: readonly ParseProblem[]): void {
  const lines = text.split('\n');
  for (const { location: l, message } of problems) {
    assert.equal(l.file, file);
    assert.ok(l.line >= 1 && l.line <= lines.length && l.endLine <= lines.length, `${message}: line ${l.line}-${l.endLine} of ${lines.length}`);
    assert.ok(l.column >= 1 && l.column <= lines[l.line - 1].length + 1, `${message}: column ${l.column}`);
    assert.ok(l.endLine > l.line || l.endColumn >= l.column, `${message}: range ends before it starts`);
  }
}

/** Names as people write them, with UTF-16 pairs and markup, never needing YAML escapes. */
const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,14}$/);
const label = fc
  .array(fc.constantFrom('pay', 'ments', '-', '_', '.', '😀', 'é', 'Ω', '<b>', '&', ' ', 'A', '7', '[', ']', '(', ')', '%', '{', '}', '!', '*'), { minLength: 1, maxLength: 8 })
  .map((parts) => `x${parts.join('')}`.trim());
const handle = fc.tuple(word, word).map(([org, team]) => `@${org}/${team}`);

/** The `yaml` library's output styles: block or flow collections, plain or quoted scalars. */
const style = fc.record({
  collectionStyle: fc.constantFrom<'any' | 'block' | 'flow'>('any', 'block', 'flow'),
  defaultStringType: fc.constantFrom<'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE'>('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
  indent: fc.integer({ min: 1, max: 4 }),
});

type Style = { collectionStyle: 'any' | 'block' | 'flow'; defaultStringType: 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE'; indent: number };

function write(data: unknown, s: Style): string {
  return stringify(data, { collectionStyle: s.collectionStyle, defaultStringType: s.defaultStringType, defaultKeyType: 'PLAIN', indent: s.indent, lineWidth: 0 });
}

/** Written text of a scalar without its quotes. */
function unquote(written: string): string {
  if (written.startsWith('"') && written.endsWith('"')) return JSON.parse(written) as string;
  if (written.startsWith("'") && written.endsWith("'")) return written.slice(1, -1).replace(/''/g, "'");
  return written;
}

const contractData = fc.record(
  {
    name: label,
    owner: handle,
    type: fc.constantFrom('service', 'website', 'job', 'library'),
    lifecycle: fc.constantFrom('experimental', 'production', 'deprecated'),
    tier: fc.constantFrom(1, 2, 3),
    system: word,
    dependsOn: fc.uniqueArray(label, { maxLength: 5 }),
    priorities: fc.uniqueArray(word, { maxLength: 4 }),
    provides: fc.uniqueArray(fc.record({ name: word, type: fc.constantFrom('openapi', 'asyncapi', 'grpc', 'graphql', 'event', 'other') }), { maxLength: 3, selector: (a) => a.name }),
  },
  { requiredKeys: ['name'] },
);

describe(`YAML sources on random documents (seed ${seed})`, function () {
  this.timeout(120_000);

  before(function () {
    console.log(`      property seed ${seed}: replay with NORTHSTAR_SEED=${seed}`);
  });

  it('contracts: the values written are the values read, each located at its text', function () {
    fc.assert(
      fc.property(contractData, style, (data, s) => {
        const text = write({ apiVersion: 'northstar/v1', kind: 'ServiceContract', ...data }, s);
        const file = 'services/x/service-contract.yaml';
        const { value, problems } = parseContract(text, file);
        assert.deepEqual(problems, [], text);
        assert.ok(value);
        assert.equal(value.name?.value, data.name.trim());
        assert.equal(unquote(textAt(text, value.name!.location)), data.name);
        assert.equal(value.owner?.value ?? null, data.owner ?? null);
        if (data.owner) assert.equal(unquote(textAt(text, value.owner!.location)), data.owner);
        assert.equal(value.type, data.type ?? null);
        assert.equal(value.lifecycle, data.lifecycle ?? null);
        assert.equal(value.tier, data.tier ?? null);
        assert.equal(value.system, data.system ?? null);
        assert.deepEqual(value.dependsOn.map((d) => d.name), (data.dependsOn ?? []).map((d) => d.trim()));
        for (const [i, d] of value.dependsOn.entries()) assert.equal(unquote(textAt(text, d.location!)), data.dependsOn![i]);
        assert.deepEqual(value.priorities.map((p) => p.name), data.priorities ?? []);
        assert.deepEqual(value.provides.map((p) => [p.name, p.type]), (data.provides ?? []).map((p) => [p.name, p.type]));
      }),
      options,
    );
  });

  it('contracts: a value of the wrong type is reported where it is written and reads as empty', function () {
    const wrong = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { minLength: 1, maxLength: 2 }), fc.dictionary(word, fc.integer(), { minKeys: 1, maxKeys: 2 }));
    const fields = ['owner', 'tier', 'dependsOn', 'lifecycle', 'observability'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...fields), wrong, style, (field, bad, s) => {
        // Every wrong value is wrong for its field: lists are fine for dependsOn only when they hold strings.
        fc.pre(!(field === 'tier' && (bad === 1 || bad === 2 || bad === 3)));
        fc.pre(!(field === 'dependsOn' && typeof bad === 'string'));
        fc.pre(bad !== null);
        const data: Record<string, unknown> = { apiVersion: 'northstar/v1', kind: 'ServiceContract', name: 'subject', [field]: bad };
        const text = write(data, s);
        const { value, problems } = parseContract(text, 'service-contract.yaml');
        assertInside(text, 'service-contract.yaml', problems);
        const schema = problems.filter((p) => p.ruleId === 'contracts/schema');
        assert.ok(schema.length > 0, `no schema problem for ${field}: ${JSON.stringify(bad)}\n${text}`);
        const keyLine = text.split('\n').findIndex((l) => new RegExp(`(^|[{,\\s])${field}:`).test(l)) + 1;
        assert.ok(schema.some((p) => p.location.line >= keyLine), `the problem points at or after "${field}:" (line ${keyLine}): ${JSON.stringify(schema)}`);
        assert.ok(value, 'the contract still yields a declaration');
        if (field === 'owner') assert.equal(value.owner, null);
        if (field === 'tier') assert.equal(value.tier, null);
        if (field === 'lifecycle') assert.equal(value.lifecycle, null);
        if (field === 'dependsOn') assert.ok(value.dependsOn.every((d) => typeof d.name === 'string' && d.name !== ''));
      }),
      options,
    );
  });

  it('teams: ids, names, aliases and escalation steps read back as written', function () {
    const team = fc.record({
      id: handle,
      name: label,
      aliases: fc.uniqueArray(handle, { maxLength: 3 }),
      escalation: fc.array(fc.record({ kind: fc.constantFrom('chat', 'pager', 'person', 'email', 'ticket', 'other'), target: label }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(team, { minLength: 1, maxLength: 4, selector: (t) => t.id }), style, (teams, s) => {
        const text = write({ apiVersion: 'northstar/v1', kind: 'Teams', teams }, s);
        const { value, problems } = parseTeams(text, 'teams.yaml');
        assert.deepEqual(problems, [], text);
        assert.ok(value);
        assert.deepEqual(
          value.teams.map((t) => [t.id, t.name, t.aliases, t.escalation.map((e) => [e.kind, e.target])]),
          teams.map((t) => [t.id, t.name.trim(), t.aliases, t.escalation.map((e) => [e.kind, e.target.trim()])]),
        );
        for (const [i, t] of value.teams.entries()) assert.equal(unquote(textAt(text, t.location)), teams[i].id);
      }),
      options,
    );
  });

  it('vision: priorities and metric numbers read back as written', function () {
    const num = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).map((n) => Math.round(n * 100) / 100);
    const priority = fc.record({
      id: word,
      title: label,
      metrics: fc.array(fc.record({ name: label, unit: fc.constantFrom('%', 'ms', 'kEUR'), baseline: num, current: num, target: num }), { minLength: 1, maxLength: 2 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(priority, { minLength: 1, maxLength: 6, selector: (p) => p.id }), style, (priorities, s) => {
        const text = write({ apiVersion: 'northstar/v1', kind: 'Vision', vision: { direction: 'd', why: 'w', capabilities: [] }, priorities }, s);
        const { value, problems } = parseVision(text, 'vision.yaml');
        assert.deepEqual(problems.filter((p) => p.ruleId !== 'contracts/schema' || !/priorities must/.test(p.message)), [], text);
        assert.ok(value);
        assert.deepEqual(
          value.priorities.map((p) => [p.id, p.title, p.metrics.map((m) => [m.name, m.unit, m.baseline, m.current, m.target])]),
          priorities.map((p) => [p.id, p.title.trim(), p.metrics.map((m) => [m.name.trim(), m.unit, m.baseline, m.current, m.target])]),
        );
      }),
      options,
    );
  });

  it('catalog: every entity of a multi-document file reads back, with its owner and references', function () {
    const entity = fc.record({
      kind: fc.constantFrom('Component', 'Resource', 'API', 'System', 'Group'),
      name: word,
      owner: fc.option(fc.tuple(word).map(([w]) => `group:default/${w}`), { nil: undefined }),
      dependsOn: fc.uniqueArray(word.map((w) => `component:default/${w}`), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(entity, { minLength: 1, maxLength: 5 }), style, (entities, s) => {
        const text = entities
          .map((e) =>
            write(
              {
                apiVersion: 'backstage.io/v1alpha1',
                kind: e.kind,
                metadata: { name: e.name },
                spec: { ...(e.owner ? { owner: e.owner } : {}), ...(e.dependsOn.length ? { dependsOn: e.dependsOn } : {}), type: 'service' },
              },
              s,
            ),
          )
          .join('---\n');
        const { value, problems } = parseCatalog(text, 'catalog-info.yaml');
        assert.deepEqual(problems, [], text);
        assert.ok(value);
        assert.deepEqual(
          value.map((e) => [e.kind, e.name, e.owner?.value ?? null, e.dependsOn.map((d) => d.name)]),
          entities.map((e) => [e.kind, e.name, e.owner ?? null, e.dependsOn]),
        );
      }),
      options,
    );
  });

  it('every reader: random edits of a valid document never throw and stay inside the file', function () {
    const edits = fc.array(
      fc.record({ at: fc.nat(), remove: fc.nat({ max: 3 }), insert: fc.constantFrom('', '[', ']', '{', '}', ':', ': ', '- ', '"', "'", '\t', '\n', '  ', '&a ', '*a', '<<: *a\n', '!!binary ', '#', '---\n', '\r', '😀', '\u0000') }),
      { minLength: 1, maxLength: 6 },
    );
    const readers = [
      [parseContract, 'services/x/service-contract.yaml'],
      [parseTeams, 'teams.yaml'],
      [parseVision, 'vision.yaml'],
      [parseConfig, '.northstar.yaml'],
      [parseCatalog, 'catalog-info.yaml'],
    ] as const;
    fc.assert(
      fc.property(contractData, edits, style, (data, changes, s) => {
        let text = write({ apiVersion: 'northstar/v1', kind: 'ServiceContract', ...data, teams: [{ id: data.owner ?? '@a/b', escalation: [{ kind: 'chat', target: 'x' }] }] }, s);
        for (const c of changes) {
          const at = c.at % (text.length + 1);
          text = text.slice(0, at) + c.insert + text.slice(at + c.remove);
        }
        for (const [read, file] of readers) {
          const result = (read as (t: string, f: string) => { problems: ParseProblem[] })(text, file);
          assertInside(text, file, result.problems);
        }
      }),
      options,
    );
  });
});
