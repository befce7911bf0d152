import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyLineEdits, formatCodeowners, MAX_OWNER_COLUMN } from '../../../src/core/codeownersEditing';
import type { CodeownersDialect } from '../../../src/core/model/types';
import { parseCodeowners } from '../../../src/core/sources/codeowners';
import { exampleText } from '../hover/workspace';

function format(text: string, dialect: CodeownersDialect, options = {}): string {
  return applyLineEdits(text, formatCodeowners(text, dialect, options));
}

/** What a file means: its rules, sections and problems, without positions (formatting moves owners). */
function meaning(text: string, dialect: CodeownersDialect) {
  const parsed = parseCodeowners(text, 'CODEOWNERS', dialect);
  return {
    rules: parsed.codeowners.rules.map((r) => ({ line: r.line, pattern: r.pattern, owners: r.owners, section: r.section, exclusion: r.exclusion, inherited: r.ownersFromSection ?? false })),
    sections: parsed.codeowners.sections,
    problems: parsed.problems.map((p) => `${p.location.line}: ${p.message}`),
    disables: parsed.disables,
  };
}

/** Formatting keeps the meaning and is idempotent; returns the formatted text. */
function formatChecked(text: string, dialect: CodeownersDialect, options = {}): string {
  const once = format(text, dialect, options);
  assert.deepEqual(meaning(once, dialect), meaning(text, dialect), 'formatting changed what the file says');
  assert.deepEqual(formatCodeowners(once, dialect, options), [], 'formatting twice changed the text again');
  return once;
}

const GITHUB_MESSY = [
  '# Default owners',
  '*   @acme/platform',
  '',
  '/docs/ @acme/platform   @acme/web',
  '/services/payments-api/   @acme/payments # since 2024',
  '  /services/ledger/\t@acme/payments',
  '/tools/legacy-csv-export/',
  '',
].join('\n');

describe('codeownersEditing: the formatter', () => {
  it('aligns every owner of a GitHub file one space after the longest pattern, keeping comments and blank lines', () => {
    assert.equal(
      formatChecked(GITHUB_MESSY, 'github'),
      [
        '# Default owners',
        '*                       @acme/platform',
        '',
        '/docs/                  @acme/platform @acme/web',
        '/services/payments-api/ @acme/payments # since 2024',
        '/services/ledger/       @acme/payments',
        '/tools/legacy-csv-export/',
        '',
      ].join('\n'),
    );
  });

  it('returns one edit per changed line, covering the whole old line', () => {
    const edits = formatCodeowners(GITHUB_MESSY, 'github');
    assert.deepEqual(edits.map((e) => e.range), [
      { line: 2, column: 1, endLine: 2, endColumn: 19 },
      { line: 4, column: 1, endLine: 4, endColumn: 34 },
      { line: 5, column: 1, endLine: 5, endColumn: 54 },
      { line: 6, column: 1, endLine: 6, endColumn: 35 },
    ]);
  });

  it('leaves the example CODEOWNERS alone: its hand-chosen wider column and its comment gap are kept', () => {
    assert.deepEqual(formatCodeowners(exampleText('.github/CODEOWNERS'), 'github'), []);
  });

  it('moves a column too narrow for a new long pattern out to fit it', () => {
    const text = '/a/    @x\n/b/    @y\n/services/payments-api/ @z\n';
    assert.equal(formatChecked(text, 'github'), `/a/${' '.repeat(21)}@x\n/b/${' '.repeat(21)}@y\n/services/payments-api/ @z\n`);
  });

  it('caps the column: a pattern longer than the cap gets one space and does not push the others', () => {
    const long = `/${'very-long-folder-name/'.repeat(3)}file.ts`;
    assert.ok(long.length > MAX_OWNER_COLUMN);
    const text = `/src/ @a\n${long} @b\n/docs/guides/ @c\n`;
    assert.equal(formatChecked(text, 'github'), `/src/         @a\n${long} @b\n/docs/guides/ @c\n`);
    assert.equal(formatChecked('/abc/ @a\n/abcdefgh/ @b\n/ab/ @c\n', 'github', { maxColumn: 8 }), '/abc/ @a\n/abcdefgh/ @b\n/ab/  @c\n');
  });

  it('keeps escaped spaces in patterns, a trailing escaped space included', () => {
    const text = '/docs/My\\ Guide.md @acme/web\n/odd\\ name/ @acme/platform   @acme/web\n/ends-with-space\\ \n';
    assert.equal(formatChecked(text, 'github'), '/docs/My\\ Guide.md @acme/web\n/odd\\ name/        @acme/platform @acme/web\n/ends-with-space\\ \n');
  });

  it('aligns the lines of GitLab sections and leaves the section headers exactly as written', () => {
    const text = [
      '[Documentation][2] @acme/platform',
      '/docs/   @acme/web',
      '*.md',
      '',
      '^[Optional Reviews]    @acme/growth',
      '/services/payments-api/     @acme/payments',
      '!/services/payments-api/generated/',
      '/services/ledger/ @acme/payments   # a GitLab "comment": @acme/orders still counts',
      '',
    ].join('\n');
    assert.equal(
      formatChecked(text, 'gitlab'),
      [
        '[Documentation][2] @acme/platform',
        '/docs/                  @acme/web',
        '*.md',
        '',
        '^[Optional Reviews]    @acme/growth',
        '/services/payments-api/ @acme/payments',
        '!/services/payments-api/generated/',
        '/services/ledger/       @acme/payments   # a GitLab "comment": @acme/orders still counts',
        '',
      ].join('\n'),
    );
  });

  it('formats a range: only its lines change, at the column of the whole file', () => {
    const edits = formatCodeowners(GITHUB_MESSY, 'github', { lines: { start: 4, end: 5 } });
    assert.deepEqual(edits.map((e) => [e.range.line, e.newText]), [
      [4, '/docs/                  @acme/platform @acme/web'],
      [5, '/services/payments-api/ @acme/payments # since 2024'],
    ]);
  });

  it('keeps CRLF line ends and a byte-order mark', () => {
    const text = '\uFEFF/a/ @x\r\n/bbbb/ @y\r\n';
    assert.equal(formatChecked(text, 'github'), '\uFEFF/a/    @x\r\n/bbbb/ @y\r\n');
  });

  it('never changes what a file says and is idempotent, over random lines of both dialects', () => {
    const word = fc.stringMatching(/^[a-z0-9_.-]{1,8}$/);
    const owner = fc.oneof(word.map((w) => `@${w}`), fc.tuple(word, word).map(([o, t]) => `@${o}/${t}`), word.map((w) => `${w}@acme.example`), fc.constant('@@maintainer'), fc.constant('bad owner'));
    const blank = fc.constantFrom(' ', '  ', '\t', ' \t ');
    const pattern = fc.oneof(
      fc.array(fc.oneof(word, fc.constantFrom('*', '**', 'a\\ b', '\\#x', '[ab]')), { minLength: 1, maxLength: 4 }).map((s) => s.join('/')),
      word.map((w) => `/${w}/`),
      word.map((w) => `!${w}`),
    );
    const line = fc.oneof(
      fc.tuple(fc.constantFrom('', ' ', '\t'), pattern, fc.array(fc.tuple(blank, owner), { maxLength: 3 }), fc.constantFrom('', ' ', '  # note', ' #x @a', '\\ '))
        .map(([lead, p, os, tail]) => lead + p + os.map(([b, o]) => b + o).join('') + tail),
      fc.constantFrom('', '   ', '# comment', '  # indented', '[Section]', '^[Opt][2] @acme/x', '[Two][3]   @a @b', '[bad', '# northstar-disable-next-line codeowners/syntax'),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.constantFrom<CodeownersDialect>('github', 'gitlab'), fc.constantFrom('\n', '\r\n'), (lines, dialect, eol) => {
        formatChecked(lines.join(eol), dialect);
      }),
      { numRuns: 400 },
    );
  });
});
