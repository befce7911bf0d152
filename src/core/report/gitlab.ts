/**
 * `check --format gitlab`: a GitLab Code Quality report. Paths are repository-relative (GitLab
 * looks for `location.path` from the repository root, whatever folder was analysed). The
 * fingerprint is the finding's stable identity (identity.ts: rule, file, module, message with
 * digits normalised; not the line), the same as SARIF's `northstar/v1`, so a finding keeps it
 * when lines move above it or a day passes, and GitLab can tell new findings from old ones in a
 * merge request; identical findings in one file are told apart by their order.
 */
import type { Finding, Severity } from '../model/types';
import { Fingerprints, repositoryPath } from './identity';
import { collect, writeJson, type Write } from './stream';
import type { GitlabIssue, GitlabSeverity } from './types';

export function gitlabSeverity(severity: Severity): GitlabSeverity {
  return severity === 'error' ? 'major' : severity === 'warning' ? 'minor' : 'info';
}

/** The issues one at a time, in order (fingerprints count identical findings as they come). */
function* gitlabIssues(findings: readonly Finding[], hash: (text: string) => string, prefix: string): Generator<GitlabIssue> {
  const fingerprints = new Fingerprints(hash, prefix);
  for (const f of findings) {
    yield {
      description: f.message,
      check_name: f.ruleId,
      fingerprint: fingerprints.next(f),
      severity: gitlabSeverity(f.severity),
      location: { path: repositoryPath(f.file, prefix), lines: { begin: f.line } },
    };
  }
}

/** `prefix`: the analysed root's folder inside its git repository ('' when it is the repository root). */
export function buildGitlab(findings: readonly Finding[], hash: (text: string) => string, prefix = ''): GitlabIssue[] {
  return [...gitlabIssues(findings, hash, prefix)];
}

/** `formatGitlab` in pieces: each issue is built, written and dropped. */
export function writeGitlab(findings: readonly Finding[], write: Write, hash: (text: string) => string, prefix = ''): void {
  writeJson(gitlabIssues(findings, hash, prefix), write, { walkDepth: 1 });
  write('\n');
}

export function formatGitlab(findings: readonly Finding[], hash: (text: string) => string, prefix = ''): string {
  return collect((write) => writeGitlab(findings, write, hash, prefix));
}
