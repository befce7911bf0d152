/**
 * Links to the rule pages packed in the extension (`docs/rules/<id>.md`, see .vscodeignore):
 * `file:` URIs of the installed copy (a remote extension host's URIs are mapped by VS Code),
 * which VS Code opens in an editor, offline and without an "open external website?" prompt.
 * The core builds the links from the base given here; it never knows the install folder.
 */
import * as vscode from 'vscode';
import { docsUrl } from '../core/rules/rule';

/** The URI of the extension's `docs/rules/` folder, ending in a slash: the core's docs base. */
export function docsBase(extensionUri: vscode.Uri): string {
  return `${vscode.Uri.joinPath(extensionUri, 'docs', 'rules').toString()}/`;
}

/** A rule's packed page as a URI. */
export function ruleDocsUri(extensionUri: vscode.Uri, ruleId: string): vscode.Uri {
  return vscode.Uri.parse(docsUrl(ruleId, docsBase(extensionUri)), true);
}
