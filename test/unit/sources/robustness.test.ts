import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseCatalog } from '../../../src/core/sources/backstage';
import { parseConfig } from '../../../src/core/sources/config';
import { parseContract } from '../../../src/core/sources/contract';
import { parseManifest } from '../../../src/core/sources/manifest';
import { findDisableComments, findPriorityTags } from '../../../src/core/sources/tags';
import { parseTeams } from '../../../src/core/sources/teams';
import { parseVision } from '../../../src/core/sources/vision';
import type { ParseProblem } from '../../../src/core/sources/types';

/** Problems must point inside the file: 1-based, end after start, on existing lines. */
function assertSaneLocations(text: string, file: string, problems: ParseProblem[]): void {
  const lineCount = text.split('\n').length;
  for (const { location } of problems) {
    assert.equal(location.file, file);
    assert.ok(location.line >= 1 && location.column >= 1, JSON.stringify(location));
    assert.ok(location.endLine > location.line || (location.endLine === location.line && location.endColumn >= location.column), JSON.stringify(location));
    assert.ok(location.endLine <= lineCount, JSON.stringify(location));
  }
}

/** YAML-ish text: fragments that exercise keys, flow collections, anchors, tags and indentation. */
const yamlish = fc
  .array(
    fc.constantFrom(
      'apiVersion: northstar/v1\n', 'kind: ServiceContract\n', 'kind: Teams\n', 'name: ', 'tier: ', 'teams:\n', '  - id: ',
      'priorities:\n', 'escalation: ', 'rules:\n', '  x/y: ', '[', ']', '{', '}', ', ', ': ', '- ', '\n', '  ', '\t', '&a ', '*a',
      '<<: ', '"', "'", '#', '!!str ', '---\n', '...\n', '1', 'null', '~', '😀', '\r\n', 'metadata:\n', '  name: x\n', 'spec: ',
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('readers never throw', () => {
  it('on YAML-ish input, and report only positions inside the file', () => {
    fc.assert(
      fc.property(yamlish, (text) => {
        for (const [read, file] of [
          [parseContract, 'a/service-contract.yaml'],
          [parseCatalog, 'a/catalog-info.yaml'],
          [parseTeams, 'teams.yaml'],
          [parseVision, 'vision.yaml'],
          [parseConfig, '.northstar.yaml'],
        ] as const) {
          const result = (read as (t: string, f: string) => { problems: ParseProblem[] })(text, file);
          assertSaneLocations(text, file, result.problems);
        }
        findDisableComments(text, 'a.yaml');
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary text for every manifest kind and for tags', () => {
    const files = ['package.json', 'go.mod', 'go.work', 'Cargo.toml', 'pyproject.toml', 'pom.xml', 'build.gradle.kts', 'App.csproj'];
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.constantFrom(...files), (text, file) => {
        const { value, problems } = parseManifest(text, file);
        assert.ok(value);
        assertSaneLocations(text, file, problems);
        for (const tag of findPriorityTags(`// northstar:priority ${text}`, 'x.ts')) assert.ok(tag.priority.length > 0);
      }),
      { numRuns: 300 },
    );
  });
});
