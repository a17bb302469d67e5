// Which files go in the package: the reachable set, plus include globs, minus exclude globs.
// Secrets and tool folders never come in through a glob; only an exact include names them.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { globSync, isDynamicPattern } from 'tinyglobby';
import type { ManifestFile, ModuleGraph, Options } from '../types.js';
import { describeFsError, readFix } from '../errors.js';
import { UsageError } from '../types.js';
import { checkPattern, compareCodeUnits, isSafeRelative, kindOfSpecial, realFileInside, relativeInside } from './paths.js';

export const NODE_LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'bun.lock'];
export const PYTHON_MANIFESTS = ['pyproject.toml', 'poetry.lock', 'Pipfile', 'Pipfile.lock', 'uv.lock', 'pdm.lock'];

/** Folders and files a glob never brings in: installs, VCS data, bytecode. */
const NEVER_GLOBBED = ['**/node_modules/**', '**/.git/**', '**/__pycache__/**', '**/*.pyc'];

/** Files that hold credentials: never packed through a glob. */
export function isSecret(rel: string): boolean {
  const parts = rel.split('/');
  const base = parts[parts.length - 1];
  return parts.includes('.git') || base.startsWith('.env') || base === '.npmrc' || base === '.pypirc';
}

function isNeverGlobbed(rel: string): boolean {
  const parts = rel.split('/');
  return parts.includes('node_modules') || parts.includes('.git') || parts.includes('__pycache__') || rel.endsWith('.pyc');
}

export function selectFiles(graph: ModuleGraph, options: Options): { files: ManifestFile[]; excluded: string[] } {
  const root = graph.root;
  const chosen = new Map<string, Pick<ManifestFile, 'reason' | 'via'>>();
  const entries = new Set(graph.entries);

  for (const rel of graph.files.keys()) {
    // A reachable path that leaves the root is the outside-root rule's finding; it is never read here.
    if (!isSafeRelative(rel)) continue;
    chosen.set(rel, { reason: entries.has(rel) ? 'entry' : 'import', via: graph.via.get(rel) ?? null });
  }
  const { files: includedList, exact } = includedFiles(graph, options);
  const included = new Set(includedList);
  for (const rel of included) {
    if (!chosen.has(rel)) chosen.set(rel, { reason: 'include', via: null });
  }

  // The tarball (and its temp files) must never pack itself when it is written inside the root.
  const tarballRel = relativeInside(root, path.resolve(options.tarball));
  const isExcluded = excludeMatcher(options.exclude);

  const files: ManifestFile[] = [];
  const excluded: string[] = [];
  for (const [rel, why] of chosen) {
    if (rel === tarballRel) {
      // A glob that finds last run's tarball must not pack it; a file the package needs must not be overwritten by it.
      if (why.reason === 'include' && !exact.has(rel)) continue;
      if (options.pack) {
        throw new UsageError(`the tarball path ${rel} is a file of the package (${why.reason === 'include' ? 'named by include' : 'reachable from the entries'}): packing would overwrite it. Write the tarball elsewhere (e.g. --out shipset.tar.gz).`);
      }
    }
    // A secret stays out even when code imports it, unless an include names it exactly
    // (globs never bring secrets in); the closure check then says why the import is missing.
    if (isExcluded(rel) || (isSecret(rel) && !included.has(rel))) {
      excluded.push(rel);
      continue;
    }
    const found = realFileInside(root, rel);
    if (!found) continue; // missing, not a file, or a link out of the root: nothing to read
    let content: Buffer;
    try {
      content = fs.readFileSync(found.real);
    } catch (error) {
      // A reachable file the engine could not read already has its unparseable finding: it is not packed.
      if (graph.files.get(rel)?.parseError?.message.startsWith('cannot be read')) continue;
      throw new UsageError(`${rel} cannot be read (${describeFsError(error)}): ${readFix(error, rel)}.`);
    }
    files.push({ path: rel, bytes: content.length, sha256: createHash('sha256').update(content).digest('hex'), ...why });
  }
  files.sort((a, b) => compareCodeUnits(a.path, b.path));
  excluded.sort(compareCodeUnits);
  return { files, excluded };
}

/** Exclude globs match dot files too: excluding `src/**` should not keep `src/.hidden.js`. */
export function excludeMatcher(exclude: string[]): (rel: string) => boolean {
  for (const pattern of exclude) checkPattern(pattern, 'exclude');
  return exclude.length ? picomatch(exclude, { dot: true }) : () => false;
}

/** The exclude globs that match `rel` (for messages that say which one to remove). */
export function matchingExcludes(exclude: string[], rel: string): string[] {
  return exclude.filter((pattern) => picomatch(pattern, { dot: true })(rel));
}

/** The include patterns in force: the user's, or the manifests a deploy needs to install. */
export function includePatterns(graph: ModuleGraph, options: Options): { patterns: string[]; given: boolean } {
  if (options.include !== undefined) return { patterns: options.include, given: true };
  const names = ['package.json', ...NODE_LOCKFILES];
  if (graph.entries.some((e) => e.endsWith('.py'))) {
    names.push(...PYTHON_MANIFESTS);
    for (const name of safeReaddir(graph.root)) if (/^requirements.*\.txt$/.test(name)) names.push(name);
  }
  return { patterns: names.filter((n) => fs.existsSync(path.join(graph.root, n))), given: false };
}

/** The included files, and which of them an include names exactly (not through a glob). */
function includedFiles(graph: ModuleGraph, options: Options): { files: string[]; exact: Set<string> } {
  const root = graph.root;
  const { patterns, given } = includePatterns(graph, options);
  const out = new Set<string>();
  const exact = new Set<string>();
  const globs: string[] = [];
  for (const raw of patterns) {
    if (!raw.trim()) continue;
    checkPattern(raw.trim(), 'include');
    // './', 'src//x', 'src/' name the same things as '.', 'src/x', 'src': one spelling, so an exact name is found.
    const pattern = path.posix.normalize(raw.trim().replace(/\\/g, '/')).replace(/^\.\//, '').replace(/\/+$/, '') || '.';
    if (isDynamicPattern(pattern)) {
      globs.push(pattern);
      continue;
    }
    // An exact name: the one way to pack a secret on purpose. A folder is globbed like `dir/**`.
    const stat = fs.statSync(path.join(root, pattern), { throwIfNoEntry: false });
    if (stat?.isDirectory()) globs.push(pattern === '.' ? '**' : pattern + '/**');
    else if (stat?.isFile()) {
      if (!realFileInside(root, pattern)) {
        throw new UsageError(`include '${raw}' is a link to ${fs.realpathSync(path.join(root, pattern))}, outside the root ${root}: nothing outside the root is packed. ${given ? 'Remove it from include' : 'Replace the link with the file'}.`);
      }
      out.add(pattern);
      exact.add(pattern);
    } else if (stat) {
      throw new UsageError(`include '${raw}' is ${kindOfSpecial(stat)}, not a regular file: it cannot be packed. ${given ? 'Remove it from include' : 'It is packed by default: replace it with a regular file or delete it'}.`);
    } else if (given) {
      throw new UsageError(`include '${raw}' names no file under ${root}. Fix the path (includes are relative to the root) or remove it.`);
    }
  }
  if (globs.length) {
    const found = globSync(globs, { cwd: root, dot: false, onlyFiles: true, followSymbolicLinks: false, ignore: NEVER_GLOBBED, expandDirectories: false });
    for (const rel of found) {
      if (isSecret(rel) || isNeverGlobbed(rel) || !isSafeRelative(rel)) continue;
      out.add(rel);
    }
  }
  return { files: [...out], exact };
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}
