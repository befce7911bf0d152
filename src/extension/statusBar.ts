/**
 * The status bar entry: who owns the active file and which module it belongs to. Clicking
 * it (northstar.explainOwnership) offers the owners' escalation path, the module's contract,
 * and the CODEOWNERS line that decided, with the lines it overrode.
 */
import * as vscode from 'vscode';
import type { CodeownersRule, Module, SourceLocation } from '../core/model/types';
import { escalationOf, teamOfModule } from '../core/model/teams';
import { ownerSourceText } from '../core/model/predicates';
import { namedSections, sameSection, sectionLabel, sectionNeed, sectionsOf } from '../core/sources/codeowners/sections';
import { LEVEL_LABEL, levelExplanation, nextLevelNeeds } from '../core/scorecard';
import { statusBarText } from '../core/statusText';
import { toVscodeRange } from './diagnostics';
import type { NorthstarModel, RootAnalysis } from './model';

export const EXPLAIN_COMMAND = 'northstar.explainOwnership';
/** The status bar text while the active file's folder has no analysis yet. */
export const ANALYSING_TEXT = '$(sync~spin) Northstar: analysing…';

/**
 * Two answers, each from its one place: the file's owners are CODEOWNERS' (who GitHub or
 * GitLab asks to review a change to it); the module's team is the model's (model/teams.ts).
 */

/**
 * `$(organization) @acme/growth +1 · $(package) feed-export`: the file's first CODEOWNERS
 * owner (and how many more), then its module; short, every owner in the tooltip.
 */
export function statusText(root: RootAnalysis, path: string): string {
  return statusBarText(root.analysis.ownersOf(path).owners, root.analysis.moduleOf(path)?.name);
}

export function statusTooltip(root: RootAnalysis, path: string): string {
  const match = root.analysis.ownersOf(path);
  const module = root.analysis.moduleOf(path);
  const lines = [`Northstar: ${path}`];
  const sections = namedSections(sectionsOf(match, root.analysis.model.codeowners));
  if (sections.length > 0) {
    // GitLab: each section asks its own owners for its own approvals; one merged list would hide that.
    lines.push(`File owners (CODEOWNERS), ${sections.length === 1 ? 'one section' : `${sections.length} sections`}:`);
    for (const s of sections) {
      const who = s.excluded ? 'excluded' : s.owners.join(', ') || 'no owners';
      lines.push(`  ${sectionLabel(s)} ${who}: ${sectionNeed(s)}, by ${s.rule.file} line ${s.rule.line} (${s.rule.pattern})`);
    }
  } else {
    lines.push(match.rule
      ? `File owners (CODEOWNERS): ${match.owners.join(', ') || 'none (the line un-owns it)'}, by ${match.rule.file} line ${match.rule.line} (${match.rule.pattern})`
      : 'File owners (CODEOWNERS): no line matches this file');
  }
  if (module) {
    const team = teamOfModule(root.analysis.model, module);
    const owner = team
      ? `team ${team.name}${module.ownerSource ? ` (from ${ownerSourceText(module)})` : ''}${team.source === 'undeclared' ? ', which no team declares' : ''}`
      : 'no owning team';
    const needs = nextLevelNeeds(levelExplanation(module, teamOfModule(root.analysis.model, module), root.analysis.config));
    lines.push(`Module ${module.name}: ${owner}; scorecard: ${LEVEL_LABEL[module.level]}${needs ? ` (${needs})` : ''}`);
  }
  lines.push('Click to see the escalation path, the contract and the deciding line.');
  return lines.join('\n');
}

/** One entry of the explain QuickPick; `open` is what picking it does. */
export interface ExplainItem extends vscode.QuickPickItem {
  open?: { kind: 'url'; url: string } | { kind: 'location'; location: SourceLocation } | { kind: 'copy'; text: string };
}

function contractLocation(module: Module): SourceLocation {
  return module.definedAt;
}

function ruleLabel(rule: CodeownersRule): string {
  return `${rule.pattern}${rule.owners.length ? ' ' + rule.owners.join(' ') : ''}`;
}

/** The items of the explain QuickPick for a root-relative path. */
export function explainItems(root: RootAnalysis, path: string): ExplainItem[] {
  const { analysis } = root;
  const items: ExplainItem[] = [];
  const match = analysis.ownersOf(path);
  const module = analysis.moduleOf(path);
  // The teams of the file's owners (who review a change to it), then the module's team.
  const moduleTeam = module ? teamOfModule(analysis.model, module) : undefined;
  const teams = [...match.owners.map((owner) => analysis.teamOf(owner)), moduleTeam];
  const seenTeams = new Set<string>();
  // The module's own on-call (its catalog entry's annotations) first: model/teams.ts escalationOf.
  const own = module ? escalationOf(module, moduleTeam) : undefined;
  if (module && own && own.own > 0) {
    items.push({ label: `Escalation: ${module.name} (its catalog entry)`, kind: vscode.QuickPickItemKind.Separator });
    own.steps.slice(0, own.own).forEach((step, i) => {
      items.push({
        label: `${i + 1}. ${step.kind}: ${step.target}`,
        ...(step.url ? { description: step.url } : {}),
        open: step.url ? { kind: 'url', url: step.url } : { kind: 'copy', text: step.target },
      });
    });
  }
  for (const team of teams) {
    if (!team || seenTeams.has(team.id)) continue;
    seenTeams.add(team.id);
    items.push({ label: `Escalation: ${team.name}`, kind: vscode.QuickPickItemKind.Separator });
    if (team.escalation.length === 0) {
      items.push({ label: '$(warning) No escalation path', description: team.id, detail: 'Add "escalation" to this team in teams.yaml.', ...(team.location ? { open: { kind: 'location' as const, location: team.location } } : {}) });
    }
    team.escalation.forEach((step, i) => {
      items.push({
        label: `${i + 1}. ${step.kind}: ${step.target}`,
        ...(step.url ? { description: step.url } : {}),
        open: step.url ? { kind: 'url', url: step.url } : { kind: 'copy', text: step.target },
      });
    });
  }

  items.push({ label: 'Ownership', kind: vscode.QuickPickItemKind.Separator });
  if (module) {
    const contract = module.files.find((f) => /(^|\/)(service-contract|catalog-info)\.ya?ml$/.test(f));
    items.push({
      label: contract ? '$(file-code) Open contract' : '$(file-code) Open module definition',
      description: `${module.name} · ${LEVEL_LABEL[module.level]}`,
      detail: contract ?? module.definedAt.file,
      open: { kind: 'location', location: contractLocation(module) },
    });
  }
  const decided = match.rules.length > 0 ? match.rules : match.rule ? [match.rule] : [];
  const sections = sectionsOf(match, analysis.model.codeowners);
  for (const rule of decided) {
    const overridden = match.overridden.filter((o) => sameSection(o, rule));
    const section = rule.section !== null ? sections.find((s) => s.rule === rule) : undefined;
    items.push({
      label: `$(list-selection) Explain: CODEOWNERS line ${rule.line}`,
      description: ruleLabel(rule),
      detail: (section ? `Section ${sectionLabel(section)} (${sectionNeed(section)}). ` : '') + (overridden.length > 0
        ? `The last matching line wins; it overrides line${overridden.length > 1 ? 's' : ''} ${overridden.map((o) => o.line).join(', ')}.`
        : 'No earlier line matches this file.'),
      open: { kind: 'location', location: { file: rule.file, ...rule.patternRange } },
    });
    for (const o of overridden) {
      items.push({
        label: `    $(debug-step-over) Overridden: line ${o.line}`,
        description: ruleLabel(o),
        open: { kind: 'location', location: { file: o.file, ...o.patternRange } },
      });
    }
  }
  if (decided.length === 0) {
    const file = analysis.model.codeowners?.file;
    items.push({
      label: '$(circle-slash) No CODEOWNERS line matches this file',
      ...(file ? { description: file, open: { kind: 'location' as const, location: { file, line: 1, column: 1, endLine: 1, endColumn: 1 } } } : {}),
    });
  }
  return items;
}

export async function openLocation(model: NorthstarModel, root: RootAnalysis, location: SourceLocation): Promise<void> {
  await vscode.window.showTextDocument(model.uriOf(root, location.file), { selection: toVscodeRange(location), preview: false });
}

export class OwnershipStatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly model: NorthstarModel) {
    this.item = vscode.window.createStatusBarItem('northstar.owners', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'Northstar Ownership';
    this.item.command = EXPLAIN_COMMAND;
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      model.onDidChange(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('northstar.statusBar.enabled')) this.update();
      }),
    );
    this.update();
  }

  /** The text shown, or undefined when hidden. */
  get text(): string | undefined {
    return this.visible ? this.item.text : undefined;
  }

  get tooltip(): string | undefined {
    const tooltip = this.item.tooltip;
    return this.visible ? (typeof tooltip === 'string' ? tooltip : tooltip?.value) : undefined;
  }

  private visible = false;

  update(): void {
    const enabled = vscode.workspace.getConfiguration('northstar').get<boolean>('statusBar.enabled', true);
    const uri = vscode.window.activeTextEditor?.document.uri;
    const located = uri ? this.model.locate(uri) : undefined;
    if (enabled && !located && uri && this.model.isFirstAnalysisPending(uri)) {
      // Never wait for the first analysis (seconds on a huge folder): say so, and update when
      // it is published (onDidChange).
      this.item.text = ANALYSING_TEXT;
      this.item.tooltip = 'Northstar is analysing this workspace folder for the first time; ownership shows when it is done.';
      this.visible = true;
      this.item.show();
      return;
    }
    if (!enabled || !located) {
      this.visible = false;
      this.item.hide();
      return;
    }
    this.item.text = statusText(located.root, located.path);
    this.item.tooltip = statusTooltip(located.root, located.path);
    this.visible = true;
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

export async function explainOwnership(model: NorthstarModel, uri?: vscode.Uri): Promise<void> {
  const target = uri ?? vscode.window.activeTextEditor?.document.uri;
  const located = target ? model.locate(target) : undefined;
  if (!located && target && model.isFirstAnalysisPending(target)) {
    void vscode.window.showInformationMessage('Northstar is still analysing this workspace folder; try again in a moment.');
    return;
  }
  if (!located) {
    void vscode.window.showInformationMessage('Northstar: open a file of an analysed workspace folder to explain its ownership.');
    return;
  }
  const picked = await vscode.window.showQuickPick(explainItems(located.root, located.path), {
    title: `Ownership of ${located.path}`,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  const open = picked?.open;
  if (!open) return;
  if (open.kind === 'url') await vscode.env.openExternal(vscode.Uri.parse(open.url));
  else if (open.kind === 'copy') {
    await vscode.env.clipboard.writeText(open.text);
    void vscode.window.showInformationMessage(`Copied "${open.text}".`);
  } else await openLocation(model, located.root, open.location);
}

export function registerStatusBar(context: vscode.ExtensionContext, model: NorthstarModel): OwnershipStatusBar {
  const bar = new OwnershipStatusBar(model);
  context.subscriptions.push(
    bar,
    vscode.commands.registerCommand(EXPLAIN_COMMAND, (uri?: unknown) => explainOwnership(model, uri instanceof vscode.Uri ? uri : undefined)),
  );
  return bar;
}
