/** The little of markdown-it (a dependency of @vscode/vsce) that output-safety.test.ts uses to render summaries. */
declare module 'markdown-it' {
  interface Options {
    html?: boolean;
    linkify?: boolean;
  }
  class MarkdownIt {
    constructor(options?: Options);
    render(source: string): string;
  }
  export default MarkdownIt;
}
