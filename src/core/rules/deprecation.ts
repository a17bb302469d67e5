// How a file says it is deprecated: by a glob the user gave, by a file-level header, or by
// its name or folder. Shared by `deprecated` (which reports such files) and `stale` (where
// marking one of two variants deprecated is the documented way to settle the pair).
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { HEADER_BYTES, type HeaderMark, headerOf, headText, isPythonPath } from '../graph/file-header.js';

export type { HeaderMark };

/** Split a name into its parts: on `_ - . space` and on case changes (`formatOld` -> format, Old). */
export function nameParts(stem: string): string[] {
  return stem
    .split(/[_\-. ]+/)
    .flatMap((part) => part.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/))
    .filter(Boolean);
}

/** The file name without its last extension (`server.bak.js` -> `server.bak`). */
export function stemOf(file: string): string {
  const base = path.posix.basename(file);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** How strongly a mark says "do not ship": a strong mark is an error, a weak one a warning. */
export type MarkStrength = 'strong' | 'weak';

export interface NameMark {
  reason: string;
  strength: MarkStrength;
}

/** Any part of the name, camelCase split too (`helpersObsolete`): these words say nothing else. */
const ANY_PART = new Set(['deprecated', 'obsolete']);
/** The last part after `.` or `_` (`server.bak.js`, `format_old.ts`); not after `-` or a case change (`db-backup`, `formatOld`). */
const LAST_PART = new Set(['old', 'bak', 'orig']);
const STRONG_FOLDERS = new Set(['deprecated', 'obsolete']);
/** Weak: a live feature folder is often called `legacy/` or `archive/` (the archive feature). */
const WEAK_FOLDERS = new Set(['legacy', 'archive', 'old', 'backup']);

/** Text that every name or folder mark of nameMarker contains, lowercased (`)` ends an OS copy's `(1)`). */
const MARK_TEXT = /deprecated|obsolete|old|bak|orig|legacy|archive|backup|copy|\)|~/;

/**
 * Why the name or a folder of `file` marks it deprecated, and how strongly; undefined when it does
 * not. Strong: `deprecated`/`obsolete` as a name part (camelCase is split for these two only),
 * `old`/`bak`/`orig` as the last part after `.` or `_`, an operating-system copy (`foo copy.js`,
 * `foo (1).js`, `foo.js~`), a folder named `deprecated`/`obsolete`. Weak: `legacy` as the first or
 * last part, a folder named `legacy`, `archive`, `old` or `backup`.
 */
export function nameMarker(file: string): NameMark | undefined {
  // Every mark below needs one of these in the lowercased path (most names have none: nothing to
  // split). Lowercased as the parts are below: the Kelvin sign lowercases to k, which /bak/i misses.
  if (!MARK_TEXT.test(file.toLowerCase())) return undefined;
  const folders = path.posix.dirname(file).split('/');
  const strongFolder = folders.find((f) => STRONG_FOLDERS.has(f.toLowerCase()));
  if (strongFolder) return { reason: `it is in a folder named '${strongFolder}'`, strength: 'strong' };
  const base = path.posix.basename(file);
  if (base.endsWith('~')) return { reason: `its name ends in '~' (an editor's backup copy)`, strength: 'strong' };
  const stem = stemOf(file);
  const copy = /\s\(\d+\)$|\(\d+\)$|\scopy(?:\s\d+)?$/i.exec(stem);
  if (copy) return { reason: `its name ends in '${copy[0].trim()}' (a copy the operating system made)`, strength: 'strong' };
  const parts = nameParts(stem);
  // A name that is only the word (`deprecated.ts`) is a module about deprecation (a lint rule, a
  // shim of old APIs still in use): the word marks a file only beside the name it qualifies.
  const any = parts.length >= 2 ? parts.find((p) => ANY_PART.has(p.toLowerCase())) : undefined;
  if (any) return { reason: `its name contains the part '${any}'`, strength: 'strong' };
  const dotted = stem.split(/[._]+/).filter(Boolean);
  const last = dotted[dotted.length - 1];
  if (dotted.length >= 2 && LAST_PART.has(last.toLowerCase())) return { reason: `its name ends in '${last}'`, strength: 'strong' };
  const words = stem.split(/[_\-. ]+/).filter(Boolean);
  if (words.length && words[0].toLowerCase() === 'legacy') return { reason: `its name starts with '${words[0]}'`, strength: 'weak' };
  if (words.length >= 2 && words[words.length - 1].toLowerCase() === 'legacy')
    return { reason: `its name ends in '${words[words.length - 1]}'`, strength: 'weak' };
  const weakFolder = folders.find((f) => WEAK_FOLDERS.has(f.toLowerCase()));
  if (weakFolder) return { reason: `it is in a folder named '${weakFolder}'`, strength: 'weak' };
  return undefined;
}

/** The first deprecated glob `file` matches. */
export function globMarker(file: string, globs: string[]): string | undefined {
  return globs.find((glob) => picomatch(glob, { dot: true })(file));
}

/**
 * The file-level deprecation header of the file at `absPath` (see headerOf in graph/file-header.ts
 * for what counts), read from its first 16 KiB; undefined when there is none or the file cannot be read.
 */
export function headerMarker(absPath: string): HeaderMark | undefined {
  let head: string;
  try {
    const fd = fs.openSync(absPath, 'r');
    try {
      const buf = Buffer.alloc(HEADER_BYTES);
      head = headText(buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, 0)));
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
  return headerOf(head, isPythonPath(absPath));
}

export interface DeprecationMark {
  /** Why, in words: "it matches the deprecated glob 'x'", "its name ends in 'old'", ... */
  reason: string;
  /** Strong marks (a glob, a header, `deprecated`/`old`/copies in the name) fail the run; weak ones (`legacy`, `archive/`) warn. */
  strength: MarkStrength;
  /** Line of the header when the mark is a header, else 1. */
  line: number;
}

/**
 * Whether and why `file` (relative to `root`) is marked deprecated. `headers` holds the headers the
 * engine read with the files (root-relative path -> mark, or null for none): a file listed there
 * is not opened again.
 */
export function deprecationOf(root: string, file: string, globs: string[], headers?: ReadonlyMap<string, HeaderMark | null>): DeprecationMark | undefined {
  const glob = globMarker(file, globs);
  if (glob) return { reason: `it matches the deprecated glob '${glob}'`, line: 1, strength: 'strong' };
  const known = headers?.get(file);
  const header = known === undefined ? headerMarker(path.join(root, file)) : (known ?? undefined);
  if (header) return { reason: `its header says '${shorten(header.text)}'`, line: header.line, strength: 'strong' };
  const name = nameMarker(file);
  if (name) return { reason: name.reason, line: 1, strength: name.strength };
  return undefined;
}

function shorten(text: string, max = 80): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}
