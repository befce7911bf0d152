/**
 * RuleTester-style tables: each case is a small in-memory workspace run through the real
 * engine; the findings of one rule are compared with the expected ones, in order.
 */
import * as assert from 'node:assert/strict';
import { analyzeWorkspace } from '../../../src/core/analyze';
import type { Analysis, AnalyzeOptions } from '../../../src/core/api';
import { InMemoryFileAccess } from '../../../src/core/fs';
import type { Finding, Fix, Severity } from '../../../src/core/model/types';
import { ruleById } from '../../../src/core/rules';

export const TODAY = '2026-11-01';

/** Strip the common indentation of a template literal, so fixtures read like the files they are. */
export function text(strings: TemplateStringsArray, ...values: unknown[]): string {
  let raw = strings.reduce((out, s, i) => out + s + (i < values.length ? String(values[i]) : ''), '');
  raw = raw.replace(/^[ \t]*\n/, '').replace(/\n[ \t]*$/, '\n');
  const lines = raw.split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length);
  const strip = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(strip)).join('\n');
}

export type Workspace = Record<string, string | Uint8Array>;

export interface ValidCase {
  name: string;
  files: Workspace;
  options?: AnalyzeOptions;
}

export interface ExpectedFinding {
  /** A substring of the message (or a pattern it must match). */
  message: string | RegExp;
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  module?: string | null;
  severity?: Severity;
  /** The exact fix, `null` for "no fix", or a check of it. */
  fix?: Fix | null | ((fix: Fix | undefined) => void);
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
}

export async function analyze(files: Workspace, options: AnalyzeOptions = {}): Promise<Analysis> {
  return analyzeWorkspace(new InMemoryFileAccess(files), { today: TODAY, ...options });
}

export async function findingsOf(ruleId: string, files: Workspace, options: AnalyzeOptions = {}): Promise<Finding[]> {
  const analysis = await analyze(files, options);
  return analysis.model.findings.filter((f) => f.ruleId === ruleId);
}

function describeFindings(findings: readonly Finding[]): string {
  return findings.map((f) => `  ${f.file}:${f.line}:${f.column} ${f.message}`).join('\n') || '  (none)';
}

export function checkFinding(actual: Finding, expected: ExpectedFinding, severity: Severity): void {
  const where = `${actual.file}:${actual.line}:${actual.column} ${actual.message}`;
  if (typeof expected.message === 'string') {
    assert.ok(actual.message.includes(expected.message), `message of ${where}\n  should contain: ${expected.message}`);
  } else {
    assert.match(actual.message, expected.message, where);
  }
  assert.equal(actual.file, expected.file, `file of ${where}`);
  assert.equal(actual.line, expected.line, `line of ${where}`);
  assert.equal(actual.column, expected.column, `column of ${where}`);
  if (expected.endLine !== undefined) assert.equal(actual.endLine, expected.endLine, `endLine of ${where}`);
  if (expected.endColumn !== undefined) assert.equal(actual.endColumn, expected.endColumn, `endColumn of ${where}`);
  if (expected.module !== undefined) assert.equal(actual.module, expected.module, `module of ${where}`);
  assert.equal(actual.severity, expected.severity ?? severity, `severity of ${where}`);
  if (expected.fix === null) assert.equal(actual.fix, undefined, `fix of ${where}`);
  else if (typeof expected.fix === 'function') expected.fix(actual.fix);
  else if (expected.fix !== undefined) assert.deepEqual(actual.fix, expected.fix, `fix of ${where}`);
}

export function ruleTester(ruleId: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const rule = ruleById(ruleId);
  describe(ruleId, () => {
    it('is registered', () => {
      assert.ok(rule, `${ruleId} is not in the registry`);
    });
    describe('valid', () => {
      for (const c of cases.valid) {
        it(c.name, async () => {
          const findings = await findingsOf(ruleId, c.files, c.options);
          assert.equal(findings.length, 0, `expected no ${ruleId} finding, got:\n${describeFindings(findings)}`);
        });
      }
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(c.name, async () => {
          const findings = await findingsOf(ruleId, c.files, c.options);
          assert.equal(
            findings.length,
            c.errors.length,
            `expected ${c.errors.length} ${ruleId} finding(s), got:\n${describeFindings(findings)}`,
          );
          const severity = rule?.meta.defaultSeverity ?? 'warning';
          c.errors.forEach((expected, i) => checkFinding(findings[i], expected, severity));
        });
      }
    });
  });
}

/** Apply a fix's edits to the texts of a workspace (creating files for `range: null`). */
export function applyFix(files: Workspace, fix: Fix): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, content] of Object.entries(files)) if (typeof content === 'string') out[path] = content;
  const offset = (content: string, line: number, column: number): number => {
    let at = 0;
    for (let l = 1; l < line; l++) {
      const next = content.indexOf('\n', at);
      if (next < 0) return content.length;
      at = next + 1;
    }
    return Math.min(at + column - 1, content.length);
  };
  const byFile = new Map<string, Fix['edits']>();
  for (const edit of fix.edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  for (const [file, edits] of byFile) {
    for (const edit of edits) {
      if (edit.range === null) {
        assert.equal(out[file], undefined, `a fix must not overwrite ${file}`);
        out[file] = edit.newText;
      }
    }
    const ranged = edits.filter((e) => e.range !== null).sort((a, b) => b.range!.line - a.range!.line || b.range!.column - a.range!.column);
    for (const edit of ranged) {
      const content = out[file];
      assert.ok(content !== undefined, `fix edits ${file}, which does not exist`);
      const start = offset(content, edit.range!.line, edit.range!.column);
      const end = offset(content, edit.range!.endLine, edit.range!.endColumn);
      out[file] = content.slice(0, start) + edit.newText + content.slice(end);
    }
  }
  return out;
}
