import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const MODULES = path.join(SRC, 'modules');

/** Every TypeScript file under a directory (tests included: they must respect the graph too). */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The relative specifiers a file imports or re-exports (static and dynamic). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  const pattern =
    /(?:import|export)[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;
  for (const match of text.matchAll(pattern)) found.push((match[1] ?? match[2])!);
  return found;
}

/** Which top-level area of src a resolved path is in: `modules/<name>`, `platform`, `app`, `cli`. */
function areaOf(resolved: string): string {
  const relative = path.relative(SRC, resolved).split(path.sep);
  return relative[0] === 'modules' ? `modules/${relative[1]}` : relative[0]!;
}

/** The module-to-module import graph of src/modules, and what else each module imports. */
function moduleGraph() {
  const edges = new Map<string, Set<string>>();
  const outside: string[] = [];
  for (const file of filesUnder(MODULES)) {
    const from = areaOf(file);
    for (const specifier of importsOf(file)) {
      const to = areaOf(path.resolve(path.dirname(file), specifier));
      // Tests beside the code keep out of the composition root too; only the edges skip them.
      if (to === 'app' || to === 'cli') {
        outside.push(`${path.relative(SRC, file)} imports ${specifier}`);
      }
      if (file.endsWith('.test.ts') || !to.startsWith('modules/') || to === from) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)!.add(to);
    }
  }
  return { edges, outside };
}

/** Every cycle in the graph, each as a path that returns to its start (Tarjan's SCCs). */
function cyclesOf(edges: Map<string, Set<string>>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const lowOf = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string) => {
    indexOf.set(node, index);
    lowOf.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!indexOf.has(next)) {
        visit(next);
        lowOf.set(node, Math.min(lowOf.get(node)!, lowOf.get(next)!));
      } else if (onStack.has(next)) {
        lowOf.set(node, Math.min(lowOf.get(node)!, indexOf.get(next)!));
      }
    }
    if (lowOf.get(node) === indexOf.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of edges.keys()) if (!indexOf.has(node)) visit(node);
  return components;
}

describe('the module import graph', () => {
  it('has no cycle between feature modules', () => {
    expect(cyclesOf(moduleGraph().edges)).toEqual([]);
  });

  it('keeps feature modules free of the composition root and the CLI', () => {
    expect(moduleGraph().outside).toEqual([]);
  });

  it('keeps the platform free of feature modules and the composition root', () => {
    const reaching = filesUnder(path.join(SRC, 'platform'))
      .filter((file) => !file.endsWith('.test.ts'))
      .flatMap((file) =>
        importsOf(file)
          .filter((specifier) => {
            const to = areaOf(path.resolve(path.dirname(file), specifier));
            return to === 'app' || to === 'cli' || to.startsWith('modules/');
          })
          .map((specifier) => `${path.relative(SRC, file)} imports ${specifier}`),
      );
    expect(reaching).toEqual([]);
  });

  it('keeps the composition root to composition: no feature routes in src/app', () => {
    const routeFiles = fs
      .readdirSync(path.join(SRC, 'app'))
      .filter((name) => name.endsWith('.routes.ts'));
    expect(routeFiles.sort()).toEqual(['health.routes.ts', 'metrics.routes.ts']);
  });

  it('finds a cycle when there is one (the check itself can fail)', () => {
    const edges = new Map([
      ['modules/a', new Set(['modules/b'])],
      ['modules/b', new Set(['modules/c'])],
      ['modules/c', new Set(['modules/a'])],
      ['modules/d', new Set(['modules/a'])],
    ]);
    expect(cyclesOf(edges)).toEqual([['modules/a', 'modules/b', 'modules/c']]);
  });
});
