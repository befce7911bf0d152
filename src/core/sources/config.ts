/**
 * `.northstar.yaml` (DESIGN.md 1.7), read alike by the extension and the CLI so that the
 * editor and CI agree. Anything missing or unusable takes its default.
 */
import type { CodeownersDialect, ConfiguredSeverity, NorthstarConfig, SourceLocation } from '../model/types';
import type { ConfigFile, ParseResult } from './types';
import { DEFAULT_LEARNING_FOLDERS } from './learning';
import { validateAgainstSchema } from './schema';
import { isEmptyDocument, parseSingleYaml, readFailure } from './yaml';

export const CONFIG_FILE_NAMES: readonly string[] = ['.northstar.yaml', '.northstar.yml'];

const SEVERITIES: readonly string[] = ['off', 'info', 'warning', 'error'];

/** The configuration when there is no `.northstar.yaml`. A fresh object each call. */
export function defaultConfig(): NorthstarConfig {
  return {
    rules: {},
    ignore: [],
    modules: { include: [], exclude: [] },
    tests: { patterns: null },
    observability: { libraries: [] },
    staleness: { privacyReviewDays: 365, drRehearsalDays: 365, metricDays: 90 },
    codeowners: { dialect: null, path: null },
    walk: { skipFolders: [], walkFolders: [] },
    samples: { severity: 'info' },
    today: null,
    ownership: { minCoverage: null, catchAllUnowned: false },
    learning: { folders: [...DEFAULT_LEARNING_FOLDERS] },
    history: { commits: 200, months: 24 },
  };
}

/** A folder's name (the walk skips folders by name, at any depth): no slash, not empty, not `.` or `..`. */
function isFolderName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !name.includes('/') && !name.includes('\\');
}

/** A folder as written → root-relative with forward slashes, no leading `./` or `/`, no trailing `/`. */
function folderPath(written: string): string {
  const parts = written.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.');
  return parts.join('/');
}

/** Read a `.northstar.yaml`: defaults overlaid with what the file sets. Never throws. */
export function parseConfig(text: string, file: string): ParseResult<ConfigFile> {
  try {
    const { doc, problems } = parseSingleYaml(text, file);
    const config = defaultConfig();
    const ruleLocations: Record<string, SourceLocation> = {};
    if (!doc) return { value: { file, config, ruleLocations }, problems };
    if (!doc.hasSyntaxErrors && !isEmptyDocument(doc)) for (const item of validateAgainstSchema('northstar-config', doc)) problems.push(item);
    const root = doc.root;
    const section = (key: string) => doc.get(root, key);
    const globs = (node: unknown) => doc.strings(node).map((s) => s.value.trim());

    for (const pair of doc.entries(section('rules'))) {
      const id = doc.keyText(pair);
      const severity = doc.str(pair.value)?.trim();
      if (id === null || severity === undefined || !SEVERITIES.includes(severity)) continue;
      config.rules[id] = severity as ConfiguredSeverity;
      ruleLocations[id] = doc.loc(pair.key);
    }

    for (const item of doc.items(section('ignore'))) {
      const rule = doc.str(doc.get(item, 'rule'))?.trim();
      const paths = globs(doc.get(item, 'paths'));
      if (rule && paths.length > 0) config.ignore.push({ rule, paths });
    }

    const modules = section('modules');
    config.modules.include = globs(doc.get(modules, 'include'));
    config.modules.exclude = globs(doc.get(modules, 'exclude'));

    const patterns = doc.get(section('tests'), 'patterns');
    if (patterns !== null) {
      const list = globs(patterns);
      if (list.length > 0) config.tests.patterns = list;
    }

    config.observability.libraries = globs(doc.get(section('observability'), 'libraries'));

    const staleness = section('staleness');
    for (const key of ['privacyReviewDays', 'drRehearsalDays', 'metricDays'] as const) {
      const days = doc.num(doc.get(staleness, key));
      if (days !== null && Number.isInteger(days) && days >= 1) config.staleness[key] = days;
    }

    const codeowners = section('codeowners');
    const dialect = doc.str(doc.get(codeowners, 'dialect'))?.trim();
    if (dialect === 'github' || dialect === 'gitlab') config.codeowners.dialect = dialect as CodeownersDialect;
    config.codeowners.path = doc.str(doc.get(codeowners, 'path'))?.trim() || null;

    const walk = section('walk');
    config.walk.skipFolders = globs(doc.get(walk, 'skipFolders')).filter(isFolderName);
    config.walk.walkFolders = globs(doc.get(walk, 'walkFolders')).filter(isFolderName);

    const samples = section('samples');
    const sampleSeverity = doc.str(doc.get(samples, 'severity'))?.trim();
    if (sampleSeverity === 'off' || sampleSeverity === 'info' || sampleSeverity === 'warning' || sampleSeverity === 'error') config.samples.severity = sampleSeverity;

    const ownership = section('ownership');
    const minCoverage = doc.num(doc.get(ownership, 'minCoverage'));
    if (minCoverage !== null && minCoverage >= 0 && minCoverage <= 100) config.ownership.minCoverage = minCoverage;
    config.ownership.catchAllUnowned = doc.bool(doc.get(ownership, 'catchAllUnowned')) ?? false;
    const learningFolders = doc.get(section('learning'), 'folders');
    if (learningFolders !== null) {
      // Root-relative folders; one that leaves the root (`..`) or is the root itself is ignored (the schema says why).
      const folders = globs(learningFolders).map(folderPath).filter((f) => f !== '' && !f.split('/').includes('..'));
      if (folders.length > 0) config.learning.folders = [...new Set(folders)];
    }

    const history = section('history');
    for (const key of ['commits', 'months'] as const) {
      const count = doc.num(doc.get(history, key));
      if (count !== null && Number.isInteger(count) && count >= 0) config.history[key] = count;
    }

    const today = doc.str(section('today'))?.trim();
    if (today && /^\d{4}-\d{2}-\d{2}$/.test(today)) config.today = today;

    return { value: { file, config, ruleLocations }, problems };
  } catch (error) {
    return { value: null, problems: [readFailure(file, error)] };
  }
}
