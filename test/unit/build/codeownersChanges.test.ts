/**
 * build/codeowners.ts `filesWithOtherOwners`: after a CODEOWNERS edit, exactly the files whose
 * owners changed (what a partial build rebuilds), checked against `ownersOf` of two fresh builds.
 */
import assert from 'node:assert/strict';
import { buildCodeowners, filesWithOtherOwners, type CodeownersBuild, type CodeownersCarry } from '../../../src/core/build/codeowners';
import { defaultConfig } from '../../../src/core/sources/config';

const FILES = ['services/payments/service-contract.yaml', 'services/ledger/service-contract.yaml', 'libs/log/package.json', 'docs/README.md', 'apps/web/catalog-info.yaml'];

function build(text: string, carry: CodeownersCarry = {}, path = '.github/CODEOWNERS'): CodeownersBuild {
  return buildCodeowners(defaultConfig(), { has: (p) => p === path, textOf: (p) => (p === path ? text : undefined) }, null, carry);
}

/** The same answer from scratch: the files whose `ownersOf(...).owners` differ. */
function byOwnersOf(before: CodeownersBuild, after: CodeownersBuild): string[] {
  const owners = (b: CodeownersBuild, f: string) => JSON.stringify(b.index?.ownersOf(f).owners ?? []);
  return FILES.filter((f) => owners(before, f) !== owners(after, f));
}

describe('filesWithOtherOwners: the files a CODEOWNERS edit gives other owners', () => {
  const base = '* @acme/platform\n/services/ @acme/backend\n/services/ledger/ @acme/payments\n*.md @acme/docs\n';
  const edits: [string, string, string[]][] = [
    ['owners of one line', base.replace('/services/ledger/ @acme/payments', '/services/ledger/ @acme/books'), ['services/ledger/service-contract.yaml']],
    ['owners of a catch-all line', base.replace('* @acme/platform', '* @acme/infra'), ['libs/log/package.json', 'apps/web/catalog-info.yaml']],
    ['a comment on top (lines move, owners do not)', `# the shop\n${base}`, []],
    ['a line added', `${base}/apps/ @acme/web\n`, ['apps/web/catalog-info.yaml']],
    ['a line removed', base.replace('/services/ledger/ @acme/payments\n', ''), ['services/ledger/service-contract.yaml']],
    ['a line with no owners (un-owns the folder)', `${base}/libs/log/\n`, ['libs/log/package.json']],
    ['the same owners in another order', base.replace('*.md @acme/docs', '*.md @acme/docs @acme/web'), ['docs/README.md']],
  ];
  for (const [what, text, expected] of edits) {
    it(what, () => {
      const carry: CodeownersCarry = {};
      const before = build(base, carry);
      const after = build(text, carry);
      assert.deepEqual([...filesWithOtherOwners(before, after, FILES)].sort(), [...expected].sort());
      assert.deepEqual(byOwnersOf(before, after).sort(), [...expected].sort());
    });
  }

  it('CODEOWNERS added or removed: every file it gives owners', () => {
    const none = build('', {}, 'nowhere');
    const some = build(base);
    assert.equal(none.index, null);
    assert.deepEqual([...filesWithOtherOwners(none, some, FILES)].sort(), [...FILES].sort());
    assert.deepEqual([...filesWithOtherOwners(some, none, FILES)].sort(), [...FILES].sort());
  });
});
