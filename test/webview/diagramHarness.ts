/**
 * Renders the diagram webview in headless Chromium exactly as the panel builds it: the HTML from
 * `diagramHtml` (the function the panel calls), the script bundled from src/webview/diagram.ts
 * (as scripts/build.mjs bundles it), Mermaid's browser build, and the panel's message handling
 * replaced by the same pure functions the panel calls (`renderMessage`, `moduleDetails`). The
 * page is served over HTTP so that its Content-Security-Policy is enforced by the browser.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { analyzeWorkspace } from '../../src/core/analyze';
import { InMemoryFileAccess, type FileAccess } from '../../src/core/fs';
import type { Model } from '../../src/core/model/types';
import { NodeFileAccess } from '../../src/node/nodeFileAccess';
import { createNonce } from '../../src/extension/panels/webviewHtml';
import { diagramHtml } from '../../src/extension/panels/diagramHtml';
import { moduleDetails, renderMessage } from '../../src/webview/diagram-host';
import { type DiagramLayout, nextShrink, type DiagramViewState, type DiagramHostMessage as HostMessage, type DiagramPageMessage as WebviewMessage } from '../../src/protocol/diagram';

// Browser globals used inside page functions (the tests compile without the DOM library).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any, window: any, MutationObserver: any;
declare function getComputedStyle(e: unknown): { fill: string };

export const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** The repository root, wherever the tests were compiled to. */
export function repoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    let dir = start;
    for (;;) {
      if (fs.existsSync(path.join(dir, 'src', 'webview', 'diagram.ts')) && fs.existsSync(path.join(dir, 'package.json'))) return dir;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error('repository root not found');
}

// Loaded through a Function so that TypeScript's CommonJS output keeps a real dynamic import (ESM only).
const importEsm = new Function('url', 'return import(url)') as (url: string) => Promise<Record<string, unknown>>;

interface GeneratedWorkspace {
  fileMap(): Record<string, string>;
  modules: { name: string }[];
}

/** A workspace of `modules` modules from the benchmark's seeded generator (bench/generate.mjs), analysed by the real engine. */
const generated = new Map<string, Promise<Model>>();

export function generatedModel(modules: number, seed = 1): Promise<Model> {
  // Analysing 5,000 modules takes seconds: once per run. Callers must not mutate the model.
  const key = `${modules}/${seed}`;
  let model = generated.get(key);
  if (!model) generated.set(key, (model = generateAndAnalyze(modules, seed)));
  return model;
}

async function generateAndAnalyze(modules: number, seed: number): Promise<Model> {
  const gen = (await importEsm(pathToFileURL(path.join(repoRoot(), 'bench', 'generate.mjs')).href)) as {
    generateWorkspace(o: { modules: number; files: number; seed: number; rules: number }): GeneratedWorkspace;
  };
  const ws = gen.generateWorkspace({ modules, files: modules * 2 + 8, seed, rules: Math.min(100, modules) });
  return analyze(new InMemoryFileAccess(ws.fileMap()));
}

export async function analyze(files: FileAccess | Record<string, string>): Promise<Model> {
  const access = files instanceof InMemoryFileAccess || 'readDirectory' in files ? (files as FileAccess) : new InMemoryFileAccess(files);
  return (await analyzeWorkspace(access, { today: '2026-11-01' })).model;
}

/** The example workspace `npm start` opens (examples/acme), analysed from disk. */
export async function exampleModel(): Promise<Model> {
  return analyze(new NodeFileAccess(path.join(repoRoot(), 'examples', 'acme')));
}

/** media/diagram.js and media/mermaid/layout-elk.js bundled from the current source, as scripts/build.mjs does; Mermaid from node_modules (what scripts/bundle-mermaid.mjs copies). */
async function bundle(outDir: string): Promise<void> {
  const root = repoRoot();
  const esbuild = (await import('esbuild')) as typeof import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(root, 'src', 'webview', 'diagram.ts')],
    outfile: path.join(outDir, 'diagram.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    logLevel: 'warning',
  });
  // ELK's layouts, as scripts/build.mjs bundles them (minified): the page loads them when a drawing uses ELK.
  await esbuild.build({
    entryPoints: [path.join(root, 'src', 'webview', 'diagramElk.ts')],
    outfile: path.join(outDir, 'mermaid', 'layout-elk.js'),
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    logLevel: 'warning',
  });
  fs.mkdirSync(path.join(outDir, 'mermaid'), { recursive: true });
  fs.copyFileSync(require.resolve('mermaid/dist/mermaid.min.js', { paths: [root] }), path.join(outDir, 'mermaid', 'mermaid.min.js'));
  fs.copyFileSync(path.join(root, 'media', 'diagram.css'), path.join(outDir, 'diagram.css'));
}

/** The workspace folders the harness's panel offers: one, as the panel sends them (value: URI, label: name). */
const ROOTS = [{ value: 'file:///work/acme', label: 'acme' }];

export type Theme = 'vscode-light' | 'vscode-dark' | 'vscode-high-contrast' | 'vscode-high-contrast-light';

export interface DiagramPage {
  page: Page;
  /** Every message the page posted, in order. */
  posted: WebviewMessage[];
  /** The state the page last saved with setState. */
  saved(): DiagramViewState | null;
  /** Waits until the page has drawn `count` renders in all (data-render-seq) and returns the result. */
  rendered(count?: number): Promise<{ render: string; ms: number }>;
  /** Replaces the model (a live refresh) and pushes a new render, as the panel does on a change. */
  refresh(model: Model): Promise<void>;
  /** Reloads the page: the state saved with setState comes back through getState (as a serializer restore does). */
  reload(): Promise<void>;
  setTheme(theme: Theme): Promise<void>;
  /** Security events seen: dialogs, CSP violations, script errors. */
  incidents: string[];
  close(): Promise<void>;
}

export class DiagramBrowser {
  private browser: Browser | undefined;
  private server: http.Server | undefined;
  private origin = '';
  private mediaDir = '';
  private html = new Map<string, string>();

  async start(): Promise<void> {
    this.mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'northstar-diagram-media-'));
    await bundle(this.mediaDir);
    this.server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/favicon.ico') {
        res.writeHead(204);
        res.end();
        return;
      }
      const page = this.html.get(url.pathname);
      if (page !== undefined) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(page);
        return;
      }
      const file = url.pathname.startsWith('/media/') ? path.join(this.mediaDir, path.normalize(url.pathname.slice(7))) : '';
      if (file && file.startsWith(this.mediaDir) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        // No charset: the page's <meta charset> decides, as in a VS Code webview.
        res.writeHead(200, { 'content-type': file.endsWith('.css') ? 'text/css' : 'text/javascript' });
        res.end(fs.readFileSync(file));
        return;
      }
      res.writeHead(404);
      res.end();
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    if (this.mediaDir) fs.rmSync(this.mediaDir, { recursive: true, force: true });
  }

  /**
   * Opens the panel's page for `model`, with an optional saved state, and waits for the first drawing.
   * `readable`: answer the page's `tooSmall` as the panel does (collapse further, then a list);
   * without it the first drawing stays, whatever its text size, as the older tests expect.
   */
  async open(
    initialModel: Model,
    options: { state?: DiagramViewState; theme?: Theme; viewport?: { width: number; height: number }; readable?: boolean; layout?: DiagramLayout; beforeLoad?: (page: Page) => Promise<void> } = {},
  ): Promise<DiagramPage> {
    if (!this.browser) throw new Error('start() first');
    const nonce = createNonce();
    const html = diagramHtml({
      cspSource: this.origin,
      nonce,
      scriptUri: `${this.origin}/media/diagram.js`,
      mermaidUri: `${this.origin}/media/mermaid/mermaid.min.js`,
      styleUri: `${this.origin}/media/diagram.css`,
    });
    const route = `/page-${this.html.size}`;
    this.html.set(route, html);

    let model = initialModel;
    const posted: WebviewMessage[] = [];
    const incidents: string[] = [];
    let saved: DiagramViewState | null = options.state ?? null;
    let theme: Theme = options.theme ?? 'vscode-light';
    const page = await this.browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 800 } });
    page.on('dialog', (d) => {
      incidents.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('pageerror', (e) => incidents.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/favicon/.test(m.text())) incidents.push(`console: ${m.text()}`);
    });

    const env = process.env.NORTHSTAR_TEST_LAYOUT;
    const forced: DiagramLayout | undefined = options.layout ?? (env === 'elk' || env === 'dagre' ? env : undefined);
    // The state the host last drew (the panel keeps it as `this.state`).
    let hostState: DiagramViewState | null = null;
    const send = async (msg: HostMessage): Promise<void> => {
      if (msg.type === 'render') hostState = msg.state;
      // A layout forced for a measurement (bench/layout.mjs) or a whole run of the tests
      // (NORTHSTAR_TEST_LAYOUT=elk), instead of the host's choice.
      if (msg.type === 'render' && msg.diagram && forced) msg = { ...msg, diagram: { ...msg.diagram, layout: forced } };
      await page.evaluate((m) => window.postMessage(m, '*'), msg as never);
    };
    // The panel's side of the conversation (src/extension/panels/diagramPanel.ts does the same).
    await page.exposeBinding('__northstarPost', async (_source, msg: WebviewMessage) => {
      posted.push(msg);
      if (msg.type === 'ready') await send(renderMessage(model, msg.state ?? saved ?? ({} as DiagramViewState), ROOTS));
      else if (msg.type === 'update') await send(renderMessage(model, msg.state, ROOTS));
      else if (msg.type === 'select') await send({ type: 'details', module: msg.module, details: moduleDetails(model, msg.module) });
      else if (msg.type === 'tooSmall' && options.readable && hostState) {
        const next = nextShrink(hostState, msg);
        if (next !== null) await send(renderMessage(model, { ...hostState, shrink: next }, ROOTS));
      }
    });
    await page.exposeBinding('__northstarSetState', (_source, s: DiagramViewState) => {
      saved = s;
    });
    await page.exposeBinding('__northstarTheme', () => theme);
    await page.addInitScript((t) => ((window as unknown as Record<string, unknown>).__northstarInitialTheme = t), theme);
    await page.addInitScript(
      ({ state }) => {
        const w = window as unknown as Record<string, unknown>;
        let current: unknown = state;
        w.acquireVsCodeApi = () => ({
          postMessage: (m: unknown) => void (w.__northstarPost as (m: unknown) => Promise<void>)(m),
          getState: () => current,
          setState: (s: unknown) => {
            current = s;
            void (w.__northstarSetState as (s: unknown) => Promise<void>)(s);
          },
        });
        // What VS Code does for a webview: the theme's class on <body> before any script runs.
        const theme = (w.__northstarInitialTheme as string | undefined) ?? 'vscode-light';
        const observer = new MutationObserver(() => {
          if (document.body) {
            document.body.classList.add(theme);
            observer.disconnect();
          }
        });
        observer.observe(document, { childList: true, subtree: true });
        // Anything that runs a script from data would call one of these.
        const pwned: string[] = [];
        w.__pwned = pwned;
        for (const name of ['alert', 'confirm', 'prompt']) w[name] = (...args: unknown[]) => void pwned.push(`${name}(${args.join(',')})`);
        const csp: string[] = [];
        w.__csp = csp;
        document.addEventListener('securitypolicyviolation', (e: { violatedDirective: string; blockedURI: string }) =>
          csp.push(`${e.violatedDirective} ${e.blockedURI}`),
        );
      },
      { state: saved },
    );

    const rendered = async (count = 1): Promise<{ render: string; ms: number }> => {
      await page.waitForFunction((n) => Number(document.body?.dataset.renderSeq ?? 0) >= n, count, { timeout: 60_000 });
      return page.evaluate(() => ({ render: document.body.dataset.render ?? '', ms: Number(document.body.dataset.renderMs ?? -1) }));
    };
    await options.beforeLoad?.(page);
    await page.goto(`${this.origin}${route}`);
    await rendered(1);
    return {
      page,
      posted,
      incidents,
      saved: () => saved,
      rendered,
      async refresh(next: Model) {
        model = next;
        await send(renderMessage(model, saved ?? ({} as DiagramViewState), ROOTS));
      },
      async reload() {
        await page.addInitScript((s) => {
          const w = window as unknown as Record<string, unknown>;
          const api = w.acquireVsCodeApi as () => { getState(): unknown };
          w.acquireVsCodeApi = () => ({ ...api(), getState: () => s });
        }, saved);
        await page.reload();
        await rendered(1);
      },
      async setTheme(next: Theme) {
        theme = next;
        await page.evaluate((t) => {
          document.body.classList.remove('vscode-light', 'vscode-dark', 'vscode-high-contrast', 'vscode-high-contrast-light');
          document.body.classList.add(t);
        }, next);
      },
      close: () => page.close(),
    };
  }
}

/** The drawn nodes: Mermaid node elements with our generated id and their text. */
export async function drawnNodes(page: Page): Promise<{ id: string; text: string; classes: string[]; fill: string }[]> {
  return page.$$eval('#stage svg g.node', (els) =>
    els.map((e) => {
      const shape = e.querySelector('rect.label-container, rect.basic, polygon');
      return {
        id: e.getAttribute('data-node') ?? '',
        text: (e.querySelector('.nodeLabel')?.textContent ?? e.textContent ?? '').trim(),
        classes: [...e.classList],
        fill: shape ? getComputedStyle(shape).fill : '',
      };
    }),
  );
}

export async function drawnEdges(page: Page): Promise<{ dashed: boolean; id: string }[]> {
  return page.$$eval('#stage svg path.flowchart-link', (els) =>
    els.map((e) => ({ dashed: e.classList.contains('edge-pattern-dotted'), id: e.getAttribute('data-id') ?? e.id })),
  );
}

export async function drawnSubgraphs(page: Page): Promise<string[]> {
  return page.$$eval('#stage svg g.cluster', (els) => els.map((e) => (e.querySelector('.cluster-label')?.textContent ?? '').trim()));
}

/**
 * A suite's browser: registers its hooks (mocha's globals; started before the suite, stopped
 * after) and returns `open`. Every page opened through it is checked after each test (no
 * dialog, script error or console error, then `check`, the suite's own) and closed.
 */
export function useDiagramBrowser(check?: (p: DiagramPage) => Promise<void>): (...args: Parameters<DiagramBrowser['open']>) => Promise<DiagramPage> {
  const browser = new DiagramBrowser();
  const pages: DiagramPage[] = [];
  before(() => browser.start());
  afterEach(async () => {
    for (const p of pages.splice(0)) {
      assert.deepEqual(p.incidents, [], 'no dialogs, script errors or console errors');
      await check?.(p);
      await p.close();
    }
  });
  after(() => browser.stop());
  return async (...args) => {
    const p = await browser.open(...args);
    pages.push(p);
    return p;
  };
}
