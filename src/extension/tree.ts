/**
 * The Northstar view: Teams → modules → findings, and Priorities → initiatives → modules (and
 * the priority's own modules), per workspace
 * folder (folders are a first level only in a multi-root workspace). A module's icon is its
 * scorecard level; clicking an item opens where it is written.
 */
import * as vscode from 'vscode';
import type { Finding, Initiative, Module, Priority, ScorecardLevel, SourceLocation, Team } from '../core/model/types';
import { isInitiativeOverdue, modulesOfInitiative } from '../core/model/strategy';
import { isScored } from '../core/model/predicates';
import { isPerson, teamOfModule } from '../core/model/teams';
import { moduleAccessibilityLabel, moduleTooltipMarkdown } from '../core/hover';
import { LEVEL_LABEL, levelExplanation, nextLevelNeeds } from '../core/scorecard';
import { toVscodeRange } from './diagnostics';
import type { NorthstarModel, RootAnalysis } from './model';

export const VIEW_ID = 'northstar.overview';

export type NorthstarNode =
  | { kind: 'folder'; root: RootAnalysis }
  | { kind: 'group'; root: RootAnalysis; group: 'teams' | 'priorities' }
  | { kind: 'team'; root: RootAnalysis; team: Team | null }
  | { kind: 'priority'; root: RootAnalysis; priority: Priority }
  | { kind: 'initiative'; root: RootAnalysis; initiative: Initiative }
  | { kind: 'module'; root: RootAnalysis; module: Module; parent: string }
  | { kind: 'finding'; root: RootAnalysis; finding: Finding; parent: string; index: number };

const LEVEL_ICONS: Record<ScorecardLevel, string> = {
  gold: 'star-full',
  silver: 'star-half',
  bronze: 'star-empty',
  none: 'circle-outline',
};

export function levelIcon(level: ScorecardLevel): vscode.ThemeIcon {
  return new vscode.ThemeIcon(LEVEL_ICONS[level], new vscode.ThemeColor(`northstar.level.${level}`));
}

/** A module item's tooltip (Markdown, core/hover.ts): its level explained, its owners and how many findings it has. */
export function moduleTooltip(root: RootAnalysis, module: Module): string {
  return moduleTooltipMarkdown(root.analysis, module);
}

/** A team row's counts: modules, findings on them, and modules by level (highest first). */
export function teamCounts(root: RootAnalysis, modules: readonly Module[]): { findings: number; levels: string } {
  const findings = modules.reduce((n, m) => n + findingsOfModule(root, m).length, 0);
  const levels = (['gold', 'silver', 'bronze', 'none'] as const)
    .map((l) => [l, modules.filter((m) => isScored(m) && m.level === l).length] as const)
    .filter(([, n]) => n > 0)
    .map(([l, n]) => `${LEVEL_LABEL[l]} ${n}`)
    .join(', ');
  return { findings, levels };
}

function findingIcon(finding: Finding): vscode.ThemeIcon {
  if (finding.severity === 'error') return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
  if (finding.severity === 'warning') return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  return new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground'));
}

function byName(a: Module, b: Module): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function modulesOfTeam(root: RootAnalysis, team: Team | null): Module[] {
  // The module's team is the model's answer (model/teams.ts), as on every other surface.
  return root.analysis.model.modules.filter((m) => m.team === (team ? team.id : null)).sort(byName);
}

export function modulesOfPriority(root: RootAnalysis, priority: Priority): Module[] {
  return root.analysis.model.modules.filter((m) => m.priorities.includes(priority.id)).sort(byName);
}

/** An initiative's modules that the workspace has (model/strategy.ts decides which it changes). */
export function modulesOfInitiativeNode(root: RootAnalysis, initiative: Initiative): Module[] {
  return modulesOfInitiative(root.analysis.model, initiative)
    .map((name) => root.analysis.moduleByName(name))
    .filter((m): m is Module => m !== undefined);
}

export function findingsOfModule(root: RootAnalysis, module: Module): Finding[] {
  return root.analysis.model.findings.filter((f) => f.module === module.name);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export class NorthstarTreeProvider implements vscode.TreeDataProvider<NorthstarNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<NorthstarNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly model: NorthstarModel) {
    this.subscription = model.onDidChange(() => this.emitter.fire(undefined));
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }

  getChildren(node?: NorthstarNode): NorthstarNode[] {
    if (!node) {
      const roots = this.model.roots();
      const multi = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
      if (multi) return roots.map((root) => ({ kind: 'folder', root }));
      return roots.flatMap((root) => this.groups(root));
    }
    const { root } = node;
    switch (node.kind) {
      case 'folder':
        return this.groups(root);
      case 'group': {
        if (node.group === 'priorities') return root.analysis.model.priorities.map((priority) => ({ kind: 'priority', root, priority }));
        const teams: NorthstarNode[] = [...root.analysis.model.teams]
          .sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0))
          .map((team) => ({ kind: 'team', root, team }));
        if (modulesOfTeam(root, null).length > 0) teams.push({ kind: 'team', root, team: null });
        return teams;
      }
      case 'team': {
        const parent = `team:${node.team?.id ?? ''}`;
        return modulesOfTeam(root, node.team).map((module) => ({ kind: 'module', root, module, parent }));
      }
      case 'priority': {
        const parent = `priority:${node.priority.id}`;
        const initiatives: NorthstarNode[] = (node.priority.initiatives ?? []).map((initiative) => ({ kind: 'initiative', root, initiative }));
        return [...initiatives, ...modulesOfPriority(root, node.priority).map((module): NorthstarNode => ({ kind: 'module', root, module, parent }))];
      }
      case 'initiative': {
        const parent = `priority:${node.initiative.priority}/initiative:${node.initiative.id}`;
        return modulesOfInitiativeNode(root, node.initiative).map((module) => ({ kind: 'module', root, module, parent }));
      }
      case 'module': {
        // Findings are listed under Teams only; under Priorities a module is a leaf.
        if (!node.parent.startsWith('team:')) return [];
        const parent = `${node.parent}/module:${node.module.name}`;
        return findingsOfModule(root, node.module).map((finding, index) => ({ kind: 'finding', root, finding, parent, index }));
      }
      case 'finding':
        return [];
    }
  }

  private groups(root: RootAnalysis): NorthstarNode[] {
    const out: NorthstarNode[] = [{ kind: 'group', root, group: 'teams' }];
    if (root.analysis.model.priorities.length > 0) out.push({ kind: 'group', root, group: 'priorities' });
    return out;
  }

  private open(root: RootAnalysis, location: SourceLocation | null): vscode.Command | undefined {
    if (!location) return undefined;
    const options: vscode.TextDocumentShowOptions = { selection: toVscodeRange(location), preview: true };
    return { command: 'vscode.open', title: 'Open', arguments: [this.model.uriOf(root, location.file), options] };
  }

  getTreeItem(node: NorthstarNode): vscode.TreeItem {
    const { root } = node;
    const folderKey = root.folder.uri.toString();
    const { Collapsed, Expanded, None } = vscode.TreeItemCollapsibleState;
    switch (node.kind) {
      case 'folder': {
        const item = new vscode.TreeItem(root.folder.name, Expanded);
        item.id = folderKey;
        item.iconPath = vscode.ThemeIcon.Folder;
        item.resourceUri = root.folder.uri;
        item.contextValue = 'northstar.folder';
        return item;
      }
      case 'group': {
        const teams = node.group === 'teams';
        // Teams and people: a GitHub user owning modules is an owner, not a team.
        const item = new vscode.TreeItem(teams ? 'Owners' : 'Priorities', Expanded);
        item.id = `${folderKey}#${node.group}`;
        item.iconPath = new vscode.ThemeIcon(teams ? 'organization' : 'target');
        item.contextValue = `northstar.${node.group}`;
        return item;
      }
      case 'team': {
        const modules = modulesOfTeam(root, node.team);
        const item = new vscode.TreeItem(node.team ? node.team.name : 'No owner', modules.length > 0 ? Collapsed : None);
        item.id = `${folderKey}#team:${node.team?.id ?? ''}`;
        const counts = teamCounts(root, modules);
        item.description = [
          node.team && node.team.name !== node.team.id ? node.team.id : null,
          plural(modules.length, 'module'),
          plural(counts.findings, 'finding'),
        ].filter((x): x is string => x !== null).join(' · ');
        item.iconPath = new vscode.ThemeIcon(node.team ? (isPerson(node.team) ? 'person' : 'organization') : 'question');
        const levels = counts.levels ? `\nLevels: ${counts.levels}` : '';
        item.tooltip = node.team
          ? `${node.team.id}\nAlso known as: ${node.team.aliases.join(', ')}${levels}${node.team.source === 'undeclared' ? '\nNo teams.yaml entry, Backstage group or CODEOWNERS line declares this owner.' : ''}`
          : `Modules that no contract, catalog entry or CODEOWNERS line gives an owner${levels}`;
        item.contextValue = 'northstar.team';
        const command = this.open(root, node.team?.location ?? null);
        if (command) item.command = command;
        return item;
      }
      case 'priority': {
        const modules = modulesOfPriority(root, node.priority);
        const item = new vscode.TreeItem(node.priority.title, modules.length > 0 || (node.priority.initiatives ?? []).length > 0 ? Collapsed : None);
        item.id = `${folderKey}#priority:${node.priority.id}`;
        item.description = `${node.priority.id} · ${plural(modules.length, 'module')}`;
        item.iconPath = new vscode.ThemeIcon('target');
        item.contextValue = 'northstar.priority';
        const command = this.open(root, node.priority.location);
        if (command) item.command = command;
        return item;
      }
      case 'initiative': {
        const { initiative } = node;
        const modules = modulesOfInitiativeNode(root, initiative);
        const overdue = root.analysis.model.today !== undefined && isInitiativeOverdue(initiative, root.analysis.model.today);
        const item = new vscode.TreeItem(initiative.title, modules.length > 0 ? Collapsed : None);
        item.id = `${folderKey}#priority:${initiative.priority}/initiative:${initiative.id}`;
        item.description = [initiative.status ?? 'no status', initiative.due ? `due ${initiative.due}${overdue ? ' (overdue)' : ''}` : null, initiative.owner].filter((x): x is string => x !== null).join(' · ');
        item.iconPath = new vscode.ThemeIcon(
          initiative.status === 'done' ? 'pass' : initiative.status === 'dropped' ? 'circle-slash' : overdue ? 'warning' : 'milestone',
          overdue ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined,
        );
        item.tooltip = `Initiative ${initiative.id} (priority ${initiative.priority})\nStatus: ${initiative.status ?? 'none'}${initiative.due ? `\nDue: ${initiative.due}${overdue ? ' (overdue)' : ''}` : ''}\nOwner: ${initiative.owner ?? 'none'}${initiative.metric ? `\nMetric: ${initiative.metric}` : ''}\n${plural(modules.length, 'module')}`;
        item.contextValue = 'northstar.initiative';
        const command = this.open(root, initiative.location);
        if (command) item.command = command;
        return item;
      }
      case 'module': {
        const findings = node.parent.startsWith('team:') ? findingsOfModule(root, node.module) : [];
        const item = new vscode.TreeItem(node.module.name, findings.length > 0 ? Collapsed : None);
        item.id = `${folderKey}#${node.parent}/module:${node.module.name}`;
        // The level and, when something is missing, what the next level needs: "Bronze · Silver needs: escalation path (team Growth has none)".
        const explanation = levelExplanation(node.module, teamOfModule(root.analysis.model, node.module), root.analysis.config);
        const needs = nextLevelNeeds(explanation);
        item.description = explanation.scored ? [LEVEL_LABEL[node.module.level], needs ?? node.module.path].filter((x) => x !== '').join(' · ') : node.module.path;
        item.iconPath = levelIcon(node.module.level);
        // Markdown from the core, where every name from the workspace is escaped; no HTML, no command links.
        item.tooltip = new vscode.MarkdownString(moduleTooltip(root, node.module));
        item.accessibilityInformation = { label: moduleAccessibilityLabel(root.analysis, node.module) };
        item.contextValue = 'northstar.module';
        item.command = this.open(root, node.module.definedAt);
        return item;
      }
      case 'finding': {
        const item = new vscode.TreeItem(node.finding.message, None);
        // Two findings can share rule and place: the index keeps ids unique.
        item.id = `${folderKey}#${node.parent}/finding:${node.index}:${node.finding.ruleId}:${node.finding.file}:${node.finding.line}:${node.finding.column}`;
        item.description = node.finding.ruleId;
        item.tooltip = `${node.finding.file}:${node.finding.line}:${node.finding.column}\n${node.finding.message}`;
        item.iconPath = findingIcon(node.finding);
        item.contextValue = 'northstar.finding';
        item.command = this.open(root, node.finding);
        return item;
      }
    }
  }
}

export function registerTree(context: vscode.ExtensionContext, model: NorthstarModel): NorthstarTreeProvider {
  const provider = new NorthstarTreeProvider(model);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  context.subscriptions.push(provider, view);
  return provider;
}
