/**
 * No import cycles in the sources, and the Node side's services never reach back into the
 * main process that composes them.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SOURCE_ROOTS, importCycles, importGraph } from './import-graph.js';

const root = process.cwd();

function trackedSources(): string[] {
  const listed = execFileSync('git', ['ls-files', '--', ...SOURCE_ROOTS], {
    cwd: root,
    encoding: 'utf8',
  });
  return listed.split('\n').filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts'));
}

describe('import graph', () => {
  const sources = trackedSources();
  const graph = importGraph(root, sources);

  it('reads the sources it checks', () => {
    expect(sources.length).toBeGreaterThan(150);
    // The graph is real: a known edge is in it.
    expect(graph.get('shared/codec/parse.ts')).toContain('shared/codec/types.ts');
  });

  it('has no import cycles', () => {
    const described = importCycles(graph).map((cycle) => cycle.join(' → '));
    expect(described).toEqual([]);
  });

  it('has the services import nothing of electron/main (main composes them)', () => {
    const backward = [...graph]
      .filter(([file]) => /^electron\/(containers|network|services)\//.test(file))
      .flatMap(([file, targets]) =>
        targets
          .filter((target) => target.startsWith('electron/main/'))
          .map((t) => `${file} → ${t}`),
      );
    expect(backward).toEqual([]);
  });
});

describe('importCycles', () => {
  it('names each cycle and ignores acyclic parts', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
    ]);
    expect(importCycles(graph)).toEqual([['a', 'b', 'c'], ['e']]);
  });

  it('finds none in a diamond', () => {
    const graph = new Map([
      ['a', ['b', 'c']],
      ['b', ['d']],
      ['c', ['d']],
      ['d', []],
    ]);
    expect(importCycles(graph)).toEqual([]);
  });
});
