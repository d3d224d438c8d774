import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The feature libs form a graph without cycles (DESIGN.md: thin apps, one lib per feature).
 * A cycle does not fail to compile: it fails at run time, when an app start happens to load
 * one side first and a decorator meets a class that is still undefined (the app aborts).
 */
const LIBS = fileURLToPath(new URL('../../', import.meta.url));

function sourcesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesOf(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

function libGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const lib of readdirSync(LIBS)) {
    const uses = new Set<string>();
    for (const file of sourcesOf(join(LIBS, lib, 'src'))) {
      const text = readFileSync(file, 'utf8');
      // Value imports only: `import type` is erased and cannot form a run-time cycle.
      for (const m of text.matchAll(/^import (?!type )[^;]*?from '@ideas-lab\/([\w-]+)'/gms)) {
        if (m[1] !== lib) uses.add(m[1]);
      }
    }
    graph.set(lib, uses);
  }
  return graph;
}

function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (lib: string): string[] | null => {
    if (state.get(lib) === 'done') return null;
    if (state.get(lib) === 'open') return [...path.slice(path.indexOf(lib)), lib];
    state.set(lib, 'open');
    path.push(lib);
    for (const next of graph.get(lib) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(lib, 'done');
    return null;
  };
  for (const lib of [...graph.keys()].sort()) {
    const cycle = visit(lib);
    if (cycle) return cycle;
  }
  return null;
}

describe('lib dependencies', () => {
  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['ideas', new Set(['workshop'])],
      ['workshop', new Set(['ideas'])],
    ]);
    expect(findCycle(graph)).toEqual(['ideas', 'workshop', 'ideas']);
  });

  it('no feature lib imports, through others, a lib that imports it', () => {
    const graph = libGraph();
    expect(graph.get('workshop')?.size).toBeGreaterThan(0);
    expect(findCycle(graph)).toBeNull();
  });
});
