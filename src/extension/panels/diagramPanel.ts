/**
 * The architecture diagram panel (DESIGN.md section 4): one panel showing one root, drawn by
 * the webview from the Mermaid source built here (`renderMessage`, the same builder as
 * `northstar diagram`), redrawn when the model changes, restored after a reload (the page keeps
 * its view state with setState), and exportable as SVG, Mermaid source and Markdown. The panel's
 * lifecycle is the shared PanelHost's; this file is the diagram's page behaviour.
 */
import * as vscode from 'vscode';
import {
  DIAGRAM_VIEW_TYPE,
  type DiagramExportFormat,
  nextShrink,
  type DiagramHostMessage,
  type DiagramPageMessage,
  type DiagramViewState,
  normalizeViewState,
  parseDiagramPageMessage,
} from '../../protocol/diagram';
import { codeownersLine, markdownExport, moduleDetails, openTarget, renderMessage } from '../../webview/diagram-host';
import { diagramHtml } from './diagramHtml';
import { type PageDefinition, type PanelModel, type PanelPage, type PanelSite, PanelHost, rootKey } from './panelHost';

export const SHOW_DIAGRAM_COMMAND = 'northstar.showDiagram';
export const EXPORT_DIAGRAM_COMMAND = 'northstar.exportDiagram';
export { DIAGRAM_VIEW_TYPE };

/** What `northstar.showDiagram` returns (the integration tests read it). */
export interface DiagramSnapshot {
  /** The state the panel last drew. */
  state: DiagramViewState;
  /** Its Mermaid source ('' before the page asked for a drawing). */
  mermaid: string;
  /** The folder's name and URI. */
  root: string;
  rootUri: string;
}

class DiagramPage implements PanelPage<DiagramPageMessage> {
  private state: DiagramViewState;
  /** The Mermaid source last sent: what the exports write. */
  private mermaid = '';

  constructor(private readonly site: PanelSite<DiagramHostMessage>, saved: unknown) {
    this.state = { ...normalizeViewState(saved), root: rootKey(site.root) };
  }

  private get root() {
    return this.site.root;
  }

  /** Sets the page; it asks for its diagram with a 'ready' message (again after every reload). */
  load(): void {
    this.site.setHtml(({ cspSource, nonce, media }) =>
      diagramHtml({
        cspSource,
        nonce,
        scriptUri: media('diagram.js'),
        mermaidUri: media('mermaid/mermaid.min.js'),
        styleUri: media('diagram.css'),
      }),
    );
  }

  refresh(): void {
    this.render();
  }

  switched(): void {
    this.resetFor(this.state);
    this.render();
  }

  /** The view of another folder: the same grouping and filters, nothing expanded, focused or selected. */
  private resetFor(state: DiagramViewState): void {
    this.state = normalizeViewState({ ...state, root: rootKey(this.root), expand: [], focus: null, selected: null });
  }

  private render(): void {
    if (this.site.disposed) return;
    const started = Date.now();
    const root = this.root;
    const roots = this.site.roots().map((r) => ({ value: r.uri, label: r.name }));
    const message = renderMessage(root.analysis.model, { ...this.state, root: rootKey(root) }, roots);
    this.state = message.state;
    this.mermaid = message.diagram?.mermaid ?? '';
    this.site.post(message);
    this.site.model.output.debug(`diagram: ${message.diagram?.nodes.length ?? 0} nodes for ${message.totals.visible} modules in ${Date.now() - started} ms`);
  }

  /** Shows `name` in the side panel (the page asks for its details when it draws). */
  select(name: string): void {
    this.state.selected = name;
    this.render();
  }

  /** True when `key` (a URI, or an older state's name) names the folder shown. */
  private isShown(key: string | null): boolean {
    if (key === null) return true;
    const named = this.site.findRoot(key);
    return named !== undefined && rootKey(named) === rootKey(this.root);
  }

  onMessage(message: DiagramPageMessage): void {
    switch (message.type) {
      case 'ready':
        // The page's saved view, unless the host has since moved the panel to another folder
        // (a hidden page is re-created from the state it saved before).
        if (message.state && this.isShown(message.state.root)) this.state = { ...message.state, root: rootKey(this.root) };
        this.render();
        return;
      case 'update': {
        const wanted = message.state.root === null ? undefined : this.site.findRoot(message.state.root);
        if (wanted && rootKey(wanted) !== rootKey(this.root)) {
          this.site.setRoot(wanted);
          this.resetFor(message.state);
        } else {
          this.state = { ...message.state, root: rootKey(this.root) };
        }
        this.render();
        return;
      }
      case 'select':
        this.state.selected = message.module;
        this.site.post({ type: 'details', module: message.module, details: moduleDetails(this.root.analysis.model, message.module, this.root.analysis.config, (path) => this.root.analysis.ownersOf(path)) });
        return;
      case 'tooSmall': {
        // The page measured text under 11 px at fit: the next readability step (a list at the end).
        const next = nextShrink(this.state, message);
        if (next !== null) {
          this.site.model.output.debug(`diagram: text ${message.textPx.toFixed(1)} px at fit, step ${next}`);
          this.state = { ...this.state, shrink: next };
          this.render();
        }
        return;
      }
      case 'openCodeowners': {
        // The line that decides the module's defining file: asked directly, not through the whole details.
        const file = openTarget(this.root.analysis.model, message.module)?.file;
        const line = file === undefined ? null : codeownersLine(file, (path) => this.root.analysis.ownersOf(path));
        if (line) void this.openFile(line.file, line.line, 1);
        return;
      }
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
    if (!opened) await vscode.commands.executeCommand('revealInExplorer', this.site.model.uriOf(this.root, target.folder));
  }

  private async openFile(file: string, line: number, column: number, quiet = false): Promise<boolean> {
    const position = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
    try {
      await vscode.window.showTextDocument(this.site.model.uriOf(this.root, file), {
        selection: new vscode.Range(position, position),
        viewColumn: this.site.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One,
        preview: true,
      });
      return true;
    } catch (error) {
      this.site.model.output.warn(`diagram: cannot open ${file}: ${error instanceof Error ? error.message : String(error)}`);
      if (!quiet) void vscode.window.showErrorMessage(`Northstar: cannot open ${file}.`);
      return false;
    }
  }

  /** Writes the drawn diagram as `format` to `target`, or where the user chooses. Returns the file written. */
  async export(format: DiagramExportFormat, svg?: string, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
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
    this.site.model.output.info(`diagram of ${this.root.folder.name} written to ${uri.toString()}`);
    if (!target) {
      void vscode.window.showInformationMessage(`Diagram written to ${vscode.workspace.asRelativePath(uri)}.`, 'Open').then((choice) => {
        if (choice === 'Open') void vscode.commands.executeCommand('vscode.open', uri);
      });
    }
    return uri;
  }

  snapshot(): DiagramSnapshot {
    return { state: { ...this.state }, mermaid: this.mermaid, root: this.root.folder.name, rootUri: rootKey(this.root) };
  }
}

const DIAGRAM_PAGE: PageDefinition<DiagramPage, DiagramPageMessage, DiagramHostMessage> = {
  viewType: DIAGRAM_VIEW_TYPE,
  title: 'Architecture',
  logName: 'diagram',
  parseMessage: parseDiagramPageMessage,
  savedRoot: (state) => normalizeViewState(state).root,
  createPage: (site, saved) => new DiagramPage(site, saved),
};

/**
 * Registers `northstar.showDiagram [uri]` (palette, and the editor-title button of contracts
 * and CODEOWNERS, which passes the file: its root is drawn and, for a contract, its module
 * selected) and the serializer that restores the panel after a reload.
 */
export function registerDiagram(context: vscode.ExtensionContext, model: PanelModel): void {
  const host = new PanelHost(context, model, DIAGRAM_PAGE);
  context.subscriptions.push(
    host.register(),
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
      if (!root && roots.length > 1 && !host.hasPanel) {
        const picked = await vscode.window.showQuickPick(
          roots.map((r) => ({ label: r.folder.name, description: r.folder.uri.fsPath, root: r })),
          { placeHolder: 'Show the architecture of which folder?' },
        );
        if (!picked) return undefined;
        root = picked.root;
      }
      const module = arg instanceof vscode.Uri && located ? located.root.analysis.moduleOf(located.path) : undefined;
      const select = module && module.files.includes(located?.path ?? '') ? module.name : undefined;
      // No folder named: the panel keeps the one it shows (or shows the first).
      const page = await host.show(root);
      if (page && select) page.select(select);
      return page?.snapshot();
    }),
    // From the panel's title bar, or with (format, target) from a test or a task.
    vscode.commands.registerCommand(EXPORT_DIAGRAM_COMMAND, async (format?: unknown, target?: unknown) => {
      const page = host.page;
      if (!page) {
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
      return kind ? page.export(kind, undefined, target instanceof vscode.Uri ? target : undefined) : undefined;
    }),
  );
}
