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
 * inside; only a `..` segment leaves. Relative paths are taken from the working directory.
 */
export function isInside(root: string, p: string): boolean {
  const rel = relativePath(root, p);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel));
}

/** `abs` relative to `root` as a POSIX path, or undefined when it is the root itself or not below it. */
export function relativeInside(root: string, abs: string): string | undefined {
  const rel = relativePath(root, abs);
  if (!rel || rel === '..' || rel.startsWith('..' + path.sep) || path.isAbsolute(rel)) return undefined;
  return toPosix(rel);
}

const SLASH = 47;
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;

/**
 * Exactly `path.relative(from, to)` (both resolved from the working directory first), with a fast
 * path for the common case: on POSIX, both absolute and already normal (no `.`/`..` segment, no
 * doubled or trailing `/`) and `to` equal to or below `from`, the answer is a slice of `to`.
 * Anything else goes through path.relative. The resolver asks this for every candidate file.
 */
export function relativePath(from: string, to: string): string {
  if (path.sep === '/' && to.startsWith(from) && isNormalAbsolute(from) && isNormalAbsolute(to)) {
    if (to.length === from.length) return '';
    if (to.charCodeAt(from.length) === SLASH) return to.slice(from.length + 1);
  }
  return path.relative(from, to);
}

/** An absolute POSIX path that path.resolve leaves as it is (not `/` itself: it ends in a slash). */
function isNormalAbsolute(p: string): boolean {
  return p.charCodeAt(0) === SLASH && p.charCodeAt(p.length - 1) !== SLASH && !p.includes('//') && !DOT_SEGMENT.test(p);
}
