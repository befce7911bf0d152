/**
 * `check --changed-since REF`: the files touched since a git revision, relative to the
 * workspace root. Read from git's own files by src/node/git, never by running git (whose
 * repository configuration can name programs to run: fsmonitor, filters, external diff).
 */
export { changedFiles, changesSince, GitError, type ChangesSince } from '../node/git';
