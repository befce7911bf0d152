/**
 * `northstar init` (CLI) and "Northstar: Start the Files Northstar Reads" (editor): the files a
 * repository that has only CODEOWNERS, catalogs and manifests is missing, written from what the
 * analysis already knows. Pure: it returns texts; the adapters write each one only where no file
 * exists (never overwriting), and open or list them.
 *
 * - `teams.yaml`: one entry per team the workspace names (CODEOWNERS team handles, Backstage
 *   groups, owners modules name), with the escalation the catalog gives, else a commented
 *   template: a module needs its team's escalation path for Bronze, and a made-up one would hide
 *   the gap.
 * - `vision.yaml`: a skeleton of three priorities (the format expects 3 to 5), each with the kind
 *   of outcome metric it needs, commented out until someone gives real numbers.
 * - a `service-contract.yaml` for each module known only from its manifest (contractTemplate).
 */
import { contractTemplate } from './fixes/contractTemplate';
import { joinPath } from './fs';
import { isPerson } from './model/teams';
import type { Model, Module, OwnerMatch, Team } from './model/types';

export interface InitFile {
  /** Root-relative path of the file to create. */
  path: string;
  text: string;
  /** One line for the user: what the file holds and where it came from. */
  what: string;
}

export interface InitInput {
  model: Model;
  ownersOf(path: string): OwnerMatch;
  /** The workspace's files (root-relative): a file is only planned where none of its names exists. */
  files: readonly string[];
}

const TEAMS_NAMES = ['teams.yaml', 'teams.yml'];
const VISION_NAMES = ['vision.yaml', 'vision.yml'];
const CONTRACT_NAMES = ['service-contract.yaml', 'service-contract.yml'];

/** A YAML double-quoted scalar (JSON strings are valid YAML). */
function quote(value: string): string {
  return JSON.stringify(value);
}

/** `Payments` for `@acme/payments`, `Data Platform` for `@acme/data-platform`; else the team's own name. */
function displayName(team: Team): string {
  if (team.name !== team.id) return team.name;
  const slug = /^@[^/\s]+\/([^/\s]+)$/.exec(team.id)?.[1];
  if (!slug) return team.name;
  return slug
    .split(/[-_.]/)
    .filter((w) => w !== '')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
}

function teamEntry(team: Team): string[] {
  const lines = [`  - id: ${quote(team.id)}`, `    name: ${quote(displayName(team))}`];
  const aliases = team.aliases.filter((a) => a !== team.id);
  if (aliases.length > 0) lines.push(`    aliases: [${aliases.map(quote).join(', ')}]`);
  if (team.escalation.length > 0) {
    lines.push('    escalation:');
    for (const step of team.escalation) {
      const url = step.url !== undefined ? `, url: ${quote(step.url)}` : '';
      lines.push(`      - { kind: ${quote(step.kind)}, target: ${quote(step.target)}${url} }`);
    }
  } else {
    lines.push(
      '    # TODO: who to reach first, next, last (a module needs this for Bronze):',
      '    # escalation:',
      '    #   - { kind: chat, target: "#team-oncall" }',
      '    #   - { kind: pager, target: team-primary }',
    );
  }
  return lines;
}

const SOURCE_WORDS: Record<Team['source'], string> = {
  teams: 'teams.yaml',
  catalog: 'a Backstage Group',
  codeowners: 'CODEOWNERS',
  undeclared: 'a module owner nothing declares',
};

function teamsFile(teams: readonly Team[]): InitFile {
  const lines = [
    '# Teams, written by `northstar init` from the names the workspace already uses',
    '# (CODEOWNERS handles, Backstage groups, module owners). Give each team its escalation path.',
    'apiVersion: northstar/v1',
    'kind: Teams',
  ];
  if (teams.length === 0) {
    lines.push('teams:', '  # - id: "@org/team"', '  #   name: Team', '  #   escalation: [{ kind: chat, target: "#team-oncall" }]', '  []');
  } else {
    lines.push('teams:');
    teams.forEach((t, i) => {
      if (i > 0) lines.push('');
      lines.push(`  # From ${SOURCE_WORDS[t.source]}.`);
      for (const line of teamEntry(t)) lines.push(line);
    });
  }
  const withEscalation = teams.filter((t) => t.escalation.length > 0).length;
  return {
    path: 'teams.yaml',
    text: lines.join('\n') + '\n',
    what: `${teams.length} team${teams.length === 1 ? '' : 's'} (${withEscalation} with an escalation path)`,
  };
}

/** Priorities a new vision starts from when the code links to fewer than three. */
const STARTER_PRIORITIES: readonly { id: string; title: string; metric: string }[] = [
  { id: 'reliability', title: 'Reliability first', metric: '{ name: availability, unit: "%", baseline: 99.5, current: 99.5, target: 99.9 }' },
  { id: 'delivery', title: 'Faster, safer delivery', metric: '{ name: lead time for changes, unit: days, baseline: 5, current: 5, target: 1 }' },
  { id: 'security', title: 'Secure by default', metric: '{ name: critical vulnerabilities fixed within 7 days, unit: "%", baseline: 60, current: 60, target: 95 }' },
];

/** The priority ids contracts, catalogs and `northstar:priority` tags already link to, most linked first. */
function linkedPriorities(model: Model): string[] {
  const counts = new Map<string, number>();
  for (const m of model.modules) for (const p of m.priorities) counts.set(p, (counts.get(p) ?? 0) + 1);
  for (const tag of model.priorityTags) counts.set(tag.priority, (counts.get(tag.priority) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
}

function titleOf(id: string): string {
  const words = id.split(/[-_.]/).filter((w) => w !== '');
  return words.length === 0 ? id : [words[0][0].toUpperCase() + words[0].slice(1), ...words.slice(1)].join(' ');
}

function visionFile(model: Model): InitFile {
  const linked = linkedPriorities(model);
  const priorities = linked.map((id) => {
    const starter = STARTER_PRIORITIES.find((s) => s.id === id);
    return { id, title: starter?.title ?? titleOf(id), metric: starter?.metric ?? null, linked: true };
  });
  for (const starter of STARTER_PRIORITIES) {
    if (priorities.length >= 3) break;
    if (!priorities.some((p) => p.id === starter.id)) priorities.push({ ...starter, linked: false });
  }
  const lines = [
    '# The technical vision, written by `northstar init`: where the product is headed, and 3 to 5',
    '# priorities, each with an outcome metric (a result users feel, not a count of work done).',
    '# Replace the TODOs; uncomment each metric once it has real numbers.',
    'apiVersion: northstar/v1',
    'kind: Vision',
    'vision:',
    '  direction: "TODO: where the product is headed, in one sentence."',
    '  why: "TODO: why that direction matters to its users."',
    'priorities:',
  ];
  priorities.forEach((p, i) => {
    if (i > 0) lines.push('');
    if (p.linked) lines.push('  # Already linked from the code.');
    lines.push(`  - id: ${quote(p.id)}`, `    title: ${quote(p.title)}`, '    # owner: "@org/team"', '    # metrics:');
    lines.push(p.metric ? `    #   - ${p.metric}` : '    #   - { name: TODO, unit: "%", baseline: 0, current: 0, target: 0 }');
  });
  lines.push('', '# How the engineering capacity is split, in percent (sums to 100):', '# capacity: { innovation: 50, maintenance: 30, security: 20 }');
  const fromCode = linked.length > 0 ? `, ${linked.length} of them already linked from the code` : '';
  return { path: 'vision.yaml', text: lines.join('\n') + '\n', what: `${priorities.length} priorities to complete with outcome metrics${fromCode}` };
}

function hasAny(files: ReadonlySet<string>, folder: string, names: readonly string[]): boolean {
  return names.some((n) => files.has(joinPath(folder, n)));
}

/** The modules a contract would declare: scored modules known only from a manifest. */
function withoutContract(model: Model, files: ReadonlySet<string>): Module[] {
  return model.modules.filter((m) => m.source === 'manifest' && m.kind === 'module' && !hasAny(files, m.path, CONTRACT_NAMES));
}

/** What `init` would create, in the order it is listed: teams, vision, then contracts by path. */
export function initPlan(input: InitInput): InitFile[] {
  const files = new Set(input.files);
  const plan: InitFile[] = [];
  if (!hasAny(files, '', TEAMS_NAMES)) plan.push(teamsFile(input.model.teams.filter((t) => t.source !== 'teams' && !isPerson(t))));
  if (!hasAny(files, '', VISION_NAMES)) plan.push(visionFile(input.model));
  const modules = withoutContract(input.model, files).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const m of modules) {
    const codeowners = input.ownersOf(m.definedAt.file);
    plan.push({
      path: joinPath(m.path, 'service-contract.yaml'),
      text: contractTemplate(m, codeowners),
      what: `the contract of ${m.name}, from ${m.definedAt.file}`,
    });
  }
  return plan;
}
