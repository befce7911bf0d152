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
  it('parses check with its defaults and options in both spellings', () => {
    assert.deepEqual(parseArgs(['check']), { command: 'check', root: null, format: 'text', maxWarnings: -1, changedSince: null, paths: [] });
    assert.deepEqual(parseArgs(['check', '--root', 'repo', '--format=sarif', '--max-warnings', '0', '--changed-since=origin/main', 'a.yaml', 'src/']), {
      command: 'check',
      root: 'repo',
      format: 'sarif',
      maxWarnings: 0,
      changedSince: 'origin/main',
      paths: ['a.yaml', 'src/'],
    });
    assert.deepEqual((parseArgs(['check', '--', '--weird-file']) as { paths: string[] }).paths, ['--weird-file']);
  });

  it('parses owners, diagram, summary and model', () => {
    assert.deepEqual(parseArgs(['owners', '--json', 'x', 'y']), { command: 'owners', root: null, json: true, stdin: false, paths: ['x', 'y'] });
    assert.deepEqual(parseArgs(['owners', '--stdin']), { command: 'owners', root: null, json: false, stdin: true, paths: [] });
    assert.deepEqual(parseArgs(['diagram', '--group-by', 'team', '--collapse', 'all', '--focus', 'payments-api']), {
      command: 'diagram',
      root: null,
      groupBy: 'team',
      collapse: 'all',
      focus: 'payments-api',
      allDependencies: false,
    });
    assert.deepEqual(parseArgs(['diagram']), { command: 'diagram', root: null, groupBy: 'system', collapse: 'auto', focus: null, allDependencies: false });
    assert.equal((parseArgs(['diagram', '--all-dependencies']) as { allDependencies: boolean }).allDependencies, true);
    assert.deepEqual(parseArgs(['summary', '--format', 'json']), { command: 'summary', root: null, format: 'json' });
    assert.deepEqual(parseArgs(['model', '--root=.']), { command: 'model', root: '.' });
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
      [['owners'], /needs at least one PATH, or --stdin/],
      [['owners', '--json=yes', 'x'], /takes no value/],
      [['diagram', '--group-by', 'colour'], /invalid value 'colour'/],
      [['diagram', 'extra'], /unexpected argument 'extra'/],
      [['summary', '--format', 'html'], /expected md, json/],
      [['model', '-x'], /unknown option '-x'/],
      [['help', 'nothing'], /unknown help topic/],
    ];
    for (const [argv, pattern] of cases) {
      const message = usageError(argv);
      assert.match(message, pattern, argv.join(' '));
      assert.ok(!message.includes('\n'), `one line: ${message}`);
    }
  });
});
