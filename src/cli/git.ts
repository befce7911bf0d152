/**
 * `check --changed-since REF`: the files touched since a git revision, relative to the
 * workspace root. Committed changes since the merge base of REF and HEAD (what
 * `git diff REF...` shows), plus uncommitted and untracked files, so a run before a commit
 * sees the work in progress too.
 */
import { execFile } from 'node:child_process';

export class GitError extends Error {}

function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: 256 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const detail =
          code === 'ENOENT'
            ? 'git is not installed or not on PATH'
            : (stderr.toString().trim().split(/\r?\n/)[0] ?? '') || error.message.split(/\r?\n/)[0];
        reject(new GitError(detail));
      } else resolve(stdout.toString());
    });
  });
}

function lines(text: string): string[] {
  return text.split('\0').filter((l) => l !== '');
}

/** Files changed since `ref` (root-relative, forward slashes, sorted, unique). Rejects with GitError. */
export async function changedFiles(root: string, ref: string): Promise<string[]> {
  if (ref.startsWith('-')) throw new GitError(`invalid revision '${ref}'`);
  await git(root, ['rev-parse', '--is-inside-work-tree']).catch((e: unknown) => {
    throw new GitError(`not a git repository: ${e instanceof Error ? e.message : String(e)}`);
  });
  const resolved = await git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]).catch(() => {
    throw new GitError(`unknown revision '${ref}'`);
  });
  const base = (await git(root, ['merge-base', resolved.trim(), 'HEAD']).catch(() => resolved)).trim();
  const [changed, untracked] = await Promise.all([
    git(root, ['diff', '--name-only', '--relative', '-z', '--no-renames', base, '--']),
    git(root, ['ls-files', '--others', '--exclude-standard', '-z', '--', '.']),
  ]);
  return [...new Set([...lines(changed), ...lines(untracked)].map((p) => p.replace(/\\/g, '/')))].sort();
}
