/**
 * Building blocks of a Northstar webview page, shared by the panels (summary, diagram):
 * a nonce, the Content-Security-Policy of DESIGN.md section 6, the page skeleton, initial data
 * embedded as inert JSON, and the webview options that limit loading to `media/`.
 *
 * Only a type is imported from 'vscode' (URIs are derived with instance methods), so the
 * HTML can be produced and tested outside VS Code.
 */
import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';
import { trimTrailing } from '../../core/regex';

/** Folder (under the extension root) that holds everything a webview may load. */
export const MEDIA_FOLDER = 'media';

/** A fresh random nonce for one page load (128 bits, base64 without padding). */
export function createNonce(): string {
  return trimTrailing(randomBytes(16).toString('base64'), '=');
}

/**
 * The page's Content-Security-Policy: nothing by default, scripts only by nonce, styles and
 * images and fonts only from the extension's webview resources. `'unsafe-inline'` is for styles
 * only (style attributes, Mermaid's `<style>`), never for scripts.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

/** Escapes text for an HTML text node or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * JSON that can sit inside `<script type="application/json">`: every `<`, `>` and `&` (and the
 * JavaScript line separators) is written as a `\u` escape, so no value can close the element
 * or open a comment; `JSON.parse` of the element's text gives the value back unchanged.
 */
export function jsonForHtml(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export interface WebviewPageOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  nonce: string;
  /** Shown in the page's `<title>`. */
  title: string;
  /** Script URIs (from `asWebviewUri`), loaded in order with the nonce. */
  scripts: readonly string[];
  /** Stylesheet URIs (from `asWebviewUri`). */
  styles: readonly string[];
  /** Initial data for the page script, embedded as inert JSON in `<script type="application/json" id=…>`. */
  data?: { id: string; value: unknown };
  /**
   * Static markup of the body, written by the extension (never built from workspace data:
   * data goes through `data` and the page script's textContent).
   */
  body?: string;
  lang?: string;
}

/** The whole HTML document of a webview page. */
export function webviewPage(options: WebviewPageOptions): string {
  const { cspSource, nonce, title } = options;
  const attr = escapeHtml;
  const lines = [
    '<!DOCTYPE html>',
    `<html lang="${attr(options.lang ?? 'en')}">`,
    '<head>',
    '<meta charset="UTF-8">',
    `<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(cspSource, nonce))}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
    ...options.styles.map((href) => `<link rel="stylesheet" href="${attr(href)}">`),
    `<title>${escapeHtml(title)}</title>`,
    '</head>',
    '<body>',
    options.body ?? '',
  ];
  if (options.data) {
    lines.push(`<script type="application/json" id="${attr(options.data.id)}">${jsonForHtml(options.data.value)}</script>`);
  }
  for (const src of options.scripts) lines.push(`<script nonce="${attr(nonce)}" src="${attr(src)}"></script>`);
  lines.push('</body>', '</html>', '');
  return lines.join('\n');
}

/** The `media/` folder of the extension. */
export function mediaRoot(extensionUri: vscode.Uri): vscode.Uri {
  return extensionUri.with({ path: `${trimTrailing(extensionUri.path, '/')}/${MEDIA_FOLDER}` });
}

/** A file of `media/` as the webview may load it. */
export function mediaUri(webview: vscode.Webview, extensionUri: vscode.Uri, file: string): vscode.Uri {
  const root = mediaRoot(extensionUri);
  return webview.asWebviewUri(root.with({ path: `${root.path}/${file.replace(/^\/+/, '')}` }));
}

/**
 * Options of a Northstar webview: scripts on, loading limited to `media/`, and (for panels)
 * the page kept alive while hidden only when asked, as it costs memory.
 */
export function webviewOptions(
  extensionUri: vscode.Uri,
  retainContextWhenHidden = false,
): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [mediaRoot(extensionUri)],
    retainContextWhenHidden,
  };
}

/** True for an absolute http(s) URL: the only links a Northstar webview shows or opens. */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
