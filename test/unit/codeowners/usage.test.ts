/**
 * `OwnershipIndex.usage(paths)` (the batch count behind codeowners/shadowed and
 * codeowners/no-match) against what it replaces: `ownersOf` for every path, reading each
 * answer's deciding lines and `overridden` list. Random rule sets (GitHub and GitLab, with
 * sections, exclusions and repeated patterns) and random sorted paths.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CodeownersDialect, CodeownersFile, CodeownersRule } from '../../../src/core/model/types';
import { OwnershipIndex, parseCodeowners, type CodeownersUsage } from '../../../src/core/sources/codeowners';

/** The per-path computation the batch method replaced (rules/helpers.ts before it). */
function byOwnersOf(index: OwnershipIndex, codeowners: CodeownersFile, paths: readonly string[]): CodeownersUsage {
  const sameSection = (a: CodeownersRule, b: CodeownersRule) => (a.section ?? '').toLowerCase() === (b.section ?? '').toLowerCase();
  const size = codeowners.rules.reduce((max, rule) => Math.max(max, rule.index + 1), 0);
  const usage: CodeownersUsage = {
    matched: new Array<number>(size).fill(0),
    won: new Array<number>(size).fill(0),
    overriddenBy: new Array<CodeownersRule | undefined>(size).fill(undefined),
  };
  for (const path of paths) {
    const match = index.ownersOf(path);
    const winners = match.rules.length > 0 ? match.rules : match.rule ? [match.rule] : [];
    for (const rule of winners) {
      usage.matched[rule.index]++;
      usage.won[rule.index]++;
    }
    for (const rule of match.overridden) {
      usage.matched[rule.index]++;
      if (usage.overriddenBy[rule.index] === undefined) {
        usage.overriddenBy[rule.index] = winners.find((w) => sameSection(w, rule)) ?? winners[0];
      }
    }
  }
  return usage;
}

const names = ['a', 'b', 'src', 'x.js', 'y.md', '.env', 'ab'];
const segArb = fc.constantFrom('a', 'b', 'src', '*', '?', 'a*', '*.js', '*.md', 'x.js', '.env', '**', 'a?');
const patternArb = fc
  .tuple(fc.boolean(), fc.array(segArb, { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([lead, segs, trail]) => (lead ? '/' : '') + segs.join('/') + (trail ? '/' : ''))
  .filter((p) => p !== '/' && p !== '//' && !p.includes('***'));
const pathArb = fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
const ownerArb = fc.constantFrom('@a', '@b', '@org/c');
/** Sorted and distinct, as a workspace's file list is (and also unsorted, which must not matter). */
const pathsArb = fc
  .tuple(fc.array(pathArb, { minLength: 1, maxLength: 16 }), fc.boolean())
  .map(([paths, sort]) => (sort ? [...new Set(paths)].sort() : paths));

const seed = process.env.NORTHSTAR_SEED !== undefined ? Number(process.env.NORTHSTAR_SEED) : Date.now() % 2 ** 31;

function check(text: string, dialect: CodeownersDialect, paths: string[]): void {
  const { codeowners } = parseCodeowners(text, 'CODEOWNERS', dialect);
  const expected = byOwnersOf(new OwnershipIndex(codeowners), codeowners, paths);
  const actual = new OwnershipIndex(codeowners).usage(paths);
  assert.deepEqual(actual.matched, expected.matched, `matched\n${text}\n${paths.join('\n')}`);
  assert.deepEqual(actual.won, expected.won, `won\n${text}\n${paths.join('\n')}`);
  assert.deepEqual(
    actual.overriddenBy.map((r) => r?.line ?? null),
    expected.overriddenBy.map((r) => r?.line ?? null),
    `overriddenBy\n${text}\n${paths.join('\n')}`,
  );
  // The same objects, not copies: findings quote their line and pattern.
  actual.overriddenBy.forEach((r, i) => assert.equal(r, expected.overriddenBy[i]));
}

describe('OwnershipIndex.usage against ownersOf path by path', () => {
  before(() => console.log(`      usage seed ${seed}: replay with NORTHSTAR_SEED=${seed}`));

  it('GitHub: matched, won and the first overriding line per rule', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(patternArb, fc.array(ownerArb, { maxLength: 2 })), { minLength: 1, maxLength: 12 }),
        pathsArb,
        (lines, paths) => check(lines.map(([p, o]) => [p, ...o].join(' ')).join('\n'), 'github', paths),
      ),
      { numRuns: 400, seed },
    );
  });

  it('GitLab: sections, exclusions and replaced entries', () => {
    const lineArb = fc.oneof(
      fc.tuple(fc.constant('entry'), patternArb, fc.array(ownerArb, { minLength: 1, maxLength: 2 })),
      fc.tuple(fc.constant('exclude'), patternArb, fc.constant([] as string[])),
      fc.tuple(fc.constant('section'), fc.constantFrom('Docs', 'docs', 'Ops'), fc.constant([] as string[])),
    );
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 14 }), pathsArb, (lines, paths) => {
        const text = lines
          .map(([kind, p, o]) => (kind === 'section' ? `[${p}]` : kind === 'exclude' ? `!${p}` : [p, ...o].join(' ')))
          .join('\n');
        check(text, 'gitlab', paths);
      }),
      { numRuns: 400, seed },
    );
  });

  it('a workspace-like case: a later module line overrides `*`, a file pattern in another folder', () => {
    const text = ['* @org/all', '*.js @org/js', '/services/pay/ @org/pay', '/services/pay/ @org/pay2', '/docs/old/ @org/docs'].join('\n');
    const paths = ['README.md', 'services/pay/a.js', 'services/pay/b.md', 'services/pay/sub/c.js', 'src/x.js'];
    const { codeowners } = parseCodeowners(text, '.github/CODEOWNERS', 'github');
    const usage = new OwnershipIndex(codeowners).usage(paths);
    assert.deepEqual(usage.matched, [5, 3, 3, 3, 0]);
    assert.deepEqual(usage.won, [1, 1, 0, 3, 0]);
    assert.deepEqual(
      usage.overriddenBy.map((r) => r?.line ?? null),
      [4, 4, 4, null, null],
    );
    check(text, 'github', paths);
  });
});

describe('OwnershipIndex.usageInSlices', () => {
  it('counts exactly as usage() while pausing between slices', async () => {
    const text = ['*  @a', '/docs/  @b', '*.md  @c', '/docs/*.md  @a', 'src/  @org/c', '/gone/  @b'].join('\n');
    const { codeowners } = parseCodeowners(text, 'CODEOWNERS', 'github');
    const paths = Array.from({ length: 5000 }, (_, i) => [`docs/p${i}.md`, `src/m${i}/x.ts`, `a${i}/b.md`][i % 3]).sort();
    let pauses = 0;
    const sliced = await new OwnershipIndex(codeowners).usageInSlices(paths, () => {
      pauses++;
      return Promise.resolve();
    });
    const whole = new OwnershipIndex(codeowners).usage(paths);
    assert.ok(pauses >= 4, `paused ${pauses} times over 5,000 paths`);
    assert.deepEqual(sliced.matched, whole.matched);
    assert.deepEqual(sliced.won, whole.won);
    assert.deepEqual(sliced.overriddenBy, whole.overriddenBy);
    assert.deepEqual(whole.matched[5], 0, 'the /gone/ line matches nothing');
  });
});

describe('OwnershipIndex.matchClasses: usage by classes of files, carried over CODEOWNERS edits', () => {
  const noPause = () => null;
  const same = (actual: CodeownersUsage, expected: CodeownersUsage, what: string) => {
    assert.deepEqual(actual.matched, expected.matched, `matched ${what}`);
    assert.deepEqual(actual.won, expected.won, `won ${what}`);
    assert.deepEqual(actual.overriddenBy.map((r) => r?.line ?? null), expected.overriddenBy.map((r) => r?.line ?? null), `overriddenBy ${what}`);
    actual.overriddenBy.forEach((r, i) => assert.equal(r, expected.overriddenBy[i]));
  };
  const lineArb = (dialect: CodeownersDialect) =>
    dialect === 'github'
      ? fc.tuple(patternArb, fc.array(ownerArb, { maxLength: 2 })).map(([p, o]) => [p, ...o].join(' '))
      : fc.oneof(
          fc.tuple(patternArb, fc.array(ownerArb, { minLength: 1, maxLength: 2 })).map(([p, o]) => [p, ...o].join(' ')),
          patternArb.map((p) => `!${p}`),
          fc.constantFrom('[Docs]', '[docs]', '[Ops]'),
        );
  /**
   * An edit of the line list: append, remove, replace or insert a line, give a line the owners of
   * another (its pattern kept: no file matches differently), or insert a comment (lines move).
   */
  const editArb = (dialect: CodeownersDialect) =>
    fc.tuple(fc.constantFrom('append', 'remove', 'replace', 'insert', 'owners', 'comment'), fc.nat(20), lineArb(dialect));
  const apply = (lines: string[], [kind, at, line]: [string, number, string]): string[] => {
    const out = lines.slice();
    const i = out.length === 0 ? 0 : at % out.length;
    if (kind === 'append' || out.length === 0) out.push(line);
    else if (kind === 'remove') out.splice(i, 1);
    else if (kind === 'replace') out[i] = line;
    else if (kind === 'owners') out[i] = [out[i].split(' ')[0], ...line.split(' ').slice(1)].join(' ');
    else if (kind === 'comment') out.splice(i, 0, '# moved');
    else out.splice(i, 0, line);
    return out;
  };

  for (const dialect of ['github', 'gitlab'] as const) {
    it(`${dialect}: the classes give usage() exactly, built afresh and carried over each edit of a random sequence`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(lineArb(dialect), { minLength: 1, maxLength: 10 }), fc.array(editArb(dialect), { maxLength: 6 }), pathsArb, async (start, edits, paths) => {
          let lines = start;
          let index = new OwnershipIndex(parseCodeowners(lines.join('\n'), 'CODEOWNERS', dialect).codeowners);
          let classes = await index.matchClasses(paths, noPause);
          let usage = index.usageOfClasses(classes);
          same(usage, index.usage(paths), `fresh\n${lines.join('\n')}`);
          for (const e of edits) {
            lines = apply(lines, e);
            // As the engine does: the new index from the previous one, the classes and usage carried.
            index = new OwnershipIndex(parseCodeowners(lines.join('\n'), 'CODEOWNERS', dialect).codeowners, index);
            const before = classes;
            classes = await index.matchClasses(paths, noPause, before);
            const what = `after ${JSON.stringify(e)}\n${lines.join('\n')}\n--\n${paths.join('\n')}`;
            same(index.usageOfClasses(classes), new OwnershipIndex(index.file).usage(paths), what);
            usage = index.usageOfClasses(classes, { classes: before, usage });
            same(usage, new OwnershipIndex(index.file).usage(paths), `carried usage ${what}`);
            // Answers path by path: those of an index built from nothing (the carried one shares folder states).
            const fresh = new OwnershipIndex(index.file);
            for (const path of paths) {
              const a = index.ownersOf(path);
              const b = fresh.ownersOf(path);
              assert.deepEqual(a.owners, b.owners, `owners of ${path} ${what}`);
              assert.deepEqual(a.rules.map((r) => r.index), b.rules.map((r) => r.index), `rules of ${path} ${what}`);
              assert.deepEqual(a.overridden.map((r) => r.index), b.overridden.map((r) => r.index), `overridden of ${path} ${what}`);
            }
          }
        }),
        { numRuns: 300, seed },
      );
    });
  }

  it('after a line appended to a workspace-like file, the earlier classes are split only where the new pattern matches', async () => {
    const text = ['* @org/all', '*.js @org/js', '/services/pay/ @org/pay'];
    const paths = ['README.md', 'services/pay/a.js', 'services/pay/b.md', 'services/pay/sub/c.js', 'services/ship/d.js', 'src/x.js'];
    const first = new OwnershipIndex(parseCodeowners(text.join('\n'), '.github/CODEOWNERS', 'github').codeowners);
    const before = await first.matchClasses(paths, noPause);
    const second = new OwnershipIndex(parseCodeowners([...text, '/services/ship/ @org/ship'].join('\n'), '.github/CODEOWNERS', 'github').codeowners);
    const after = await second.matchClasses(paths, noPause, before);
    assert.equal(after.index, second);
    assert.deepEqual(after.counts.reduce((a, b) => a + b, 0), paths.length);
    const usage = second.usageOfClasses(after);
    assert.deepEqual(usage.matched, [6, 4, 3, 1]);
    assert.deepEqual(usage.won, [1, 1, 3, 1]);
    // A line removed: no pattern is new, the classes are the earlier ones, renumbered.
    const third = new OwnershipIndex(parseCodeowners([text[0], text[2]].join('\n'), '.github/CODEOWNERS', 'github').codeowners);
    const removed = await third.matchClasses(paths, noPause, after);
    assert.equal(removed.fileClass, after.fileClass, 'no path matched again');
    assert.deepEqual(third.usageOfClasses(removed).won, [3, 3]);
  });

  it('after an edit of owners only, the folder states, classes and usage figures are carried, the overriding lines are the new file\'s', async () => {
    const text = ['* @org/all', '*.js @org/js', '/services/pay/ @org/pay', '/services/pay/ @org/pay2'];
    const paths = ['README.md', 'services/pay/a.js', 'services/pay/b.md', 'services/pay/sub/c.js', 'src/x.js'];
    const first = new OwnershipIndex(parseCodeowners(text.join('\n'), '.github/CODEOWNERS', 'github').codeowners);
    assert.deepEqual(first.ownersOf('services/pay/a.js').owners, ['@org/pay2']);
    const before = await first.matchClasses(paths, noPause);
    const usage = first.usageOfClasses(before);
    const edited = ['# payments moved to a new team', '* @org/all', '*.js @org/js @org/web', '/services/pay/ @org/pay', '/services/pay/ @org/payments'];
    const { codeowners } = parseCodeowners(edited.join('\n'), '.github/CODEOWNERS', 'github');
    const second = new OwnershipIndex(codeowners, first);
    assert.deepEqual(second.ownersOf('services/pay/a.js').owners, ['@org/payments']);
    assert.deepEqual(second.ownersOf('src/x.js').owners, ['@org/js', '@org/web']);
    const after = await second.matchClasses(paths, noPause, before);
    assert.equal(after.groups, before.groups, 'no path matched again, no class renumbered');
    const carried = second.usageOfClasses(after, { classes: before, usage });
    same(carried, second.usage(paths), 'after the owners edit');
    assert.equal(carried.overriddenBy[2], codeowners.rules[3], 'the line of the new file, at its new place');
    assert.equal(carried.overriddenBy[2]?.line, 5);
    // A pattern changed: the figures are counted again, not carried.
    const third = new OwnershipIndex(parseCodeowners(edited.join('\n').replace('*.js', '*.md'), '.github/CODEOWNERS', 'github').codeowners, second);
    const moved = await third.matchClasses(paths, noPause, after);
    same(third.usageOfClasses(moved, { classes: after, usage: carried }), third.usage(paths), 'after a pattern edit');
  });
});
