/**
 * The CODEOWNERS engine (GitHub and GitLab dialects): parse, locate, detect the dialect, and
 * answer who owns a path.
 */
export { parseCodeowners, utf8Length, MAX_CODEOWNERS_BYTES, type CodeownersParseResult } from './parse';
export { detectDialect, findCodeownersFile, CODEOWNERS_LOCATIONS, CODEOWNERS_SEARCH_ORDER } from './locate';
export { OwnershipIndex, type CodeownersUsage, type MatchClasses } from './ownership';
export { isValidOwner, ownerProblem } from './owners';
export { sectionsOf, sectionLabel, type OwnerSectionMatch } from './sections';
export { compilePattern, normalizeGitlab, type Program, type MatchMode } from './pattern';
