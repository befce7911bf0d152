/** Shared helpers for the CLI and reporter tests: hand-made models, schemas, fixtures, runs. */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { assignTeams, directoryOf } from '../../src/core/model/teams';
import type { Dependency, DependencyKind, Draft, Finding, Model, Module, Team } from '../../src/core/model/types';
import { main } from '../../src/cli/main';
import { newModule } from '../../src/core/model/module';

/** The repository root (where schemas/ and test/fixtures/ live), whatever folder the tests were compiled to. */
export function repoRoot(): string {
  const starts = [__dirname, process.cwd()];
  for (const start of starts) {
    let dir = start;
    for (;;) {
      if (fs.existsSync(path.join(dir, 'schemas', 'output', 'check.schema.json')) && fs.existsSync(path.join(dir, 'package.json'))) return dir;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error('repository root not found');
}

const validators = new Map<string, ValidateFunction>();

/** Validates `data` against schemas/output/<name>.schema.json; returns Ajv's errors as text, or '' when valid. */
export function schemaErrors(name: 'check' | 'owners' | 'model' | 'summary' | 'sarif' | 'gitlab', data: unknown): string {
  let validate = validators.get(name);
  if (!validate) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    const schema = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'schemas', 'output', `${name}.schema.json`), 'utf8')) as object;
    validate = ajv.compile(schema);
    validators.set(name, validate);
  }
  return validate(data) ? '' : ajv2text(validate);
}

function ajv2text(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`).join('; ');
}

// ---------------------------------------------------------------------------
// Hand-made model objects

export function makeModule(partial: Partial<Module> & { name: string }): Module {
  const folder = partial.path ?? `services/${partial.name}`;
  const contract = folder === '' ? 'service-contract.yaml' : `${folder}/service-contract.yaml`;
  const definedAt = { file: contract, line: 3, column: 7, endLine: 3, endColumn: 7 + partial.name.length };
  return { ...newModule(partial.name, folder, 'contract', definedAt), type: 'service', lifecycle: 'production', ...partial };
}

export function ref(name: string): { name: string; location: null } {
  return { name, location: null };
}

/** A dependency edge on module `name`, declared in a contract unless another kind is given. */
export function dep(name: string, kind: DependencyKind = 'declared', via = kind === 'declared' ? 'service-contract.yaml dependsOn' : `package.json ${kind}`): Dependency {
  return { name, location: null, kind, via };
}

export function makeFinding(partial: Partial<Finding> & { ruleId: string; file: string }): Finding {
  return {
    severity: 'warning',
    message: `Problem reported by ${partial.ruleId}.`,
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
    module: null,
    ...partial,
  };
}

export function makeTeam(id: string, name: string, aliases: string[] = []): Team {
  return { id, name, aliases: [id, ...aliases], escalation: [], source: 'teams', location: null };
}

/**
 * A model as the engine would give it: each module's team resolved from its owners by the
 * core's own resolver (model/teams.ts), undeclared owners added as teams.
 */
export function makeModel(partial: Partial<Model> = {}): Model {
  const model: Model = {
    root: '/work/shop',
    modules: [],
    teams: [],
    priorities: [],
    vision: null,
    codeowners: null,
    priorityTags: [],
    learning: [],
    findings: [],
    ...partial,
  };
  // Test models are built fresh for each test: the resolver may write each module's team.
  return { ...model, teams: assignTeams(model.modules as Draft<Module>[], directoryOf(model.teams)) };
}

// ---------------------------------------------------------------------------
// Fixtures on disk and runs of the CLI

/** Copies test/fixtures/<name> to a fresh temporary folder and returns its path. */
export function copyFixture(name: string): string {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), `northstar-${name}-`));
  fs.cpSync(path.join(repoRoot(), 'test', 'fixtures', name), target, { recursive: true });
  return target;
}

export function removeFolder(folder: string): void {
  fs.rmSync(folder, { recursive: true, force: true });
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runInProcess(argv: string[], cwd: string, stdin = ''): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: () => Promise.resolve(stdin),
    cwd,
  });
  return { code, stdout, stderr };
}

/** The compiled entry point beside the compiled tests (out/src/cli/index.js). */
export const CLI_ENTRY = path.join(__dirname, '..', '..', 'src', 'cli', 'index.js');

export function runSpawned(argv: string[], cwd: string, stdin = ''): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_ENTRY, ...argv], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

export type Runner = (argv: string[], cwd: string, stdin?: string) => Promise<RunResult>;
export const RUNNERS: [string, Runner][] = [
  ['in-process', runInProcess],
  ['spawned', runSpawned],
];

// ---------------------------------------------------------------------------
// GitHub code scanning's SARIF requirements, checked one by one (besides the JSON schemas)

/**
 * What GitHub code scanning's "SARIF support" page requires of an upload, as a list of problems
 * ('' when none): each rule's `id`, `shortDescription.text`, `fullDescription.text` and
 * `help.text` (descriptions at most 1,024 characters); each result's `message.text`,
 * `locations` with `artifactLocation.uri` and `region.startLine`, and `partialFingerprints`;
 * at most 20 runs, 25,000 results and 25,000 rules a run, 20 tags a rule; relative URIs under
 * a `uriBaseId` that `originalUriBaseIds` declares.
 */
export function githubSarifProblems(log: unknown): string {
  const problems: string[] = [];
  const text = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
  const l = log as { version?: unknown; runs?: unknown[] };
  if (l.version !== '2.1.0') problems.push('version is not 2.1.0');
  if (!Array.isArray(l.runs) || l.runs.length === 0 || l.runs.length > 20) problems.push('runs: 1 to 20');
  for (const [r, run] of ((l.runs ?? []) as Record<string, unknown>[]).entries()) {
    const driver = (run.tool as { driver?: Record<string, unknown> } | undefined)?.driver;
    if (!driver || !text(driver.name)) problems.push(`run ${r}: tool.driver.name`);
    const rules = (driver?.rules ?? []) as Record<string, unknown>[];
    if (rules.length > 25_000) problems.push(`run ${r}: more than 25,000 rules`);
    for (const rule of rules) {
      const id = String(rule.id);
      if (!text(rule.id)) problems.push('a rule without id');
      for (const key of ['shortDescription', 'fullDescription']) {
        const t = (rule[key] as { text?: unknown } | undefined)?.text;
        if (!text(t)) problems.push(`${id}: ${key}.text`);
        else if (t.length > 1024) problems.push(`${id}: ${key}.text over 1,024 characters`);
      }
      if (!text((rule.help as { text?: unknown } | undefined)?.text)) problems.push(`${id}: help.text`);
      const tags = (rule.properties as { tags?: unknown[] } | undefined)?.tags ?? [];
      if (tags.length > 20) problems.push(`${id}: more than 20 tags`);
    }
    const bases = new Set(Object.keys((run.originalUriBaseIds as object | undefined) ?? {}));
    const results = (run.results ?? []) as Record<string, unknown>[];
    if (!Array.isArray(run.results)) problems.push(`run ${r}: results`);
    if (results.length > 25_000) problems.push(`run ${r}: more than 25,000 results`);
    for (const [i, result] of results.entries()) {
      const where = `run ${r} result ${i}`;
      if (!text((result.message as { text?: unknown } | undefined)?.text)) problems.push(`${where}: message.text`);
      const fingerprints = result.partialFingerprints as Record<string, unknown> | undefined;
      if (!fingerprints || Object.keys(fingerprints).length === 0 || !Object.values(fingerprints).every(text)) problems.push(`${where}: partialFingerprints`);
      const locations = (result.locations ?? []) as { physicalLocation?: { artifactLocation?: { uri?: unknown; uriBaseId?: unknown }; region?: { startLine?: unknown } } }[];
      if (locations.length === 0) problems.push(`${where}: locations`);
      for (const loc of locations) {
        const artifact = loc.physicalLocation?.artifactLocation;
        if (typeof artifact?.uri !== 'string') problems.push(`${where}: artifactLocation.uri`);
        else if (!/^[a-z][a-z0-9+.-]*:/i.test(artifact.uri) && (typeof artifact.uriBaseId !== 'string' || !bases.has(artifact.uriBaseId))) {
          problems.push(`${where}: relative uri without a declared uriBaseId`);
        }
        const line = loc.physicalLocation?.region?.startLine;
        if (typeof line !== 'number' || line < 1) problems.push(`${where}: region.startLine`);
      }
    }
  }
  return problems.join('; ');
}
