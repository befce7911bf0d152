// The TextMate grammar of the codeowners language. VS Code runs it with Oniguruma; the
// expressions used here are also valid JavaScript, which these tests run on sample lines.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Rule { match?: string; begin?: string; name?: string; patterns?: Rule[] }
/** The repository: the first folder up from here (out/test/unit/extension) holding package.json and syntaxes/, else the working directory. */
function repoRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'syntaxes'))) return dir;
  }
  return process.cwd();
}
const grammar = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'syntaxes', 'codeowners.tmLanguage.json'), 'utf8')) as {
  repository: Record<string, Rule>;
};
const re = (source: string | undefined): RegExp => {
  assert.ok(source);
  return new RegExp(source);
};

/** The scope of the first owner rule that matches the whole token. */
function ownerScope(token: string): string | undefined {
  for (const rule of grammar.repository.owner.patterns ?? []) {
    const m = new RegExp(rule.match ?? '', 'y').exec(token);
    if (m && m[0] === token) return rule.name;
  }
  return undefined;
}

describe('codeowners grammar', () => {
  it('compiles every expression', () => {
    const all: Rule[] = [];
    const visit = (r: Rule): void => { all.push(r); (r.patterns ?? []).forEach(visit); };
    Object.values(grammar.repository).forEach(visit);
    for (const r of all) for (const s of [r.match, r.begin]) if (s) assert.doesNotThrow(() => new RegExp(s), s);
  });

  it('marks comment lines and trailing comments, not patterns that contain #', () => {
    assert.ok(re(grammar.repository['comment-line'].match).test('  # Default owners'));
    assert.equal(re(grammar.repository['comment-line'].match).test('/docs/ @acme/docs'), false);
    const trailing = re(grammar.repository['comment-trailing'].match);
    assert.equal(trailing.exec('/legacy/  @acme/orders   # replaced in 2025')?.[0], '# replaced in 2025');
    assert.equal(trailing.exec('/a#b/ @x'), null);
  });

  it('reads GitLab section headers: optional, approvals, default owners', () => {
    const header = re(grammar.repository.section.begin);
    const m = header.exec('^[Documentation][2] @docs-team');
    assert.deepEqual(m && [m[1], m[3], m[6]], ['^', 'Documentation', '2']);
    const plain = header.exec('[Backend]');
    assert.deepEqual(plain && [plain[1], plain[3], plain[6]], [undefined, 'Backend', undefined]);
  });

  it('reads a rule line: the pattern with its escapes, then the owners', () => {
    const rule = re(grammar.repository.rule.begin);
    assert.equal(rule.exec('/docs/my\\ file.md  @acme/docs')?.[2], '/docs/my\\ file.md');
    assert.equal(rule.exec('!/vendor/')?.[1], '!');
    assert.equal(ownerScope('@@maintainer'), 'variable.language.role.codeowners');
    assert.equal(ownerScope('@acme/payments'), 'entity.name.type.team.codeowners');
    assert.equal(ownerScope('@gitlab-org/sub/group'), 'entity.name.type.team.codeowners');
    assert.equal(ownerScope('@octocat'), 'variable.other.user.codeowners');
    assert.equal(ownerScope('jane.doe@acme.example'), 'string.other.email.codeowners markup.underline.link.codeowners');
    assert.equal(ownerScope('acme-payments'), 'invalid.illegal.owner.codeowners');
  });
});
