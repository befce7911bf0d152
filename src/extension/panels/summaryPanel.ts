/**
 * The vision summary panel (DESIGN.md section 4): one panel, showing one root at a time, kept
 * up to date from the model, restored after a reload by its serializer, and exportable as the
 * same Markdown that `northstar summary --format md` prints.
 */
import * as vscode from 'vscode';
import type { NorthstarModel, RootAnalysis } from '../model';
import { buildSummaryPageData, parseSummaryMessage, SUMMARY_VIEW_TYPE, summaryHtml, summaryMarkdownOf } from './summaryPage';
import type { SummaryHostMessage, SummaryPageData, SummaryPageMessage, SummaryPageState } from './summaryProtocol';
import { createNonce, isHttpUrl, mediaUri, webviewOptions } from './webviewHtml';

export const SHOW_SUMMARY_COMMAND = 'northstar.showVisionSummary';
export const EXPORT_SUMMARY_COMMAND = 'northstar.exportSummaryMarkdown';
export const SUMMARY_PANEL_TITLE = 'Vision Summary';

/** What the panel needs of the model service. */
type SummaryModel = Pick<NorthstarModel, 'onDidChange' | 'roots' | 'ready' | 'uriOf' | 'locate' | 'output'>;

const rootKey = (root: RootAnalysis): string => root.folder.uri.toString();

/** The root a command argument names: a folder URI (or a file inside it), its string, or a folder name. */
function rootFromArgument(model: SummaryModel, arg: unknown): RootAnalysis | undefined {
  const roots = model.roots();
  if (arg instanceof vscode.Uri) return roots.find((r) => rootKey(r) === arg.toString()) ?? model.locate(arg)?.root;
  if (typeof arg === 'string') return roots.find((r) => rootKey(r) === arg || r.folder.name === arg);
  return undefined;
}

/**
 * The root to act on: the one named by the argument, the only one, or the user's choice
 * (undefined when the user cancels or nothing is analysed).
 */
async function chooseRoot(model: SummaryModel, arg: unknown, placeHolder: string): Promise<RootAnalysis | undefined> {
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

function rootRefs(model: SummaryModel): { name: string; uri: string }[] {
  return model.roots().map((r) => ({ name: r.folder.name, uri: rootKey(r) }));
}

class SummaryPanel implements vscode.Disposable {
  static current: SummaryPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private root: RootAnalysis;
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
  /** Number of roots the page was last given (the picker's options). */
  private knownRoots = 0;
  /** Last visibility seen, to tell "shown again" from other view state changes. */
  private visible = true;
  private disposed = false;

  static show(context: vscode.ExtensionContext, model: SummaryModel, root: RootAnalysis): SummaryPanel {
    const existing = SummaryPanel.current;
    if (existing) {
      existing.setRoot(root);
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      SUMMARY_VIEW_TYPE,
      SUMMARY_PANEL_TITLE,
      vscode.ViewColumn.Active,
      webviewOptions(context.extensionUri),
    );
    return (SummaryPanel.current = new SummaryPanel(panel, context, model, root));
  }

  static revive(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, model: SummaryModel, root: RootAnalysis): SummaryPanel {
    SummaryPanel.current?.dispose();
    return (SummaryPanel.current = new SummaryPanel(panel, context, model, root));
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
    private readonly model: SummaryModel,
    root: RootAnalysis,
  ) {
    this.root = root;
    this.visible = panel.visible;
    panel.webview.options = webviewOptions(context.extensionUri);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(parseSummaryMessage(message))),
      panel.onDidChangeViewState(() => {
        const wasVisible = this.visible;
        this.visible = panel.visible;
        if (panel.visible && !wasVisible && this.stale) this.load();
      }),
      model.onDidChange((changed) => this.onModelChange(changed)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh()),
    );
    this.load();
  }

  get rootUri(): string {
    return rootKey(this.root);
  }

  private data(): SummaryPageData {
    return buildSummaryPageData(this.root.analysis.model, { name: this.root.folder.name, uri: this.rootUri }, rootRefs(this.model));
  }

  /** Sets the whole page (first load, or after changes made while hidden). */
  private load(): void {
    const { webview } = this.panel;
    const extensionUri = this.context.extensionUri;
    this.panel.title = `${SUMMARY_PANEL_TITLE}: ${this.root.folder.name}`;
    const data = this.data();
    this.knownRoots = data.roots.length;
    this.pageReady = false;
    this.postedBeforeReady = false;
    webview.html = summaryHtml({
      cspSource: webview.cspSource,
      scriptUri: mediaUri(webview, extensionUri, 'summary.js').toString(),
      styleUri: mediaUri(webview, extensionUri, 'summary.css').toString(),
      nonce: createNonce(),
      data,
    });
    this.stale = false;
  }

  /** Sends fresh data to a visible page (it re-draws in place); a hidden one reloads when shown. */
  private refresh(): void {
    if (this.disposed) return;
    const current = this.model.roots().find((r) => rootKey(r) === this.rootUri) ?? this.model.roots()[0];
    if (!current) {
      this.dispose();
      return;
    }
    this.root = current;
    this.panel.title = `${SUMMARY_PANEL_TITLE}: ${current.folder.name}`;
    if (!this.panel.visible) {
      this.stale = true;
      return;
    }
    const data = this.data();
    this.knownRoots = data.roots.length;
    if (!this.pageReady) this.postedBeforeReady = true;
    const message: SummaryHostMessage = { type: 'update', data };
    this.stale = true;
    void this.panel.webview.postMessage(message);
  }

  private onModelChange(changed: RootAnalysis): void {
    // Another root's first analysis changes the list of roots the page offers.
    const known = rootRefs(this.model).length;
    if (rootKey(changed) === this.rootUri || known !== this.knownRoots) this.refresh();
  }

  setRoot(root: RootAnalysis): void {
    this.root = root;
    this.refresh();
  }

  private onMessage(message: SummaryPageMessage | undefined): void {
    if (!message) return;
    switch (message.type) {
      case 'openModule':
        void this.openModule(message.name);
        return;
      case 'openExternal':
        if (isHttpUrl(message.url)) void vscode.env.openExternal(vscode.Uri.parse(message.url.trim(), true));
        else this.model.output.warn(`summary: refused to open a link that is not http(s): ${message.url}`);
        return;
      case 'exportMarkdown':
        void vscode.commands.executeCommand(EXPORT_SUMMARY_COMMAND, this.root.folder.uri);
        return;
      case 'ready':
        this.pageReady = true;
        if (this.postedBeforeReady) {
          this.postedBeforeReady = false;
          this.refresh();
        }
        return;
      case 'selectRoot': {
        const root = this.model.roots().find((r) => rootKey(r) === message.uri);
        if (root) this.setRoot(root);
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
      await vscode.window.showTextDocument(this.model.uriOf(this.root, at.file), { selection, viewColumn: vscode.ViewColumn.Beside, preview: false });
    } catch (error) {
      void vscode.window.showErrorMessage(`Northstar: cannot open ${at.file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (SummaryPanel.current === this) SummaryPanel.current = undefined;
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** Writes the root's summary as Markdown to `target` (or where the user chooses). Returns the file written. */
async function exportMarkdown(model: SummaryModel, arg: unknown, target: unknown): Promise<vscode.Uri | undefined> {
  // From the panel's title bar no argument comes: export the root the active panel shows.
  const shown = SummaryPanel.current?.panel.active ? SummaryPanel.current.rootUri : undefined;
  const root = await chooseRoot(model, arg ?? shown, 'Export the vision summary of which folder?');
  if (!root) return undefined;
  const markdown = summaryMarkdownOf(root.analysis.model);
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

function isPageState(state: unknown): state is SummaryPageState {
  return typeof state === 'object' && state !== null && typeof (state as Record<string, unknown>).root === 'string';
}

/**
 * Registers the summary commands and the panel's serializer.
 * - `northstar.showVisionSummary [folder]`: opens (or reveals) the panel; a folder URI, URI
 *   string or name skips the root picker.
 * - `northstar.exportSummaryMarkdown [folder] [target]`: writes the Markdown; a target URI
 *   skips the save dialog. Resolves to the URI written, or undefined when cancelled.
 */
export function registerSummary(context: vscode.ExtensionContext, model: SummaryModel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_SUMMARY_COMMAND, async (arg?: unknown) => {
      const root = await chooseRoot(model, arg, 'Show the vision summary of which folder?');
      if (root) SummaryPanel.show(context, model, root);
    }),
    vscode.commands.registerCommand(EXPORT_SUMMARY_COMMAND, (arg?: unknown, target?: unknown) => exportMarkdown(model, arg, target)),
    vscode.window.registerWebviewPanelSerializer(SUMMARY_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
        await model.ready();
        const roots = model.roots();
        const root = (isPageState(state) ? roots.find((r) => rootKey(r) === state.root) : undefined) ?? roots[0];
        if (!root) {
          panel.dispose();
          return;
        }
        SummaryPanel.revive(panel, context, model, root);
      },
    }),
    { dispose: () => SummaryPanel.current?.dispose() },
  );
}
