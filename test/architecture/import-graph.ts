import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Every relative import (`import`/`export … from`, type-only included) between the TypeScript files under `root`. */
export function importGraph(root: string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) {
        const from = relative(root, path);
        const targets = new Set<string>();
        for (const match of readFileSync(path, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/g)) {
          targets.add(relative(root, resolve(dirname(path), match[1]!.replace(/\.js$/, '.ts'))));
        }
        graph.set(from, targets);
      }
    }
  };
  walk(root);
  return graph;
}

/**
 * The top-level folder of a file relative to the root. A top-level file is a node of its own: the module sits at
 * the top, while its options, constants and account table sit at the bottom.
 */
export const folderOf = (file: string): string => (dirname(file) === '.' ? file : dirname(file).split('/')[0]!);

/** Cycles in a directed graph (each reported once, as a path that returns to its start). */
export function cyclesOf(graph: Map<string, Set<string>>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

/** The folder graph: an edge A → B when a file in A imports one in B (A ≠ B). */
export function folderGraph(files: Map<string, Set<string>>): Map<string, Set<string>> {
  const folders = new Map<string, Set<string>>();
  for (const [from, targets] of files) {
    const a = folderOf(from);
    const edges = folders.get(a) ?? new Set<string>();
    folders.set(a, edges);
    for (const to of targets) if (folderOf(to) !== a) edges.add(folderOf(to));
  }
  return folders;
}
