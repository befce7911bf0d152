/**
 * `check --format text`: ESLint's "stylish" layout. Findings grouped by file, one line
 * each (`line:col  severity  message  ruleId`), columns aligned, then a summary line.
 */
import type { Finding } from '../model/types';
import { countSeverities } from './json';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Messages are single-line in a terminal: control characters would garble the layout. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}

export function formatText(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'No problems found.\n';
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  const out: string[] = [];
  for (const [file, list] of byFile) {
    out.push(file === '' ? '(workspace)' : oneLine(file));
    const rows = list.map((f) => [`${f.line}:${f.column}`, f.severity, oneLine(f.message), f.ruleId]);
    const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
    for (const r of rows) {
      out.push(`  ${r[0].padEnd(widths[0])}  ${r[1].padEnd(widths[1])}  ${r[2].padEnd(widths[2])}  ${r[3]}`);
    }
    out.push('');
  }
  const c = countSeverities(findings);
  const mark = c.errors > 0 ? '✖' : '⚠';
  out.push(
    `${mark} ${plural(findings.length, 'problem')} (${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}, ${plural(c.infos, 'info')})`,
  );
  return out.join('\n') + '\n';
}
