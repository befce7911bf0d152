/** A git repository could not be read, or a revision does not resolve. Its message is one line. */
export class GitError extends Error {
  constructor(message: string) {
    super(message.split(/\r?\n/)[0]);
    this.name = 'GitError';
  }
}

/** A git data file (index, shared index, EWAH bitmap) that does not parse. */
export class CorruptIndexError extends GitError {
  constructor(file: string, detail: string) {
    super(`corrupt git index (${file}): ${detail}`);
    this.name = 'CorruptIndexError';
  }
}
