// `npm run lint` (with ESLint): no import cycles between the modules under src/, type-only imports
// included (a cycle of types still ties two modules together). ESLint's no-restricted-imports keeps
// the layers apart (eslint.config.js); this keeps each layer free of loops. Prints every cycle found.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');
const IMPORT = /^\s*(?:import|export)\s[^'";]*?from\s+['"](\.[^'"]+)['"]|^\s*import\s+['"](\.[^'"]+)['"]/gm;

const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => join(SRC, f));
const known = new Set(files);
const graph = new Map<string, string[]>();
for (const file of files) {
  const deps: string[] = [];
  for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const spec = (m[1] ?? m[2])!;
    const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
    if (known.has(target)) deps.push(target);
  }
  graph.set(file, deps);
}

// Tarjan's strongly connected components: every component of more than one module is a cycle.
let index = 0;
const stack: string[] = [];
const onStack = new Set<string>();
const indexes = new Map<string, number>();
const lows = new Map<string, number>();
const cycles: string[][] = [];
function connect(v: string): void {
  indexes.set(v, index);
  lows.set(v, index++);
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!indexes.has(w)) {
      connect(w);
      lows.set(v, Math.min(lows.get(v)!, lows.get(w)!));
    } else if (onStack.has(w)) lows.set(v, Math.min(lows.get(v)!, indexes.get(w)!));
  }
  if (lows.get(v) === indexes.get(v)) {
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component);
  }
}
for (const file of files) if (!indexes.has(file)) connect(file);

if (cycles.length) {
  for (const c of cycles)
    console.error(
      `Import cycle: ${c
        .map((f) => relative(ROOT, f))
        .sort()
        .join(' <-> ')}`,
    );
  process.exitCode = 1;
} else console.log(`No import cycles among ${files.length} modules under src/.`);
