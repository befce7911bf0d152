import * as assert from 'node:assert/strict';
import { parseArgs, UsageError } from '../../src/cli/args';

function usageError(argv: string[]): string {
  try {
    parseArgs(argv);
  } catch (e) {
    assert.ok(e instanceof UsageError);
    return e.message;
  }
  assert.fail(`expected a usage error for ${argv.join(' ')}`);
}

describe('cli arguments', () => {
  it('parses check with its defaults and options in both spellings, short ones and before the command', () => {
    const defaults = { root: null, outputFile: null, paths: [], stdin: false, nul: false, format: 'text', maxWarnings: -1, changedSince: null, quiet: false, errorOnUnmatched: true };
    assert.deepEqual(parseArgs(['check']), { command: 'check', ...defaults });
    assert.deepEqual(parseArgs(['check', '--root', 'repo', '--format=sarif', '--max-warnings', '0', '--changed-since=origin/main', 'a.yaml', 'src/']), {
      command: 'check',
      ...defaults,
      root: 'repo',
      format: 'sarif',
      maxWarnings: 0,
      changedSince: 'origin/main',
      paths: ['a.yaml', 'src/'],
    });
    assert.deepEqual(parseArgs(['--root', 'repo', 'check', '-f', 'gitlab', '-o', 'gl-code-quality.json', '-q', '--no-error-on-unmatched-pattern']), {
      command: 'check',
      ...defaults,
      root: 'repo',
      outputFile: 'gl-code-quality.json',
      format: 'gitlab',
      quiet: true,
      errorOnUnmatched: false,
    });
    assert.deepEqual((parseArgs(['check', '--', '--weird-file']) as { paths: string[] }).paths, ['--weird-file']);
    // `-` reads PATHs from standard input (-z: NUL-separated); after `--` it is a file named `-`.
    assert.deepEqual(parseArgs(['check', '-', '-z', 'extra']), { command: 'check', ...defaults, paths: ['extra'], stdin: true, nul: true });
    assert.deepEqual(parseArgs(['check', '--', '-']), { command: 'check', ...defaults, paths: ['-'] });
  });

  it('parses owners, diagram, summary and model', () => {
    const owners = { root: null, outputFile: null, paths: [], stdin: false, nul: false, format: 'text', explain: false, unowned: false, catchAllUnowned: false, coverage: false, minCoverage: null };
    assert.deepEqual(parseArgs(['owners', '--json', 'x', 'y']), { command: 'owners', ...owners, format: 'json', paths: ['x', 'y'] });
    assert.deepEqual(parseArgs(['owners', '--stdin']), { command: 'owners', ...owners, stdin: true });
    assert.deepEqual(parseArgs(['owners', '-f', 'ndjson', '--explain', '-']), { command: 'owners', ...owners, format: 'ndjson', explain: true, stdin: true });
    assert.deepEqual(parseArgs(['owners', '--unowned', '--catch-all-unowned']), { command: 'owners', ...owners, unowned: true, catchAllUnowned: true });
    assert.deepEqual(parseArgs(['owners', '--min-coverage', '92.5']), { command: 'owners', ...owners, coverage: true, minCoverage: 92.5 });
    assert.deepEqual(parseArgs(['diagram', '--group-by', 'team', '--collapse', 'all', '--focus', 'payments-api']), {
      command: 'diagram',
      root: null,
      outputFile: null,
      format: 'mmd',
      groupBy: 'team',
      collapse: 'all',
      focus: 'payments-api',
      depth: 1,
      allDependencies: false,
    });
    // auto is the default grouping; mmd the default format.
    assert.deepEqual(parseArgs(['diagram']), { command: 'diagram', root: null, outputFile: null, format: 'mmd', groupBy: 'auto', collapse: 'auto', focus: null, depth: 1, allDependencies: false });
    assert.deepEqual(parseArgs(['diagram', '-f', 'md', '--focus', 'x', '--depth', '2']), { ...parseArgs(['diagram']), format: 'md', focus: 'x', depth: 2 });
    assert.equal((parseArgs(['diagram', '--all-dependencies']) as { allDependencies: boolean }).allDependencies, true);
    assert.deepEqual(parseArgs(['summary', '--format', 'json']), { command: 'summary', root: null, outputFile: null, format: 'json' });
    assert.deepEqual(parseArgs(['model', '--root=.']), { command: 'model', root: '.', outputFile: null });
    assert.deepEqual(parseArgs(['export', 'backstage', '-o', 'catalog-info.yaml']), { command: 'export', root: null, outputFile: 'catalog-info.yaml', target: 'backstage' });
  });

  it('gives help and version', () => {
    assert.deepEqual(parseArgs([]), { command: 'help', topic: null });
    assert.deepEqual(parseArgs(['--help']), { command: 'help', topic: null });
    assert.deepEqual(parseArgs(['help', 'check']), { command: 'help', topic: 'check' });
    assert.deepEqual(parseArgs(['diagram', '-h']), { command: 'help', topic: 'diagram' });
    assert.deepEqual(parseArgs(['--version']), { command: 'version' });
  });

  it('rejects bad usage with a one-line message', () => {
    const cases: [string[], RegExp][] = [
      [['lint'], /unknown command 'lint'/],
      [['--root', 'x'], /expected a command/],
      [['check', '--fromat', 'json'], /unknown option '--fromat'/],
      [['check', '--format', 'xml'], /invalid value 'xml' for '--format'/],
      [['check', '--format'], /'--format' needs a value/],
      [['check', '--max-warnings', 'many'], /invalid value 'many' for '--max-warnings'/],
      [['check', '--max-warnings', '-5'], /--max-warnings/],
      [['check', '--root', 'a', '--root', 'b'], /given twice/],
      [['owners'], /needs at least one PATH, '-' \(or --stdin\), --unowned or --coverage/],
      [['owners', '--min-coverage', '120'], /invalid value '120' for '--min-coverage'/],
      [['owners', '--json', '-f', 'ndjson', 'x'], /disagree/],
      [['owners', '--catch-all-unowned', 'x'], /goes with --unowned or --coverage/],
      [['check', '-z'], /'-z' applies to paths read from standard input/],
      [['diagram', '-q'], /unknown option '-q' for 'diagram'/],
      [['check', '-f'], /'--format' needs a value/],
      [['owners', '--json=yes', 'x'], /takes no value/],
      [['diagram', '--group-by', 'colour'], /invalid value 'colour'/],
      [['diagram', 'extra'], /unexpected argument 'extra'/],
      [['diagram', '--depth', '2'], /'--depth' goes with --focus MODULE/],
      [['diagram', '--focus', 'x', '--depth', '3'], /invalid value '3' for '--depth' \(expected 1, 2\)/],
      [['diagram', '-f', 'svg'], /expected mmd, md/],
      [['summary', '--format', 'html'], /expected md, json/],
      [['model', '-x'], /unknown option '-x'/],
      [['help', 'nothing'], /unknown help topic/],
      [['export'], /'export' needs one target \(backstage\)/],
      [['export', 'jira'], /unknown export target 'jira'/],
    ];
    for (const [argv, pattern] of cases) {
      const message = usageError(argv);
      assert.match(message, pattern, argv.join(' '));
      assert.ok(!message.includes('\n'), `one line: ${message}`);
    }
  });
});
