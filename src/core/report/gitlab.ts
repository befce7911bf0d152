/**
 * `check --format gitlab`: a GitLab Code Quality report. The fingerprint hashes rule, file
 * and message (not the line), so a finding keeps its identity when code above it moves and
 * GitLab can tell new findings from old ones in a merge request; identical findings in one
 * file are told apart by their order.
 */
import type { Finding, Severity } from '../model/types';
import { collect, writeJson, type Write } from './stream';
import type { GitlabIssue, GitlabSeverity } from './types';

export function gitlabSeverity(severity: Severity): GitlabSeverity {
  return severity === 'error' ? 'major' : severity === 'warning' ? 'minor' : 'info';
}

/** The issues one at a time, in order (fingerprints count identical findings as they come). */
function* gitlabIssues(findings: readonly Finding[], hash: (text: string) => string): Generator<GitlabIssue> {
  const seen = new Map<string, number>();
  for (const f of findings) {
    const key = `${f.ruleId}\u0000${f.file}\u0000${f.message}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    yield {
      description: f.message,
      check_name: f.ruleId,
      fingerprint: hash(occurrence === 0 ? key : `${key}\u0000${occurrence}`),
      severity: gitlabSeverity(f.severity),
      location: { path: f.file, lines: { begin: f.line } },
    };
  }
}

export function buildGitlab(findings: readonly Finding[], hash: (text: string) => string): GitlabIssue[] {
  return [...gitlabIssues(findings, hash)];
}

/** `formatGitlab` in pieces: each issue is built, written and dropped. */
export function writeGitlab(findings: readonly Finding[], write: Write, hash: (text: string) => string): void {
  writeJson(gitlabIssues(findings, hash), write, { walkDepth: 1 });
  write('\n');
}

export function formatGitlab(findings: readonly Finding[], hash: (text: string) => string): string {
  return collect((write) => writeGitlab(findings, write, hash));
}
