/**
 * The architecture diagram panel (DESIGN.md section 4): one panel showing one root, drawn by
 * the webview from the Mermaid source built here (`renderMessage`, the same builder as
 * `northstar diagram`), redrawn when the model changes, restored after a reload by its
 * serializer (the page keeps its view state with setState), and exportable as SVG, Mermaid
 * source and Markdown.
 */
import * as vscode from 'vscode';
import { diagramHtml } from './diagramHtml';
import { markdownExport, moduleDetails, normalizeState, openTarget, renderMessage } from '../../webview/diagram-host';
import { DIAGRAM_VIEW_TYPE, type DiagramViewState, type HostMessage, type WebviewMessage } from '../../webview/diagram-protocol';
import type { NorthstarModel, RootAnalysis } from '../model';
import { createNonce, mediaUri, webviewOptions } from './webviewHtml';

export const SHOW_DIAGRAM_COMMAND = 'northstar.showDiagram';
export const EXPORT_DIAGRAM_COMMAND = 'northstar.exportDiagram';
export { DIAGRAM_VIEW_TYPE };

/** What the panel needs of the model service. */
type DiagramModel = Pick<NorthstarModel, 'onDidChange' | 'roots' | 'ready' | 'uriOf' | 'locate' | 'output'>;

const rootKey = (root: RootAnalysis): string => root.folder.uri.toString();

function rootNamed(model: DiagramModel, name: string | null): RootAnalysis | undefined {
  const roots = model.roots();
  return (name === null ? undefined : roots.find((r) => r.folder.name === name)) ?? roots[0];
}

/** A message from the page, checked: anything malformed is dropped. */
function parseMessage(raw: unknown): WebviewMessage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  const text = (v: unknown): v is string => typeof v === 'string';
  switch (m.type) {
    case 'ready':
      return { type: 'ready', state: m.state === null || m.state === undefined ? null : normalizeState(m.state) };
    case 'update':
      return { type: 'update', state: normalizeState(m.state) };
    case 'open':
    case 'select':
      return text(m.module) ? { type: m.type, module: m.module } : undefined;
    case 'openFinding':
      return text(m.file) && typeof m.line === 'number' ? { type: 'openFinding', file: m.file, line: m.line } : undefined;
    case 'copy':
      return { type: 'copy' };
    case 'export':
      if (m.format === 'svg') return text(m.svg) ? { type: 'export', format: 'svg', svg: m.svg } : undefined;
      return m.format === 'mermaid' || m.format === 'markdown' ? { type: 'export', format: m.format } : undefined;
    default:
      return undefined;
  }
}

export class DiagramPanel implements vscode.Disposable {
  static current: DiagramPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private root: RootAnalysis;
  private state: DiagramViewState;
  /** The Mermaid source last sent: what the exports write. */
  private mermaid = '';
  private disposed = false;

  static show(context: vscode.ExtensionContext, model: DiagramModel, root: RootAnalysis, select?: string): DiagramPanel {
    const existing = DiagramPanel.current;
    if (existing) {
      if (rootKey(existing.root) !== rootKey(root)) existing.setRoot(root);
      if (select) existing.select(select);
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(DIAGRAM_VIEW_TYPE, 'Architecture', vscode.ViewColumn.Active, webviewOptions(context.extensionUri));
    const state = normalizeState({ root: root.folder.name, selected: select ?? null });
    return (DiagramPanel.current = new DiagramPanel(panel, context, model, root, state));
  }

  static revive(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, model: DiagramModel, saved: unknown): DiagramPanel | undefined {
    const state = normalizeState(saved);
    const root = rootNamed(model, state.root);
    if (!root) {
      panel.dispose();
      return undefined;
    }
    DiagramPanel.current?.dispose();
    return (DiagramPanel.current = new DiagramPanel(panel, context, model, root, state));
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
    private readonly model: DiagramModel,
    root: RootAnalysis,
    state: DiagramViewState,
  ) {
    this.root = root;
    this.state = { ...state, root: root.folder.name };
    panel.webview.options = webviewOptions(context.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'northstar.svg');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(parseMessage(raw))),
      model.onDidChange((changed) => {
        if (rootKey(changed) === rootKey(this.root)) {
          this.root = changed;
          this.render();
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        const current = this.model.roots().find((r) => rootKey(r) === rootKey(this.root)) ?? this.model.roots()[0];
        if (!current) this.dispose();
        else this.setRoot(current);
      }),
    );
    this.load();
  }

  /** Sets the page; it asks for its diagram with a 'ready' message (again after every reload). */
  private load(): void {
    const { webview } = this.panel;
    const ext = this.context.extensionUri;
    this.panel.title = `Architecture: ${this.root.folder.name}`;
    webview.html = diagramHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: mediaUri(webview, ext, 'diagram.js').toString(),
      mermaidUri: mediaUri(webview, ext, 'mermaid/mermaid.min.js').toString(),
      styleUri: mediaUri(webview, ext, 'diagram.css').toString(),
    });
  }

  private post(message: HostMessage): void {
    // A hidden page drops messages; it reloads and sends 'ready' when shown again.
    void this.panel.webview.postMessage(message);
  }

  private render(): void {
    if (this.disposed) return;
    const started = Date.now();
    const roots = this.model.roots().map((r) => r.folder.name);
    const message = renderMessage(this.root.analysis.model, { ...this.state, root: this.root.folder.name }, roots);
    this.state = message.state;
    this.mermaid = message.diagram?.mermaid ?? '';
    this.panel.title = `Architecture: ${this.root.folder.name}`;
    this.post(message);
    this.model.output.debug(`diagram: ${message.diagram?.nodes.length ?? 0} nodes for ${message.totals.visible} modules in ${Date.now() - started} ms`);
  }

  setRoot(root: RootAnalysis): void {
    this.root = root;
    this.state = normalizeState({ ...this.state, root: root.folder.name, expand: [], focus: null, selected: null });
    this.render();
  }

  /** Shows `name` in the side panel (the page asks for its details when it draws). */
  select(name: string): void {
    this.state.selected = name;
    this.render();
  }

  private onMessage(message: WebviewMessage | undefined): void {
    if (!message) return;
    switch (message.type) {
      case 'ready':
        if (message.state) this.state = { ...message.state, root: message.state.root ?? this.state.root };
        if (this.state.root !== this.root.folder.name) {
          const named = rootNamed(this.model, this.state.root);
          if (named) this.root = named;
        }
        this.render();
        return;
      case 'update': {
        const switching = message.state.root !== null && message.state.root !== this.root.folder.name;
        this.state = message.state;
        if (switching) {
          const named = rootNamed(this.model, message.state.root);
          if (named) {
            this.setRoot(named);
            return;
          }
        }
        this.render();
        return;
      }
      case 'select':
        this.state.selected = message.module;
        this.post({ type: 'details', module: message.module, details: moduleDetails(this.root.analysis.model, message.module) });
        return;
      case 'open':
        void this.open(message.module);
        return;
      case 'openFinding':
        void this.openFile(message.file, message.line, 1);
        return;
      case 'copy':
        void vscode.env.clipboard.writeText(this.mermaid).then(() => vscode.window.setStatusBarMessage('Mermaid source copied', 3000));
        return;
      case 'export':
        void this.export(message.format, message.format === 'svg' ? message.svg : undefined);
        return;
    }
  }

  private async open(name: string): Promise<void> {
    const target = openTarget(this.root.analysis.model, name);
    if (!target) {
      void vscode.window.showWarningMessage(`Northstar: no module named ${name} in ${this.root.folder.name}.`);
      return;
    }
    const opened = await this.openFile(target.file, target.line, target.column, true);
    if (!opened) await vscode.commands.executeCommand('revealInExplorer', this.model.uriOf(this.root, target.folder));
  }

  private async openFile(file: string, line: number, column: number, quiet = false): Promise<boolean> {
    const position = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
    try {
      await vscode.window.showTextDocument(this.model.uriOf(this.root, file), {
        selection: new vscode.Range(position, position),
        viewColumn: this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One,
        preview: true,
      });
      return true;
    } catch (error) {
      this.model.output.warn(`diagram: cannot open ${file}: ${error instanceof Error ? error.message : String(error)}`);
      if (!quiet) void vscode.window.showErrorMessage(`Northstar: cannot open ${file}.`);
      return false;
    }
  }

  /** Writes the drawn diagram as `format` to `target`, or where the user chooses. Returns the file written. */
  async export(format: 'svg' | 'mermaid' | 'markdown', svg?: string, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const name = `architecture-${this.root.folder.name}`.replace(/[^\w.-]+/g, '-');
    const kinds: Record<typeof format, { ext: string; filter: Record<string, string[]> }> = {
      svg: { ext: 'svg', filter: { SVG: ['svg'] } },
      mermaid: { ext: 'mmd', filter: { Mermaid: ['mmd', 'mermaid'] } },
      markdown: { ext: 'md', filter: { Markdown: ['md'] } },
    };
    const kind = kinds[format];
    if (format !== 'svg' && this.mermaid === '') {
      void vscode.window.showWarningMessage('Northstar: nothing is drawn to export.');
      return undefined;
    }
    const content =
      format === 'svg'
        ? `<?xml version="1.0" encoding="UTF-8"?>\n${svg ?? ''}`
        : format === 'mermaid'
          ? this.mermaid
          : markdownExport(this.mermaid, this.root.folder.name);
    const uri =
      target ??
      (await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.joinPath(this.root.folder.uri, `${name}.${kind.ext}`),
        filters: kind.filter,
        saveLabel: 'Export',
        title: `Export the architecture diagram of ${this.root.folder.name}`,
      }));
    if (!uri) return undefined;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
    this.model.output.info(`diagram of ${this.root.folder.name} written to ${uri.toString()}`);
    if (!target) {
      void vscode.window.showInformationMessage(`Diagram written to ${vscode.workspace.asRelativePath(uri)}.`, 'Open').then((choice) => {
        if (choice === 'Open') void vscode.commands.executeCommand('vscode.open', uri);
      });
    }
    return uri;
  }

  /** For tests: the state the panel last drew and its Mermaid source. */
  snapshot(): { state: DiagramViewState; mermaid: string; root: string } {
    return { state: { ...this.state }, mermaid: this.mermaid, root: this.root.folder.name };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (DiagramPanel.current === this) DiagramPanel.current = undefined;
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/**
 * Registers `northstar.showDiagram [uri]` (palette, and the editor-title button of contracts
 * and CODEOWNERS, which passes the file: its root is drawn and, for a contract, its module
 * selected) and the serializer that restores the panel after a reload.
 */
export function registerDiagram(context: vscode.ExtensionContext, model: DiagramModel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_DIAGRAM_COMMAND, async (arg?: unknown) => {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Northstar: analysing the workspace' }, () => model.ready());
      const roots = model.roots();
      if (roots.length === 0) {
        void vscode.window.showInformationMessage('Northstar: open a folder to see its architecture diagram.');
        return undefined;
      }
      const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
      const located = uri ? model.locate(uri) : undefined;
      let root = located?.root;
      if (!root && roots.length > 1 && !DiagramPanel.current) {
        const picked = await vscode.window.showQuickPick(
          roots.map((r) => ({ label: r.folder.name, description: r.folder.uri.fsPath, root: r })),
          { placeHolder: 'Show the architecture of which folder?' },
        );
        if (!picked) return undefined;
        root = picked.root;
      }
      root ??= roots[0];
      const module = arg instanceof vscode.Uri && located ? located.root.analysis.moduleOf(located.path) : undefined;
      const select = module && module.files.includes(located?.path ?? '') ? module.name : undefined;
      return DiagramPanel.show(context, model, root, select).snapshot();
    }),
    // From the panel's title bar, or with (format, target) from a test or a task.
    vscode.commands.registerCommand(EXPORT_DIAGRAM_COMMAND, async (format?: unknown, target?: unknown) => {
      const panel = DiagramPanel.current;
      if (!panel) {
        void vscode.window.showInformationMessage('Northstar: open the architecture diagram first.');
        return undefined;
      }
      let kind: 'mermaid' | 'markdown' | undefined = format === 'mermaid' || format === 'markdown' ? format : undefined;
      if (!kind) {
        const items: (vscode.QuickPickItem & { format: 'mermaid' | 'markdown' })[] = [
          { label: 'Markdown with a mermaid block', format: 'markdown' },
          { label: 'Mermaid source (.mmd)', format: 'mermaid' },
        ];
        kind = (await vscode.window.showQuickPick(items, { placeHolder: 'Export the diagram as' }))?.format;
      }
      return kind ? panel.export(kind, undefined, target instanceof vscode.Uri ? target : undefined) : undefined;
    }),
    vscode.window.registerWebviewPanelSerializer(DIAGRAM_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        await model.ready();
        DiagramPanel.revive(panel, context, model, state);
      },
    }),
    { dispose: () => DiagramPanel.current?.dispose() },
  );
}
