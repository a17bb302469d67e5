// Run-time resolution of one import specifier: which file will actually be loaded.
// Relative paths, directory index files, TypeScript's `.js`-written/`.ts`-on-disk style,
// tsconfig `paths`/`baseUrl`, package.json `imports` (`#x`), bare packages and builtins.
// Every existing candidate that lost is kept, so `shadowed` can name it. Directory
// listings are cached, so each folder is read once per run whatever the fan-out.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeFsError } from '../errors.js';
import { readProjectManifest } from '../read-manifest.js';
import type { EdgeClass, ImportKind } from '../types.js';
import { languageOf } from './language.js';
import type { TsSettings } from './tsconfig.js';

export interface Resolution {
  class: EdgeClass;
  /** Absolute path of the file that runs (class 'file', 'unsupported', 'outside-root'). */
  file?: string;
  packageName?: string;
  /** Absolute paths of other existing files the specifier could have meant. */
  shadowed?: string[];
  /** Absolute real path outside the root (class 'outside-root'). */
  outsidePath?: string;
  /** Absolute path of the symlink inside the root that leads outside. */
  symlink?: string;
  reason?: string;
  /** Absolute path of the only match, a `.d.ts`: fine for imports of types, which compilers erase. */
  declarationOnly?: string;
}

interface Candidates {
  found: string[];
  declaration?: string;
  /** The path the specifier names, before extensions were tried (to say what is there instead of a file). */
  base?: string;
}

/** Extensions the JS/TS engine reads. */
export const JS_EXTENSIONS = ['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts', '.json'];
const TS_FAMILY = new Set(['.ts', '.tsx', '.mts', '.cts']);
// `./a.js` written in TypeScript means a.ts on disk (and .jsx -> .tsx, .mjs -> .mts, .cjs -> .cts).
const TS_FOR_JS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };
// Extensionless probing order: TypeScript's for TS importers, Node's (then compiled-TS sources) for JS.
const PROBE_FROM_TS = ['.ts', '.tsx', '.js', '.jsx', '.json'];
const PROBE_FROM_JS = ['.js', '.json', '.jsx', '.mjs', '.cjs', '.ts', '.tsx'];
const BUILTINS = new Set(builtinModules);

type EntryKind = 'file' | 'dir';

export class Resolver {
  private readonly listings = new Map<string, Map<string, EntryKind> | null>();
  private readonly pkgImports = new Map<string, { dir: string; imports: Record<string, unknown> } | null>();

  constructor(
    readonly root: string,
    readonly tsconfig?: TsSettings,
  ) {}

  resolve(specifier: string, fromFile: string, kind: ImportKind): Resolution {
    const fromTs = TS_FAMILY.has(path.extname(fromFile));
    if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') {
      return this.finish(this.resolvePath(path.resolve(path.dirname(fromFile), specifier), fromTs, specifier.endsWith('/')), specifier);
    }
    if (specifier.startsWith('/')) return this.finish(this.resolvePath(specifier, fromTs, false), specifier);
    if (specifier.startsWith('file:')) {
      try {
        return this.finish(this.resolvePath(fileURLToPath(specifier), fromTs, false), specifier);
      } catch {
        return { class: 'unresolved', reason: 'not a valid file: URL' };
      }
    }
    if (specifier.startsWith('#')) return this.resolveHashImport(specifier, fromFile, fromTs, kind);
    // Aliases first: with baseUrl `src`, 'http/client' is src/http/client.ts, not node:http.
    const aliased = this.resolveTsAlias(specifier, fromTs);
    if (aliased) return aliased;
    if (isBuiltin(specifier)) return { class: 'builtin', packageName: specifier.replace(/^node:/, '').split('/')[0] };
    return { class: 'package', packageName: packageNameOf(specifier) };
  }

  // ---- relative and absolute paths ----

  /** The file a path means at run time, plus the other candidates that exist. */
  private resolvePath(base: string, fromTs: boolean, dirOnly: boolean): Candidates {
    const found: string[] = [];
    if (!dirOnly) {
      const ext = path.extname(base);
      const mapped = TS_FOR_JS[ext]?.map((e) => base.slice(0, -ext.length) + e) ?? [];
      const exact = ext && !base.endsWith('.d.ts') ? [base] : [];
      // A TS importer's `./a.js` is a.ts first; a JS importer's is a.js first.
      const ordered = fromTs ? [...mapped, ...exact] : [...exact, ...mapped];
      for (const c of ordered) if (this.kindOf(c) === 'file') found.push(c);
      if (!ext || !JS_EXTENSIONS.includes(ext)) {
        if (!ext && this.kindOf(base) === 'file') found.push(base);
        for (const e of fromTs ? PROBE_FROM_TS : PROBE_FROM_JS) if (this.kindOf(base + e) === 'file') found.push(base + e);
      }
    }
    if (this.kindOf(base) === 'dir') found.push(...this.resolveDirectory(base, fromTs));
    if (found.length) return { found: [...new Set(found)] };
    return { found, declaration: this.declarationFor(base), base };
  }

  /** A `.d.ts` that would satisfy the type checker where no run-time file exists. */
  private declarationFor(base: string): string | undefined {
    const ext = path.extname(base);
    const stem = TS_FOR_JS[ext] ? base.slice(0, -ext.length) : base;
    const candidates = [stem + '.d.ts', stem + (ext === '.mjs' ? '.d.mts' : ext === '.cjs' ? '.d.cts' : '.d.ts'), path.join(base, 'index.d.ts')];
    return candidates.find((c) => this.kindOf(c) === 'file');
  }

  private resolveDirectory(dir: string, fromTs: boolean): string[] {
    const found: string[] = [];
    const pkgFile = path.join(dir, 'package.json');
    if (this.kindOf(pkgFile) === 'file') {
      const main = readJson(this.root, pkgFile)?.main;
      if (typeof main === 'string' && main) {
        const r = this.resolvePath(path.resolve(dir, main), fromTs, false);
        found.push(...r.found.filter((f) => path.dirname(f) !== dir || !path.basename(f).startsWith('index.')));
      }
    }
    for (const e of fromTs ? PROBE_FROM_TS : PROBE_FROM_JS) {
      const index = path.join(dir, 'index' + e);
      if (this.kindOf(index) === 'file') found.push(index);
    }
    return found;
  }

  /** Turn the candidates of a path into a classified resolution. */
  private finish(r: Candidates, specifier: string, reason?: string): Resolution {
    const [winner, ...others] = r.found;
    if (!winner && r.declaration) {
      return { class: 'unresolved', declarationOnly: r.declaration, reason: `only the declaration file ${path.relative(this.root, r.declaration)} exists: no JavaScript runs for it` };
    }
    if (!winner) return { class: 'unresolved', reason: (r.base && notAFile(r.base, this.root)) ?? reason ?? `no file matches '${specifier}'` };
    const lexical = path.relative(this.root, winner);
    if (lexical.startsWith('..') || path.isAbsolute(lexical)) {
      return { class: 'outside-root', file: winner, outsidePath: winner };
    }
    let real = winner;
    try {
      real = fs.realpathSync(winner);
    } catch {
      /* listed a moment ago; keep the lexical path */
    }
    const realRel = path.relative(this.root, real);
    if (realRel.startsWith('..') || path.isAbsolute(realRel)) {
      return { class: 'outside-root', file: winner, outsidePath: real, symlink: winner };
    }
    const shadowed = others.length ? others : undefined;
    const language = languageOf(winner);
    if (!language || language === 'python') return { class: 'unsupported', file: winner, shadowed };
    return { class: 'file', file: winner, shadowed };
  }

  // ---- tsconfig paths / baseUrl ----

  private resolveTsAlias(specifier: string, fromTs: boolean): Resolution | undefined {
    const ts = this.tsconfig;
    if (!ts) return undefined;
    if (ts.paths && ts.pathsBase) {
      const match = matchPathPattern(Object.keys(ts.paths), specifier);
      // A catch-all `*` pattern falls back to packages when nothing matches, as TypeScript does.
      if (match) {
        const tried: string[] = [];
        for (const target of ts.paths[match.pattern]) {
          const candidate = path.resolve(ts.pathsBase, target.replace('*', match.star));
          tried.push(path.relative(this.root, candidate) || '.');
          const r = this.resolvePath(candidate, fromTs, false);
          if (r.found.length) return this.finish(r, specifier);
        }
        if (match.pattern !== '*') {
          return { class: 'unresolved', reason: `tsconfig paths '${match.pattern}' maps it to ${tried.join(', ')}, where no file exists` };
        }
      }
    }
    if (ts.baseUrl) {
      const r = this.resolvePath(path.resolve(ts.baseUrl, specifier), fromTs, false);
      if (r.found.length) return this.finish(r, specifier);
    }
    return undefined;
  }

  // ---- package.json "imports" ----

  private resolveHashImport(specifier: string, fromFile: string, fromTs: boolean, kind: ImportKind): Resolution {
    const scope = this.findImportsScope(path.dirname(fromFile));
    if (!scope) return { class: 'unresolved', reason: `no package.json with an "imports" field above ${path.relative(this.root, fromFile)}` };
    const match = matchPathPattern(Object.keys(scope.imports).filter((k) => k.startsWith('#')), specifier, true);
    if (!match) return { class: 'unresolved', reason: `package.json "imports" has no entry for '${specifier}'` };
    if (match.pattern.endsWith('/') && match.pattern !== specifier) {
      return { class: 'unresolved', reason: `package.json "imports" '${match.pattern}' is a folder mapping, which Node removed in v17 (ERR_PACKAGE_IMPORT_NOT_DEFINED): write '${match.pattern}*' instead` };
    }
    // Node 20.19+/22.12+ match `module-sync` for require() and import alike (they can require ESM).
    const conditions = kind === 'require' ? ['node', 'module-sync', 'require', 'default'] : ['node', 'module-sync', 'import', 'default'];
    const target = pickTarget(scope.imports[match.pattern], conditions);
    if (typeof target !== 'string') return { class: 'unresolved', reason: `package.json "imports" '${match.pattern}' has no target for ${conditions.join('/')}` };
    // Node takes './x' (a file of the package) or a bare package name; '../x', '/x' and URLs such as 'node:fs' throw ERR_INVALID_PACKAGE_TARGET.
    if (!target.startsWith('./') && (target.startsWith('../') || target.startsWith('/') || /^[a-zA-Z][a-zA-Z\d+.-]*:/.test(target))) {
      return { class: 'unresolved', reason: `package.json "imports" '${match.pattern}' targets '${target}', which Node rejects (ERR_INVALID_PACKAGE_TARGET): write './path' inside the package, or a bare name such as 'fs'` };
    }
    const substituted = target.replace(/\*/g, match.star);
    // A bare target is a package name: '', '.x', '#x' or one with '%' or '\' is not (ERR_INVALID_MODULE_SPECIFIER).
    if (!substituted.startsWith('./') && (!substituted || /^[.#]/.test(substituted) || /[%\\]/.test(substituted))) {
      return { class: 'unresolved', reason: `package.json "imports" '${match.pattern}' targets '${target}', which is neither './path' inside the package nor a valid package name. Write './path' or a package name such as 'lodash'` };
    }
    if (!substituted.startsWith('./')) {
      return isBuiltin(substituted)
        ? { class: 'builtin', packageName: substituted.replace(/^node:/, '') }
        : { class: 'package', packageName: packageNameOf(substituted) };
    }
    const abs = path.resolve(scope.dir, substituted);
    // TypeScript maps an `imports` target inside outDir back to its source under rootDir, so a
    // stale compiled copy does not win over the file the author edits.
    const source = fromTs ? this.sourceForOutput(abs) : undefined;
    if (source) {
      const r = this.resolvePath(source, true, false);
      if (r.found.length) return this.finish(r, specifier);
    }
    return this.finish(this.resolvePath(abs, fromTs, false), specifier, `package.json "imports" maps it to ${path.relative(this.root, abs)}, which does not exist`);
  }

  private sourceForOutput(abs: string): string | undefined {
    const out = this.tsconfig?.outDir;
    if (!out) return undefined;
    const rel = path.relative(out, abs);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return path.join(this.tsconfig?.rootDir ?? path.dirname(this.tsconfig!.file), rel);
  }

  /** The nearest package.json above `dir` (inside the root) that has an "imports" field. */
  private findImportsScope(dir: string): { dir: string; imports: Record<string, unknown> } | undefined {
    const seen: string[] = [];
    let found: { dir: string; imports: Record<string, unknown> } | null = null;
    for (let current = dir; ; current = path.dirname(current)) {
      const cached = this.pkgImports.get(current);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      seen.push(current);
      const pkg = path.join(current, 'package.json');
      if (this.kindOf(pkg) === 'file') {
        const json = readJson(this.root, pkg);
        found = json && typeof json.imports === 'object' && json.imports ? { dir: current, imports: json.imports as Record<string, unknown> } : null;
        break;
      }
      if (path.dirname(current) === current || !isInside(this.root, path.dirname(current))) break;
    }
    for (const d of seen) this.pkgImports.set(d, found);
    return found ?? undefined;
  }

  // ---- cached file system ----

  kindOf(abs: string): EntryKind | undefined {
    const dir = path.dirname(abs);
    let listing = this.listings.get(dir);
    if (listing === undefined) {
      listing = readListing(dir);
      this.listings.set(dir, listing);
    }
    return listing?.get(path.basename(abs));
  }
}

function readListing(dir: string): Map<string, EntryKind> | null {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return null;
  }
  const map = new Map<string, EntryKind>();
  for (const e of entries) {
    if (e.isFile()) map.set(e.name, 'file');
    else if (e.isDirectory()) map.set(e.name, 'dir');
    else if (e.isSymbolicLink()) {
      try {
        const st = fs.statSync(path.join(dir, e.name));
        if (st.isFile()) map.set(e.name, 'file');
        else if (st.isDirectory()) map.set(e.name, 'dir');
      } catch {
        /* dangling link: not a candidate */
      }
    }
  }
  return map;
}

/** Why a path that exists is no candidate: a folder with no index, a pipe, a broken or looping link. */
function notAFile(abs: string, root: string): string | undefined {
  const rel = path.relative(root, abs) || '.';
  let link: fs.Stats | undefined;
  try {
    link = fs.lstatSync(abs, { throwIfNoEntry: false });
  } catch (e) {
    // A folder on the way that the user running shipset may not open (EACCES): say so, as a finding.
    return `${rel} cannot be looked up (${describeFsError(e)}): make its folders readable and searchable (chmod a+rx) by the user running shipset`;
  }
  if (!link) return undefined;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch (e) {
    const target = fs.readlinkSync(abs);
    return (e as NodeJS.ErrnoException).code === 'ELOOP' ? `${rel} is a symlink loop (-> ${target} -> ...)` : `${rel} is a symlink to ${target}, which does not exist`;
  }
  if (stat.isDirectory()) return `${rel} is a folder with no index file or package.json "main"`;
  if (!stat.isFile()) return `${rel} is ${stat.isFIFO() ? 'a named pipe (FIFO)' : stat.isSocket() ? 'a socket' : 'a device'}, not a regular file`;
  return undefined;
}

/**
 * A project package.json through the manifest reader (regular file inside the root, size-capped);
 * anything it refuses reads as absent here, and the graph builder names it as bad input.
 */
function readJson(root: string, file: string): Record<string, unknown> | undefined {
  const read = readProjectManifest(root, file);
  if (!read.ok) return undefined;
  try {
    const v = JSON.parse(read.text);
    return v && typeof v === 'object' ? v : undefined;
  } catch {
    return undefined;
  }
}

function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * Node's own modules: `node:x`, or exactly an id Node lists (`fs`, `fs/promises`). Not a prefix:
 * `punycode/` is the npm package, and `http/client` a folder of the project or a package.
 */
export function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTINS.has(specifier);
}

/** 'lodash/fp' -> 'lodash'; '@scope/pkg/sub' -> '@scope/pkg'. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * TypeScript's and Node's pattern matching: an exact key wins, else the pattern with the
 * longest prefix before its single `*`. `trailingSlash` also accepts Node's legacy `"#x/"` keys.
 */
export function matchPathPattern(patterns: string[], specifier: string, trailingSlash = false): { pattern: string; star: string } | undefined {
  if (patterns.includes(specifier) && !specifier.includes('*')) return { pattern: specifier, star: '' };
  let best: { pattern: string; star: string; prefix: number } | undefined;
  for (const p of patterns) {
    const star = p.indexOf('*');
    if (star === -1) {
      if (trailingSlash && p.endsWith('/') && specifier.startsWith(p) && (!best || p.length > best.prefix)) {
        best = { pattern: p, star: specifier.slice(p.length), prefix: p.length };
      }
      continue;
    }
    const prefix = p.slice(0, star);
    const suffix = p.slice(star + 1);
    if (specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix)) {
      if (!best || prefix.length > best.prefix) {
        best = { pattern: p, star: specifier.slice(prefix.length, specifier.length - suffix.length), prefix: prefix.length };
      }
    }
  }
  return best && { pattern: best.pattern, star: best.star };
}

/**
 * Node's conditional target selection: strings, arrays (first that works), condition objects
 * (first matching key in the object's order). `null` under a matching condition excludes the
 * specifier: Node stops there instead of trying the next condition.
 */
function pickTarget(value: unknown, conditions: string[]): string | null | undefined {
  if (typeof value === 'string') return value;
  if (value === null) return null;
  if (Array.isArray(value)) {
    for (const v of value) {
      const t = pickTarget(v, conditions);
      if (t) return t;
    }
    return undefined;
  }
  if (typeof value === 'object') {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (conditions.includes(key)) {
        const t = pickTarget(v, conditions);
        if (t !== undefined) return t;
      }
    }
  }
  return undefined;
}
