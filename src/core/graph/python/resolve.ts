// Turns the imports of one Python file into classified edges: first-party files (with
// the __init__.py of every package on the way), standard library, third-party packages,
// and unresolved names with the reason CPython would give.
import fs from 'node:fs';
import path from 'node:path';
import type { ImportEdge } from '../../types.js';
import type { FoundModule, PathFinder } from './finder.js';
import type { PythonImport } from './parse.js';
import { isStdlibModule } from './stdlib.js';
import { isInside, toPosix } from '../../paths.js';

export interface ResolveContext {
  /** Absolute root and its real path. */
  root: string;
  realRoot: string;
  /** Import roots in sys.path order (absolute). */
  roots: string[];
  /** Roots that decide a file's package for relative imports (absolute, longest first). */
  packageRoots: string[];
  finder: PathFinder;
  notices: Set<string>;
  /** Absolute paths of entries run as scripts: `__main__` has no parent package. */
  scriptEntries?: ReadonlySet<string>;
}

type EdgeBase = Pick<ImportEdge, 'from' | 'line' | 'column' | 'optional' | 'loadedBy'>;

export function relativeTo(root: string, abs: string): string {
  return toPosix(path.relative(root, abs));
}

const realPaths = new Map<string, string>();
function realPath(abs: string): string {
  let real = realPaths.get(abs);
  if (real === undefined) {
    try {
      real = fs.realpathSync(abs);
    } catch {
      real = abs;
    }
    realPaths.set(abs, real);
  }
  return real;
}

/** A file edge, or outside-root when the path or its symlink target leaves the root. */
function fileEdge(ctx: ResolveContext, base: EdgeBase, specifier: string, abs: string, shadowed?: string): ImportEdge {
  const edge: ImportEdge = { ...base, specifier, kind: 'python-import', class: 'file', target: relativeTo(ctx.root, abs) };
  if (!isInside(ctx.root, abs)) {
    return { ...base, specifier, kind: 'python-import', class: 'outside-root', outsidePath: realPath(abs), reason: 'resolves outside the root' };
  }
  const real = realPath(abs);
  if (!isInside(ctx.realRoot, real)) {
    return {
      ...base,
      specifier,
      kind: 'python-import',
      class: 'outside-root',
      outsidePath: real,
      symlink: relativeTo(ctx.root, abs),
      reason: 'a symlink leads outside the root',
    };
  }
  if (shadowed && isInside(ctx.root, shadowed)) {
    const rel = relativeTo(ctx.root, shadowed);
    edge.shadowedCandidates = [shadowed.endsWith(path.sep) ? `${rel}/` : rel];
  }
  return edge;
}

/** Edges for the module found at one step of a dotted name (a namespace folder has no file). */
function stepEdges(ctx: ResolveContext, base: EdgeBase, specifier: string, found: FoundModule): ImportEdge[] {
  switch (found.kind) {
    case 'package':
      return [fileEdge(ctx, base, specifier, found.init, found.shadowed)];
    case 'module':
      return [fileEdge(ctx, base, specifier, found.file, found.shadowed)];
    case 'extension':
      return [
        {
          ...base,
          specifier,
          kind: 'python-import',
          class: 'unsupported',
          target: relativeTo(ctx.root, found.file),
          reason: 'a compiled extension module: shipset reads only .py files',
        },
      ];
    case 'namespace':
      return [];
  }
}

function searchPathOf(found: FoundModule): string[] | undefined {
  if (found.kind === 'package') return [found.dir];
  if (found.kind === 'namespace') return found.dirs;
  return undefined;
}

function describe(ctx: ResolveContext, found: FoundModule): string {
  if (found.kind === 'package') return relativeTo(ctx.root, found.init);
  if (found.kind === 'namespace') return found.dirs.map((d) => `${relativeTo(ctx.root, d)}/`).join(', ');
  return relativeTo(ctx.root, found.file);
}

interface Walked {
  edges: ImportEdge[];
  /** The last module found, when every part resolved. */
  last?: FoundModule;
}

/** Walk `parts` from a search path, yielding an edge per loaded file; stop at the first miss. */
function walkDotted(ctx: ResolveContext, base: EdgeBase, prefix: string, parts: string[], start: string[], firstFound?: FoundModule): Walked {
  const edges: ImportEdge[] = [];
  let searchPath = start;
  let name = prefix;
  let previous: FoundModule | undefined;
  for (let i = 0; i < parts.length; i++) {
    name = name && !name.endsWith('.') ? `${name}.${parts[i]}` : `${name}${parts[i]}`;
    const found = i === 0 && firstFound ? firstFound : ctx.finder.find(parts[i], searchPath);
    if (!found) {
      const where = previous ? describe(ctx, previous) : searchPath.map((d) => `${relativeTo(ctx.root, d) || '.'}/`).join(', ');
      edges.push({
        ...base,
        specifier: name,
        kind: 'python-import',
        class: 'unresolved',
        reason: `no module named '${name}': nothing named ${parts[i]}.py or ${parts[i]}/ in ${where}`,
      });
      return { edges };
    }
    edges.push(...stepEdges(ctx, base, name, found));
    const next = searchPathOf(found);
    if (!next && i < parts.length - 1) {
      const shadow =
        found.kind === 'module' && found.shadowed ? ` (the folder ${relativeTo(ctx.root, found.shadowed)}/ has no __init__.py, so the module file wins)` : '';
      edges.push({
        ...base,
        specifier: `${name}.${parts[i + 1]}`,
        kind: 'python-import',
        class: 'unresolved',
        reason: `'${name}' is the module ${describe(ctx, found)}, not a package${shadow}`,
      });
      return { edges };
    }
    previous = found;
    searchPath = next ?? [];
  }
  return { edges, last: previous };
}

/** `from <package> import a, b`: names that are submodules are loaded too. */
function submoduleEdges(ctx: ResolveContext, imp: PythonImport, packageName: string, pkg: FoundModule, from: string): ImportEdge[] {
  const searchPath = searchPathOf(pkg);
  if (!searchPath || !imp.names) return [];
  const edges: ImportEdge[] = [];
  for (const n of imp.names) {
    if (n.name === '*') continue;
    const found = ctx.finder.find(n.name, searchPath);
    const base: EdgeBase = {
      from,
      line: n.line,
      column: n.column,
      ...(imp.optional ? { optional: true } : {}),
      ...(imp.loadedBy ? { loadedBy: imp.loadedBy } : {}),
    };
    const spec = packageName.endsWith('.') ? `${packageName}${n.name}` : `${packageName}.${n.name}`;
    if (found) edges.push(...stepEdges(ctx, base, spec, found));
    else if (pkg.kind === 'namespace' && isInside(ctx.root, searchPath[0])) {
      edges.push({
        ...base,
        specifier: spec,
        kind: 'python-import',
        class: 'unresolved',
        reason: `'${packageName}' is a namespace folder (${describe(ctx, pkg)}) with no __init__.py to define ${n.name}, and no ${n.name}.py or ${n.name}/ in it`,
      });
    }
  }
  return edges;
}

/** The folder a relative import of `level` dots starts from, or why there is none. */
function relativeBase(ctx: ResolveContext, fileAbs: string, level: number): { dir: string } | { error: string } {
  if (ctx.scriptEntries?.has(fileAbs))
    return {
      error: 'attempted relative import with no known parent package (the entry runs as a script, __main__; run it with python -m to use relative imports)',
    };
  const dir = path.dirname(fileAbs);
  const owner = ctx.packageRoots.find((r) => isInside(r, dir));
  const depth = owner === undefined ? 0 : path.relative(owner, dir).split(path.sep).filter(Boolean).length;
  if (depth === 0) return { error: 'attempted relative import with no known parent package (the file is not inside a package folder)' };
  if (level > depth) return { error: 'attempted relative import beyond the top-level package' };
  let base = dir;
  for (let i = 1; i < level; i++) base = path.dirname(base);
  return { dir: base };
}

export function resolveImport(ctx: ResolveContext, fileAbs: string, imp: PythonImport): ImportEdge[] {
  const from = relativeTo(ctx.root, fileAbs);
  const base: EdgeBase = {
    from,
    line: imp.line,
    column: imp.column,
    ...(imp.optional ? { optional: true } : {}),
    ...(imp.loadedBy ? { loadedBy: imp.loadedBy } : {}),
  };
  const parts = imp.module ? imp.module.split('.') : [];

  if (imp.level > 0) {
    const written = `${'.'.repeat(imp.level)}${imp.module}`;
    const start = relativeBase(ctx, fileAbs, imp.level);
    if ('error' in start) return [{ ...base, specifier: written, kind: 'python-import', class: 'unresolved', reason: start.error }];
    const edges: ImportEdge[] = [];
    let pkg: FoundModule | undefined;
    if (parts.length === 0) {
      const init = path.join(start.dir, '__init__.py');
      pkg = ctx.finder.isFile(init) ? { kind: 'package', init, dir: start.dir } : { kind: 'namespace', dirs: [start.dir] };
      if (pkg.kind === 'package') edges.push(fileEdge(ctx, base, written, init));
    } else {
      const walked = walkDotted(ctx, base, '.'.repeat(imp.level), parts, [start.dir]);
      edges.push(...walked.edges);
      pkg = walked.last;
    }
    if (pkg) edges.push(...submoduleEdges(ctx, imp, written, pkg, from));
    return edges;
  }

  const top = parts[0];
  if (!top) return [];
  const found = ctx.finder.find(top, ctx.roots);
  if (!found || (found.kind === 'namespace' && isStdlibModule(top))) {
    return [{ ...base, specifier: imp.module, kind: 'python-import', class: isStdlibModule(top) ? 'builtin' : 'package', packageName: top }];
  }
  if (isStdlibModule(top) && found.kind !== 'namespace') {
    ctx.notices.add(
      `${describe(ctx, found)} shadows the standard-library module '${top}': Python imports the project's file instead (rename it if that is not intended).`,
    );
  }
  const walked = walkDotted(ctx, base, '', parts, ctx.roots, found);
  if (found.kind === 'namespace' && !walked.last) {
    // A namespace package merges with installed portions (site-packages): a missing
    // submodule is most likely third-party, not a broken first-party import.
    const fileEdges = walked.edges.filter((e) => e.class !== 'unresolved');
    return [...fileEdges, { ...base, specifier: imp.module, kind: 'python-import', class: 'package', packageName: top }];
  }
  const edges = walked.edges;
  if (walked.last) edges.push(...submoduleEdges(ctx, imp, imp.module, walked.last, from));
  return edges;
}

export { toPosix };
