/**
 * `check --format text`: ESLint's "stylish" layout. Findings grouped by file, one line
 * each (`line:col  severity  message  ruleId`), columns aligned, then a summary line. The file
 * header is the path `showPath` makes of the root-relative file: the CLI prints it absolute, as
 * ESLint does, so a terminal can open it and VS Code's `$eslint-stylish` problem matcher (whose
 * file locations are absolute) finds it from any current directory.
 */
import type { Finding } from '../model/types';
import { escapeTerminal } from './escape';
import { countSeverities } from './json';
import { collect, type Write } from './stream';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * Widest message that sets the alignment of the rule column: a terminal's width. Longer messages
 * are not padded (at 400, every short message of a file with one long one ran to 400 columns).
 */
const MAX_ALIGNED = 80;

/**
 * One line of workspace text for a terminal: line breaks and tabs as spaces (so a message
 * cannot garble the layout), every other control character and bidi override as a visible
 * escape (`\x1b`, `\u202e`), so a file or module name cannot move the cursor, rewrite the line,
 * open a hyperlink or reorder what is shown.
 */
function oneLine(text: string): string {
  return escapeTerminal(text.replace(/[\r\n\t]+/g, ' '));
}

/** `formatText` in pieces: one line at a time, findings grouped by file, columns aligned per file. */
/** ANSI styles for a terminal (`color`): ESLint's stylish, severity in red, yellow or blue. */
const STYLE = {
  error: (t: string) => `\u001b[31m${t}\u001b[39m`,
  warning: (t: string) => `\u001b[33m${t}\u001b[39m`,
  info: (t: string) => `\u001b[34m${t}\u001b[39m`,
  dim: (t: string) => `\u001b[2m${t}\u001b[22m`,
  underline: (t: string) => `\u001b[4m${t}\u001b[24m`,
  bold: (t: string) => `\u001b[1m${t}\u001b[22m`,
};
const PLAIN = { error: String, warning: String, info: String, dim: String, underline: String, bold: String } as Record<keyof typeof STYLE, (t: string) => string>;

/**
 * `color`: ANSI styles for a terminal (the CLI decides: a TTY, `NO_COLOR`, `FORCE_COLOR`). The
 * text styled is already escaped (`oneLine`), and columns are padded before styling.
 */
export function writeText(findings: readonly Finding[], write: Write, showPath: (file: string) => string = (file) => file, color = false): void {
  const style = color ? STYLE : PLAIN;
  if (findings.length === 0) {
    write('No problems found.\n');
    return;
  }
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  for (const [file, list] of byFile) {
    write(style.underline(file === '' ? '(workspace)' : oneLine(showPath(file))) + '\n');
    // Two passes over the file's findings (widths, then lines) rather than a table of every row.
    const widths = [0, 0, 0];
    for (const f of list) {
      widths[0] = Math.max(widths[0], `${f.line}:${f.column}`.length);
      widths[1] = Math.max(widths[1], f.severity.length);
      // A message past MAX_ALIGNED does not widen the column: one hostile 100,000-character
      // message would otherwise pad every other line of its file to that width.
      widths[2] = Math.max(widths[2], Math.min(oneLine(f.message).length, MAX_ALIGNED));
    }
    for (const f of list) {
      const line = `${`${f.line}:${f.column}`.padEnd(widths[0])}  ${style[f.severity](f.severity)}${' '.repeat(widths[1] - f.severity.length)}  ${oneLine(f.message).padEnd(widths[2])}  ${style.dim(oneLine(f.ruleId))}`;
      write(`  ${color ? line.replace(/^\S+/, (pos) => style.dim(pos)) : line}\n`);
    }
    write('\n');
  }
  const c = countSeverities(findings);
  const mark = c.errors > 0 ? '✖' : '⚠';
  const total = `${mark} ${plural(findings.length, 'problem')} (${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}, ${plural(c.infos, 'info')})`;
  write(`${color ? style.bold(style[c.errors > 0 ? 'error' : 'warning'](total)) : total}\n`);
}

export function formatText(findings: readonly Finding[], showPath?: (file: string) => string, color = false): string {
  return collect((write) => writeText(findings, write, showPath, color));
}
