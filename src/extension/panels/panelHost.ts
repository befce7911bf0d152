/**
 * The one host of Northstar's webview panels (the architecture diagram, the vision summary).
 * It owns what every panel needs, so that a page is only its own behaviour:
 * - one panel per kind, showing one workspace folder at a time, created or revealed;
 * - revival after a reload by a `WebviewPanelSerializer`, known to the host from the moment
 *   VS Code hands the panel over (a command run meanwhile waits for it instead of opening a
 *   second tab);
 * - the HTML shell of DESIGN.md section 6 (CSP, a fresh nonce per load, `media/` only);
 * - every message from the page checked by the page's validator from src/protocol (anything
 *   unknown or malformed is logged and dropped, never acted on);
 * - refresh when the model of the shown folder (or the list of folders) changes;
 * - disposal of everything it registered.
 *
 * Folders are identified by URI (`folder.uri.toString()`), never by name: two folders of a
 * multi-root workspace may share a name. The name is only shown (tab titles, pickers).
 * Theme: VS Code sets `vscode-light` / `vscode-dark` / `vscode-high-contrast` on the page's body
 * and the `--vscode-*` variables; the pages follow those, so the host has nothing to send.
 */
import * as vscode from 'vscode';
import type { DropLog } from '../../protocol/validate';
import type { NorthstarModel, RootAnalysis } from '../model';
import { findRoot, rootKey } from './roots';
import { createNonce, mediaUri, webviewOptions } from './webviewHtml';

export { findRoot, rootKey };

/** What a panel needs of the model service. */
export type PanelModel = Pick<NorthstarModel, 'onDidChange' | 'roots' | 'ready' | 'uriOf' | 'locate' | 'output'>;

/** A workspace folder as a page shows it. */
export interface RootRef {
  name: string;
  uri: string;
}

/** What a page's HTML is made with: the CSP source, this load's nonce, and files of `media/` as the webview loads them. */
export interface HtmlContext {
  cspSource: string;
  nonce: string;
  media(file: string): string;
}

/** The host's side of one panel, as its page sees it. */
export interface PanelSite<HostMessage> {
  readonly panel: vscode.WebviewPanel;
  readonly model: PanelModel;
  /** The folder shown. */
  readonly root: RootAnalysis;
  readonly disposed: boolean;
  /** Every analysed folder, in the model's order. */
  roots(): RootRef[];
  /** The root `key` names (see `findRoot`). */
  findRoot(key: string | null | undefined): RootAnalysis | undefined;
  /** Shows `root` from now on, at the page's request (the page resets its own view). */
  setRoot(root: RootAnalysis): void;
  /** Sets the page's whole HTML; a new nonce each time. */
  setHtml(html: (context: HtmlContext) => string): void;
  /** Sends a message to the page (a hidden page drops it). */
  post(message: HostMessage): void;
}

/** One page kind's behaviour inside a panel. */
export interface PanelPage<PageMessage> {
  /** Sets the page's HTML: once when the panel opens. */
  load(): void;
  /** The model of the shown folder changed, or the list of folders did. */
  refresh(): void;
  /** The host moved the panel to another folder (a command, a removed folder). */
  switched(): void;
  /** A checked message from the page. */
  onMessage(message: PageMessage): void;
  /** The panel became visible again (a hidden webview is re-created from its HTML). */
  shown?(): void;
}

/** A kind of panel, plugged into a `PanelHost`. */
export interface PageDefinition<Page extends PanelPage<PageMessage>, PageMessage, HostMessage> {
  readonly viewType: string;
  /** The tab's title, before ": <folder name>". */
  readonly title: string;
  /** How the log names the page. */
  readonly logName: string;
  /** The page → host check from src/protocol. */
  parseMessage(raw: unknown, log: DropLog): PageMessage | undefined;
  /** The folder a state saved by the page names (a URI, or a name in older states), if any. */
  savedRoot(state: unknown): string | null;
  /** The page of a new panel (`saved` undefined) or of a revived one (`saved`: what its page stored with setState). */
  createPage(site: PanelSite<HostMessage>, saved: unknown): Page;
}

class Panel<Page extends PanelPage<PageMessage>, PageMessage, HostMessage> implements PanelSite<HostMessage>, vscode.Disposable {
  readonly page: Page;
  private readonly disposables: vscode.Disposable[] = [];
  private current: RootAnalysis;
  /** The folders the page was last given, as their keys: a change is a refresh. */
  private knownRoots: string;
  private visible: boolean;
  private isDisposed = false;

  constructor(
    private readonly host: PanelHost<Page, PageMessage, HostMessage>,
    readonly panel: vscode.WebviewPanel,
    root: RootAnalysis,
    saved: unknown,
  ) {
    const { definition, extensionUri } = host;
    this.current = root;
    this.knownRoots = this.rootsKey();
    this.visible = panel.visible;
    panel.webview.options = webviewOptions(extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'northstar.svg');
    this.updateTitle();
    const log: DropLog = (reason) => this.model.output.warn(`${definition.logName}: ${reason}`);
    this.page = definition.createPage(this, saved);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = definition.parseMessage(raw, log);
        if (message !== undefined && !this.isDisposed) this.page.onMessage(message);
      }),
      panel.onDidChangeViewState(() => {
        const wasVisible = this.visible;
        this.visible = panel.visible;
        if (panel.visible && !wasVisible) this.page.shown?.();
      }),
      this.model.onDidChange((changed) => this.onModelChange(changed)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.onFoldersChange()),
    );
    this.page.load();
  }

  get model(): PanelModel {
    return this.host.model;
  }

  get root(): RootAnalysis {
    return this.current;
  }

  get disposed(): boolean {
    return this.isDisposed;
  }

  roots(): RootRef[] {
    return this.model.roots().map((r) => ({ name: r.folder.name, uri: rootKey(r) }));
  }

  findRoot(key: string | null | undefined): RootAnalysis | undefined {
    return findRoot(this.model.roots(), key);
  }

  setRoot(root: RootAnalysis): void {
    this.current = root;
    this.updateTitle();
  }

  /** The host's move to another folder: the page is told to reset. */
  moveTo(root: RootAnalysis): void {
    this.setRoot(root);
    this.page.switched();
  }

  setHtml(html: (context: HtmlContext) => string): void {
    const { webview } = this.panel;
    const extensionUri = this.host.extensionUri;
    webview.html = html({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      media: (file) => mediaUri(webview, extensionUri, file).toString(),
    });
  }

  post(message: HostMessage): void {
    if (!this.isDisposed) void this.panel.webview.postMessage(message);
  }

  private rootsKey(): string {
    return this.model.roots().map(rootKey).join('\n');
  }

  private updateTitle(): void {
    this.panel.title = `${this.host.definition.title}: ${this.current.folder.name}`;
  }

  private onModelChange(changed: RootAnalysis): void {
    if (this.isDisposed) return;
    // Another folder's first analysis changes the list the page's folder picker offers.
    const roots = this.rootsKey();
    const listChanged = roots !== this.knownRoots;
    this.knownRoots = roots;
    if (rootKey(changed) === rootKey(this.current)) {
      this.current = changed;
      this.page.refresh();
    } else if (listChanged) {
      this.page.refresh();
    }
  }

  private onFoldersChange(): void {
    if (this.isDisposed) return;
    const roots = this.model.roots();
    this.knownRoots = this.rootsKey();
    const same = roots.find((r) => rootKey(r) === rootKey(this.current));
    if (same) {
      this.setRoot(same);
      this.page.refresh();
    } else if (roots[0]) {
      this.moveTo(roots[0]);
    } else {
      this.dispose();
    }
  }

  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.host.forget(this);
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** How long a command waits for the workbench to hand a restored tab to the serializer. */
const RESTORED_TAB_WAIT_MS = 3000;

/** The panels of one kind: at most one open, showing one folder. */
export class PanelHost<Page extends PanelPage<PageMessage>, PageMessage, HostMessage> implements vscode.Disposable {
  private current: Panel<Page, PageMessage, HostMessage> | undefined;
  /** A panel VS Code handed to the serializer, waiting for the first analysis before it is shown. */
  private revival: Promise<unknown> | undefined;
  private disposed = false;

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly model: PanelModel,
    readonly definition: PageDefinition<Page, PageMessage, HostMessage>,
  ) {}

  get extensionUri(): vscode.Uri {
    return this.context.extensionUri;
  }

  /** The open panel's page. */
  get page(): Page | undefined {
    return this.current?.page;
  }

  /** The open panel's site: its webview panel and the folder shown. */
  get site(): PanelSite<HostMessage> | undefined {
    return this.current;
  }

  /** True when a panel is open, being revived, or restored by the workbench and waiting to be. */
  get hasPanel(): boolean {
    return this.current !== undefined || this.revival !== undefined || this.restoredTab() !== undefined;
  }

  /** Registers the serializer; disposing the result disposes the host and its panel. */
  register(): vscode.Disposable {
    return vscode.Disposable.from(
      vscode.window.registerWebviewPanelSerializer(this.definition.viewType, {
        deserializeWebviewPanel: (panel: vscode.WebviewPanel, state: unknown) => this.revive(panel, state),
      }),
      this,
    );
  }

  /**
   * Shows `root` in this kind's panel: the open one (or the one being revived, once it is) moves
   * to it and comes to the front; otherwise a panel is created. Without a root, an open panel
   * keeps its folder and a new one shows the first. Undefined when no folder is analysed.
   */
  async show(root?: RootAnalysis): Promise<Page | undefined> {
    if (!this.current && !this.revival) await this.awaitRestoredTab();
    if (!this.current && this.revival) await this.revival.catch(() => undefined);
    // From here on nothing is awaited: two commands cannot both create a panel.
    const existing = this.current;
    if (existing) {
      if (root && rootKey(existing.root) !== rootKey(root)) existing.moveTo(root);
      existing.panel.reveal();
      return existing.page;
    }
    root ??= this.model.roots()[0];
    if (!root) return undefined;
    const panel = vscode.window.createWebviewPanel(this.definition.viewType, this.definition.title, vscode.ViewColumn.Active, webviewOptions(this.extensionUri));
    const created = new Panel(this, panel, root, undefined);
    this.current = created;
    return created.page;
  }

  /**
   * A tab of this kind that the workbench restored but has not handed to the serializer yet (it
   * does so once the tab is shown): brought to the front so that it is revived, and waited for
   * briefly, rather than opening a second tab beside it.
   */
  private async awaitRestoredTab(): Promise<void> {
    const tab = this.restoredTab();
    if (!tab) return;
    if (!tab.isActive && tab.group.isActive) {
      // Opens the editor at that index of the active group (the command behind Alt+1…9).
      await Promise.resolve(vscode.commands.executeCommand('workbench.action.openEditorAtIndex', tab.group.tabs.indexOf(tab))).catch(() => undefined);
    }
    const end = Date.now() + RESTORED_TAB_WAIT_MS;
    while (!this.current && !this.revival && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  /** A tab of this kind with no panel of the host's behind it: restored by the workbench, not revived yet. */
  private restoredTab(): vscode.Tab | undefined {
    if (this.current || this.revival) return undefined;
    // The workbench prefixes the view type of an extension's webview (`mainThreadWebview-…`).
    return vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(this.definition.viewType));
  }

  private revive(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    let closed = false;
    const watch = panel.onDidDispose(() => (closed = true));
    const revival = (async () => {
      try {
        await this.model.ready();
      } finally {
        watch.dispose();
      }
      if (closed) return;
      const roots = this.model.roots();
      const root = findRoot(roots, this.definition.savedRoot(state)) ?? roots[0];
      if (!root || this.disposed || this.current) {
        // Nothing to show, or a panel of this kind is already open: one tab, not two.
        panel.dispose();
        return;
      }
      this.current = new Panel(this, panel, root, state);
    })();
    this.revival = revival;
    const settled = (): void => {
      if (this.revival === revival) this.revival = undefined;
    };
    revival.then(settled, settled);
    return revival;
  }

  /** Called by a panel as it is disposed. */
  forget(panel: Panel<Page, PageMessage, HostMessage>): void {
    if (this.current === panel) this.current = undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.current?.dispose();
  }
}
