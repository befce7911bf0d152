/** Editing CODEOWNERS (issue 15): completion, formatting and links, pure; src/extension/codeownersEditing.ts adapts them. */
export { codeownersCompletions, editingDialect, escapePatternName, COMPLETION_LIMIT, type CodeownersCompletionItem, type CodeownersCompletions, type CompletionKind } from './completion';
export { formatCodeowners, applyLineEdits, ownerColumn, MAX_OWNER_COLUMN, type FormatOptions, type LineEdit } from './format';
export { codeownersLinks, githubPageOf, isOnGitHub, LINK_LINE_LIMIT, type CodeownersLink, type LinkTarget } from './links';
export { listFolder, hasFile, sortedFiles, type PathEntry, type FolderListing } from './paths';
export { lineParts, splitLines, type LineParts } from './lines';
