import * as assert from 'node:assert/strict';
import { WorkspaceAnalyzer } from '../../../src/core/analyze';
import { InMemoryFileAccess } from '../../../src/core/fs';
import { TODAY } from '../rules/tester';

const note = (title: string, due: string) => `---\nkind: postmortem\ndate: 2026-08-14\ntitle: ${title}\nactions:\n  - title: Alert on latency\n    due: ${due}\n---\n`;

describe('learning notes as the workspace changes', () => {
  it('an edited, added or deleted note updates the model; other learning.folders mean other notes', async () => {
    const fs = new InMemoryFileAccess({ 'docs/postmortems/a.md': note('Timeouts', '2026-10-15'), 'docs/reviews/b.md': note('Review', '2026-10-01') });
    const analyzer = new WorkspaceAnalyzer(fs, { today: TODAY });
    const overdue = (a: Awaited<ReturnType<typeof analyzer.analyze>>) => a.model.findings.filter((f) => f.ruleId === 'learning/overdue-action').map((f) => f.file);

    const first = await analyzer.analyze();
    assert.deepEqual(first.model.learning.map((r) => r.title), ['Timeouts']);
    assert.deepEqual(overdue(first), ['docs/postmortems/a.md']);
    assert.equal(analyzer.roleOf('docs/postmortems/a.md'), 'learning');
    assert.equal(analyzer.roleOf('docs/reviews/b.md'), null);

    fs.write('docs/postmortems/a.md', note('Timeouts', '2026-12-15'));
    const edited = await analyzer.update([{ path: 'docs/postmortems/a.md', kind: 'changed' }]);
    assert.deepEqual(overdue(edited), []);

    // An unsaved buffer counts too (the editor's overlays).
    const unsaved = await analyzer.update([], new Map([['docs/postmortems/a.md', note('Timeouts, unsaved', '2026-10-15')]]));
    assert.deepEqual(unsaved.model.learning.map((r) => r.title), ['Timeouts, unsaved']);
    await analyzer.update([], new Map());

    fs.write('.northstar.yaml', 'learning:\n  folders: [docs/reviews]\n');
    const configured = await analyzer.update([{ path: '.northstar.yaml', kind: 'created' }]);
    assert.deepEqual(configured.model.learning.map((r) => r.file), ['docs/reviews/b.md']);
    assert.equal(analyzer.roleOf('docs/reviews/b.md'), 'learning');
    assert.equal(analyzer.roleOf('docs/postmortems/a.md'), null);

    fs.write('docs/reviews/c.md', note('Second review', '2026-12-01'));
    const added = await analyzer.update([{ path: 'docs/reviews/c.md', kind: 'created' }]);
    assert.deepEqual(added.model.learning.map((r) => r.file), ['docs/reviews/b.md', 'docs/reviews/c.md']);

    fs.delete('docs/reviews/b.md');
    const deleted = await analyzer.update([{ path: 'docs/reviews/b.md', kind: 'deleted' }]);
    assert.deepEqual(deleted.model.learning.map((r) => r.file), ['docs/reviews/c.md']);
  });
});
