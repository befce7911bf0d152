/**
 * Reading one workspace file into what it contributes (its facts): the size limit and the
 * text check, then the parser of the file's role. What is read is cached by the analyzer
 * until the file changes; nothing here keeps state beyond the overlays it is given.
 */
import { decodeText, type FileAccess, type ScanResult } from '../fs';
import type { LearningRecord, PriorityTag, SourceLocation } from '../model/types';
import { parseCatalog } from '../sources/backstage';
import { parseConfig } from '../sources/config';
import { parseContract } from '../sources/contract';
import { parseManifest } from '../sources/manifest';
import { parseComponentOwners, type ComponentOwnersFile } from '../sources/componentOwners';
import { parseAppConfigLocations, type AppLocation } from '../sources/locations';
import { findDisableComments, findPriorityTags } from '../sources/tags';
import { parseTeams } from '../sources/teams';
import type { CatalogEntity, ConfigFile, ContractDecl, DisableComment, ManifestDecl, ParseProblem, TeamsFile, VisionFile } from '../sources/types';
import { parseVision } from '../sources/vision';
import { parseLearning } from '../sources/learning';
import { skippedProblem } from '../walk';
import { CODEOWNERS_MAX_BYTES, keepsText, MAX_TEXT_BYTES, PRIORITY_MARKER, roleOf, type Role } from '../workspace/roles';

/** What one file contributed, cached until it changes. */
export interface FileFacts {
  readonly problems: ParseProblem[];
  readonly disables: DisableComment[];
  readonly tags: PriorityTag[];
  contract?: ContractDecl;
  catalog?: CatalogEntity[];
  teams?: TeamsFile;
  vision?: VisionFile;
  config?: ConfigFile;
  manifest?: ManifestDecl;
  componentOwners?: ComponentOwnersFile;
  /** A postmortem's, demo's or review's front matter. */
  learning?: LearningRecord;
  /** A root app-config's `catalog.locations`. */
  appLocations?: AppLocation[];
  /** Text of CODEOWNERS (parsed at build time: the dialect depends on configuration) and of the small YAML files that fixes edit. */
  text?: string;
}

export const EMPTY_FACTS: FileFacts = Object.freeze({ problems: [], disables: [], tags: [] }) as FileFacts;

/** Does this file's facts carry anything the snapshot collects from every file (problems, disable comments, tags)? */
export function contributes(facts: FileFacts): boolean {
  return facts.problems.length > 0 || facts.disables.length > 0 || facts.tags.length > 0;
}

export function location(file: string, line = 1, column = 1, endLine = line, endColumn = column): SourceLocation {
  return { file, line, column, endLine, endColumn };
}

export function errorText(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'it disappeared while being read';
  return error instanceof Error ? error.message : String(error);
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

function tooLargeProblem(path: string, size: number, limit: number): ParseProblem {
  return skippedProblem(path, `too large (${formatSize(size)}; the limit is ${formatSize(limit)})`);
}

function scanOnly(problem: ParseProblem): ParseProblem {
  return { ...problem, tagScanOnly: true };
}

/** Reads files through the port, with unsaved editor buffers (overlays) taking precedence. */
export class FactReader {
  constructor(
    private readonly fs: FileAccess,
    private readonly overlays: () => ReadonlyMap<string, string>,
  ) {}

  /** A source file's facts from a scan: the same as `read` gives after reading it whole. */
  sourceFacts(path: string, scan: ScanResult): FileFacts {
    const facts = this.scannedFacts(path, scan);
    return facts.problems.length === 0 ? facts : { ...facts, problems: facts.problems.map(scanOnly) };
  }

  private scannedFacts(path: string, scan: ScanResult): FileFacts {
    switch (scan.kind) {
      case 'plain':
        return EMPTY_FACTS;
      case 'text':
        return { problems: [], disables: [], tags: findPriorityTags(scan.text, path) };
      case 'binary':
        return { ...EMPTY_FACTS, problems: [skippedProblem(path, 'binary or not UTF-8 text')] };
      case 'tooLarge':
        return { ...EMPTY_FACTS, problems: [tooLargeProblem(path, scan.size, MAX_TEXT_BYTES)] };
      case 'error':
        return {
          ...EMPTY_FACTS,
          problems: [skippedProblem(path, `the file cannot be read (${errorText(Object.assign(new Error(scan.message), { code: scan.code }))})`)],
        };
    }
  }

  private async readText(path: string, limit: number): Promise<{ text: string } | { problem: ParseProblem; size?: number }> {
    const overlay = this.overlays().get(path);
    if (overlay !== undefined) return { text: overlay };
    const tooLarge = (size: number) => ({ problem: tooLargeProblem(path, size, limit), size });
    let bytes: Uint8Array;
    try {
      if (this.fs.readFileWithin) {
        // One call instead of a stat and a read: most of a large workspace's I/O.
        const read = await this.fs.readFileWithin(path, limit);
        if (!(read instanceof Uint8Array)) return tooLarge(read.tooLarge);
        bytes = read;
      } else {
        const stat = await this.fs.stat(path);
        if (stat.size > limit) return tooLarge(stat.size);
        bytes = await this.fs.readFile(path);
      }
    } catch (error) {
      return { problem: skippedProblem(path, `the file cannot be read (${errorText(error)})`) };
    }
    if (bytes.length > limit) return tooLarge(bytes.length);
    const text = decodeText(bytes);
    if (text === null) return { problem: skippedProblem(path, 'binary or not UTF-8 text') };
    return { text };
  }

  /** Read one file and parse it by its role. Never throws: what goes wrong is a problem. */
  async read(path: string, as?: Role): Promise<FileFacts> {
    const role = as ?? roleOf(path);
    if (role === null) return EMPTY_FACTS;
    if (role === 'codeowners') {
      const read = await this.readText(path, CODEOWNERS_MAX_BYTES - 1);
      if ('problem' in read) {
        if (read.size === undefined) return { ...EMPTY_FACTS, problems: [read.problem] };
        return {
          ...EMPTY_FACTS,
          problems: [{
            ruleId: 'codeowners/syntax',
            message: `${path} is ${formatSize(read.size)}: GitHub ignores a CODEOWNERS file of 3 MB or more, so none of its rules apply.`,
            location: location(path),
          }],
        };
      }
      return { ...EMPTY_FACTS, text: read.text };
    }
    const read = await this.readText(path, MAX_TEXT_BYTES);
    if ('problem' in read) return { ...EMPTY_FACTS, problems: [role === 'source' ? scanOnly(read.problem) : read.problem] };
    const text = read.text;
    const tags = text.includes(PRIORITY_MARKER) ? findPriorityTags(text, path) : [];
    const isYaml = role !== 'source' && role !== 'manifest';
    const disables = isYaml && text.includes('northstar-disable') ? findDisableComments(text, path) : [];
    // Small files that fixes edit keep their text, so a fix can append at the right place.
    const facts: FileFacts = { problems: [], disables, tags, ...(keepsText(role) ? { text } : {}) };
    const take = <T>(result: { value: T | null; problems: ParseProblem[] }): T | undefined => {
      for (const p of result.problems) facts.problems.push(p);
      return result.value ?? undefined;
    };
    switch (role) {
      case 'contract':
        facts.contract = take(parseContract(text, path));
        break;
      case 'catalog':
        facts.catalog = take(parseCatalog(text, path));
        break;
      case 'teams':
        facts.teams = take(parseTeams(text, path));
        break;
      case 'vision':
        facts.vision = take(parseVision(text, path));
        break;
      case 'config':
        facts.config = take(parseConfig(text, path));
        break;
      case 'manifest':
        facts.manifest = take(parseManifest(text, path));
        break;
      case 'componentOwners':
        facts.componentOwners = take(parseComponentOwners(text, path));
        break;
      case 'appConfig':
        facts.appLocations = parseAppConfigLocations(text, path);
        break;
      case 'learning':
        facts.learning = take(parseLearning(text, path));
        break;
      case 'source':
        break;
    }
    return facts;
  }
}
