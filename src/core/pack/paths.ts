// Path helpers shared by selection, tarball writing and `why`: every path the pack stage
// handles is POSIX and relative to the root, and must never lead outside it.
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../types.js';

/** Code-unit order: the same on every machine and locale (localeCompare is not). */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** A relative POSIX path that stays inside its base: no '..' segment, no leading '/'. */
export function isSafeRelative(rel: string): boolean {
  if (!rel || rel.startsWith('/') || path.isAbsolute(rel) || rel.includes('\\')) return false;
  return !rel.split('/').some((part) => part === '..' || part === '');
}

/** `abs` relative to `root` (POSIX), or undefined when it is not under the root. */
export function relativeInside(root: string, abs: string): string | undefined {
  const rel = path.relative(root, abs);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return toPosix(rel);
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
export function realFileInside(root: string, rel: string): RealFile | undefined {
  if (!isSafeRelative(rel)) return undefined;
  let real: string;
  try {
    real = fs.realpathSync(path.join(root, rel));
  } catch {
    return undefined;
  }
  if (relativeInside(realRoot(root), real) === undefined) return undefined;
  const stat = fs.statSync(real, { throwIfNoEntry: false });
  return stat?.isFile() ? { real, stat } : undefined;
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
  const clean = (prefix ?? '').replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '');
  if (!clean || clean === '.') return '';
  if (!isSafeRelative(clean)) {
    throw new UsageError(`prefix '${prefix}' leaves the archive (absolute or with '..'). Use a plain folder name such as 'app'.`);
  }
  return clean;
}

/** Glob patterns must stay under the root: '../x' or '/etc/x' would read files of the machine. */
export function checkPattern(pattern: string, source: string): void {
  const p = pattern.replace(/\\/g, '/').replace(/^!/, '');
  if (p.startsWith('/') || path.isAbsolute(p) || p.split('/').includes('..')) {
    throw new UsageError(`${source} '${pattern}' points outside the root. Globs are relative to the root; write it without '..' or a leading '/'.`);
  }
}

/** Where a path is shown to the user: relative to the cwd when inside it, else absolute. */
export function displayPath(abs: string, cwd: string = process.cwd()): string {
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
