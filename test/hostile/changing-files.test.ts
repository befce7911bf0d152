/**
 * Files that change while Northstar reads them (an editor saving, a `git checkout` running):
 * each snapshot must be consistent (every file read once, the findings about a file taken from
 * the content the model was built from), and the next update must reach exactly the state a
 * fresh analysis of the final files gives.
 */
import assert from 'node:assert/strict';
import { analyzeWorkspace, WorkspaceAnalyzer } from '../../src/core/analyze';
import type { Analysis } from '../../src/core/api';
import { InMemoryFileAccess, type FileStat } from '../../src/core/fs';

const CONTRACT = 'services/payments/service-contract.yaml';

const VERSION_A = `apiVersion: northstar/v1
kind: ServiceContract
name: payments-alpha
owner: "@acme/payments"
tier: 1
dependsOn: [ledger-a]
`;
// Another name, the unknown dependency on another line and column, and a YAML error.
const VERSION_B = `apiVersion: northstar/v1
kind: ServiceContract
name: payments-beta
owner: "@acme/payments"

dependsOn:
  - fraud-scoring-b
tier: [1
`;

function workspace(): Record<string, string> {
  return {
    '.github/CODEOWNERS': '* @acme/platform\n/services/payments/ @acme/payments\n',
    [CONTRACT]: VERSION_A,
    'services/payments/src/charge.ts': 'export const charge = 1;\n',
    'services/ledger/service-contract.yaml': 'apiVersion: northstar/v1\nkind: ServiceContract\nname: ledger\nowner: "@acme/ledger"\n',
  };
}

/** A port whose files take the next version on every read (a file saved again and again). */
class FlickeringFileAccess extends InMemoryFileAccess {
  readonly reads = new Map<string, number>();
  constructor(
    files: Record<string, string>,
    private readonly versions: Record<string, readonly (string | Uint8Array)[]>,
  ) {
    super(files);
  }

  override async readFile(path: string): Promise<Uint8Array> {
    const n = this.reads.get(path) ?? 0;
    this.reads.set(path, n + 1);
    const versions = this.versions[path];
    if (versions) this.write(path, versions[n % versions.length]);
    return super.readFile(path);
  }
}

/** A port whose `stat` answers before the file changes (the size is from before the write). */
class StaleStatFileAccess extends InMemoryFileAccess {
  constructor(
    files: Record<string, string>,
    private readonly after: Record<string, string | Uint8Array>,
  ) {
    super(files);
  }

  override async stat(path: string): Promise<FileStat> {
    const stat = await super.stat(path);
    const next = this.after[path];
    if (next !== undefined) {
      delete this.after[path];
      this.write(path, next);
    }
    return stat;
  }

  override async readFileWithin(path: string, maxBytes: number): Promise<Uint8Array | { tooLarge: number }> {
    // Without this shortcut the engine stats first: the race this port is about.
    const stat = await this.stat(path);
    if (stat.size > maxBytes) return { tooLarge: stat.size };
    return this.readFile(path);
  }
}

/** The contract text a snapshot was built from, judged by its module's name. */
function versionUsed(analysis: Analysis): 'A' | 'B' {
  const names = analysis.model.modules.map((m) => m.name);
  assert.equal(names.filter((n) => n.startsWith('payments-')).length, 1, `one payments module: ${names.join(', ')}`);
  return names.includes('payments-alpha') ? 'A' : 'B';
}

/** Everything a snapshot says about the contract must come from one version of it. */
function assertConsistent(analysis: Analysis): void {
  const version = versionUsed(analysis);
  const text = version === 'A' ? VERSION_A : VERSION_B;
  const lines = text.split('\n');
  const about = analysis.model.findings.filter((f) => f.file === CONTRACT);
  for (const f of about) {
    assert.ok(f.line <= lines.length && f.column <= lines[f.line - 1].length + 1, `${f.ruleId} ${f.line}:${f.column} lies inside version ${version}`);
  }
  const unknown = about.filter((f) => f.ruleId === 'contracts/unknown-dependency').map((f) => `${f.line}:${f.column}`);
  assert.deepEqual(unknown, version === 'A' ? ['6:13'] : ['7:5'], `unknown dependency as written in version ${version}`);
  assert.equal(about.some((f) => f.ruleId === 'contracts/yaml'), version === 'B', `YAML error only in version B`);
  const module = analysis.model.modules.find((m) => m.name.startsWith('payments-'))!;
  assert.equal(module.tier, version === 'A' ? 1 : null);
}

/** The model as data, for comparing an updated snapshot with a fresh one. */
function snapshot(analysis: Analysis): unknown {
  return JSON.parse(JSON.stringify(analysis.model));
}

describe('files that change while being read', function () {
  this.timeout(20_000);

  it('reads each file once per analysis and builds the model from that one read', async function () {
    const fs = new FlickeringFileAccess(workspace(), { [CONTRACT]: [VERSION_B, VERSION_A] });
    const analysis = await analyzeWorkspace(fs, { today: '2026-01-01' });
    assert.equal(fs.reads.get(CONTRACT), 1, 'the contract is read once');
    assertConsistent(analysis);
    assert.equal(versionUsed(analysis), 'B', 'the one read gave version B');
  });

  it('stays consistent through updates while the file keeps changing, and settles on the final content', async function () {
    const fs = new FlickeringFileAccess(workspace(), { [CONTRACT]: [VERSION_B, VERSION_A, VERSION_B, VERSION_A] });
    const analyzer = new WorkspaceAnalyzer(fs, { today: '2026-01-01' });
    const seen: string[] = [];
    let analysis = await analyzer.analyze();
    assertConsistent(analysis);
    seen.push(versionUsed(analysis));
    for (let i = 0; i < 3; i++) {
      analysis = await analyzer.update([{ path: CONTRACT, kind: 'changed' }]);
      assertConsistent(analysis);
      seen.push(versionUsed(analysis));
    }
    assert.deepEqual(seen, ['B', 'A', 'B', 'A']);
    // The file now holds version A for good: the incremental model equals a fresh analysis.
    const settled = new InMemoryFileAccess({ ...workspace(), [CONTRACT]: VERSION_A });
    assert.deepEqual(snapshot(analysis), snapshot(await analyzeWorkspace(settled, { today: '2026-01-01' })));
  });

  it('skips a file that grew past the limit between stat and read, instead of parsing it', async function () {
    const huge = `${VERSION_A}# ${'x'.repeat(1024 * 1024 + 10)}\n`;
    const fs = new StaleStatFileAccess(workspace(), { [CONTRACT]: huge });
    const analysis = await analyzeWorkspace(fs, { today: '2026-01-01' });
    const skipped = analysis.model.findings.filter((f) => f.ruleId === 'workspace/skipped' && f.file === CONTRACT);
    assert.equal(skipped.length, 1, JSON.stringify(analysis.model.findings.map((f) => f.ruleId)));
    assert.match(skipped[0].message, /too large/);
    assert.ok(!analysis.model.modules.some((m) => m.name.startsWith('payments-')), 'nothing of the oversized text is used');
  });

  it('skips a file that turned binary between stat and read, and one deleted before it was read', async function () {
    const fs = new StaleStatFileAccess(workspace(), { [CONTRACT]: new Uint8Array([0x6e, 0x61, 0x00, 0x6d, 0x65]) });
    const original = fs.readFile.bind(fs);
    fs.readFile = async (path: string) => {
      if (path === 'services/ledger/service-contract.yaml') fs.delete(path);
      return original(path);
    };
    const analysis = await analyzeWorkspace(fs, { today: '2026-01-01' });
    const reasons = analysis.model.findings.filter((f) => f.ruleId === 'workspace/skipped').map((f) => `${f.file}: ${f.message}`);
    assert.ok(reasons.some((r) => r.startsWith(`${CONTRACT}:`) && r.includes('binary')), reasons.join('\n'));
    assert.ok(reasons.some((r) => r.startsWith('services/ledger/service-contract.yaml:') && r.includes('disappeared')), reasons.join('\n'));
    assert.deepEqual(analysis.model.modules.map((m) => m.name), [], 'neither half-read file yields a module');
    // Once the files are back, an update reaches the state of a fresh analysis.
    fs.write(CONTRACT, VERSION_A);
    fs.write('services/ledger/service-contract.yaml', workspace()['services/ledger/service-contract.yaml']);
    fs.readFile = original;
    const analyzer = new WorkspaceAnalyzer(fs, { today: '2026-01-01' });
    const fresh = await analyzer.analyze();
    assert.deepEqual(fresh.model.modules.map((m) => m.name).sort(), ['ledger', 'payments-alpha']);
  });

  it('keeps ownership answers from one CODEOWNERS text while it changes', async function () {
    const owners = ['* @acme/one\n', '* @acme/two\n/services/ @acme/two-services\n'];
    const fs = new FlickeringFileAccess(workspace(), { '.github/CODEOWNERS': owners });
    const analysis = await analyzeWorkspace(fs, { today: '2026-01-01' });
    const file = analysis.ownersOf('services/payments/src/charge.ts');
    const other = analysis.ownersOf('README.md');
    // Either both answers come from the first text or both from the second.
    const fromFirst = other.owners[0] === '@acme/one';
    assert.deepEqual(file.owners, fromFirst ? ['@acme/one'] : ['@acme/two-services']);
    assert.equal(analysis.model.codeowners?.rules.length, fromFirst ? 1 : 2);
  });
});
