/**
 * A `service-contract.yaml` for a module that only has a manifest, filled from what the
 * analysis already knows (name, description, type, owner by CODEOWNERS, dependencies,
 * priorities, tests found), with TODOs for the rest. Pure: the extension offers it as a fix.
 */
import { joinPath } from '../fs';
import { isArchitecturalDependency } from '../model/predicates';
import { PLACEHOLDER_OWNER } from '../model/teams';
import type { Finding, Fix, Module, OwnerMatch } from '../model/types';


/** Rule areas whose findings on a manifest-only module are best fixed by writing a contract. */
const CONTRACT_AREAS = ['quality/', 'observability/', 'ownership/'];

/** A YAML double-quoted scalar (JSON strings are valid YAML). */
function quote(value: string): string {
  return JSON.stringify(value);
}

function relativeTo(folder: string, path: string): string {
  return folder === '' ? path : path.slice(folder.length + 1);
}

const TEST_FOLDERS = new Set(['test', 'tests', '__tests__']);

/** Escape glob syntax so that a file path matches itself only. */
function literalGlob(path: string): string {
  return path.replace(/[\\*?[\]{}()!+@]/g, (c) => `\\${c}`);
}

/**
 * Globs relative to the module folder covering the tests found: a test folder becomes
 * `<folder>/**`, a single file stays itself.
 */
export function testGlobsFor(module: Module): string[] {
  const globs = new Set<string>();
  for (const file of module.tests) {
    const rel = relativeTo(module.path, file);
    const parts = rel.split('/');
    const folderAt = parts.findIndex((p, i) => i < parts.length - 1 && TEST_FOLDERS.has(p));
    globs.add(folderAt >= 0 ? `${parts.slice(0, folderAt + 1).map(literalGlob).join('/')}/**` : literalGlob(rel));
  }
  return [...globs].sort();
}

/**
 * The text of the contract. `codeowners` is who CODEOWNERS says owns the module's folder;
 * `chosen`, an owner picked for it (a quick fix's candidate) where CODEOWNERS names none.
 */
export function contractTemplate(module: Module, codeowners: OwnerMatch, chosen?: string): string {
  const owner = codeowners.owners[0] ?? module.owners[0] ?? chosen ?? PLACEHOLDER_OWNER;
  const lines: string[] = [
    `# Service contract of ${module.name}, written by Northstar from what it found;`,
    '# complete the TODOs (Northstar\'s service-contract schema describes every field).',
    'apiVersion: northstar/v1',
    'kind: ServiceContract',
    `name: ${quote(module.name)}`,
    `description: ${quote(module.description ?? 'TODO: what this module does, in one sentence.')}`,
  ];
  if (owner === PLACEHOLDER_OWNER) lines.push('# TODO: the owning team (a teams.yaml id, or a CODEOWNERS handle such as @org/team).');
  else if (codeowners.rule && codeowners.owners.length > 0) lines.push(`# Owner as given by ${codeowners.rule.file} line ${codeowners.rule.line}.`);
  lines.push(`owner: ${quote(owner)}`);
  lines.push(`type: ${module.type}`);
  if (module.system) lines.push(`system: ${quote(module.system)}`);
  if (module.lifecycle) lines.push(`lifecycle: ${module.lifecycle}`);
  else lines.push('# lifecycle: production  # experimental | production | deprecated');
  if (module.tier !== null) lines.push(`tier: ${module.tier}`);
  else lines.push('# tier: 2  # 1 = most critical … 3');
  // Dev, peer and optional edges stay in the manifest: written as `dependsOn`, they would count for cycles.
  const dependsOn = [...new Set(module.dependsOn.filter(isArchitecturalDependency).map((d) => d.name))];
  if (dependsOn.length > 0) lines.push(`dependsOn: [${dependsOn.map(quote).join(', ')}]`);
  if (module.priorities.length > 0) lines.push(`priorities: [${module.priorities.map(quote).join(', ')}]`);
  const tests = testGlobsFor(module);
  if (tests.length > 0) {
    lines.push(`# ${module.tests.length} test file(s) found.`);
    lines.push(`tests: [${tests.map(quote).join(', ')}]`);
  } else {
    lines.push('# No tests found: add some, or list where they are:', '# tests: ["test/**"]');
  }
  if (module.type !== 'library') {
    // Commented out: a placeholder value would count as evidence and hide the gap.
    lines.push(
      '# TODO: how it can be observed in production, then uncomment:',
      '# observability:',
      '#   logs: structured-json',
      '#   metrics: prometheus',
      '#   traces: opentelemetry',
    );
  }
  return lines.join('\n') + '\n';
}

/** Where the module's contract goes. */
export function contractPath(module: Module): string {
  return joinPath(module.path, 'service-contract.yaml');
}

/**
 * The "create a contract" fix for a finding about a manifest-only module, or null when the
 * finding is not about one (or the module already has a contract or catalog entry).
 */
export function contractTemplateFix(finding: Finding, module: Module | undefined, codeowners: OwnerMatch): Fix | null {
  if (!module || module.source !== 'manifest' || finding.module !== module.name) return null;
  if (!CONTRACT_AREAS.some((area) => finding.ruleId.startsWith(area))) return null;
  return {
    title: `Create ${contractPath(module)} for "${module.name}" from a template`,
    edits: [{ file: contractPath(module), range: null, newText: contractTemplate(module, codeowners) }],
  };
}
