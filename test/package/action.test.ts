/**
 * The GitHub Action (action.yml) and the pre-commit hook (.pre-commit-hooks.yaml): their manifests
 * parsed with `yaml`, then both installs done as GitHub and pre-commit do them, from a fresh
 * `git clone` of this repository (so no build and no node_modules of the working tree help):
 * - the action's steps, with `${{ github.action_path }}` the clone and `${{ inputs.* }}` filled in,
 *   run by bash as a composite action's are, in a workspace holding a copy of examples/acme;
 * - pre-commit's node install (npm pack in the clone, npm install -g of the tarball), then the
 *   hook's entry with the example's files that its `files` pattern selects.
 * `npm ci` is the slow part (~20 s from npm's cache; npm_config_prefer_offline keeps it off the
 * network when the cache holds the locked packages, as it does after the repository's own npm ci).
 * The clone is of the committed HEAD: commit action.yml changes before running this.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { NPM, cleanEnv, copyAcme, ok, repoRoot, run, tempDir, type Ran } from './run';

interface ActionStep {
  name?: string;
  id?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs?: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}
interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  pass_filenames?: boolean;
  files?: string;
}

const ROOT = repoRoot();
const EXPRESSION = /\$\{\{\s*([\w.-]+)\s*\}\}/g;

/** Fills in the `${{ … }}` expressions a composite action's steps may use; any other expression fails the test. */
function expand(text: string, context: { actionPath: string; inputs: Record<string, string> }): string {
  return text.replace(EXPRESSION, (_, expr: string) => {
    if (expr === 'github.action_path') return context.actionPath;
    if (expr.startsWith('inputs.')) {
      const value = context.inputs[expr.slice('inputs.'.length)];
      if (value === undefined) throw new Error(`no value for ${expr}`);
      return value;
    }
    throw new Error(`the test does not evaluate \${{ ${expr} }}`);
  });
}

function readAction(root: string): Action {
  return parse(fs.readFileSync(path.join(root, 'action.yml'), 'utf8')) as Action;
}

/** Every file under `dir`, relative and with forward slashes, as `git ls-files` would give them to pre-commit. */
function filesUnder(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (entry.name !== '.git') out.push(...filesUnder(dir, p));
    } else {
      out.push(p);
    }
  }
  return out;
}

describe('GitHub Action and pre-commit manifests', () => {
  const action = readAction(ROOT);
  const raw = fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8');

  it('action.yml is a composite action whose steps all say their shell, with described inputs', () => {
    assert.ok(action.name && action.description);
    assert.equal(action.runs.using, 'composite');
    assert.ok(action.runs.steps.length >= 2);
    for (const step of action.runs.steps) {
      assert.ok(step.run !== undefined || step.uses !== undefined, `step ${String(step.name)} neither runs nor uses`);
      if (step.run !== undefined) assert.equal(step.shell, 'bash', `step ${String(step.name)} needs shell: bash`);
    }
    for (const name of ['root', 'format', 'changed-since', 'max-warnings', 'output']) {
      assert.ok(action.inputs[name], `input ${name} is declared`);
    }
    for (const [name, input] of Object.entries(action.inputs)) assert.ok(input.description, `input ${name} has a description`);
  });

  it('action.yml declares every input it uses, uses every input it declares, and splices none into a script', () => {
    const used = new Set<string>();
    for (const m of raw.matchAll(EXPRESSION)) if (m[1].startsWith('inputs.')) used.add(m[1].slice('inputs.'.length));
    assert.ok(used.size > 0);
    assert.deepEqual([...used].sort(), Object.keys(action.inputs).sort());
    for (const step of action.runs.steps) {
      // An input in a script's text is a script injection (a branch name can hold `$(…)`): they go through env.
      assert.doesNotMatch(step.run ?? '', /\$\{\{\s*inputs\./, `step ${String(step.name)} splices an input into its script`);
    }
    const ids = new Set(action.runs.steps.map((s) => s.id));
    for (const [name, output] of Object.entries(action.outputs ?? {})) {
      const step = /^\$\{\{\s*steps\.([\w-]+)\.outputs\.[\w-]+\s*\}\}$/.exec(output.value);
      assert.ok(step && ids.has(step[1]), `output ${name} names a step of the action`);
    }
  });

  it('.pre-commit-hooks.yaml declares the northstar hook: node, `northstar check`, the files Northstar reads', () => {
    const hooks = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
    assert.ok(Array.isArray(hooks));
    const hook = hooks.find((h) => h.id === 'northstar');
    assert.ok(hook, 'a hook with id northstar');
    assert.equal(hook.language, 'node');
    assert.equal(hook.entry, 'northstar check');
    assert.equal(hook.pass_filenames, true);
    assert.ok(hook.name);
    const bin = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin;
    assert.ok(bin[hook.entry.split(' ')[0]], 'the entry is the package\'s bin');
    assert.ok(hook.files);
    const files = new RegExp(hook.files);
    const selected = ['CODEOWNERS', '.github/CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS', 'catalog-info.yaml', 'a/catalog-info.yml',
      'services/x/service-contract.yaml', 'teams.yaml', 'vision.yml', '.northstar.yaml', 'package.json', 'apps/web/package.json', 'go.mod',
      'Cargo.toml', 'py/pyproject.toml', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'src/App/App.csproj'];
    const ignored = ['README.md', 'src/index.ts', 'CODEOWNERS.md', 'my-teams.yaml', 'package-lock.json', 'docs/vision.md', 'service-contract.yaml.bak', '.csproj/x'];
    for (const f of selected) assert.match(f, files, `${f} is checked`);
    for (const f of ignored) assert.doesNotMatch(f, files, `${f} is not checked`);
  });
});

interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, { permissions?: Record<string, string>; steps: { uses?: string; run?: string; if?: string; with?: Record<string, unknown> }[] }>;
}

describe('CI examples', () => {
  it('examples/acme\'s GitHub workflow: a pinned Northstar, full scans on main, --changed-since only on pull requests, SARIF uploaded', () => {
    const text = fs.readFileSync(path.join(ROOT, 'examples', 'acme', '.github', 'workflows', 'ci.yml'), 'utf8');
    assert.doesNotMatch(text, /npx northstar/, 'a bare npx northstar installs whatever is newest (or nothing)');
    const wf = parse(text) as Workflow;
    assert.ok('pull_request' in wf.on && 'push' in wf.on);
    const job = wf.jobs.northstar;
    assert.deepEqual(job.permissions, { contents: 'read', 'security-events': 'write' });
    const checkout = job.steps.find((s) => s.uses?.startsWith('actions/checkout@'));
    assert.equal(checkout?.with?.['fetch-depth'], 0, 'the base branch and the history are fetched for --changed-since');
    const northstar = job.steps.find((s) => s.uses?.startsWith('northstar-dev/northstar@'));
    assert.ok(northstar?.uses, 'the job uses the action');
    assert.match(northstar.uses, /@(v\d+\.\d+\.\d+|[0-9a-f]{40})$/, 'pinned to a version tag or a commit');
    const inputs = Object.keys(northstar.with ?? {});
    for (const input of inputs) assert.ok(input in readAction(ROOT).inputs, `the workflow passes ${input}, which action.yml declares`);
    // --changed-since only on pull requests: the expression is empty for every other event.
    assert.equal(northstar.with?.['changed-since'], "${{ github.event_name == 'pull_request' && format('origin/{0}', github.base_ref) || '' }}");
    assert.equal(northstar.with?.format, 'sarif');
    const upload = job.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.equal(upload?.with?.sarif_file, northstar.with?.output);
    assert.match(upload?.if ?? '', /!cancelled\(\)/, 'uploaded also when check fails on an error finding');
  });

  it('docs/ci/gitlab-ci.yml: a pinned Northstar writes a Code Quality report that GitLab keeps even when the job fails', () => {
    const text = fs.readFileSync(path.join(ROOT, 'docs', 'ci', 'gitlab-ci.yml'), 'utf8');
    assert.doesNotMatch(text, /npx northstar/);
    const job = (parse(text) as Record<string, { variables: Record<string, string>; before_script: string[]; script: string[]; artifacts: { when: string; reports: { codequality: string } } }>).northstar;
    assert.match(job.variables.NORTHSTAR_REF, /^v\d+\.\d+\.\d+$/);
    assert.ok(job.before_script.some((line) => line.includes('--branch "$NORTHSTAR_REF"')));
    const check = job.script.find((line) => line.startsWith('northstar check '));
    assert.ok(check);
    const report = /--format gitlab -o (\S+)$/.exec(check);
    assert.ok(report, 'check writes --format gitlab to a file');
    assert.equal(job.artifacts.reports.codequality, report[1]);
    assert.equal(job.artifacts.when, 'always');
  });
});

describe('GitHub Action and pre-commit hook, installed from a fresh clone', function () {
  this.timeout(600_000);
  let tmp: string;
  let clone: string;
  let workspace: string;
  let cloned: Action;
  const outputs = (): string => path.join(tmp, 'github-output');

  /** Runs one of the action's steps as GitHub does: `bash --noprofile --norc -eo pipefail`, in its working directory, with its env. */
  function runStep(step: ActionStep, inputs: Record<string, string>, extraEnv: Record<string, string> = {}): Ran {
    assert.ok(step.run !== undefined);
    const context = { actionPath: clone, inputs: { ...Object.fromEntries(Object.entries(cloned.inputs).map(([k, v]) => [k, v.default ?? ''])), ...inputs } };
    const env: Record<string, string> = { GITHUB_ACTION_PATH: clone, GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: outputs(), ...extraEnv };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(v, context);
    const cwd = step['working-directory'] ? path.resolve(workspace, expand(step['working-directory'], context)) : workspace;
    return run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', expand(step.run, context)], cwd, cleanEnv(env));
  }
  const step = (id: string | undefined, index: number): ActionStep => (id ? cloned.runs.steps.find((s) => s.id === id) : cloned.runs.steps[index]) ?? assert.fail(`no step ${String(id)}`);

  before(() => {
    tmp = tempDir('action-test');
    clone = path.join(tmp, 'action');
    ok('git', ['clone', '--quiet', ROOT, clone], tmp);
    cloned = readAction(clone);
    workspace = path.join(tmp, 'workspace');
    fs.mkdirSync(workspace);
    copyAcme(workspace);
    // The workspace is a repository with one commit, for --changed-since.
    const git = (...args: string[]): Ran => ok('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], workspace);
    git('init', '--quiet');
    git('add', '.');
    git('commit', '--quiet', '-m', 'acme');
    fs.writeFileSync(outputs(), '');
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('the action installs and builds Northstar in its own folder, and its check writes SARIF for the workspace', () => {
    assert.ok(!fs.existsSync(path.join(clone, 'dist')) && !fs.existsSync(path.join(clone, 'node_modules')), 'the clone starts unbuilt');
    const install = runStep(step(undefined, 0), {}, { npm_config_prefer_offline: 'true' });
    assert.equal(install.status, 0, `${install.stdout}\n${install.stderr}`);
    assert.ok(fs.existsSync(path.join(clone, 'dist', 'cli.js')));

    const check = runStep(step('check', 1), { root: 'acme' });
    assert.equal(check.status, 0, `${check.stdout}\n${check.stderr}`);
    const sarif = JSON.parse(fs.readFileSync(path.join(workspace, 'northstar.sarif'), 'utf8')) as { version: string; runs: { results: { ruleId: string }[] }[] };
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0].results.some((r) => r.ruleId === 'codeowners/no-match'));
    assert.match(fs.readFileSync(outputs(), 'utf8'), /^report=northstar\.sarif$/m);
  });

  it('the action passes max-warnings, format, an empty output (the log) and changed-since to the CLI', () => {
    const strict = runStep(step('check', 1), { root: 'acme', format: 'text', output: '', 'max-warnings': '0' });
    assert.equal(strict.status, 1, `${strict.stdout}\n${strict.stderr}`);
    assert.match(strict.stdout, /^⚠ \d+ problems \(0 errors, \d+ warnings/m);

    const all = runStep(step('check', 1), { root: 'acme', format: 'json', output: '' });
    assert.equal(all.status, 0, all.stderr);
    assert.ok((JSON.parse(all.stdout) as { findings: unknown[] }).findings.length > 0);
    // Nothing changed since HEAD: no module is touched, so no module's finding is reported.
    const none = runStep(step('check', 1), { root: 'acme', format: 'json', output: '', 'changed-since': 'HEAD' });
    assert.equal(none.status, 0, none.stderr);
    assert.ok((JSON.parse(none.stdout) as { findings: unknown[] }).findings.length < (JSON.parse(all.stdout) as { findings: unknown[] }).findings.length);
    const bad = runStep(step('check', 1), { root: 'acme', output: '', 'changed-since': 'no-such-ref' });
    assert.equal(bad.status, 2, `${bad.stdout}\n${bad.stderr}`);
  });

  it('with changed-since, the action appends the pull-request report to the job summary (unless pr-report is "false")', () => {
    const summary = path.join(tmp, 'step-summary.md');
    const added = path.join(workspace, 'acme', 'services', 'payments-api', 'src', 'refund.ts');
    fs.writeFileSync(added, 'export const refund = () => null;\n');
    try {
      fs.writeFileSync(summary, '');
      const ran = runStep(step('check', 1), { root: 'acme', format: 'json', output: '', 'changed-since': 'HEAD' }, { GITHUB_STEP_SUMMARY: summary });
      assert.ok(ran.status === 0 || ran.status === 1, `${ran.stdout}\n${ran.stderr}`);
      const report = fs.readFileSync(summary, 'utf8');
      assert.match(report, /^## Northstar: 1 module touched; \d+ errors, \d+ warnings \(0 new, 0 fixed since the base\)$/m);
      assert.match(report, /^### payments-api$/m);
      assert.match(report, /^- \*\*Review\*\*: .*\(1 changed file\)$/m);
      fs.writeFileSync(summary, '');
      runStep(step('check', 1), { root: 'acme', format: 'json', output: '', 'changed-since': 'HEAD', 'pr-report': 'false' }, { GITHUB_STEP_SUMMARY: summary });
      assert.equal(fs.readFileSync(summary, 'utf8'), '');
    } finally {
      fs.rmSync(added);
    }
  });

  it('the pre-commit hook installs as pre-commit does (npm pack, npm install -g) and checks the files its pattern selects', () => {
    assert.ok(fs.existsSync(path.join(clone, 'node_modules')), 'after the action test, the clone has its dependencies (pre-commit runs npm install)');
    fs.rmSync(path.join(clone, 'dist'), { recursive: true, force: true });
    const packed = ok(NPM, ['pack', '--json', '--pack-destination', tmp], clone);
    const tgz = path.join(tmp, (JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as { filename: string }[])[0].filename);
    const prefix = path.join(tmp, 'pre-commit-env');
    ok(NPM, ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tgz], tmp);

    const hook = (parse(fs.readFileSync(path.join(clone, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[]).find((h) => h.id === 'northstar');
    assert.ok(hook?.files);
    const pattern = new RegExp(hook.files);
    const acme = path.join(workspace, 'acme');
    const staged = filesUnder(acme).filter((f) => pattern.test(f));
    assert.ok(staged.includes('.github/CODEOWNERS') && staged.includes('services/payments-api/service-contract.yaml'));
    const [command, ...args] = hook.entry.split(' ');
    const r = run(path.join(prefix, 'bin', command), [...args, ...staged], acme);
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    // Headers are absolute (ESLint's stylish), so a terminal or $eslint-stylish can open them.
    assert.ok(r.stdout.split('\n').includes(path.join(acme, '.github', 'CODEOWNERS')), r.stdout);
    assert.match(r.stdout, /codeowners\/no-match$/m);
  });
});
