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
