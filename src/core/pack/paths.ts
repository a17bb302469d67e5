// Path helpers shared by selection, tarball writing and `why`: every path the pack stage
// handles is POSIX and relative to the root, and must never lead outside it.
import fs from 'node:fs';
import path from 'node:path';
import { checkGlob, checkPrefix } from '../options.js';
import { byCodeUnit as compareCodeUnits, relativeInside, toPosix } from '../paths.js';

/** A relative POSIX path that stays inside its base: no '..' segment, no leading '/'. */
export function isSafeRelative(rel: string): boolean {
  if (!rel || rel.startsWith('/') || path.isAbsolute(rel) || rel.includes('\\')) return false;
  return !rel.split('/').some((part) => part === '..' || part === '');
}

export interface RealFile {
  /** Absolute path of the file the root-relative path finally points to. */
  real: string;
  stat: fs.Stats;
}

/**
 * Follow `rel` (through any symlinks) and return the regular file it lands on, or undefined
 * when it does not exist, is not a regular file, or lands outside the root: such a file is
 * never read.
 */
export function realFileInside(root: string, rel: string, realpath: (abs: string) => string | undefined = realpathOrUndefined): RealFile | undefined {
  if (!isSafeRelative(rel)) return undefined;
  const real = realpath(path.join(root, rel));
  if (real === undefined) return undefined;
  // A real path is absolute and normalized: one below the real root starts with it (asked once per packed file).
  const base = realRoot(root);
  if (!real.startsWith(base + path.sep) && relativeInside(base, real) === undefined) return undefined;
  const stat = fs.statSync(real, { throwIfNoEntry: false });
  return stat?.isFile() ? { real, stat } : undefined;
}

/** fs.realpathSync, undefined when the path cannot be followed (a run passes its remembered lookups instead). */
export function realpathOrUndefined(abs: string): string | undefined {
  try {
    return fs.realpathSync(abs);
  } catch {
    return undefined;
  }
}

const realRoots = new Map<string, string>();
function realRoot(root: string): string {
  let real = realRoots.get(root);
  if (real === undefined) {
    try {
      real = fs.realpathSync(root);
    } catch {
      real = root;
    }
    realRoots.set(root, real);
  }
  return real;
}

/** The `prefix` option as a clean folder name inside the archive ('' when unset). */
export function normalizePrefix(prefix: string | undefined): string {
  // Checked by the options stage already; checked again here because the pack writes it.
  const clean = (prefix ?? '')
    .replace(/\\/g, '/')
    .replace(/^\.\/+/, '')
    .replace(/\/+$/, '');
  if (!clean || clean === '.') return '';
  return checkPrefix(clean, 'prefix') ?? '';
}

/** Glob patterns must stay under the root: '../x' or '/etc/x' would read files of the machine. */
export function checkPattern(pattern: string, source: string): void {
  checkGlob(pattern, source);
}

/** The folder displayed paths are relative to: the options' cwd, else the root (never the process's cwd). */
export function displayBase(options: { cwd?: string; root: string }): string {
  return options.cwd ?? options.root;
}

/** Where a path is shown to the user: relative to the cwd when inside it, else absolute. */
export function displayPath(abs: string, cwd: string): string {
  return relativeInside(cwd, abs) ?? abs;
}

/** What a non-regular, non-folder file is, for messages. */
export function kindOfSpecial(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isDirectory()) return 'a folder';
  return 'not a regular file';
}

export { compareCodeUnits, relativeInside, toPosix };
