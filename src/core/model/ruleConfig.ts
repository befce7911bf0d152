/**
 * What `.northstar.yaml` switches off, asked by the rule run (rules/run.ts: which findings an
 * `ignore` entry silences) and by the scorecard (which criteria it does not assess).
 */
import { compileGlobs } from '../glob';
import type { Module, NorthstarConfig } from './types';

/** `quality/*` matches `quality/missing-tests`; `*` matches every rule (as the rule run reads `ignore`). */
export function ruleMatches(pattern: string, id: string): boolean {
  return pattern === '*' || pattern === id || (pattern.endsWith('/*') && id.startsWith(pattern.slice(0, -1)));
}

const compiledIgnores = new WeakMap<NorthstarConfig, { rule: string; paths: (path: string) => boolean }[]>();

/**
 * Is this rule switched off for this module by the configuration: a severity of `off`, an
 * `ignore` entry whose paths match a file that describes the module (where its findings point),
 * or, for a sample, `samples.severity: off` on quality and observability rules. The rule run
 * (rules/run.ts) silences findings by the same entries.
 */
export function ruleOffForModule(config: NorthstarConfig | undefined, ruleId: string, module: Pick<Module, 'files' | 'definedAt' | 'type'>): boolean {
  if (!config) return false;
  if (config.rules[ruleId] === 'off') return true;
  if (module.type === 'sample' && config.samples.severity === 'off' && (ruleId.startsWith('quality/') || ruleId.startsWith('observability/'))) return true;
  let ignores = compiledIgnores.get(config);
  if (!ignores) {
    ignores = config.ignore.map((i) => ({ rule: i.rule, paths: i.paths.length > 0 ? compileGlobs(i.paths) : () => true }));
    compiledIgnores.set(config, ignores);
  }
  if (ignores.length === 0) return false;
  const files = [module.definedAt.file, ...module.files];
  return ignores.some((i) => ruleMatches(i.rule, ruleId) && files.some((f) => i.paths(f)));
}
