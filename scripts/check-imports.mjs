// Import circles and folder layering of src/ (`npm run check:imports`, part of `npm test`).
//
// Every src/**/*.ts file is parsed with the TypeScript compiler (a devDependency,
// so this works offline after `npm ci`), and every relative import is an edge:
//   import ... from './x.js'          ->       (static)
//   export ... from './x.js'          ->       (a re-export loads the module too)
//   import('./x.js')                  -lazy->  (dynamic: loaded when first used)
//   import type ... / export type ... / import { type A } / import('./x.js').T
//                                     -type->  (erased by the compiler)
// Package imports (`got`, `node:fs`) are not edges. A relative import that
// does not resolve to a .ts file under src/ is reported, so nothing is missed.
//
// Two checks, and the script exits 1 when either finds anything:
//
// 1. Circles. Type-only and lazy edges count: a type-only circle does not
//    fail at run time, but the two modules still cannot be understood, moved or
//    tested apart, and issue 13 asks for 0 circles and no back-edges, so a
//    shared type belongs in the lower of the two places. (The fix is always
//    cheap: move the type down.) Each import that closes a circle is shown with
//    the shortest circle through it, so every offending edge appears at least
//    once.
//
// 2. Layering. LAYERS below lists, for each top-level folder of src/ and each
//    file directly in src/, what it may import. An edge to anything not listed
//    is a back-edge. `type:x` allows only type-only imports of x (the emulator
//    serves the shapes api/types.ts describes, but must not load the client).
//    A new folder or top-level file must be added to the table.
//
// Usage: node scripts/check-imports.mjs [--root <dir>]   (default: src/)
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * Who may import whom, lowest first. A unit is a top-level folder of src/
 * (`api` = src/api/**) or a file directly in src/ (`cli` = src/cli.ts).
 * Imports inside one unit are always allowed (circles are checked separately).
 */
export const LAYERS = {
  // Leaves: no imports from src/.
  i18n: [], //       the message catalogue (English and Simplified Chinese) and the language of a run
  errors: ['i18n'], // the exit-code table and typed errors
  version: ['i18n'], //    the version string
  util: ['i18n'], //       bounded concurrency, durations, the clock
  auth: ['i18n'], //       request signing, shared by the client and the emulator
  validate: ['i18n', 'errors'], // client-side checks of user input
  // Terminal I/O: streams, colour, prompts, tables. Knows nothing of commands, Context, config or the API.
  io: ['i18n', 'errors', 'util'],
  // Settings from flags, env and files; its own validators. Never the API client.
  config: ['i18n', 'errors', 'validate', 'util', 'io'],
  // The client takes its settings (endpoints, credentials, the missing-setting messages) from config.
  api: ['i18n', 'errors', 'validate', 'version', 'util', 'auth', 'config'],
  watch: ['i18n', 'errors', 'util', 'io', 'api'],
  // The local service: verifies signatures with auth, describes responses with api's types only.
  emulator: ['i18n', 'errors', 'util', 'auth', 'type:api'],
  // The local journal's records, file and reports (docs/journal.md): plain data, no Context.
  journal: ['i18n', 'errors', 'util'],
  // The Context handed to commands.
  context: ['i18n', 'errors', 'util', 'io', 'config', 'api'],
  // Recovery plans (issue 18): the model, the file loader and validator, the engine.
  plan: ['i18n', 'errors', 'version', 'util', 'auth', 'validate', 'io', 'config', 'api', 'watch', 'context', 'journal'],
  // Commands may use everything but the program itself; only cli.ts imports commands.
  commands: ['i18n', 'errors', 'version', 'util', 'auth', 'validate', 'io', 'config', 'api', 'watch', 'emulator', 'context', 'journal', 'plan'],
  cli: ['i18n', 'errors', 'version', 'util', 'validate', 'io', 'config', 'api', 'watch', 'context', 'commands'],
  // The single-file executable's entry point (scripts/package.mjs): main() and nothing else.
  'sea-main': ['i18n', 'version', 'cli'],
};

/** Every .ts file under dir, as absolute paths, sorted. */
function listTs(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listTs(p));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** The imports of one file: [{ spec, kind: 'static' | 'lazy' | 'type', line }]. */
export function importsOf(fileName, text) {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found = [];
  const add = (node, lit, kind) => {
    if (!lit || !ts.isStringLiteralLike(lit)) return; // import(someVariable): cannot be followed
    found.push({ spec: lit.text, kind, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 });
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node)) {
      const c = node.importClause;
      const typeOnly =
        c !== undefined &&
        (c.isTypeOnly ||
          (!c.name &&
            c.namedBindings !== undefined &&
            ts.isNamedImports(c.namedBindings) &&
            c.namedBindings.elements.length > 0 &&
            c.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node, node.moduleSpecifier, typeOnly ? 'type' : 'static');
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const e = node.exportClause;
      const typeOnly =
        node.isTypeOnly || (e !== undefined && ts.isNamedExports(e) && e.elements.length > 0 && e.elements.every((x) => x.isTypeOnly));
      add(node, node.moduleSpecifier, typeOnly ? 'type' : 'static');
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly ? 'type' : 'static');
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], 'lazy');
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal, 'type');
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** The .ts file a relative specifier names (`./x.js` is `./x.ts`), or undefined. */
function resolveSpec(from, spec) {
  const base = resolve(dirname(from), spec);
  const candidates = [base.replace(/\.(m|c)?js$/, '.$1ts'), base, `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((c) => c.endsWith('.ts') && existsSync(c) && statSync(c).isFile());
}

/** `api` for src/api/client.ts, `cli` for src/cli.ts. */
export function unitOf(rel) {
  const parts = rel.split('/');
  return parts.length > 1 ? parts[0] : parts[0].replace(/\.ts$/, '');
}

/** Reads the tree under root: { files, edges: [{ from, to, kind, line }], unresolved } with paths relative to root. */
export function readGraph(root) {
  const files = listTs(root);
  const rel = (p) => relative(root, p).split(sep).join('/');
  const edges = [];
  const unresolved = [];
  for (const file of files) {
    for (const imp of importsOf(file, readFileSync(file, 'utf8'))) {
      if (!imp.spec.startsWith('.')) continue;
      // JSON data (the plan schema) is inlined by the bundler: not a module, no edge.
      if (imp.spec.endsWith('.json') && existsSync(resolve(dirname(file), imp.spec))) continue;
      const target = resolveSpec(file, imp.spec);
      if (!target || relative(root, target).startsWith('..')) unresolved.push({ from: rel(file), spec: imp.spec, line: imp.line });
      else edges.push({ from: rel(file), to: rel(target), kind: imp.kind, line: imp.line });
    }
  }
  return { files: files.map(rel), edges, unresolved };
}

/** Strongly connected components (Tarjan), each a list of files; only those that hold a circle. */
function circularComponents(files, next) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const out = [];
  const strong = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const comp = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (next.get(v) ?? new Set()).has(v)) out.push(comp);
    }
  };
  for (const f of files) if (!idx.has(f)) strong(f);
  return out;
}

/** Every import that closes a circle, each with the shortest circle through it: lists of edges, deduplicated. */
export function findCircles(graph) {
  const next = new Map();
  const edgeOf = new Map();
  for (const e of graph.edges) {
    if (!next.has(e.from)) next.set(e.from, new Set());
    next.get(e.from).add(e.to);
    const key = `${e.from}\0${e.to}`;
    // Of several imports between the same two files, show the strongest.
    const rank = { static: 0, lazy: 1, type: 2 };
    if (!edgeOf.has(key) || rank[e.kind] < rank[edgeOf.get(key).kind]) edgeOf.set(key, e);
  }
  const circles = new Map();
  for (const comp of circularComponents(graph.files, next)) {
    const inComp = new Set(comp);
    for (const u of [...comp].sort()) {
      for (const v of [...(next.get(u) ?? [])].filter((x) => inComp.has(x)).sort()) {
        // Shortest path v ... u inside the component (breadth first).
        const prev = new Map([[v, undefined]]);
        const queue = [v];
        while (queue.length && !prev.has(u)) {
          const x = queue.shift();
          for (const y of [...(next.get(x) ?? [])].sort()) {
            if (inComp.has(y) && !prev.has(y)) {
              prev.set(y, x);
              queue.push(y);
            }
          }
        }
        const path = [u];
        if (u !== v) for (let x = u; x !== undefined; x = prev.get(x)) path.unshift(x);
        // path is u v ... u: rotate so that it starts at its smallest file, to deduplicate.
        const ring = path.slice(0, -1);
        const start = ring.indexOf([...ring].sort()[0]);
        const rotated = [...ring.slice(start), ...ring.slice(0, start)];
        const key = rotated.join(' ');
        if (!circles.has(key)) {
          circles.set(key, rotated.map((from, i) => edgeOf.get(`${from}\0${rotated[(i + 1) % rotated.length]}`)));
        }
      }
    }
  }
  return [...circles.values()].sort((a, b) => a.length - b.length || a[0].from.localeCompare(b[0].from));
}

/** Imports between units that LAYERS does not allow, and files in no unit of the table. */
export function findBackEdges(graph, layers = LAYERS) {
  const unknown = [...new Set(graph.files.map(unitOf))].filter((u) => !(u in layers)).sort();
  const violations = [];
  for (const e of graph.edges) {
    const a = unitOf(e.from);
    const b = unitOf(e.to);
    if (a === b || !(a in layers) || !(b in layers)) continue;
    const allowed = layers[a];
    if (allowed.includes(b) || (e.kind === 'type' && allowed.includes(`type:${b}`))) continue;
    violations.push({ ...e, fromUnit: a, toUnit: b });
  }
  return { unknown, violations };
}

const ARROW = { static: '->', lazy: '-lazy->', type: '-type->' };

/** Runs both checks on root; returns the report lines and whether it passed. */
export function check(root, layers = LAYERS) {
  const graph = readGraph(root);
  const circles = findCircles(graph);
  const { unknown, violations } = findBackEdges(graph, layers);
  const lines = [];
  for (const u of graph.unresolved) lines.push(`unresolved import '${u.spec}' in ${u.from}:${u.line}`);
  if (circles.length) {
    lines.push(`${circles.length} import circle${circles.length === 1 ? '' : 's'}:`);
    circles.forEach((c, i) => {
      const typeOnly = c.some((e) => e.kind === 'type') ? '  (through a type-only import)' : '';
      lines.push(`  ${i + 1}. ${c.map((e) => `${e.from}:${e.line} ${ARROW[e.kind]} `).join('')}${c[0].from}${typeOnly}`);
    });
  }
  for (const u of unknown) lines.push(`"${u}" is not in the LAYERS table of scripts/check-imports.mjs: say what it may import`);
  if (violations.length) {
    lines.push(`${violations.length} import${violations.length === 1 ? '' : 's'} against the folder layering:`);
    for (const v of violations) {
      const may = layers[v.fromUnit].length ? layers[v.fromUnit].join(', ') : 'nothing in src/';
      lines.push(`  ${v.from}:${v.line} ${ARROW[v.kind]} ${v.to}   (${v.fromUnit} may import: ${may})`);
    }
  }
  const ok = lines.length === 0;
  if (ok) lines.push(`0 import circles, 0 back-edges (${graph.files.length} files, ${graph.edges.length} imports)`);
  return { ok, lines };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--root');
  const root = at > 0 ? resolve(process.argv[at + 1]) : fileURLToPath(new URL('../src', import.meta.url));
  const { ok, lines } = check(root);
  (ok ? process.stdout : process.stderr).write(lines.join('\n') + '\n');
  process.exitCode = ok ? 0 : 1;
}
