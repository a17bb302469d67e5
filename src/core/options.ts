// Validation shared by both front ends: the CLI and the action map their raw strings onto
// one Options object through these functions, so a bad value gets the same message in both.
import fs from 'node:fs';
import path from 'node:path';
import { manifestProblemText, readProjectManifest } from './read-manifest.js';
import { LEVELS, type Level, type Options, RULE_NAMES, type RuleName, UsageError } from './types.js';

/** Parse `name=level` / `name: level` specs (CLI `--rule`, action `rules` lines). */
export function parseRuleLevels(specs: string[], source: string): Partial<Record<RuleName, Level>> {
  const levels: Partial<Record<RuleName, Level>> = {};
  for (const raw of specs) {
    const spec = raw.trim();
    if (!spec || spec.startsWith('#')) continue;
    const m = /^([\w-]+)\s*[:=]\s*([\w-]+)$/.exec(spec);
    if (!m) {
      throw new UsageError(`${source}: '${spec}' is not 'rule=level'. Write it as e.g. 'stale=warn' (levels: ${LEVELS.join(', ')}).`);
    }
    const [, name, level] = m;
    if (!(RULE_NAMES as readonly string[]).includes(name)) {
      throw new UsageError(`${source}: unknown rule '${name}'. Known rules: ${RULE_NAMES.join(', ')}.`);
    }
    if (!(LEVELS as readonly string[]).includes(level)) {
      throw new UsageError(`${source}: unknown level '${level}' for rule '${name}'. Use one of: ${LEVELS.join(', ')}.`);
    }
    if (name === 'outside-root' && level !== 'error') {
      throw new UsageError(`${source}: 'outside-root' cannot be lowered: a file outside the root would not ship or would leak into the archive. Remove '${spec}'.`);
    }
    levels[name as RuleName] = level as Level;
  }
  return levels;
}

/** Split a multi-value input on newlines and commas, dropping blanks. */
export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Resolve and check the root folder. */
export function resolveRoot(root: string | undefined, cwd: string, source: string): string {
  const abs = path.resolve(cwd, root || '.');
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    throw new UsageError(`${source}: root folder '${root}' does not exist. Point it at the project folder.`);
  }
  if (!stat.isDirectory()) throw new UsageError(`${source}: root '${root}' is not a folder.`);
  return fs.realpathSync(abs);
}

/**
 * Entries relative to the root. Given entries are checked (exist, inside the root, a file);
 * with none given, the root package.json's `main` and `bin` targets are used.
 */
export function resolveEntries(root: string, given: string[], cwd: string, source: string): string[] {
  const entries = given.length ? given.map((e) => checkEntry(root, e, cwd, source)) : entriesFromPackageJson(root, source);
  return [...new Set(entries)];
}

function checkEntry(root: string, entry: string, cwd: string, source: string): string {
  // An entry is taken relative to the root first (the documented meaning), then to the cwd.
  const candidates = [path.resolve(root, entry), path.resolve(cwd, entry)];
  const abs = candidates.find((c) => fs.lstatSync(c, { throwIfNoEntry: false })) ?? candidates[0];
  const rel = path.relative(root, abs);
  const label = source === 'entry' ? 'entry' : `${source}: entry`;
  if (rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new UsageError(`${label} '${entry}' is outside the root ${root}. Give an entry inside the root, or set the root to a folder that contains it.`);
  }
  const link = fs.lstatSync(abs, { throwIfNoEntry: false });
  if (!link) {
    throw new UsageError(`${label} '${entry}' does not exist under ${root}. Check the path (entries are relative to the root).`);
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch (e) {
    // lstat found it, stat did not: a link to nothing, or a loop of links.
    const code = (e as NodeJS.ErrnoException).code;
    const target = fs.readlinkSync(abs);
    throw new UsageError(
      code === 'ELOOP'
        ? `${label} '${entry}' is a symlink loop (${entry} -> ${target} -> ...). Point the link at a real file, or name the file itself.`
        : `${label} '${entry}' is a symlink to ${target}, which does not exist. Fix the link, or name the file itself.`,
    );
  }
  if (stat.isDirectory()) {
    throw new UsageError(`${label} '${entry}' is a folder. Name the file that starts the program, e.g. '${path.posix.join(entry, 'index.js')}'.`);
  }
  if (!stat.isFile()) {
    throw new UsageError(`${label} '${entry}' is ${stat.isFIFO() ? 'a named pipe (FIFO)' : stat.isSocket() ? 'a socket' : 'a device'}, not a regular file. Name the source file that starts the program.`);
  }
  const real = fs.realpathSync(abs);
  const realRel = path.relative(root, real);
  if (realRel.startsWith('..') || path.isAbsolute(realRel)) {
    throw new UsageError(`${label} '${entry}' is a symlink to ${real}, outside the root. Give an entry inside the root.`);
  }
  return rel.split(path.sep).join('/');
}

function entriesFromPackageJson(root: string, source: string): string[] {
  const pkgPath = path.join(root, 'package.json');
  if (!fs.existsSync(pkgPath)) {
    throw new UsageError(`${source}: no entry given and no package.json in ${root}. Name the entry file, e.g. 'shipset check src/index.ts'.`);
  }
  // A regular file inside the root, at most 10 MB: a package.json linked out of the root is not read.
  const read = readProjectManifest(root, pkgPath);
  if (!read.ok) {
    throw new UsageError(`${source}: no entry given, and ${manifestProblemText(read, 'Replace it with the package manifest, or name the entry file.')}`);
  }
  let parsed: unknown;
  const text = read.text;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${pkgPath}${jsonErrorLine(text, e as Error)}: invalid JSON (${(e as Error).message}). Fix package.json or name the entry file.`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UsageError(`${pkgPath}: must be a JSON object ({ "main": ... }), not ${Array.isArray(parsed) ? 'an array' : parsed === null ? 'null' : typeof parsed}. Fix package.json or name the entry file.`);
  }
  const pkg = parsed as { main?: unknown; bin?: unknown };
  for (const field of ['main', 'bin'] as const) {
    const value = pkg[field];
    const ok = value === undefined || typeof value === 'string' || (field === 'bin' && !!value && typeof value === 'object' && !Array.isArray(value));
    if (!ok) {
      throw new UsageError(`${pkgPath}: "${field}" must be ${field === 'main' ? 'a path string' : 'a path string or an object of command: path'}, not ${JSON.stringify(value)}. Fix package.json or name the entry file.`);
    }
  }
  const targets: string[] = [];
  if (typeof pkg.main === 'string') targets.push(pkg.main);
  if (typeof pkg.bin === 'string') targets.push(pkg.bin);
  else if (pkg.bin && typeof pkg.bin === 'object') {
    for (const v of Object.values(pkg.bin as Record<string, unknown>)) if (typeof v === 'string') targets.push(v);
  }
  if (!targets.length) {
    throw new UsageError(`${source}: no entry given and package.json has no 'main' or 'bin'. Name the entry file, e.g. 'shipset check src/index.ts'.`);
  }
  return targets.map((t) => checkEntry(root, withIndex(root, t), root, `package.json`));
}

/** ':3' for a JSON.parse error at a known position (Node 20 says 'at position N'), else ''. */
function jsonErrorLine(text: string, error: Error): string {
  const position = /at position (\d+)/.exec(error.message);
  if (!position) return '';
  return `:${text.slice(0, Number(position[1])).split('\n').length}`;
}

/** `main: "lib"` means lib/index.js, `main: "server"` may mean server.js, as Node reads it. */
function withIndex(root: string, target: string): string {
  const abs = path.resolve(root, target);
  if (fs.existsSync(abs) && fs.statSync(abs).isFile()) return target;
  for (const ext of ['.js', '.mjs', '.cjs', '.ts', '.json']) if (fs.existsSync(abs + ext)) return target + ext;
  for (const ext of ['.js', '.mjs', '.cjs', '.ts']) if (fs.existsSync(path.join(abs, 'index' + ext))) return path.posix.join(target, 'index' + ext);
  return target;
}

/** Options with every default filled in, for tests and front ends. */
export function defaultOptions(root: string, entries: string[]): Options {
  return {
    root,
    entries,
    rules: {},
    deprecated: [],
    exclude: [],
    staleIgnore: [],
    pythonPath: [],
    pack: false,
    tarball: path.join(root, 'shipset.tar.gz'),
  };
}
