/**
 * The vision summary panel (DESIGN.md section 4): one panel, showing one root at a time, kept
 * up to date from the model, restored after a reload by its serializer, and exportable as the
 * same Markdown that `northstar summary --format md` prints.
 */
import * as vscode from 'vscode';
import { INIT_COMMAND } from '../init';
import {
  parseSummaryPageMessage,
  savedSummaryRoot,
  SUMMARY_VIEW_TYPE,
  type SummaryHostMessage,
  type SummaryPageData,
  type SummaryPageMessage,
} from '../../protocol/summary';
import type { RootAnalysis } from '../model';
import { findRoot, type PageDefinition, type PanelModel, type PanelPage, type PanelSite, PanelHost, rootKey } from './panelHost';
import { buildSummaryPageData, summaryHtml, summaryMarkdownOf } from './summaryPage';
import { isHttpUrl } from './webviewHtml';
import { docsBase, ruleDocsUri } from '../docsLinks';

export const SHOW_SUMMARY_COMMAND = 'northstar.showVisionSummary';
export const EXPORT_SUMMARY_COMMAND = 'northstar.exportSummaryMarkdown';
export const SUMMARY_PANEL_TITLE = 'Vision Summary';

/** The root a command argument names: a folder URI (or a file inside it), its string, or a folder name no other folder has. */
function rootFromArgument(model: PanelModel, arg: unknown): RootAnalysis | undefined {
  const roots = model.roots();
  if (arg instanceof vscode.Uri) return roots.find((r) => rootKey(r) === arg.toString()) ?? model.locate(arg)?.root;
  if (typeof arg === 'string') return findRoot(roots, arg);
  return undefined;
}

/**
 * The root to act on: the one named by the argument, the only one, or the user's choice
 * (undefined when the user cancels or nothing is analysed).
 */
async function chooseRoot(model: PanelModel, arg: unknown, placeHolder: string): Promise<RootAnalysis | undefined> {
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Northstar: analysing the workspace' },
    () => model.ready(),
  );
  const roots = model.roots();
  if (arg !== undefined && arg !== null) {
    const named = rootFromArgument(model, arg);
    if (named) return named;
  }
  if (roots.length === 0) {
    void vscode.window.showInformationMessage('Northstar: open a folder to see its vision summary.');
    return undefined;
  }
  if (roots.length === 1) return roots[0];
  const picked = await vscode.window.showQuickPick(
    roots.map((root) => ({ label: root.folder.name, description: root.folder.uri.fsPath || root.folder.uri.toString(), root })),
    { placeHolder },
  );
  return picked?.root;
}

class SummaryPage implements PanelPage<SummaryPageMessage> {
  /**
   * The page's HTML no longer holds the latest data: an update was posted since it was set,
   * or dropped while the panel was hidden. A hidden webview is destroyed and re-created from
   * its HTML when shown again, so the HTML is then set afresh.
   */
  private stale = false;
  /** The page script has drawn the embedded data and listens for updates. */
  private pageReady = false;
  /** An update was posted before the page listened: send it again when it is ready. */
  private postedBeforeReady = false;

  constructor(
    private readonly site: PanelSite<SummaryHostMessage>,
    private readonly exportCommand: string,
    /** The extension's folder: the rule pages are packed under it. */
    private readonly extensionUri: vscode.Uri,
  ) {}

  private get root(): RootAnalysis {
    return this.site.root;
  }

  private data(): SummaryPageData {
    return buildSummaryPageData(this.root.analysis.model, { name: this.root.folder.name, uri: rootKey(this.root) }, this.site.roots(), docsBase(this.extensionUri), this.root.analysis.config);
  }

  /** Sets the whole page (first load, or after changes made while hidden). */
  load(): void {
    const data = this.data();
    this.pageReady = false;
    this.postedBeforeReady = false;
    this.site.setHtml(({ cspSource, nonce, media }) =>
      summaryHtml({ cspSource, nonce, scriptUri: media('summary.js'), styleUri: media('summary.css'), data }),
    );
    this.stale = false;
  }

  /** Sends fresh data to a visible page (it re-draws in place); a hidden one reloads when shown. */
  refresh(): void {
    if (this.site.disposed) return;
    if (!this.site.panel.visible) {
      this.stale = true;
      return;
    }
    if (!this.pageReady) this.postedBeforeReady = true;
    this.stale = true;
    this.site.post({ type: 'update', data: this.data() });
  }

  switched(): void {
    this.refresh();
  }

  shown(): void {
    if (this.stale) this.load();
  }

  onMessage(message: SummaryPageMessage): void {
    switch (message.type) {
      case 'openModule':
        void this.openModule(message.name);
        return;
      case 'openExternal':
        if (isHttpUrl(message.url)) void vscode.env.openExternal(vscode.Uri.parse(message.url.trim(), true));
        else this.site.model.output.warn(`summary: refused to open a link that is not http(s): ${message.url}`);
        return;
      case 'openRuleDocs':
        // Only a rule of the registry: the id comes from the page, and names a packed file.
        if (this.root.analysis.rules.some((r) => r.id === message.id)) void vscode.commands.executeCommand('vscode.open', ruleDocsUri(this.extensionUri, message.id));
        else this.site.model.output.warn(`summary: refused to open the documentation of an unknown rule: ${message.id}`);
        return;
      case 'startFiles':
        void vscode.commands.executeCommand(INIT_COMMAND, this.root.folder.uri);
        return;
      case 'exportMarkdown':
        void vscode.commands.executeCommand(this.exportCommand, this.root.folder.uri);
        return;
      case 'ready':
        this.pageReady = true;
        if (this.postedBeforeReady) {
          this.postedBeforeReady = false;
          this.refresh();
        }
        return;
      case 'selectRoot': {
        const root = this.site.model.roots().find((r) => rootKey(r) === message.uri);
        if (root) {
          this.site.setRoot(root);
          this.refresh();
        }
        return;
      }
    }
  }

  private async openModule(name: string): Promise<void> {
    const module = this.root.analysis.moduleByName(name);
    if (!module) {
      void vscode.window.showWarningMessage(`Northstar: no module named ${name} in ${this.root.folder.name}.`);
      return;
    }
    const at = module.definedAt;
    const selection = new vscode.Range(Math.max(0, at.line - 1), Math.max(0, at.column - 1), Math.max(0, at.endLine - 1), Math.max(0, at.endColumn - 1));
    try {
      await vscode.window.showTextDocument(this.site.model.uriOf(this.root, at.file), { selection, viewColumn: vscode.ViewColumn.Beside, preview: false });
    } catch (error) {
      void vscode.window.showErrorMessage(`Northstar: cannot open ${at.file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

const summaryPage = (extensionUri: vscode.Uri): PageDefinition<SummaryPage, SummaryPageMessage, SummaryHostMessage> => ({
  viewType: SUMMARY_VIEW_TYPE,
  title: SUMMARY_PANEL_TITLE,
  logName: 'summary',
  parseMessage: parseSummaryPageMessage,
  savedRoot: savedSummaryRoot,
  createPage: (site) => new SummaryPage(site, EXPORT_SUMMARY_COMMAND, extensionUri),
});

type SummaryHost = PanelHost<SummaryPage, SummaryPageMessage, SummaryHostMessage>;

/** Writes the root's summary as Markdown to `target` (or where the user chooses). Returns the file written. */
async function exportMarkdown(model: PanelModel, host: SummaryHost, arg: unknown, target: unknown): Promise<vscode.Uri | undefined> {
  // From the panel's title bar no argument comes: export the root the active panel shows.
  const site = host.site;
  const shown = site?.panel.active ? rootKey(site.root) : undefined;
  const root = await chooseRoot(model, arg ?? shown, 'Export the vision summary of which folder?');
  if (!root) return undefined;
  const markdown = summaryMarkdownOf(root.analysis.model, root.analysis.config);
  const uri = target instanceof vscode.Uri
    ? target
    : await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.joinPath(root.folder.uri, 'vision-summary.md'),
        filters: { Markdown: ['md'] },
        saveLabel: 'Export',
        title: `Export the vision summary of ${root.folder.name}`,
      });
  if (!uri) return undefined;
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(markdown));
  model.output.info(`vision summary of ${root.folder.name} written to ${uri.toString()}`);
  if (!(target instanceof vscode.Uri)) {
    void vscode.window.showInformationMessage(`Vision summary written to ${vscode.workspace.asRelativePath(uri)}.`, 'Open').then((choice) => {
      if (choice === 'Open') void vscode.window.showTextDocument(uri);
    });
  }
  return uri;
}

/**
 * Registers the summary commands and the panel's serializer.
 * - `northstar.showVisionSummary [folder]`: opens (or reveals) the panel; a folder URI, URI
 *   string or name skips the root picker.
 * - `northstar.exportSummaryMarkdown [folder] [target]`: writes the Markdown; a target URI
 *   skips the save dialog. Resolves to the URI written, or undefined when cancelled.
 */
export function registerSummary(context: vscode.ExtensionContext, model: PanelModel): void {
  const host: SummaryHost = new PanelHost(context, model, summaryPage(context.extensionUri));
  context.subscriptions.push(
    host.register(),
    vscode.commands.registerCommand(SHOW_SUMMARY_COMMAND, async (arg?: unknown) => {
      const root = await chooseRoot(model, arg, 'Show the vision summary of which folder?');
      if (root) await host.show(root);
    }),
    vscode.commands.registerCommand(EXPORT_SUMMARY_COMMAND, (arg?: unknown, target?: unknown) => exportMarkdown(model, host, arg, target)),
  );
}
