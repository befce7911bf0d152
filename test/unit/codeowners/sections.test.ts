/**
 * GitLab sections of an owner match (src/core/sources/codeowners/sections.ts) and how `owners`
 * shows them. The file follows GitLab's documented examples: a required section with a count, an
 * optional one, an exclusion, and a section written twice (combined, required wins).
 */
import assert from 'node:assert/strict';
import { OwnershipIndex, parseCodeowners } from '../../../src/core/sources/codeowners';
import { sectionLabel, sectionNeed, sectionsOf } from '../../../src/core/sources/codeowners/sections';
import { buildOwnersEntry, formatOwnersText } from '../../../src/core/report/owners';

const GITLAB = `# Default for everything before any header
* @platform

[Backend][2] @backend-leads
app/
app/assets/

^[Documentation] @tech-writers
*.md

[Database]
db/ @dba
!db/README.md

^[backend]
app/models/ @modelers
`;

function setup(dialect: 'gitlab' | 'github', text = GITLAB) {
  const { codeowners } = parseCodeowners(text, '.gitlab/CODEOWNERS', dialect);
  return { file: codeowners, index: new OwnershipIndex(codeowners) };
}

describe('GitLab sections of an owner match', () => {
  const { file, index } = setup('gitlab');
  const sections = (path: string) =>
    sectionsOf(index.ownersOf(path), file).map((s) => `${sectionLabel(s)} ${s.owners.join(' ') || '-'} ${sectionNeed(s)} @${s.rule.line}`);

  it('a path in several sections: each with its owners, approvals and optional flag', () => {
    assert.deepEqual(sections('app/README.md'), [
      '(no section) @platform 1 approval @2',
      '[Backend][2] @backend-leads 2 approvals @5',
      '^[Documentation] @tech-writers optional @9',
    ]);
  });

  it('a section written twice is one: "[Backend]" then "^[backend]" stays required, with its count', () => {
    assert.deepEqual(sections('app/models/user.rb'), ['(no section) @platform 1 approval @2', '[Backend][2] @modelers 2 approvals @16']);
  });

  it('an exclusion takes the path out of its section: no owners, no approval', () => {
    assert.deepEqual(sections('db/README.md'), ['(no section) @platform 1 approval @2', '^[Documentation] @tech-writers optional @9', '[Database] - no approval @13']);
    assert.deepEqual(sections('db/schema.rb'), ['(no section) @platform 1 approval @2', '[Database] @dba 1 approval @12']);
  });

  it('GitHub has no sections to list', () => {
    const github = setup('github', '* @platform\n/app/ @backend\n');
    assert.deepEqual(sectionsOf(github.index.ownersOf('app/x.rb'), github.file), []);
  });

  it('`owners` text: the path\'s line, then one aligned line per section', () => {
    const entry = buildOwnersEntry('db/README.md', index.ownersOf('db/README.md'), null, file);
    assert.deepEqual(entry.sections.map((s) => [s.name, s.optional, s.approvals, s.excluded]), [
      [null, false, 1, false],
      ['Documentation', true, 0, false],
      ['Database', false, 1, true],
    ]);
    assert.equal(
      formatOwnersText([entry]),
      'db/README.md  @platform @tech-writers\n' +
        '  (no section)      @platform      1 approval   (.gitlab/CODEOWNERS:2 *)\n' +
        '  ^[Documentation]  @tech-writers  optional     (.gitlab/CODEOWNERS:9 *.md)\n' +
        '  [Database]        (excluded)     no approval  (.gitlab/CODEOWNERS:13 !db/README.md)\n',
    );
  });
});
