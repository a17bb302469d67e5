// Path helpers every stage shares, spelled once. Paths in the pipeline are POSIX and relative to
// the root; these convert and compare them the same way everywhere.
import path from 'node:path';

/** Order by UTF-16 code units (not localeCompare): the same order on every machine and locale. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A platform path with `/` separators. */
export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * Whether `p` is `root` or below it, lexically (no symlinks followed). A folder named `..x` is
 * inside; only a `..` segment leaves.
 */
export function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, path.resolve(p));
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel));
}

/** `abs` relative to `root` as a POSIX path, or undefined when it is the root itself or not below it. */
export function relativeInside(root: string, abs: string): string | undefined {
  const rel = path.relative(root, abs);
  if (!rel || rel === '..' || rel.startsWith('..' + path.sep) || path.isAbsolute(rel)) return undefined;
  return toPosix(rel);
}
