#!/usr/bin/env node
// The layering rule, checked on every `npm test`:
//   renderer → shared ← main;  preload → shared;  shared → nothing (but zod).
// and no import cycles inside src/, type-only imports included (eslint's import-x/no-cycle leaves
// those out, and a cycle of types still ties the modules together for the next reader).
// Fails with one line per wrong-direction import and one per cycle.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// The project root; a test passes another tree to prove the check fails on a bad import.
const root = process.argv[2] ? resolve(process.argv[2]) : resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Which side of the app a file is on. */
function sideOf(file) {
  const rel = relative(src, file).split(sep);
  return rel[0] === 'renderer' ? 'renderer' : rel[0];
}

// What each side may import: other sides (by folder) and npm packages.
const RULES = {
  shared: { sides: ['shared'], packages: (p) => p === 'zod', node: false },
  renderer: {
    sides: ['renderer', 'shared'],
    packages: (p) => !['electron', 'better-sqlite3', 'exceljs'].includes(p),
    node: false,
  },
  preload: { sides: ['preload', 'shared'], packages: (p) => p === 'electron', node: false },
  main: { sides: ['main', 'shared'], packages: () => true, node: true },
};

// The spreadsheet library (src/main/spreadsheet) knows nothing of the ledger: besides itself and
// Node it may use only shared's formula guard (one rule with the renderer's clipboard), and no
// npm package.
const SPREADSHEET = join(src, 'main', 'spreadsheet') + sep;
const SPREADSHEET_MAY_USE = new Set([join(src, 'shared', 'formula-guard.ts')]);

// Runtime code the preload may pull from shared: only the dependency-free call list.
const isPreloadRuntimeShared = (rel) => rel === 'api-names.ts' || /^api[/][a-z-]+\.names\.ts$/.test(rel);

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (/\.(ts|tsx|mts|cts|js|mjs)$/.test(name)) out.push(full);
  }
  return out;
}

const IMPORT_RE =
  /(?:^|[;\s])(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/gm;

function resolveRelative(file, spec) {
  const base = resolve(dirname(file), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next
    }
  }
  return base;
}

const problems = [];
let files = 0;
/** file → the files under src/ it imports (every kind of import). */
const edges = new Map();
for (const file of walk(src)) {
  files++;
  const side = sideOf(file);
  const rule = RULES[side];
  if (!rule) {
    problems.push(`${relative(root, file)}: src/${side} is not a known side (main, preload, renderer, shared)`);
    continue;
  }
  // Comments out (prose like "an import of … from 'x'" must not read as an import).
  const text = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  for (const match of text.matchAll(IMPORT_RE)) {
    const typeOnly = Boolean(match[2]);
    const spec = match[3] ?? match[4];
    const where = `${relative(root, file)}: imports '${spec}'`;
    if (spec.startsWith('.')) {
      const target = resolveRelative(file, spec);
      if (!edges.has(file)) edges.set(file, new Set());
      edges.get(file).add(target);
      if (!target.startsWith(src + sep)) {
        problems.push(`${where} — outside src/`);
        continue;
      }
      const targetSide = sideOf(target);
      if (file.startsWith(SPREADSHEET) && !target.startsWith(SPREADSHEET) && !SPREADSHEET_MAY_USE.has(target)) {
        problems.push(`${where} — the spreadsheet library must not depend on the ledger's code`);
      } else if (!rule.sides.includes(targetSide)) {
        problems.push(`${where} — ${side} must not import from ${targetSide}`);
      } else if (
        side === 'preload' &&
        targetSide === 'shared' &&
        !typeOnly &&
        !isPreloadRuntimeShared(relative(join(src, 'shared'), target))
      ) {
        problems.push(`${where} — the preload may only import types from shared (and the api names files)`);
      }
    } else if (NODE_BUILTINS.has(spec) || NODE_BUILTINS.has(spec.split('/')[0])) {
      if (!rule.node) problems.push(`${where} — ${side} must not use Node built-ins`);
    } else {
      const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (file.startsWith(SPREADSHEET)) {
        problems.push(`${where} — the spreadsheet library uses no npm package`);
      } else if (
        side === 'main' &&
        pkg === 'better-sqlite3' &&
        !typeOnly &&
        !/src\/main\/ledger\/sqlite\.ts$/.test(file.split(sep).join('/'))
      ) {
        problems.push(`${where} — open SQLite through src/main/ledger/sqlite.ts (openDatabase), so Electron's build is used everywhere`);
      } else if (side === 'main' && pkg === 'electron' && !typeOnly && !/src\/main\/index\.ts$/.test(file.split(sep).join('/'))) {
        problems.push(`${where} — only src/main/index.ts may import electron at run time (the rest must run under plain Node)`);
      } else if (!typeOnly && !rule.packages(pkg)) {
        problems.push(`${where} — ${side} must not import the package ${pkg}`);
      }
    }
  }
}

// Import cycles: the strongly connected components of the import graph (Tarjan, iterative).
function cycles(graph) {
  const index = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const found = [];
  let next = 0;
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work = [[root, [...(graph.get(root) ?? [])], 0]];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const [node, succ] = frame;
      if (frame[2] < succ.length) {
        const w = succ[frame[2]++];
        if (!index.has(w)) {
          index.set(w, next);
          low.set(w, next++);
          stack.push(w);
          onStack.add(w);
          work.push([w, [...(graph.get(w) ?? [])], 0]);
        } else if (onStack.has(w)) low.set(node, Math.min(low.get(node), index.get(w)));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent), low.get(node)));
      }
      if (low.get(node) === index.get(node)) {
        const component = [];
        let w;
        do {
          w = stack.pop();
          onStack.delete(w);
          component.push(w);
        } while (w !== node);
        if (component.length > 1 || graph.get(node)?.has(node)) found.push(component.sort());
      }
    }
  }
  return found;
}
for (const component of cycles(edges)) {
  problems.push(`import cycle: ${component.map((f) => relative(root, f)).join(' ↔ ')}`);
}

if (problems.length > 0) {
  console.error(`check-imports: ${problems.length} problem(s) (wrong-direction imports, import cycles):`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`check-imports: ${files} files follow renderer → shared ← main, preload → shared, without import cycles`);
