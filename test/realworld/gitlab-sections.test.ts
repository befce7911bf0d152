/**
 * GitLab sections on a real repository: gitaly's .gitlab/CODEOWNERS (skeleton in
 * test/fixtures/realworld/xuxiaowei-io__gitaly) has a required `[Code]` section (`* @gl-gitaly`)
 * and an optional `^[Documentation]` one (`/doc/ @eread`, `*.md @eread`). A Markdown file under
 * doc/ needs one approval from @gl-gitaly; @eread's review is optional. `owners` must say so per
 * section (text and JSON), not merge the two lists (issue "True to real repositories", item 12).
 */
import assert from 'node:assert/strict';
import { runInProcess, schemaErrors } from '../cli/helpers';
import type { OwnersEntry } from '../../src/core/report/types';
import { materialize, type Materialized } from './materialize';

describe('GitLab sections in `owners` (gitaly, real CODEOWNERS)', function () {
  this.timeout(120_000);
  let tree: Materialized;
  before(() => {
    tree = materialize('xuxiaowei-io__gitaly');
  });
  after(() => tree?.dispose());

  it('--json lists each section with its owners, approvals and optional flag', async () => {
    const run = await runInProcess(['owners', '--json', 'doc/DESIGN.md', 'go.mod'], tree.root);
    assert.equal(run.code, 0, run.stderr);
    const entries = JSON.parse(run.stdout) as OwnersEntry[];
    assert.equal(schemaErrors('owners', entries), '');
    const [design, gomod] = entries;
    assert.deepEqual(design.owners, ['@gl-gitaly', '@eread']);
    assert.deepEqual(
      design.sections.map((s) => ({ name: s.name, optional: s.optional, approvals: s.approvals, owners: s.owners, line: s.rule.line, pattern: s.rule.pattern, excluded: s.excluded })),
      [
        { name: 'Code', optional: false, approvals: 1, owners: ['@gl-gitaly'], line: 6, pattern: '*', excluded: false },
        { name: 'Documentation', optional: true, approvals: 0, owners: ['@eread'], line: 10, pattern: '*.md', excluded: false },
      ],
    );
    assert.deepEqual(gomod.sections.map((s) => s.name), ['Code'], 'go.mod is in no documentation pattern');
  });

  it('text shows one indented line per section under the path', async () => {
    const run = await runInProcess(['owners', 'doc/DESIGN.md'], tree.root);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(
      run.stdout,
      'doc/DESIGN.md  @gl-gitaly @eread  [gitaly]\n' +
        '  [Code]            @gl-gitaly  1 approval  (.gitlab/CODEOWNERS:6 *)\n' +
        '  ^[Documentation]  @eread      optional    (.gitlab/CODEOWNERS:10 *.md)\n',
    );
  });
});
