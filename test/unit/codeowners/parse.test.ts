import assert from 'node:assert/strict';
import { OwnershipIndex, parseCodeowners, utf8Length } from '../../../src/core/sources/codeowners';

const FILE = '.github/CODEOWNERS';

const GITHUB_FIXTURE = [
  '# Platform team owns everything by default',
  '*                       @acme/platform',
  '',
  '# Frontend',
  '/web/                   @acme/frontend @dana',
  '/web/legacy/',
  '*.css                   @acme/design   # stylesheets',
  '',
  '# northstar-disable-next-line codeowners/no-match',
  '/services/ghost/        @acme/ghosts',
  '/services/payments/     @acme/payments payments-oncall@acme.example',
  '/services/payments/*.md @acme/docs',
  '',
].join('\n');

describe('parseCodeowners', () => {
  it('keeps each rule with its line, pattern range and owner ranges', () => {
    const { codeowners, problems, disables } = parseCodeowners(GITHUB_FIXTURE, FILE, 'github');
    assert.deepEqual(problems, []);
    assert.equal(codeowners.file, FILE);
    assert.equal(codeowners.dialect, 'github');
    assert.equal(codeowners.size, GITHUB_FIXTURE.length);
    assert.deepEqual(
      codeowners.rules.map((r) => [r.index, r.line, r.pattern, r.owners]),
      [
        [0, 2, '*', ['@acme/platform']],
        [1, 5, '/web/', ['@acme/frontend', '@dana']],
        [2, 6, '/web/legacy/', []],
        [3, 7, '*.css', ['@acme/design']],
        [4, 10, '/services/ghost/', ['@acme/ghosts']],
        [5, 11, '/services/payments/', ['@acme/payments', 'payments-oncall@acme.example']],
        [6, 12, '/services/payments/*.md', ['@acme/docs']],
      ],
    );
    const web = codeowners.rules[1];
    assert.deepEqual(web.patternRange, { line: 5, column: 1, endLine: 5, endColumn: 6 });
    assert.deepEqual(web.ownerRanges, [
      { line: 5, column: 25, endLine: 5, endColumn: 39 },
      { line: 5, column: 40, endLine: 5, endColumn: 45 },
    ]);
    assert.equal(codeowners.rules[0].section, null);
    assert.equal(codeowners.rules[0].exclusion, false);
    assert.deepEqual(codeowners.sections, [{ name: null, optional: false, approvals: null, defaultOwners: [], line: null }]);
    assert.deepEqual(disables, [{ file: FILE, line: 10, rules: ['codeowners/no-match'] }]);
  });

  it('counts columns in UTF-16 code units and lines across CRLF, with a BOM', () => {
    const text = '\uFEFF/docs/ @a\r\n/日本/😀.md   @b\r\n';
    const { codeowners, problems } = parseCodeowners(text, FILE, 'github');
    assert.deepEqual(problems, []);
    assert.deepEqual(codeowners.rules[0].patternRange, { line: 1, column: 1, endLine: 1, endColumn: 7 });
    // "/日本/😀.md" is 9 UTF-16 code units (😀 is a surrogate pair); the owner starts after 3 spaces.
    assert.deepEqual(codeowners.rules[1].patternRange, { line: 2, column: 1, endLine: 2, endColumn: 10 });
    assert.deepEqual(codeowners.rules[1].ownerRanges, [{ line: 2, column: 13, endLine: 2, endColumn: 15 }]);
    assert.equal(codeowners.size, utf8Length(text));
    assert.equal(utf8Length('😀'), 4);
    assert.equal(utf8Length('日'), 3);
    assert.equal(utf8Length('é'), 2);
    const index = new OwnershipIndex(codeowners);
    assert.deepEqual(index.ownersOf('日本/😀.md').owners, ['@b']);
  });

  it('reports problems with exact ranges and skips only the invalid GitHub lines', () => {
    const text = ['* @org/all', '  !/vendor/ @org/vendor', '/src/*.[jt]s @org/src', '/lib/ @org/lib not_an_owner @also_bad!', '/ @root'].join('\n');
    const { codeowners, problems } = parseCodeowners(text, FILE, 'github');
    assert.deepEqual(
      problems.map((p) => [p.location.line, p.location.column, p.location.endColumn, p.message.split(':')[0]]),
      [
        [2, 3, 12, 'GitHub does not support "!" to negate a pattern'],
        [3, 8, 12, 'GitHub does not support "[ ]" to define a character range'],
        [4, 16, 28, '"not_an_owner" is not a valid owner'],
        [4, 29, 39, '"@also_bad!" is not a valid owner'],
        [5, 1, 2, 'The pattern "/" will never match anything; did you mean "*"? This line is skipped.'],
      ],
    );
    assert.deepEqual(codeowners.rules.map((r) => r.line), [1]);
    assert.ok(problems.every((p) => p.ruleId === 'codeowners/syntax' && p.location.file === FILE));
  });

  it('parses disable comments with several rules, a description, or none', () => {
    const text = [
      '# northstar-disable-next-line codeowners/no-match, codeowners/shadowed',
      '/a/ @x',
      '#northstar-disable-next-line',
      '/b/ @x',
      '  # northstar-disable-next-line codeowners/syntax -- GitLab only',
      '[Docs]',
      '# northstar-disable-next-lines codeowners/syntax',
    ].join('\n');
    const { disables } = parseCodeowners(text, 'CODEOWNERS', 'github');
    assert.deepEqual(disables, [
      { file: 'CODEOWNERS', line: 2, rules: ['codeowners/no-match', 'codeowners/shadowed'] },
      { file: 'CODEOWNERS', line: 4, rules: [] },
      { file: 'CODEOWNERS', line: 6, rules: ['codeowners/syntax'] },
    ]);
  });

  it('ignores a GitHub file of 3 MB or more but still reads its disable comments', () => {
    const pad = '#'.repeat(3 * 1024 * 1024);
    const text = `* @org/all\n# northstar-disable-next-line codeowners/no-match\n/x/ @a\n${pad}`;
    const { codeowners, problems, disables } = parseCodeowners(text, FILE, 'github');
    assert.equal(codeowners.rules.length, 0);
    assert.equal(problems.length, 1);
    assert.deepEqual(problems[0].location, { file: FILE, line: 1, column: 1, endLine: 1, endColumn: 11 });
    assert.match(problems[0].message, /3 MB/);
    assert.deepEqual(disables, [{ file: FILE, line: 3, rules: ['codeowners/no-match'] }]);
    // Just under the limit, counted in UTF-8 bytes: "é" is 2 bytes.
    const under = `* @org/all\n#${'é'.repeat((3 * 1024 * 1024 - 20) / 2)}`;
    assert.ok(under.length < 3 * 1024 * 1024 && utf8Length(under) < 3 * 1024 * 1024);
    assert.equal(parseCodeowners(under, FILE, 'github').codeowners.rules.length, 1);
    const over = `* @org/all\n#${'é'.repeat(3 * 512 * 1024)}`;
    assert.ok(over.length < 3 * 1024 * 1024, 'fewer UTF-16 units than the limit');
    assert.equal(parseCodeowners(over, FILE, 'github').codeowners.rules.length, 0);
    // One byte short of the limit in 3-byte characters (12 + 3 × 1,048,571 + 2 bytes), then at it.
    const short = `* @org/all\n#${'€'.repeat(1048571)}é`;
    assert.equal(utf8Length(short), 3 * 1024 * 1024 - 1);
    assert.equal(parseCodeowners(short, FILE, 'github').codeowners.rules.length, 1);
    assert.equal(utf8Length(`${short}x`), 3 * 1024 * 1024);
    assert.equal(parseCodeowners(`${short}x`, FILE, 'github').codeowners.rules.length, 0);
    assert.equal(utf8Length('plain ASCII'), 11);
  });

  it('never throws, whatever the input', () => {
    const inputs = ['', '\n\n', '\\', '[', '^[', '[]', '][', '!', '! @a', '\\ ', '\u0000', 'a\\', '**', '/**/', '[a][b] c', '^[x][99999999999999999999] @a'];
    for (const dialect of ['github', 'gitlab'] as const) {
      for (const text of inputs) {
        const r = parseCodeowners(text, 'CODEOWNERS', dialect);
        const index = new OwnershipIndex(r.codeowners);
        index.ownersOf('a/b.c');
        index.stats(['x', 'a/b/c']);
      }
    }
  });
});

describe('parseCodeowners — GitLab', () => {
  const text = [
    '* @acme/everyone',
    '',
    '[Docs][2] @acme/docs @@maintainer',
    'docs/',
    '/README.md @acme/leads',
    '!docs/generated/',
    '^[Ops]',
    '/deploy/ @acme/ops',
    '[docs]',
    '*.md',
  ].join('\n');

  it('assigns sections, default owners and exclusions', () => {
    const { codeowners, problems } = parseCodeowners(text, 'CODEOWNERS', 'gitlab');
    assert.deepEqual(
      problems.map((p) => [p.location.line, p.location.column, p.location.endColumn]),
      [[10, 1, 5]],
      'the last entry has no owners and its header (line 9) no defaults',
    );
    assert.deepEqual(
      codeowners.sections.map((s) => [s.name, s.optional, s.approvals, s.defaultOwners, s.line]),
      [
        [null, false, null, [], null],
        ['Docs', false, 2, ['@acme/docs', '@@maintainer'], 3],
        ['Ops', true, null, [], 7],
      ],
    );
    const docs = codeowners.rules[1];
    assert.equal(docs.section, 'Docs');
    assert.deepEqual(docs.owners, ['@acme/docs', '@@maintainer']);
    assert.equal(docs.ownersFromSection, true);
    assert.deepEqual(docs.ownerRanges[0], { line: 3, column: 11, endLine: 3, endColumn: 21 });
    assert.equal(codeowners.rules[2].ownersFromSection, undefined);
    const exclusion = codeowners.rules[3];
    assert.equal(exclusion.exclusion, true);
    assert.equal(exclusion.pattern, '!docs/generated/');
    assert.deepEqual(exclusion.owners, []);
    // A repeated header (any case) continues the first section; its own (empty) defaults apply.
    assert.equal(codeowners.rules[5].section, 'Docs');
    assert.deepEqual(codeowners.rules[5].owners, []);
  });

  it('answers owners per section, with deciding and overridden lines', () => {
    const { codeowners } = parseCodeowners(text, 'CODEOWNERS', 'gitlab');
    const index = new OwnershipIndex(codeowners);
    const readme = index.ownersOf('README.md');
    assert.deepEqual(readme.owners, ['@acme/everyone']);
    assert.deepEqual(readme.rules.map((r) => r.line), [1, 10]);
    assert.deepEqual(readme.overridden.map((r) => r.line), [5]);
    const generated = index.ownersOf('docs/generated/api.md');
    assert.deepEqual(generated.owners, ['@acme/everyone']);
    assert.deepEqual(generated.rules.map((r) => r.line), [1, 6], 'the exclusion decides its section');
    assert.deepEqual(generated.overridden.map((r) => r.line), [4, 10]);
    const deploy = index.ownersOf('deploy/prod/values.yaml');
    assert.deepEqual(deploy.owners, ['@acme/everyone', '@acme/ops']);
    assert.equal(deploy.rule?.line, 1);
  });

  it('reports malformed headers, approvals on optional sections and owners on exclusions', () => {
    const bad = ['^[Docs][2] @a', '[Ops]junk @b', '[Build', '!vendor/ @c', '[Sec] bad-owner @sec', '! @d'].join('\n');
    const { codeowners, problems } = parseCodeowners(bad, 'CODEOWNERS', 'gitlab');
    assert.deepEqual(
      problems.map((p) => [p.location.line, p.location.column, p.location.endColumn]),
      [
        [1, 1, 11],
        [2, 6, 13],
        [3, 1, 7],
        [4, 10, 12],
        [5, 7, 16],
        [6, 1, 2],
      ],
    );
    assert.deepEqual(codeowners.sections.find((s) => s.name === 'Sec')?.defaultOwners, ['@sec']);
    // "[Build" is read as an entry of the previous section ("Ops").
    const build = codeowners.rules.find((r) => r.pattern === '[Build');
    assert.equal(build?.section, 'Ops');
    assert.equal(codeowners.rules.find((r) => r.pattern === '!vendor/')?.owners.length, 0);
  });

  it('replaces a repeated pattern in place within a section, as GitLab keys entries by pattern', () => {
    // GitLab keeps section entries in a hash keyed by the normalised pattern: a repeated key
    // takes the new owners but keeps its first position, so `*.md` (added later) still wins.
    const { codeowners } = parseCodeowners('docs/ @a\n*.md @b\ndocs/ @c', 'CODEOWNERS', 'gitlab');
    const index = new OwnershipIndex(codeowners);
    assert.deepEqual(index.ownersOf('docs/guide.md').owners, ['@b']);
    assert.deepEqual(index.ownersOf('docs/guide.txt').owners, ['@c']);
    const m = index.ownersOf('docs/guide.txt');
    assert.deepEqual(m.overridden.map((r) => r.line), [1]);
  });
});

describe('OwnershipIndex.stats and ruleMatches', () => {
  const files = [
    'README.md',
    'web/index.html',
    'web/app.css',
    'web/legacy/old.js',
    'web/legacy/theme.css',
    'services/payments/api.go',
    'services/payments/README.md',
    'services/payments/docs/flows.md',
    'services/ledger/main.go',
  ];

  it('counts, per rule, the files it matches and the files it decides', () => {
    const { codeowners } = parseCodeowners(GITHUB_FIXTURE, FILE, 'github');
    const index = new OwnershipIndex(codeowners);
    const { matched, won } = index.stats(files);
    // rules: *, /web/, /web/legacy/, *.css, /services/ghost/, /services/payments/, /services/payments/*.md
    assert.deepEqual(matched, [9, 4, 2, 2, 0, 3, 1]);
    assert.deepEqual(won, [2, 1, 1, 2, 0, 2, 1]);
    assert.equal(won.reduce((a, b) => a + b, 0), files.length, 'every file is decided by one line');
    for (const rule of codeowners.rules) {
      assert.equal(files.filter((f) => index.ruleMatches(rule, f)).length, matched[rule.index], rule.pattern);
    }
    // The decided path for a shadowing line, and its explanation.
    const theme = index.ownersOf('web/legacy/theme.css');
    assert.deepEqual(theme.owners, ['@acme/design']);
    assert.deepEqual(theme.overridden.map((r) => r.pattern), ['*', '/web/', '/web/legacy/']);
  });

  it('accepts paths with a leading ./ or / and answers the same', () => {
    const { codeowners } = parseCodeowners(GITHUB_FIXTURE, FILE, 'github');
    const index = new OwnershipIndex(codeowners);
    assert.deepEqual(index.ownersOf('./web/index.html'), index.ownersOf('web/index.html'));
    assert.deepEqual(index.ownersOf('/web/index.html').owners, ['@acme/frontend', '@dana']);
    assert.deepEqual(index.ownersOf(''), { owners: [], rule: null, rules: [], overridden: [] });
  });

  it('gives the same answers with many rules as with few (indexed and linear paths agree)', () => {
    const lines = ['* @acme/all'];
    for (let i = 0; i < 300; i++) lines.push(`/services/svc-${i}/ @acme/team-${i % 7}`);
    for (let i = 0; i < 40; i++) lines.push(`*.ext${i} @acme/ext-${i}`);
    for (let i = 0; i < 40; i++) lines.push(`svc-${i * 3}/ @acme/float-${i}`);
    lines.push('/services/*/test/ @acme/qa', '**/generated/** @acme/bots');
    const { codeowners } = parseCodeowners(lines.join('\n'), FILE, 'github');
    const index = new OwnershipIndex(codeowners);
    const paths = [
      'services/svc-12/src/a.ext3',
      'services/svc-12/test/a.go',
      'x/svc-12/y.txt',
      'services/svc-299/generated/x/y.ts',
      'services/svc-300/a.go',
      'a.ext39',
    ];
    for (const p of paths) {
      const expected = codeowners.rules.filter((r) => index.ruleMatches(r, p)).map((r) => r.index);
      const m = index.ownersOf(p);
      const got = [...m.rules, ...m.overridden].map((r) => r.index).sort((a, b) => a - b);
      assert.deepEqual(got, expected, p);
      assert.equal(m.rule?.index, expected[expected.length - 1], p);
    }
    assert.deepEqual(index.ownersOf('services/svc-12/test/a.ext3').owners, ['@acme/qa']);
    assert.deepEqual(index.ownersOf('services/svc-7/generated/a.ext3').owners, ['@acme/bots']);
  });
});
