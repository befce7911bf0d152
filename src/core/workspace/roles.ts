/**
 * The catalogue of file roles and read limits: which workspace files the engine reads, as
 * what, and how much of them. Every reader and watcher asks here.
 */
import { basename, dirname, normalizePath } from '../fs';
import { CODEOWNERS_SEARCH_ORDER } from '../sources/codeowners/locate';
import { MAX_CODEOWNERS_BYTES } from '../sources/codeowners/parse';
import { isTestFolder, isVendored } from '../build/moduleKinds';
import { isManifestFile } from '../sources/manifest';
import { COMPONENT_OWNERS_FILES } from '../sources/componentOwners';
import { isAppConfig } from '../sources/locations';
import { DEFAULT_LEARNING_FOLDERS, isLearningFile } from '../sources/learning';


export type Role = 'contract' | 'catalog' | 'teams' | 'vision' | 'config' | 'codeowners' | 'componentOwners' | 'appConfig' | 'manifest' | 'source' | 'learning';

/** Largest YAML, manifest or source file read; larger ones are skipped with a finding. */
export const MAX_TEXT_BYTES = 1024 * 1024;
/** GitHub ignores a CODEOWNERS file of 3 MB or more (one constant: the parser's). */
export const CODEOWNERS_MAX_BYTES = MAX_CODEOWNERS_BYTES;

const CODEOWNERS_CANDIDATES = new Set(CODEOWNERS_SEARCH_ORDER);

/** What links a file to priorities (DESIGN 1.6): source files are read only to find it. */
export const PRIORITY_MARKER = 'northstar:priority';

/** Source files scanned for `northstar:priority` tags. */
const SOURCE_EXTENSIONS = new Set([
  'ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs', 'go', 'py', 'java', 'kt', 'kts', 'scala', 'rs', 'cs', 'fs',
  'rb', 'php', 'swift', 'c', 'h', 'cc', 'cpp', 'hpp', 'm', 'sh', 'bash', 'sql', 'proto', 'graphql', 'vue', 'svelte',
  'dart', 'ex', 'exs', 'erl', 'clj', 'lua', 'pl', 'r', 'tf',
]);

/**
 * What the engine reads a file as. `learningFolders`: the folders of postmortems, demos and
 * reviews (`.northstar.yaml` `learning.folders`); callers without the configuration get the default.
 */
export function roleOf(path: string, learningFolders: readonly string[] = DEFAULT_LEARNING_FOLDERS): Role | null {
  const base = basename(path);
  if (base === 'service-contract.yaml' || base === 'service-contract.yml') return 'contract';
  if (base === 'catalog-info.yaml' || base === 'catalog-info.yml') return 'catalog';
  if (path === 'teams.yaml' || path === 'teams.yml') return 'teams';
  if (path === 'vision.yaml' || path === 'vision.yml') return 'vision';
  if (path === '.northstar.yaml' || path === '.northstar.yml') return 'config';
  if (CODEOWNERS_CANDIDATES.has(path)) return 'codeowners';
  if (COMPONENT_OWNERS_FILES.includes(path)) return 'componentOwners';
  if (isAppConfig(path)) return 'appConfig';
  if (isManifestFile(base)) {
    // A package.json in test code or test data (babel's test/fixtures/…/invalid-pkg-json) is
    // never a module (build/moduleKinds.ts), so it is not read: a deliberately broken one is
    // nobody's problem. Project files there are read: a .NET test project names what it tests.
    return base === 'package.json' && isTestFolder(dirname(path)) ? null : 'manifest';
  }
  if (isLearningFile(path, learningFolders)) return 'learning';
  const dot = base.lastIndexOf('.');
  if (dot > 0 && SOURCE_EXTENSIONS.has(base.slice(dot + 1).toLowerCase())) return isVendored(path) ? null : 'source';
  return null;
}

/** Is this a file whose change can alter the model? (The extension watches these.) */
export function isRelevantFile(path: string, learningFolders: readonly string[] = DEFAULT_LEARNING_FOLDERS): boolean {
  const p = normalizePath(path);
  return roleOf(p, learningFolders) !== null || basename(p) === '.gitignore' || p === '.gitlab-ci.yml';
}

/** Files whose text the engine keeps, because fixes edit them (teams.yaml, vision.yaml, .northstar.yaml). */
export function keepsText(role: Role): boolean {
  return role === 'teams' || role === 'vision' || role === 'config';
}
