import { isArchitecturalDependency } from '../../model/predicates';
import type { Dependency, Module, Reference, SourceLocation } from '../../model/types';
import { resolveModule } from '../helpers';
import type { Rule } from '../rule';

interface Edge {
  to: number;
  ref: Reference;
}

interface DependencyEdge extends Edge {
  ref: Dependency;
}

/** Strongly connected components (Tarjan), iteratively so that deep graphs cannot overflow the stack. */
export function stronglyConnected(edges: readonly (readonly Edge[])[]): number[][] {
  const count = edges.length;
  const index = new Array<number>(count).fill(-1);
  const low = new Array<number>(count).fill(0);
  const onStack = new Array<boolean>(count).fill(false);
  const stack: number[] = [];
  const components: number[][] = [];
  let next = 0;
  for (let root = 0; root < count; root++) {
    if (index[root] !== -1) continue;
    const work: { node: number; edge: number }[] = [{ node: root, edge: 0 }];
    index[root] = low[root] = next++;
    stack.push(root);
    onStack[root] = true;
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const out = edges[frame.node];
      if (frame.edge < out.length) {
        const to = out[frame.edge++].to;
        if (index[to] === -1) {
          index[to] = low[to] = next++;
          stack.push(to);
          onStack[to] = true;
          work.push({ node: to, edge: 0 });
        } else if (onStack[to]) {
          low[frame.node] = Math.min(low[frame.node], index[to]);
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low[parent] = Math.min(low[parent], low[frame.node]);
      }
      if (low[frame.node] === index[frame.node]) {
        const component: number[] = [];
        let member: number;
        do {
          member = stack.pop() as number;
          onStack[member] = false;
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}

/** Shortest path from `from` to `to` inside `allowed` (breadth first), both ends included. */
function shortestPath(edges: readonly (readonly Edge[])[], from: number, to: number, allowed: ReadonlySet<number>): number[] {
  const previous = new Map<number, number>([[from, -1]]);
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    if (node === to) break;
    for (const edge of edges[node]) {
      if (!allowed.has(edge.to) || previous.has(edge.to)) continue;
      previous.set(edge.to, node);
      queue.push(edge.to);
    }
  }
  const path: number[] = [];
  for (let node = to; node !== -1; node = previous.get(node) ?? -1) path.unshift(node);
  return path;
}

/** `packages/a/package.json:12`, or null. */
function place(location: SourceLocation | null): string | null {
  return location === null ? null : `${location.file}:${location.line}`;
}

/** `"a" → "b" (package.json dependencies, packages/a/package.json:12)`. */
function describeEdge(from: Module, to: Module, dependency: Dependency): string {
  const where = place(dependency.location);
  return `"${from.name}" → "${to.name}" (${dependency.via}${where === null ? '' : `, ${where}`})`;
}

export const dependencyCycle: Rule = {
  meta: {
    id: 'contracts/dependency-cycle',
    title: 'Dependency cycle',
    gap: { one: 'dependency cycle', other: 'dependency cycles' },
    description: 'A cycle among modules through runtime dependencies and declared `dependsOn` (not dev, peer or optional ones).',
    defaultSeverity: 'warning',
    reads: [],
    moduleFields: ['name', 'dependsOn'],
  },
  check(ctx) {
    const modules = ctx.model.modules;
    const indexOf = new Map<Module, number>(modules.map((module, i) => [module, i]));
    // Only edges that shape the architecture (model/predicates.ts): a package may well test
    // with, or be a plugin of, a package that depends on it.
    const edges: DependencyEdge[][] = modules.map((module) => {
      const out: DependencyEdge[] = [];
      for (const dependency of module.dependsOn) {
        if (!isArchitecturalDependency(dependency)) continue;
        const target = resolveModule(ctx, dependency.name);
        if (!target) continue;
        out.push({ to: indexOf.get(target) as number, ref: dependency });
      }
      return out;
    });
    /** The edge of the cycle from `from` to `to` (the first, as the path search took it). */
    const edgeBetween = (from: number, to: number): Dependency => (edges[from].find((e) => e.to === to) as DependencyEdge).ref;
    for (const component of stronglyConnected(edges)) {
      const start = component.reduce((min, index) => Math.min(min, index), Infinity);
      const members = new Set(component);
      const first = edges[start].find((edge) => members.has(edge.to));
      if (!first) continue; // a single module that does not depend on itself
      const path = first.to === start ? [start, start] : [start, ...shortestPath(edges, first.to, start, members)];
      const names = path.map((i) => `"${modules[i].name}"`).join(' → ');
      const extra =
        component.length > path.length - 1
          ? ` It is part of a tangle of ${component.length} modules: ${component
              .sort((a, b) => a - b)
              .map((i) => modules[i].name)
              .join(', ')}.`
          : '';
      const module = modules[start];
      const cycle = path.slice(1).map((to, i) => ({ from: path[i], dependency: edgeBetween(path[i], to), to }));
      const listed = cycle.map((e) => describeEdge(modules[e.from], modules[e.to], e.dependency)).join('; ');
      // Suggest what the cycle is made of: a declared entry to remove, else a manifest entry to move.
      const declared = cycle.filter((e) => e.dependency.kind === 'declared');
      let advice = 'Break it by inverting one of these dependencies, or by moving an entry the package needs only to build or test to its development dependencies.';
      if (declared.length === cycle.length) advice = 'Break it by removing or inverting one of these "dependsOn" entries.';
      else if (declared.length > 0) {
        const entries = declared.map((e) => `"${modules[e.from].name}" → "${modules[e.to].name}"`).join(', ');
        advice = `Break it by removing or inverting the "dependsOn" ${declared.length === 1 ? 'entry' : 'entries'} ${entries}, or by moving one of the manifest entries.`;
      }
      ctx.report({
        message: `Dependency cycle: ${names}.${extra} Edges: ${listed}. ${advice}`,
        location: first.ref.location ?? module.definedAt,
        module: module.name,
        related: cycle.slice(1).flatMap((e) => (e.dependency.location ? [e.dependency.location] : [])),
      });
    }
  },
};
