/**
 * Property tests: the indexed engine against a deliberately simple reference that follows the
 * documented rules literally (gitignore-style regexes for GitHub; GitLab's normalise + fnmatch
 * and per-section hash of entries), over random rule sets and paths.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CodeownersDialect } from '../../../src/core/model/types';
import { OwnershipIndex, parseCodeowners } from '../../../src/core/sources/codeowners';

const esc = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/** A glob segment (`*`, `?`, literals) as a regex source that never crosses `/`. */
function globSource(seg: string): string {
  let out = '';
  for (const ch of seg) out += ch === '*' ? '[^/]*' : ch === '?' ? '[^/]' : esc(ch);
  return out;
}

/** gitignore as GitHub documents it: does `pattern` match file `path`? */
function githubReference(pattern: string, path: string): boolean {
  // Consecutive `**` segments mean the same as one.
  let p = pattern;
  while (p.includes('**/**')) p = p.replace('**/**', '**');
  let dirOnly = false;
  if (p.endsWith('/')) {
    dirOnly = true;
    p = p.slice(0, -1);
  }
  let anchored = p.startsWith('/');
  if (anchored) p = p.slice(1);
  if (p.includes('/')) anchored = true;
  if (p === '') return false;
  if (p.endsWith('/**')) {
    p = p.slice(0, -3);
    dirOnly = true;
    // `**/**`: wildmatch lets the leading `**/` match no directory, so every file matches.
    if (p === '**') return true;
  }
  const segs = p.split('/');
  // `docs/*` owns direct children only (GitHub's documented exception).
  const lastIsStar = segs[segs.length - 1] === '*';
  let src = '';
  segs.forEach((s, i) => {
    if (s === '**') src += i === segs.length - 1 ? '.*' : '(?:[^/]+/)*';
    else src += globSource(s) + (i < segs.length - 1 ? '/' : '');
  });
  const re = new RegExp('^' + (anchored ? '' : '(?:[^/]+/)*') + src + '$');
  const parts = path.split('/');
  const candidates: string[] = [];
  if (!dirOnly) candidates.push(path);
  if (!lastIsStar || dirOnly) for (let k = 1; k < parts.length; k++) candidates.push(parts.slice(0, k).join('/'));
  return candidates.some((c) => re.test(c));
}

/** GitLab: normalize_pattern, then File.fnmatch with FNM_PATHNAME | FNM_DOTMATCH on "/" + path. */
function gitlabKey(pattern: string): string {
  let p = pattern;
  if (p === '*') return '/**/*';
  if (!p.startsWith('/')) p = '/**/' + p;
  if (p.endsWith('/')) p += '**/*';
  return p;
}

function gitlabReference(pattern: string, path: string): boolean {
  const p = gitlabKey(pattern);
  let src = '';
  const parts = p.split('/');
  parts.forEach((s, i) => {
    if (i > 0) src += '/';
    if (s === '**' && i < parts.length - 1) {
      src = src.slice(0, -1) + '(?:/[^/]+)*';
      return;
    }
    src += globSource(s);
  });
  return new RegExp('^' + src + '$').test('/' + path);
}

interface RefRule {
  pattern: string;
  owners: string[];
  section: string;
  exclusion: boolean;
}

function githubOwners(rules: RefRule[], path: string): string[] {
  let owners: string[] = [];
  for (const r of rules) if (githubReference(r.pattern, path)) owners = r.owners;
  return [...new Set(owners)];
}

function gitlabOwners(rules: RefRule[], path: string): string[] {
  // GitLab's parsed data: per section, a hash from normalised pattern to entry.
  const sections = new Map<string, Map<string, RefRule>>();
  sections.set('', new Map());
  for (const r of rules) {
    const key = r.section.toLowerCase();
    if (!sections.has(key)) sections.set(key, new Map());
    // A Map keeps a re-set key in its first position, as Ruby's Hash does.
    sections.get(key)!.set(gitlabKey(r.pattern), r);
  }
  const owners: string[] = [];
  for (const entries of sections.values()) {
    const matching = [...entries.values()].reverse().filter((e) => gitlabReference(e.pattern, path));
    if (matching.length === 0 || matching.some((e) => e.exclusion)) continue;
    for (const o of matching[0].owners) if (!owners.includes(o)) owners.push(o);
  }
  return owners;
}

const names = ['a', 'b', 'src', 'x.js', 'y.md', '.env', 'ab'];
const segArb = fc.constantFrom('a', 'b', 'src', '*', '?', 'a*', '*.js', '*.md', 'x.js', '.env', '**', 'a?');
const patternArb = fc
  .tuple(fc.boolean(), fc.array(segArb, { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([lead, segs, trail]) => (lead ? '/' : '') + segs.join('/') + (trail ? '/' : ''))
  .filter((p) => p !== '/' && p !== '//' && !p.includes('***'));
const pathArb = fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
const ownerArb = fc.constantFrom('@a', '@b', '@org/c', 'd@example.com');

/** Printed so that a failure can be replayed: NORTHSTAR_SEED=<seed> npm run test:unit. */
const seed = process.env.NORTHSTAR_SEED !== undefined ? Number(process.env.NORTHSTAR_SEED) : Date.now() % 2 ** 31;

describe('CODEOWNERS engine against a literal reference', () => {
  before(() => console.log(`      property seed ${seed}: replay with NORTHSTAR_SEED=${seed}`));

  it('GitHub: same owners as gitignore rules with last-match-wins', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(patternArb, fc.array(ownerArb, { maxLength: 2 })), { minLength: 1, maxLength: 12 }),
        fc.array(pathArb, { minLength: 1, maxLength: 12 }),
        (lines, paths) => {
          const text = lines.map(([p, o]) => [p, ...o].join(' ')).join('\n');
          const { codeowners, problems } = parseCodeowners(text, 'CODEOWNERS', 'github' as CodeownersDialect);
          assert.deepEqual(problems, []);
          const ref: RefRule[] = lines.map(([pattern, owners]) => ({ pattern, owners, section: '', exclusion: false }));
          const index = new OwnershipIndex(codeowners);
          const stats = index.stats(paths);
          const matched = new Array<number>(lines.length).fill(0);
          for (const path of paths) {
            assert.deepEqual(index.ownersOf(path).owners, githubOwners(ref, path), `${path}\n${text}`);
            ref.forEach((r, i) => {
              const m = githubReference(r.pattern, path);
              assert.equal(index.ruleMatches(codeowners.rules[i], path), m, `${r.pattern} vs ${path}`);
              if (m) matched[i]++;
            });
          }
          assert.deepEqual(stats.matched, matched);
        },
      ),
      { numRuns: 400, seed },
    );
  });

  it('GitLab: same owners as fnmatch entries per section, with exclusions', () => {
    const lineArb = fc.oneof(
      fc.tuple(fc.constant('entry'), patternArb, fc.array(ownerArb, { minLength: 1, maxLength: 2 })),
      fc.tuple(fc.constant('exclude'), patternArb, fc.constant([] as string[])),
      fc.tuple(fc.constant('section'), fc.constantFrom('Docs', 'docs', 'Ops'), fc.constant([] as string[])),
    );
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 14 }), fc.array(pathArb, { minLength: 1, maxLength: 10 }), (lines, paths) => {
        const text = lines
          .map(([kind, p, o]) => (kind === 'section' ? `[${p}]` : kind === 'exclude' ? `!${p}` : [p, ...o].join(' ')))
          .join('\n');
        const { codeowners } = parseCodeowners(text, 'CODEOWNERS', 'gitlab');
        const ref: RefRule[] = [];
        let current = '';
        for (const [kind, p, o] of lines) {
          if (kind === 'section') current = p;
          else ref.push({ pattern: p, owners: o, section: current, exclusion: kind === 'exclude' });
        }
        assert.equal(codeowners.rules.length, ref.length);
        const index = new OwnershipIndex(codeowners);
        for (const path of paths) {
          assert.deepEqual([...index.ownersOf(path).owners].sort(), gitlabOwners(ref, path).sort(), `${path}\n${text}`);
          ref.forEach((r, i) => assert.equal(index.ruleMatches(codeowners.rules[i], path), gitlabReference(r.pattern, path)));
        }
      }),
      { numRuns: 400, seed },
    );
  });
});
