/**
 * The import graph of the project's TypeScript sources, from the compiler's own module
 * resolution (type-only imports included: a type cycle is still a cycle to untangle).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/** The folders whose sources make up the shipped code. */
export const SOURCE_ROOTS = ['shared', 'electron', 'renderer/src', 'bench'] as const;

/** Builds the graph of `files` (paths relative to `root`), keeping only edges between them. */
export function importGraph(root: string, files: readonly string[]): ImportGraph {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  const compilerOptions: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    jsx: ts.JsxEmit.ReactJSX,
    baseUrl: root,
    paths: { '@shared/*': ['shared/*'] },
  };
  for (const file of files) {
    const absolute = path.join(root, file);
    const { importedFiles } = ts.preProcessFile(readFileSync(absolute, 'utf8'), true, true);
    const targets = new Set<string>();
    for (const imported of importedFiles) {
      const resolved = ts.resolveModuleName(imported.fileName, absolute, compilerOptions, ts.sys)
        .resolvedModule?.resolvedFileName;
      if (resolved === undefined) continue;
      const relative = path.relative(root, resolved).split(path.sep).join('/');
      if (known.has(relative)) targets.add(relative);
    }
    graph.set(file, [...targets].sort());
  }
  return graph;
}

/**
 * Every cycle's strongly connected component (Tarjan), each as its files in a walk order
 * that shows the loop; empty when the graph is acyclic. Iterative, so deep chains cannot
 * overflow the stack.
 */
export function importCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = graph.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      const selfLoop = (graph.get(frame.node) ?? []).includes(frame.node);
      if (component.length > 1 || selfLoop) components.push(component.reverse());
    }
  }
  return components;
}
