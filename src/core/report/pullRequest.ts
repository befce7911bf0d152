/**
 * `check --format md`: a pull-request report for `$GITHUB_STEP_SUMMARY` or a merge-request note.
 * Per module the change touches (with `--changed-since`; else per module with findings): who to
 * ask for review (the CODEOWNERS owners of its changed files), its team and how to escalate, its
 * scorecard level with what the next level needs, and its findings. Every piece of text from the
 * repository goes through escapeMarkdown or markdownCode.
 */
import { teamOfModule } from '../model/teams';
import type { Finding, Model, Module, NorthstarConfig, OwnerMatch } from '../model/types';
import { LEVEL_LABEL, missingForNextLevel } from '../scorecard';
import { escapeMarkdown, markdownCode } from './escape';
import { compareWithBase, repositoryPath } from './identity';
import { countSeverities } from './json';

export interface PullRequestInput {
  model: Model;
  findings: readonly Finding[];
  /** Root-relative files the change touches, or null for a report of the whole workspace. */
  changed: readonly string[] | null;
  ownersOf(path: string): OwnerMatch;
  moduleOf(path: string): Module | undefined;
  /** The root's folder in the repository, for paths GitHub and GitLab can find. */
  prefix?: string;
  /** The configuration in force: criteria whose rule it switches off are not assessed. */
  config?: NorthstarConfig;
  /**
   * The workspace at the change's base (`--changed-since`): its modules, for level changes, and
   * its findings in the same scope as `findings`, for what is new and what was fixed.
   */
  base?: { model: Model; findings: readonly Finding[] };
}

const ICON = { error: '❌', warning: '⚠️', info: 'ℹ️' } as const;
/** Findings listed per module; the rest are counted (a summary holds at most 1 MiB). */
const MAX_FINDINGS = 50;

function findingLine(f: Finding, prefix: string, isNew = false): string {
  const where = f.file === '' ? '(workspace)' : `${repositoryPath(f.file, prefix)}:${f.line}`;
  return `- ${ICON[f.severity]} ${isNew ? '**new** ' : ''}${markdownCode(f.ruleId)} ${escapeMarkdown(where)}: ${escapeMarkdown(f.message)}`;
}

/** `Silver`, `Silver (was Bronze)`, or `Bronze (new module)` against the base. */
function levelText(m: Module, base: Model | undefined): string {
  if (!base) return LEVEL_LABEL[m.level];
  const before = base.modules.find((b) => b.name === m.name);
  if (!before) return `${LEVEL_LABEL[m.level]} (new module)`;
  return before.level === m.level ? `${LEVEL_LABEL[m.level]} (unchanged)` : `${LEVEL_LABEL[m.level]} (was ${LEVEL_LABEL[before.level]})`;
}

/** An http(s) URL as a Markdown link target that cannot end the link early; else null (shown as text). */
function linkTarget(url: string): string | null {
  if (!/^https?:\/\/[^\s]+$/i.test(url)) return null;
  return encodeURI(url).replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/</g, '%3C').replace(/>/g, '%3E');
}

export function pullRequestMarkdown(input: PullRequestInput): string {
  const prefix = input.prefix ?? '';
  const byModule = new Map<Module | null, Finding[]>();
  const add = (m: Module | null, f: Finding | null) => {
    const list = byModule.get(m) ?? [];
    if (f) list.push(f);
    byModule.set(m, list);
  };
  const byName = new Map(input.model.modules.map((m) => [m.name, m]));
  const changedBy = new Map<Module, string[]>();
  for (const file of input.changed ?? []) {
    const m = input.moduleOf(file);
    if (!m) continue;
    changedBy.set(m, [...(changedBy.get(m) ?? []), file]);
    add(m, null);
  }
  for (const f of input.findings) add((f.module !== null ? byName.get(f.module) : undefined) ?? input.moduleOf(f.file) ?? null, f);

  const modules = [...byModule.keys()].filter((m): m is Module => m !== null).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const counts = countSeverities(input.findings);
  const scope = input.changed !== null ? `${modules.length} module${modules.length === 1 ? '' : 's'} touched` : `${modules.length} module${modules.length === 1 ? '' : 's'} with findings`;
  const compared = input.base ? compareWithBase(input.findings, input.base.findings, prefix) : null;
  const isNew = (f: Finding) => compared?.isNew(f) ?? false;
  const fixedBy = new Map<string | null, Finding[]>();
  for (const f of compared?.fixed ?? []) fixedBy.set(f.module, [...(fixedBy.get(f.module) ?? []), f]);
  const against = compared ? ` (${input.findings.filter(isNew).length} new, ${compared.fixed.length} fixed since the base)` : '';
  const out = [`## Northstar: ${scope}; ${counts.errors} errors, ${counts.warnings} warnings${against}`, ''];
  if (modules.length === 0 && (byModule.get(null)?.length ?? 0) === 0) {
    out.push(input.changed !== null ? 'The change touches no module.' : 'No problems found.', '');
    return out.join('\n');
  }
  for (const m of modules) {
    const team = teamOfModule(input.model, m);
    out.push(`### ${escapeMarkdown(m.name)}`, '');
    const files = changedBy.get(m) ?? [];
    if (files.length > 0) {
      const owners = [...new Set(files.flatMap((f) => input.ownersOf(f).owners))];
      out.push(`- **Review**: ${owners.length > 0 ? owners.map(markdownCode).join(', ') : 'no CODEOWNERS owner for the changed files'} (${files.length} changed file${files.length === 1 ? '' : 's'})`);
    }
    if (team) {
      const first = team.escalation[0];
      const link = first?.url !== undefined ? linkTarget(first.url) : null;
      const escalation = first ? `escalate: ${escapeMarkdown(first.kind)} ${link ? `[${escapeMarkdown(first.target)}](${link})` : escapeMarkdown(first.target)}` : 'no escalation path';
      out.push(`- **Team**: ${escapeMarkdown(team.name)}; ${escalation}`);
    } else out.push('- **Team**: none (no owner)');
    const { next, missing } = missingForNextLevel(m, team, input.config);
    out.push(`- **Level**: ${levelText(m, input.base?.model)}${next && missing.length > 0 ? `; ${LEVEL_LABEL[next]} needs: ${missing.map(escapeMarkdown).join(', ')}` : ''}`);
    // New findings first: they are what the change brings.
    const findings = [...(byModule.get(m) ?? [])].sort((a, b) => Number(isNew(b)) - Number(isNew(a)));
    if (findings.length > 0) {
      out.push(compared ? `- **Findings** (${findings.filter(isNew).length} new):` : '- **Findings**:', '');
      for (const f of findings.slice(0, MAX_FINDINGS)) out.push(`  ${findingLine(f, prefix, isNew(f))}`);
      if (findings.length > MAX_FINDINGS) out.push(`  - … and ${findings.length - MAX_FINDINGS} more (\`northstar check\` lists them all)`);
    }
    const fixed = fixedBy.get(m.name) ?? [];
    if (fixed.length > 0) {
      out.push(`- **Fixed** (${fixed.length}):`, '');
      for (const f of fixed.slice(0, MAX_FINDINGS)) out.push(`  ${findingLine(f, prefix)}`);
      if (fixed.length > MAX_FINDINGS) out.push(`  - … and ${fixed.length - MAX_FINDINGS} more`);
    }
    out.push('');
  }
  const outside = byModule.get(null) ?? [];
  if (outside.length > 0) {
    out.push('### Outside any module', '');
    for (const f of outside.slice(0, MAX_FINDINGS)) out.push(findingLine(f, prefix, isNew(f)));
    if (outside.length > MAX_FINDINGS) out.push(`- … and ${outside.length - MAX_FINDINGS} more`);
    out.push('');
  }
  return out.join('\n');
}
