/**
 * How the architecture diagram groups modules, and why. `auto` (the default) takes what the
 * repository declares (systems, from contracts or Backstage catalogs), else its folder structure
 * (`packages/`, `plugins/`, `workspaces/x/…`), else the teams that own the modules. An explicit
 * choice means exactly that: `system` puts modules that declare none in "(no system)", `team`
 * puts modules without a team in "(no team)"; neither silently borrows another grouping.
 */
import type { Module } from '../model/types';
import type { DiagramGroupBy, DiagramGrouping } from './types';

export interface ResolvedGrouping extends DiagramGrouping {
  /** The group key of a module ('' for "(no system)", "(no team)", "(root)"); null when not grouped. */
  keyOf(m: Module): string | null;
}

/** Deepest folder level the folder grouping tries (`workspaces/x/plugins/y` needs 2). */
const MAX_FOLDER_DEPTH = 4;

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/**
 * The folder that groups a module when grouping at `depth` folder levels: the first `depth`
 * folders of its path; a module that is itself a folder holding other modules (a workspace root,
 * `workspaces/acr` above `workspaces/acr/plugins/acr`) groups with them; a shallower module
 * groups in its parent folder (`''`: the root).
 */
function folderKeys(modules: readonly Module[], depth: number, containers: ReadonlySet<string>): Map<Module, string> {
  const keys = new Map<Module, string>();
  for (const m of modules) {
    if (m.path === '') {
      keys.set(m, '');
      continue;
    }
    const segments = m.path.split('/');
    if (segments.length > depth) keys.set(m, segments.slice(0, depth).join('/'));
    else if (containers.has(m.path)) keys.set(m, m.path);
    else keys.set(m, segments.slice(0, -1).join('/'));
  }
  return keys;
}

function groupSizes(keys: ReadonlyMap<Module, string>): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const k of keys.values()) sizes.set(k, (sizes.get(k) ?? 0) + 1);
  return sizes;
}

/**
 * The folder structure's grouping, or null when it has none: the shallowest folder level that
 * gives more than one group and fewer groups than modules, taken one level deeper while its
 * largest group holds more than half of the modules and the next level splits it.
 */
export function folderGrouping(modules: readonly Module[]): Map<Module, string> | null {
  const n = modules.length;
  const containers = new Set<string>();
  for (const m of modules) {
    let slash = m.path.indexOf('/');
    while (slash >= 0) {
      containers.add(m.path.slice(0, slash));
      slash = m.path.indexOf('/', slash + 1);
    }
  }
  const valid = (keys: ReadonlyMap<Module, string>): boolean => {
    const groups = groupSizes(keys).size;
    return groups >= 2 && groups < n;
  };
  let depth = 1;
  let keys = folderKeys(modules, depth, containers);
  while (!valid(keys)) {
    if (++depth > MAX_FOLDER_DEPTH) return null;
    keys = folderKeys(modules, depth, containers);
  }
  while (depth < MAX_FOLDER_DEPTH) {
    let largest = '';
    let size = -1;
    for (const [k, s] of groupSizes(keys)) {
      if (s > size || (s === size && k < largest)) [largest, size] = [k, s];
    }
    if (size * 2 <= n) break;
    const next = folderKeys(modules, depth + 1, containers);
    if (!valid(next)) break;
    const split = new Set<string>();
    for (const [m, k] of keys) if (k === largest) split.add(next.get(m) ?? '');
    if (split.size < 2) break;
    depth++;
    keys = next;
  }
  return keys;
}

/** "the folders under workspaces/ (102 groups: workspaces/a/, …)" / "the top-level folders (5 groups: packages/, …)". */
function folderWords(keys: ReadonlyMap<Module, string>): string {
  const sizes = [...groupSizes(keys)].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const parents = new Map<string, number>();
  for (const [k] of sizes) {
    const slash = k.lastIndexOf('/');
    const parent = slash < 0 ? '' : k.slice(0, slash);
    parents.set(parent, (parents.get(parent) ?? 0) + 1);
  }
  const shown = sizes.slice(0, 3).map(([k]) => (k === '' ? 'the root' : `${k}/`));
  const list = `${plural(sizes.length, 'group')}: ${shown.join(', ')}${sizes.length > 3 ? ', …' : ''}`;
  const [main, count] = [...parents].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  if (main !== '' && count * 5 >= sizes.length * 4) return `the folders under ${main}/ (${list})`;
  return parents.size === 1 ? `the top-level folders (${list})` : `folder (${list})`;
}

/** The parent folder of a module, the grouping `--group-by folder` falls back to when the folders give no structure. */
function parentFolder(m: Module): string {
  const slash = m.path.lastIndexOf('/');
  return slash < 0 ? '' : m.path.slice(0, slash);
}

/**
 * The grouping for `requested` over `modules` (all of the model's, so that filters and focus do
 * not change it), with the sentence that says why.
 */
export function resolveGrouping(modules: readonly Module[], requested: DiagramGroupBy, teamOf: (m: Module) => string): ResolvedGrouping {
  const n = modules.length;
  const systemOf = (m: Module): string => m.system ?? '';
  const declaring = modules.filter((m) => systemOf(m) !== '').length;
  const systems = new Set(modules.map(systemOf).filter((s) => s !== '')).size;
  const withTeam = modules.filter((m) => teamOf(m) !== '').length;
  const teams = new Set(modules.map(teamOf).filter((t) => t !== '')).size;

  const bySystem = (reason: string): ResolvedGrouping => ({ by: 'system', reason, keyOf: systemOf });
  const byTeam = (reason: string): ResolvedGrouping => ({ by: 'team', reason, keyOf: teamOf });
  const systemCount = `${plural(declaring, 'module')} of ${n} declare a system (${plural(systems, 'system')})`;
  const noSystem = n - declaring > 0 ? `; the other ${n - declaring} ${n - declaring === 1 ? 'is' : 'are'} in (no system)` : '';
  const noTeam = n - withTeam > 0 ? `; ${plural(n - withTeam, 'module')} without one ${n - withTeam === 1 ? 'is' : 'are'} in (no team)` : '';

  switch (requested) {
    case 'none':
      return { by: 'none', reason: 'not grouped, as asked', keyOf: () => null };
    case 'system':
      return bySystem(`as asked: ${systemCount}${noSystem}`);
    case 'team':
      return byTeam(`as asked: ${plural(withTeam, 'module')} of ${n} have a team (${plural(teams, 'team')})${noTeam}`);
    case 'folder': {
      const keys = folderGrouping(modules);
      if (keys) return { by: 'folder', reason: `as asked: ${folderWords(keys)}`, keyOf: (m) => keys.get(m) ?? parentFolder(m) };
      return { by: 'folder', reason: 'as asked: the folders give no structure, so each module is in its parent folder', keyOf: parentFolder };
    }
    case 'auto':
      break;
  }
  // auto: declared systems when they describe most of the repository.
  if (systems >= 2 && declaring * 2 >= n) return bySystem(`${systemCount}${noSystem}`);
  const why =
    declaring === 0
      ? 'no module declares a system'
      : systems < 2
        ? `only one system is declared (${plural(declaring, 'module')} of ${n})`
        : `only ${systemCount}`;
  const keys = folderGrouping(modules);
  if (keys) return { by: 'folder', reason: `${why}; grouped by ${folderWords(keys)}`, keyOf: (m) => keys.get(m) ?? parentFolder(m) };
  const parents = new Set(modules.map(parentFolder));
  const flat = parents.size === 1 ? `every module is in ${[...parents][0] === '' ? 'the root folder' : `${[...parents][0]}/`}` : 'the folders give no structure';
  if (teams >= 2) return byTeam(`${why} and ${flat}; grouped by the ${plural(teams, 'team')} that own the modules${noTeam}`);
  return { by: 'none', reason: `${why}, ${flat} and fewer than two teams own modules; not grouped`, keyOf: () => null };
}
