/**
 * Declarations → modules: contracts, then Backstage components and resources, then package
 * manifests; edges between workspace packages; owners from CODEOWNERS where nothing declares one.
 */
import { basename } from '../fs';
import { compileGlobs } from '../glob';
import { newModule, type ModuleDraft } from '../model/module';
import { DEPENDENCY_KIND_ORDER, isSamplePath } from '../model/predicates';
import { isPlaceholderOwner } from '../model/teams';
import type { Dependency, Module, ModuleType, NorthstarConfig, ObservabilityEvidence, OwnerMatch, Reference } from '../model/types';
import { evidenceFromAnnotations, evidenceFromDependencies, onCallSteps } from '../observability';
import { isCatalogFile, parseEntityRef } from '../sources/backstage';
import { WORKSPACE_MARKER_FILES } from '../sources/manifest';
import {
  isGoToolPin,
  isGroup,
  isInside,
  isMetaGem,
  isModuleDependencyList,
  isTemplate,
  isTestFolder,
  isTestOnlyProject,
  isToolingFolder,
  testProjectSubject,
  type TemplateContext,
  goModuleName,
} from './moduleKinds';
import type { CatalogEntity, ContractDecl, ManifestDecl } from '../sources/types';
import { compareStrings } from '../walk';
import { experimentOf } from './strategy';
import { componentOwnersOf, type ComponentOwnersFile } from '../sources/componentOwners';

const MODULE_TYPES = new Set<ModuleType>(['service', 'website', 'job', 'library', 'sample']);

export interface ModuleInputs {
  files: readonly string[];
  /** The same files as a set, when the caller has one. */
  fileSet?: ReadonlySet<string>;
  contracts: readonly ContractDecl[];
  catalog: readonly CatalogEntity[];
  manifests: readonly ManifestDecl[];
  config: NorthstarConfig;
  ownersOf: (path: string) => OwnerMatch;
  componentOwners?: ComponentOwnersFile | null;
  /** What the last build decided about the manifests, kept while its inputs are the same objects. */
  memo?: ManifestMemo;
}

/**
 * Which manifests make no module, and the order the others are read in: they depend on the
 * manifests, the file list and the catalog (template folders) alone, so an update that changes
 * none of the three (a contract edit) keeps them.
 */
export interface ManifestMemo {
  last?: {
    manifests: readonly ManifestDecl[];
    files: readonly string[];
    catalog: readonly CatalogEntity[];
    skipped: ReadonlySet<ManifestDecl>;
    ordered: readonly ManifestDecl[];
  };
}

function asType(value: string | null | undefined): ModuleType | null {
  return value && MODULE_TYPES.has(value as ModuleType) ? (value as ModuleType) : null;
}

function asLifecycle(value: string | null | undefined): Module['lifecycle'] {
  return value === 'experimental' || value === 'production' || value === 'deprecated' ? value : null;
}

function prefixGlob(folder: string, glob: string): string {
  const g = glob.replace(/^\.\//, '');
  return folder === '' ? g : `${folder}/${g}`;
}

/** Does the contract state its module's type (else the type comes from its files, assign.ts)? */
export function declaresType(c: ContractDecl): boolean {
  return asType(c.type) !== null;
}

/**
 * The module a contract declares, from the contract alone: what the other declarations add to it
 * (a catalog entry of the same folder and name, manifests beside it, owners from CODEOWNERS or a
 * group) comes after, in buildModules. Its type is declared when `asType(c.type)` is one.
 */
export function contractModule(c: ContractDecl): ModuleDraft {
  const name = c.name?.value ?? (basename(c.folder) || 'root');
  const m = newModule(name, c.folder, 'contract', c.name?.location ?? c.location);
  m.description = c.description;
  // A placeholder (`@TODO-team`) is no owner: CODEOWNERS or the catalog may still name one.
  if (c.owner && !isPlaceholderOwner(c.owner.value)) {
    m.owners = [c.owner.value];
    m.ownerSource = 'contract';
    m.ownerLocation = c.owner.location;
  }
  m.system = c.system;
  const type = asType(c.type);
  if (type) m.type = type;
  m.tier = c.tier === 1 || c.tier === 2 || c.tier === 3 ? c.tier : null;
  m.lifecycle = asLifecycle(c.lifecycle);
  const via = `${basename(c.file)} dependsOn`;
  m.dependsOn = c.dependsOn.map((d) => ({ ...d, kind: 'declared', via }));
  m.consumes = c.consumes.slice();
  m.apis = c.provides.slice();
  m.testGlobs = c.tests ? c.tests.map((g) => prefixGlob(c.folder, g)) : null;
  const o = c.observability;
  if (o.logs) m.observability.push({ signal: 'logs', source: 'contract', detail: o.logs });
  if (o.metrics) m.observability.push({ signal: 'metrics', source: 'contract', detail: o.metrics });
  if (o.traces) m.observability.push({ signal: 'traces', source: 'contract', detail: o.traces });
  for (const d of o.dashboards) m.observability.push({ signal: 'dashboards', source: 'contract', detail: d });
  for (const a of o.alerts) m.observability.push({ signal: 'alerts', source: 'contract', detail: a });
  if (o.runbook) m.observability.push({ signal: 'runbook', source: 'contract', detail: o.runbook });
  m.dashboards = o.dashboards.slice();
  m.alerts = o.alerts.slice();
  m.runbook = o.runbook;
  m.slos = c.slos.slice();
  m.data = { classification: c.dataClassification };
  m.security = { threatModel: c.security.threatModel?.value ?? null, privacyReview: c.security.privacyReview?.value ?? null };
  m.resilience = { drRehearsal: c.resilience.drRehearsal?.value ?? null };
  m.priorities = c.priorities.map((p) => p.name);
  m.experiment = experimentOf(c.experiment);
  m.initiatives = c.initiatives.map((i) => i.name);
  return m;
}

/**
 * The modules of the workspace from its declarations (DESIGN section 2), with their owners in
 * one precedence: contract, then catalog, then the CODEOWNERS owners of the defining file.
 * `typeDeclared` holds the modules whose type a contract or catalog states; the others get
 * theirs from their files (assign.ts).
 */
export async function buildModules(
  input: ModuleInputs,
  pause: () => Promise<void> | null,
): Promise<{
  modules: ModuleDraft[];
  typeDeclared: ReadonlySet<ModuleDraft>;
  testSubjects: ReadonlyMap<string, readonly ModuleDraft[]>;
  /** Some group (kept or not) has owners to give the modules inside it. */
  ownedGroups: boolean;
}> {
  const typeDeclared = new Set<ModuleDraft>();
  const { contracts, catalog, manifests, config } = input;
  const modules: ModuleDraft[] = [];
  const byFolder = new Map<string, ModuleDraft[]>();
  const add = (m: ModuleDraft) => {
    modules.push(m);
    byFolder.set(m.path, [...(byFolder.get(m.path) ?? []), m]);
  };

  let step = 0;
  // Every 64 declarations, the event loop gets a turn when due.
  const due = () => (step++ & 63) === 0;
  for (const c of contracts) {
    if (due()) await pause();
    const m = contractModule(c);
    if (declaresType(c)) typeDeclared.add(m);
    add(m);
  }

  // Backstage: APIs by reference, then components and resources as modules.
  const fileSet = input.fileSet ?? new Set(input.files);
  const templates: TemplateContext = {
    hasFile: (path) => fileSet.has(path),
    templateFolders: new Set(catalog.filter((e) => e.kind.toLowerCase() === 'template' && e.folder !== '').map((e) => e.folder)),
  };
  const components = new Set<ModuleDraft>();
  const apisByRef = new Map<string, CatalogEntity>();
  for (const e of catalog) if (e.kind.toLowerCase() === 'api') apisByRef.set(e.ref, e);
  const refName = (ref: Reference, kind: string): Reference => {
    const parsed = parseEntityRef(ref.name, kind);
    return { name: parsed.name, location: ref.location };
  };
  for (const e of catalog) {
    if (due()) await pause();
    const kind = e.kind.toLowerCase();
    if (kind !== 'component' && kind !== 'resource') continue;
    // An entity registered by a Location in a file of its own (catalog-entities/components/x.yaml)
    // describes code that lives elsewhere: it is known (references to it resolve), not a module
    // of the folder its file is in. A catalog-info.yaml describes its own folder.
    if (!isCatalogFile(basename(e.file))) continue;
    // Test data (a catalog-info.yaml under src/actions/x/mocks/ that a test loads) and example
    // data (a plugin's examples/component/catalog-info.yaml that its dev app loads) are no modules.
    if (isTestFolder(e.folder) || isSamplePath(e.folder)) continue;
    if (isTemplate(e.folder, e.name, templates)) continue;
    const sameFolder = (byFolder.get(e.folder) ?? []).find((m) => m.source === 'contract' && m.name === e.name);
    const m = sameFolder ?? newModule(e.name, e.folder, 'catalog', e.location);
    if (sameFolder) {
      if (!m.files.includes(e.file)) m.files.push(e.file);
    } else {
      m.description = e.description;
    }
    if (m.owners.length === 0 && e.owner && !isPlaceholderOwner(e.owner.value)) {
      m.owners = [e.owner.value];
      m.ownerSource = 'catalog';
      m.ownerLocation = e.owner.location;
    }
    m.system ??= e.system;
    const type = asType(e.type);
    if (!typeDeclared.has(m)) {
      if (type) {
        m.type = type;
        typeDeclared.add(m);
      } else if (kind === 'component' && e.type) {
        // Backstage types such as `documentation` or `tool` are not run: treat as libraries.
        m.type = 'library';
        typeDeclared.add(m);
      }
    }
    m.lifecycle ??= asLifecycle(e.lifecycle);
    m.experiment ??= experimentOf(e.experiment ?? null);
    const known = new Set(m.dependsOn.map((d) => d.name));
    for (const d of e.dependsOn) {
      const r = refName(d, 'component');
      if (!known.has(r.name)) m.dependsOn.push({ ...r, kind: 'declared', via: `${basename(e.file)} spec.dependsOn` });
    }
    const consumed = new Set(m.consumes.map((d) => d.name));
    for (const a of e.consumesApis) {
      const r = refName(a, 'api');
      if (!consumed.has(r.name)) m.consumes.push(r);
    }
    for (const a of e.providesApis) {
      const parsed = parseEntityRef(a.name, 'api');
      if (m.apis.some((x) => x.name === parsed.name)) continue;
      const api = apisByRef.get(`api:${parsed.namespace.toLowerCase()}/${parsed.name.toLowerCase()}`) ?? apisByRef.get(`api:${parsed.namespace}/${parsed.name}`);
      m.apis.push({ name: parsed.name, type: api?.type ?? 'other', definition: null, location: a.location ?? e.location });
    }
    for (const item of evidenceFromAnnotations(e.annotations)) m.observability.push(item);
    const onCall = onCallSteps(e.annotations);
    if (onCall.length > 0 && !m.escalation) m.escalation = onCall;
    const runbook = e.annotations['northstar.dev/runbook'];
    if (runbook && !m.runbook) m.runbook = runbook;
    if (!sameFolder) {
      add(m);
      if (kind === 'component') components.add(m);
    }
  }

  // Manifests that make no module (build/moduleKinds.ts): aggregators (pnpm declares its
  // workspace beside package.json rather than in it; a Gradle build beside a settings.gradle that
  // includes projects), package.json files that are no package, Go tool pins, test code and
  // test data, templates.
  const last = input.memo?.last;
  const { skipped, ordered } =
    last && last.manifests === manifests && last.files === input.files && last.catalog === catalog ? last : nonModules(manifests, input.files, fileSet, templates);
  if (input.memo) input.memo.last = { manifests, files: input.files, catalog, skipped, ordered };
  const notAModule = (mf: ManifestDecl) => skipped.has(mf);
  for (const mf of ordered) {
    if (due()) await pause();
    if (notAModule(mf)) continue;
    const existing = byFolder.get(mf.folder)?.[0];
    const m = existing ?? newModule(manifestModuleName(mf), mf.folder, 'manifest', mf.location);
    if (existing && !m.files.includes(mf.file)) m.files.push(mf.file);
    // A BOM publishes the versions of the build's other modules and holds no code: like a group,
    // its owner is checked and it is not scored.
    if (!existing && mf.bom === true) m.kind = 'group';
    m.packageName ??= mf.name;
    m.description ??= mf.description ?? null;
    for (const item of evidenceFromDependencies(mf.dependencies, config.observability.libraries)) m.observability.push(item);
    if (!existing) add(m);
  }

  // Groups: a catalog Component over other modules, with no package of its own.
  const holding = new Set<string>();
  for (const m of modules) {
    for (let p = m.path; p !== ''; ) {
      p = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '';
      if (holding.has(p)) break;
      holding.add(p);
    }
  }
  const packageFolders = new Map<string, number>();
  for (const mf of manifests) if (!notAModule(mf)) packageFolders.set(mf.folder, (packageFolders.get(mf.folder) ?? 0) + 1);
  for (const m of components) {
    const candidate = { declaredBy: 'component' as const, packageManifests: packageFolders.get(m.path) ?? 0, holdsModules: holding.has(m.path) };
    if (isGroup(candidate)) m.kind = 'group';
  }

  // Workspace packages that depend on each other by package name become edges, one per pair:
  // a declared edge stays; of a package's entries for one target, the strongest kind wins
  // (`dependencies` over `peerDependencies` over `devDependencies`), the first of equals.
  const byPackage = new Map<string, ModuleDraft>();
  for (const m of modules) if (m.packageName) byPackage.set(m.packageName, m);
  const rank = (d: Dependency) => DEPENDENCY_KIND_ORDER.indexOf(d.kind);
  for (const mf of manifests) {
    if (due()) await pause();
    const m = byFolder.get(mf.folder)?.[0];
    if (!m || notAModule(mf)) continue;
    const known = new Map(m.dependsOn.map((d, i) => [d.name, i] as const));
    for (const entry of mf.dependencyEntries) {
      const target = byPackage.get(entry.name);
      if (!target || target === m) continue;
      const edge: Dependency = { name: target.name, location: entry.location, kind: entry.kind, via: `${basename(mf.file)} ${entry.scope}` };
      const at = known.get(target.name);
      if (at === undefined) {
        known.set(target.name, m.dependsOn.length);
        m.dependsOn.push(edge);
      } else if (rank(edge) < rank(m.dependsOn[at])) m.dependsOn[at] = edge;
    }
  }

  // Owners from CODEOWNERS: the owners of the file that defines the module.
  for (const m of modules) {
    if (due()) await pause();
    if (m.owners.length > 0) continue;
    const match = input.ownersOf(m.definedAt.file);
    if (match.owners.length > 0) {
      m.owners = match.owners.slice();
      m.ownerSource = 'codeowners';
    }
  }

  // Owners from .github/component_owners.yml, where CODEOWNERS names none (the OpenTelemetry
  // repositories un-own their instrumentations in CODEOWNERS and list owners there).
  if (input.componentOwners) {
    for (const m of modules) {
      if (m.owners.length > 0) continue;
      const entry = componentOwnersOf(input.componentOwners, m.path);
      if (!entry) continue;
      m.owners = entry.owners.slice();
      m.ownerSource = 'componentOwners';
      m.ownerLocation = entry.location;
    }
  }

  // Owners from the group that holds the module: a catalog Component over a folder of modules
  // (a repository-wide `spec.type: repository` entry) owns what inside it names no owner.
  const groups = modules.filter((m) => m.kind === 'group' && m.owners.length > 0).sort((a, b) => b.path.length - a.path.length);
  if (groups.length > 0) {
    for (const m of modules) {
      if (m.owners.length > 0 || m.kind === 'group') continue;
      const holder = groups.find((g) => g.path === '' || m.path.startsWith(`${g.path}/`));
      if (!holder) continue;
      m.owners = holder.owners.slice();
      m.ownerSource = 'group';
      m.ownerLocation = holder.ownerLocation;
    }
  }

  const include = config.modules.include.length > 0 ? compileGlobs(config.modules.include) : () => true;
  const exclude = compileGlobs(config.modules.exclude);
  await pause();
  const kept = modules.filter((m) => include(m.path) && !exclude(m.path));
  for (const m of kept) m.observability = dedupeEvidence(m.observability);
  kept.sort((a, b) => compareStrings(a.path, b.path) || compareStrings(a.name, b.name));
  return { modules: kept, typeDeclared, testSubjects: testSubjectsOf(manifests, byFolder, kept), ownedGroups: groups.length > 0 };
}

const FIRST_KINDS: ReadonlySet<ManifestDecl['kind']> = new Set(['npm', 'go', 'cargo', 'python', 'maven', 'gradle', 'dotnet']);

function manifestRank(mf: ManifestDecl): number {
  if (mf.dependencyList === true) return 2;
  return FIRST_KINDS.has(mf.kind) ? 0 : 1;
}

/**
 * Manifests that make no module for what lies beside or inside them (build/moduleKinds.ts): BOMs,
 * .NET test projects, meta-gems, JVM projects with only test sources, and dependency lists that
 * are not an application of their own.
 */
function otherNonModules(manifests: readonly ManifestDecl[], files: readonly string[]): ManifestDecl[] {
  const out: ManifestDecl[] = [];
  const gems = manifests.filter((mf) => mf.kind === 'ruby' && mf.dependencyList !== true && mf.name !== null);
  const jvm = new Set(manifests.filter((mf) => mf.kind === 'gradle' || mf.kind === 'maven').map((mf) => mf.folder));
  const sourceSets = jvm.size > 0 ? sourceSetsOf(files, jvm) : new Map<string, Set<string>>();
  const withLib = gems.length > 0 ? foldersWithLib(files, new Set(gems.map((g) => g.folder))) : new Set<string>();
  for (const mf of manifests) {
    if (mf.kind === 'dotnet' && mf.testProject === true) out.push(mf);
    else if ((mf.kind === 'gradle' || mf.kind === 'maven') && !isSampleFolder(mf.folder) && isTestOnlyProject(sourceSets.get(mf.folder) ?? new Set())) out.push(mf);
    else if (mf.kind === 'ruby' && mf.dependencyList !== true) {
      const inner = new Set(gems.filter((g) => isInside(g.folder, mf.folder)).map((g) => g.name!));
      if (isMetaGem(mf.dependencies, inner, withLib.has(mf.folder))) out.push(mf);
    }
  }
  return out;
}

/** Dependency lists that neither make nor join a module (`isModuleDependencyList`). */
function dependencyListsOutside(manifests: readonly ManifestDecl[], skipped: ReadonlySet<ManifestDecl>, files: readonly string[]): ManifestDecl[] {
  // Folders holding Ruby or Python code, at any depth below (gathered only when a list is alone).
  const code = new Map<string, ReadonlySet<string>>();
  const holdsCode = (folder: string, kind: ManifestDecl['kind']): boolean => {
    const ext = kind === 'ruby' ? '.rb' : '.py';
    let folders = code.get(ext);
    if (!folders) code.set(ext, (folders = foldersHolding(files, (f) => f.endsWith(ext))));
    return folders.has(folder);
  };
  const packages = new Map<string, { all: number; modules: number }>();
  for (const mf of manifests) {
    if (mf.dependencyList === true) continue;
    const count = packages.get(mf.folder) ?? { all: 0, modules: 0 };
    count.all++;
    if (!skipped.has(mf)) count.modules++;
    packages.set(mf.folder, count);
  }
  return manifests.filter((mf) => {
    if (mf.dependencyList !== true || skipped.has(mf)) return false;
    const beside = packages.get(mf.folder) ?? { all: 0, modules: 0 };
    return !isModuleDependencyList({
      folder: mf.folder,
      packageManifestsBeside: beside.all,
      packageModulesBeside: beside.modules,
      holdsCode: beside.all > 0 || holdsCode(mf.folder, mf.kind),
    });
  });
}

/** For each JVM project folder, the names of the folders under its `src/` that hold files. */
function sourceSetsOf(files: readonly string[], folders: ReadonlySet<string>): Map<string, Set<string>> {
  const sets = new Map<string, Set<string>>();
  for (const file of files) {
    // The first `src/` segment of the path; the project is the folder above it.
    const slashSrc = file.startsWith('src/') ? -1 : file.indexOf('/src/');
    if (slashSrc < 0 && !file.startsWith('src/')) continue;
    const folder = slashSrc < 0 ? '' : file.slice(0, slashSrc);
    if (!folders.has(folder)) continue;
    const rest = file.slice(slashSrc + 5);
    const slash = rest.indexOf('/');
    if (slash <= 0) continue;
    const set = sets.get(folder) ?? new Set<string>();
    set.add(rest.slice(0, slash));
    sets.set(folder, set);
  }
  return sets;
}

/** The folders (of those asked) that hold a `lib/` folder with files. */
function foldersWithLib(files: readonly string[], folders: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  for (const folder of folders) {
    const prefix = folder === '' ? 'lib/' : `${folder}/lib/`;
    if (files.some((f) => f.startsWith(prefix))) found.add(folder);
  }
  return found;
}

/**
 * Test projects → the modules they test: a .NET test project (one that references a test SDK, or
 * is named `X.Tests`) tests every project it references with `<ProjectReference>`. Keyed by the
 * test project's folder.
 */
function testSubjectsOf(manifests: readonly ManifestDecl[], byFolder: ReadonlyMap<string, ModuleDraft[]>, kept: readonly ModuleDraft[]): Map<string, ModuleDraft[]> {
  const keptSet = new Set(kept);
  const subjects = new Map<string, ModuleDraft[]>();
  for (const mf of manifests) {
    if (mf.kind !== 'dotnet' || !mf.projectReferences) continue;
    if (mf.testProject !== true && testProjectSubject(basename(mf.file).replace(/\.csproj$/, '')) === null) continue;
    const referenced: ModuleDraft[] = [];
    for (const reference of mf.projectReferences) {
      const slash = reference.lastIndexOf('/');
      const m = byFolder.get(slash < 0 ? '' : reference.slice(0, slash))?.[0];
      if (m && keptSet.has(m) && m.path !== mf.folder && !referenced.includes(m)) referenced.push(m);
    }
    const subject = testProjectSubject(basename(mf.file).replace(/\.csproj$/, ''));
    const named = subject === null ? [] : referenced.filter((m) => testsByName(subject, m.name));
    const targets = named.length > 0 ? named : referenced;
    if (targets.length > 0) subjects.set(mf.folder, targets);
  }
  return subjects;
}

function manifestModuleName(mf: ManifestDecl): string {
  if (mf.name) {
    if (mf.kind === 'go') return goModuleName(mf.name);
    return mf.name;
  }
  if (mf.kind === 'dotnet') return basename(mf.file).replace(/\.csproj$/, '');
  return basename(mf.folder) || 'root';
}

export function dedupeEvidence(evidence: ObservabilityEvidence[]): ObservabilityEvidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const k = `${e.signal}\u0000${e.source}\u0000${e.detail}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Does test project subject X (of `X.Tests`) name project `name`: the same name, or the same name
 * after the product prefix (`Jellyfin.Common.Tests` tests `MediaBrowser.Common`,
 * `Jellyfin.Server.Implementations.Tests` tests `Emby.Server.Implementations`)? Of the projects a
 * test project references, those it names are the ones it tests (the others are set-up); when it
 * names none, it tests them all.
 */
function testsByName(subject: string, name: string): boolean {
  const s = subject.toLowerCase();
  const n = name.toLowerCase();
  if (s === n) return true;
  const dot = s.indexOf('.');
  return dot > 0 && n.endsWith(s.slice(dot));
}

/** Examples and samples: a sample made only of tests (okhttp's `samples/compare`) still is one. */
function isSampleFolder(folder: string): boolean {
  return folder.split('/').some((s) => s === 'samples' || s === 'examples' || s === 'sample' || s === 'example');
}

/**
 * Private package.json files with no runtime dependency over folders that are workspace roots of
 * their own: the repository's tooling root (backstage/community-plugins' root package.json holds
 * prettier, husky and the workspace CLI over workspaces/*, each its own Yarn project), an
 * aggregator like a workspace root, not a module.
 */
function toolingRoots(manifests: readonly ManifestDecl[]): ManifestDecl[] {
  const workspaceRoots = manifests.filter((mf) => mf.kind === 'npm' && mf.workspaceOnly).map((mf) => mf.folder);
  if (workspaceRoots.length === 0) return [];
  return manifests.filter(
    (mf) =>
      mf.kind === 'npm' &&
      mf.privatePackage === true &&
      !mf.workspaceOnly &&
      !mf.dependencyEntries.some((d) => d.kind === 'runtime') &&
      workspaceRoots.some((w) => w !== mf.folder && (mf.folder === '' || w.startsWith(`${mf.folder}/`))),
  );
}

/**
 * A `setup.py` over no Python code (its folder holds no other `.py` file):
 * redhat-developer/rhdh's `python/setup.py` only pins the build image's dependencies beside
 * requirements files. No module.
 */
function pythonManifestsWithoutCode(manifests: readonly ManifestDecl[], files: readonly string[]): ManifestDecl[] {
  const candidates = manifests.filter((mf) => mf.kind === 'python' && mf.dependencyList !== true && basename(mf.file) === 'setup.py');
  if (candidates.length === 0) return [];
  const withCode = foldersHolding(files, (f) => f.endsWith('.py') && basename(f) !== 'setup.py');
  return candidates.filter((mf) => !withCode.has(mf.folder));
}

/** Every folder (the root too) that holds, at any depth, a file `wanted` accepts. */
function foldersHolding(files: readonly string[], wanted: (file: string) => boolean): ReadonlySet<string> {
  const folders = new Set<string>();
  for (const f of files) {
    if (!wanted(f)) continue;
    for (let p = f; p !== ''; ) {
      p = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '';
      if (folders.has(p)) break;
      folders.add(p);
    }
  }
  return folders;
}

/** The manifests that make no module, and the others in the order their modules are made. */
function nonModules(
  manifests: readonly ManifestDecl[],
  files: readonly string[],
  fileSet: ReadonlySet<string>,
  templates: TemplateContext,
): { skipped: ReadonlySet<ManifestDecl>; ordered: readonly ManifestDecl[] } {
  const gradleRoots = new Set(manifests.filter((mf) => mf.includesProjects === true).map((mf) => mf.folder));
  const skipped = new Set(
    manifests.filter(
      (mf) =>
        mf.workspaceOnly ||
        mf.notAPackage === true ||
        (mf.kind === 'npm' && WORKSPACE_MARKER_FILES.some((f) => fileSet.has(mf.folder === '' ? f : `${mf.folder}/${f}`))) ||
        (mf.kind === 'gradle' && gradleRoots.has(mf.folder)) ||
        (mf.kind === 'go' && isGoToolPin(mf.folder, templates.hasFile)) ||
        isTestFolder(mf.folder) ||
        isToolingFolder(mf.folder) ||
        isTemplate(mf.folder, mf.name, templates),
    ),
  );
  for (const mf of otherNonModules(manifests, files)) skipped.add(mf);
  for (const mf of toolingRoots(manifests)) skipped.add(mf);
  for (const mf of pythonManifestsWithoutCode(manifests, files)) skipped.add(mf);
  for (const mf of dependencyListsOutside(manifests, skipped, files)) skipped.add(mf);
  // A folder's module is made by its first manifest in this order (the others add to it): the
  // kinds read longest first, then the newer ecosystems, then dependency lists, which name nothing.
  const ordered = manifests.map((mf, i) => ({ mf, i })).sort((a, b) => manifestRank(a.mf) - manifestRank(b.mf) || a.i - b.i).map((x) => x.mf);
  return { skipped, ordered };
}
