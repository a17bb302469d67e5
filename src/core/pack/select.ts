// Which files go in the package: the reachable set, plus include globs, minus exclude globs.
// Secrets and tool folders never come in through a glob; only an exact include names them.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { globSync, isDynamicPattern } from 'tinyglobby';
import type { Finding, ManifestFile, ModuleGraph, Options } from '../types.js';
import { describeFsError, readFix } from '../errors.js';
import { UsageError } from '../types.js';
import { checkPattern, compareCodeUnits, isSafeRelative, kindOfSpecial, realFileInside, relativeInside } from './paths.js';
import { describeSecret, SECRET_KINDS, secretMatch, type SecretMatch } from './secrets.js';
import { enclosingWorkspaceNotice, workspaceMemberFolders } from '../workspace.js';
import { readPythonManifests } from '../graph/python/manifests.js';

export const NODE_LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb', 'bun.lock'];
export const PYTHON_MANIFESTS = ['pyproject.toml', 'poetry.lock', 'Pipfile', 'Pipfile.lock', 'uv.lock', 'pdm.lock'];

/** Folders and files a glob never brings in: installs, VCS data, bytecode. */
const NEVER_GLOBBED = ['**/node_modules/**', '**/.git/**', '**/__pycache__/**', '**/*.pyc'];

function isNeverGlobbed(rel: string): boolean {
  const parts = rel.split('/');
  return parts.includes('node_modules') || parts.includes('__pycache__') || rel.endsWith('.pyc');
}

/** The largest file packed: Node reads a file into one buffer of at most 2 GiB - 1, and the archive is built in memory. */
export const MAX_PACKED_FILE_BYTES = 2 ** 31 - 1;

/**
 * The files of the package with their size and SHA-256. `excluded` lists what exclude globs and the
 * secret rule removed; `notices` say which glob matches were kept out as secrets behind a link and
 * which secret an exact include packs; `findings` are exact includes refused as links to a secret.
 * Throws UsageError for a packed file that cannot be read (EACCES) or is too large to pack.
 */
export function selectFiles(graph: ModuleGraph, options: Options): { files: ManifestFile[]; excluded: string[]; notices: string[]; findings: Finding[] } {
  const root = graph.root;
  const chosen = new Map<string, Pick<ManifestFile, 'reason' | 'via'>>();
  const entries = new Set(graph.entries);

  for (const rel of graph.files.keys()) {
    // A reachable path that leaves the root is the outside-root rule's finding; it is never read here.
    if (!isSafeRelative(rel)) continue;
    chosen.set(rel, { reason: entries.has(rel) ? 'entry' : 'import', via: graph.via.get(rel) ?? null });
  }
  const { files: includedList, exact, notices, findings } = includedFiles(graph, options);
  if (options.defaultInclude !== false && graph.entries.some((e) => !e.endsWith('.py'))) {
    const outside = enclosingWorkspaceNotice(root, graph.entries);
    if (outside) notices.push(outside);
  }
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
        throw new UsageError(
          `the tarball path ${rel} is a file of the package (${why.reason === 'include' ? 'named by include' : 'reachable from the entries'}): packing would overwrite it. Write the tarball elsewhere (e.g. --out shipset.tar.gz).`,
        );
      }
    }
    // A secret (by its name or by where its link leads) stays out even when code imports it,
    // unless an include names this very path exactly (globs never bring secrets in); the
    // closure check then says why the import is missing.
    if (isExcluded(rel) || (!exact.has(rel) && secretMatch(root, rel, graph.realpath))) {
      excluded.push(rel);
      continue;
    }
    const found = realFileInside(root, rel, graph.realpath);
    if (!found) continue; // missing, not a file, or a link out of the root: nothing to read
    // The engine hashed what it read: the same bytes, not read a second time.
    const read = graph.contents?.get(rel);
    let hashed: { bytes: number; sha256: string };
    try {
      hashed = read && read.bytes === found.stat.size ? read : hashFile(rel, found.real, why.reason);
    } catch (error) {
      // A reachable file the engine could not read already has its unparseable finding: it is not packed.
      if (graph.files.get(rel)?.parseError?.message.startsWith('cannot be read')) continue;
      throw error;
    }
    files.push({ path: rel, ...hashed, ...why });
  }
  files.sort((a, b) => compareCodeUnits(a.path, b.path));
  excluded.sort(compareCodeUnits);
  return { files, excluded, notices, findings };
}

let readBuffer: Buffer | undefined;

/** Size and SHA-256 of a file to pack, read in pieces; unreadable or oversized files are one clear line. */
function hashFile(rel: string, real: string, reason: string): { bytes: number; sha256: string } {
  const how = reason === 'include' ? 'an include names it' : 'it is reachable from the entries';
  let fd: number | undefined;
  try {
    fd = fs.openSync(real, 'r');
    const size = fs.fstatSync(fd).size;
    if (size > MAX_PACKED_FILE_BYTES) {
      throw new UsageError(
        `${rel} is ${(size / 2 ** 30).toFixed(1)} GiB and ${how}: shipset packs files up to 2 GiB. Exclude it (exclude: '${rel}') and ship it another way.`,
      );
    }
    const hash = createHash('sha256');
    const buffer = (readBuffer ??= Buffer.allocUnsafe(1 << 20)); // one buffer for all files (a zeroed 1 MiB each was a tenth of a run)
    let bytes = 0;
    for (let n; (n = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0;) {
      hash.update(buffer.subarray(0, n));
      bytes += n;
    }
    return { bytes, sha256: hash.digest('hex') };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${rel} cannot be read (${describeFsError(error)}) and ${how}: ${readFix(error, rel)}.`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
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

/**
 * The include patterns in force: the files a deploy needs to install and start the set (the root
 * package.json and lockfile, the workspace file, each package.json above a reachable file, under
 * yarn the package.json of every workspace member, the tsconfig chain the runtime reads), unless `defaultInclude` is false, followed by the user's
 * `include` globs. `given` marks the user's.
 */
export function includePatterns(graph: ModuleGraph, options: Options): { pattern: string; given: boolean }[] {
  const out: { pattern: string; given: boolean }[] = [];
  if (options.defaultInclude !== false) {
    const names = [
      'package.json',
      ...NODE_LOCKFILES,
      ...WORKSPACE_FILES,
      ...manifestsAbove(graph),
      ...yarnMemberManifests(graph.root),
      ...(graph.runtimeConfigs ?? []),
    ];
    if (graph.entries.some((e) => e.endsWith('.py'))) {
      names.push(...PYTHON_MANIFESTS);
      for (const name of safeReaddir(graph.root)) if (/^requirements.*\.txt$/.test(name)) names.push(name);
      names.push(...pythonManifestsAbove(graph));
    }
    for (const n of new Set(names)) if (fs.existsSync(path.join(graph.root, n))) out.push({ pattern: n, given: false });
  }
  for (const pattern of options.include ?? []) out.push({ pattern, given: true });
  return out;
}

/** Files a package manager reads to lay out a workspace install. */
export const WORKSPACE_FILES = ['pnpm-workspace.yaml'];

/**
 * The package.json of every workspace member when the root has a yarn.lock: yarn (berry) lists
 * every workspace in its lockfile, and `yarn install --immutable` fails ("The lockfile would have
 * been modified", YN0028) when a member it lists is missing from the unpacked tree. npm (`npm ci`)
 * and pnpm (`pnpm install --frozen-lockfile`) install the members that are present and leave the
 * rest alone (measured with npm 10 and pnpm 10), so for them only the members reached are packed.
 */
function yarnMemberManifests(root: string): string[] {
  if (!fs.existsSync(path.join(root, 'yarn.lock'))) return [];
  return [...workspaceMemberFolders(root).keys()].map((dir) => `${dir}/package.json`).sort(compareCodeUnits);
}

/**
 * The package.json of every folder between a reachable file and the root: Node reads the nearest
 * one for the module format, and a workspace package or app needs its own to be installed.
 */
function manifestsAbove(graph: ModuleGraph): string[] {
  const out = new Set<string>();
  for (const rel of graph.files.keys()) {
    if (!isSafeRelative(rel)) continue;
    for (let dir = path.posix.dirname(rel); dir !== '.' && !out.has(`${dir}/package.json`); dir = path.posix.dirname(dir)) {
      if (dir.split('/').includes('node_modules')) break;
      out.add(`${dir}/package.json`);
    }
  }
  return [...out].sort(compareCodeUnits);
}

/**
 * The Python manifests of every folder between a reachable `.py` file and the root, as the
 * `undeclared` rule reads them (python/manifests.ts): requirements*.txt with the files their `-r`
 * lines include (`-r requirements/base.txt`: pip stops at a missing one), pyproject.toml and the
 * lockfile beside or above them (`backend/pyproject.toml` of a uv workspace member). setup.cfg
 * stays out, as at the root.
 * Root-relative POSIX paths; what the root itself holds is added by the caller.
 */
function pythonManifestsAbove(graph: ModuleGraph): string[] {
  const out = new Set<string>();
  const seen = new Set<string>();
  for (const rel of graph.files.keys()) {
    if (!rel.endsWith('.py') || !isSafeRelative(rel)) continue;
    for (let dir = path.posix.dirname(rel); !seen.has(dir); dir = path.posix.dirname(dir)) {
      seen.add(dir);
      const found = readPythonManifests(graph.root, path.join(graph.root, dir));
      for (const file of [...(found?.files ?? []), ...(found?.locked.map((l) => l.file) ?? [])]) if (path.posix.basename(file) !== 'setup.cfg') out.add(file);
      if (dir === '.') break;
    }
  }
  return [...out].sort(compareCodeUnits);
}

/** The included files, and which of them an include names exactly (not through a glob). */
function includedFiles(graph: ModuleGraph, options: Options): { files: string[]; exact: Set<string>; notices: string[]; findings: Finding[] } {
  const root = graph.root;
  const out = new Set<string>();
  const exact = new Set<string>();
  const globs: string[] = [];
  const spelled = new Map<string, string>();
  const notices: string[] = [];
  const findings: Finding[] = [];
  for (const { pattern: raw, given } of includePatterns(graph, options)) {
    if (!raw.trim()) continue;
    checkPattern(raw.trim(), 'include');
    // './', 'src//x', 'src/' name the same things as '.', 'src/x', 'src': one spelling, so an exact name is found.
    const pattern = path.posix.normalize(raw.trim().replace(/\\/g, '/')).replace(/^\.\//, '').replace(/\/+$/, '') || '.';
    if (given && pattern.split('/').includes('node_modules')) {
      // A glob never walks into installs (they are machine-specific and full of links).
      notices.push(
        `include '${raw}' adds nothing: node_modules is never packed through include. Use --node-modules (config "node-modules": true, input node-modules) to pack the production dependencies the set needs, so the tarball runs with no install.`,
      );
      continue;
    }
    if (isDynamicPattern(pattern)) {
      globs.push(pattern);
      spelled.set(pattern, raw);
      continue;
    }
    // An exact name: the one way to pack a secret on purpose. A folder is globbed like `dir/**`.
    const stat = fs.statSync(path.join(root, pattern), { throwIfNoEntry: false });
    if (stat?.isDirectory()) globs.push(pattern === '.' ? '**' : pattern + '/**');
    else if (stat?.isFile()) {
      if (!realFileInside(root, pattern)) {
        throw new UsageError(
          `include '${raw}' is a link to ${fs.realpathSync(path.join(root, pattern))}, outside the root ${root}: nothing outside the root is packed. ${given ? 'Remove it from include' : 'Replace the link with the file'}.`,
        );
      }
      const secret = secretMatch(root, pattern);
      if (secret) {
        const refused = exactSecret(pattern, secret, given, options);
        if (refused.finding) findings.push(refused.finding);
        if (refused.notice) notices.push(refused.notice);
        if (!refused.packed) continue;
      }
      out.add(pattern);
      exact.add(pattern);
    } else if (stat) {
      throw new UsageError(
        `include '${raw}' is ${kindOfSpecial(stat)}, not a regular file: it cannot be packed. ${given ? 'Remove it from include' : 'It is packed by default: replace it with a regular file or delete it'}.`,
      );
    } else if (given) {
      throw new UsageError(`include '${raw}' names no file under ${root}. Fix the path (includes are relative to the root) or remove it.`);
    }
  }
  if (globs.length) {
    const found = globSync(globs, { cwd: root, dot: false, onlyFiles: true, followSymbolicLinks: false, ignore: NEVER_GLOBBED, expandDirectories: false });
    for (const glob of globs) {
      const matches = picomatch(glob, { dot: false });
      if (!found.some((rel) => matches(rel)))
        notices.push(
          `include '${spelled.get(glob) ?? glob}' matches no file under the root: nothing added. Check the pattern (includes are relative to the root).`,
        );
    }
    for (const rel of found) {
      if (isNeverGlobbed(rel) || !isSafeRelative(rel)) continue;
      const secret = secretMatch(root, rel);
      if (secret) {
        // A secret by name is left out quietly (that is what everyone expects of a glob); one
        // behind an innocent name is worth saying.
        if (secret.throughLink)
          notices.push(`Left out ${rel}: an include glob matches it, but ${describeSecret(rel, secret).reason}. ${describeSecret(rel, secret).fix}.`);
        continue;
      }
      out.add(rel);
    }
  }
  return { files: [...out], exact, notices, findings };
}

/**
 * What an exact include of a secret gets. `.git/` never ships (actions/checkout keeps its token
 * in `.git/config`). A link to a secret under another name is an error finding naming both
 * (the bytes are the secret's, the name is not). A secret by its own name ships only when the
 * user's flag or action input names it (the workflow is trusted; a pull request writes the config
 * file, so a config include naming a secret is refused) and a notice says it ships. A default
 * include that turned out to be a secret is left out with a notice.
 */
function exactSecret(rel: string, secret: SecretMatch, given: boolean, options: Options): { packed: boolean; notice?: string; finding?: Finding } {
  const { reason, fix } = describeSecret(rel, secret);
  if (!given) return { packed: false, notice: `Left out ${rel}: it is packed by default, but ${reason}. Replace it with a regular file.` };
  const source = options.includeFromConfig ? "the config file's include" : 'include';
  if (secret.throughLink) {
    return {
      packed: false,
      finding: {
        rule: 'unresolved',
        level: 'error',
        file: rel,
        line: 1,
        target: secret.secret,
        chain: [rel],
        message: `${rel} is not in the package: ${source} names it, but ${reason}. ${fix}.`,
      },
    };
  }
  if (secret.git) return { packed: false, notice: `Left out ${rel}: ${source} names it, but ${reason}. ${fix}.` };
  if (options.includeFromConfig) {
    return {
      packed: false,
      notice: `Left out ${rel}: the config file's include names it, but it looks like a secret (${SECRET_KINDS}) and the config file is part of the pull request, so it cannot opt a secret in. Name '${rel}' in --include (action input include) if it must ship.`,
    };
  }
  return {
    packed: true,
    notice: `Packed ${rel}, which looks like a secret (${SECRET_KINDS}), because include names it exactly. Make sure the tarball is meant to carry it.`,
  };
}

function safeReaddir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}
