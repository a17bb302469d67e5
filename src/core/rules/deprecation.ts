// How a file says it is deprecated: by a glob the user gave, by a file-level header, or by
// its name or folder. Shared by `deprecated` (which reports such files) and `stale` (where
// marking one of two variants deprecated is the documented way to settle the pair).
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';

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

const ANY_PART = new Set(['deprecated', 'obsolete']);
const FIRST_OR_LAST_PART = new Set(['legacy']);
const LAST_PART = new Set(['old', 'bak', 'backup', 'orig', 'copy', 'unused']);
const MARKED_FOLDERS = new Set(['legacy', 'deprecated', 'obsolete', 'archive', 'old', 'backup']);

/** Why the name or a folder of `file` marks it deprecated, in words; undefined when it does not. */
export function nameMarker(file: string): string | undefined {
  const folders = path.posix.dirname(file).split('/');
  const folder = folders.find((f) => MARKED_FOLDERS.has(f.toLowerCase()));
  if (folder) return `it is in a folder named '${folder}'`;
  const stem = stemOf(file);
  if (/\s*\(\d+\)$/.test(stem)) return `its name ends in '${/\(\d+\)$/.exec(stem)![0]}' (a copy)`;
  const parts = nameParts(stem);
  const lower = parts.map((p) => p.toLowerCase());
  const anyIndex = lower.findIndex((p) => ANY_PART.has(p));
  if (anyIndex >= 0) return `its name contains the part '${parts[anyIndex]}'`;
  if (lower.length && FIRST_OR_LAST_PART.has(lower[0])) return `its name starts with '${parts[0]}'`;
  const last = lower.length - 1;
  // A suffix marker needs a name before it: `format_old.ts` is a leftover, `backup.ts` or
  // `copy.ts` alone is a module that does backups or copies.
  if (last >= 0 && (FIRST_OR_LAST_PART.has(lower[last]) || (last >= 1 && LAST_PART.has(lower[last])))) {
    return `its name ends in '${parts[last]}'`;
  }
  return undefined;
}

/** The first deprecated glob `file` matches. */
export function globMarker(file: string, globs: string[]): string | undefined {
  return globs.find((glob) => picomatch(glob, { dot: true })(file));
}

export interface HeaderMark {
  line: number;
  text: string;
}

/**
 * A file-level deprecation header: `@deprecated` (or a line starting with `DEPRECATED`) in any
 * comment before the first token of code. Such a comment marks the file even when it sits right
 * above a declaration: the top of the file is where a reader looks for what the file is. A
 * `@deprecated` JSDoc further down (after the first statement) documents a symbol, not the file.
 */
export function headerMarker(absPath: string): HeaderMark | undefined {
  let text: string;
  try {
    // The header is at the top; 16 KiB is more than any real leading comment block.
    const fd = fs.openSync(absPath, 'r');
    try {
      const buf = Buffer.alloc(16384);
      text = buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
  return absPath.endsWith('.py') || absPath.endsWith('.pyi') ? pythonHeader(text) : scriptHeader(text);
}

function deprecationLine(line: string): boolean {
  const body = line.replace(/^\s*(?:\/\/+|\/\*+|\*+\/?|#+|"""|''')?\s*/, '');
  return /@deprecated\b/i.test(line) || /^DEPRECATED\b/.test(body) || /^deprecated\s*[:!]/i.test(body) || /^\.\. deprecated::/.test(body);
}

/** The first line of `comment` (which starts on `line`) that marks deprecation. */
function markIn(comment: string, line: number): HeaderMark | undefined {
  const lines = comment.split(/\r?\n/);
  const hit = lines.findIndex(deprecationLine);
  return hit < 0 ? undefined : { line: line + hit, text: lines[hit].trim() };
}

const WHITESPACE = /\s+/y;
const LINE_COMMENT = /\/\/[^\r\n]*/y;
/** Unterminated runs to the end: the text may be cut at 16 KiB inside a long block. */
const BLOCK_COMMENT = /\/\*[\s\S]*?(?:\*\/|$)/y;
/**
 * A directive (`'use strict'`, `"use client"`) may come before the header: it is a prologue
 * the language (or a bundler) asks to be first, not code of the file, so a header after it
 * still describes the whole file.
 */
const DIRECTIVE = /(['"])use [\w -]+\1[ \t]*;?/y;

function scriptHeader(text: string): HeaderMark | undefined {
  let pos = text.startsWith('#!') ? text.search(/\n|$/) : 0;
  const lineAt = (offset: number) => text.slice(0, offset).split('\n').length;
  const match = (re: RegExp) => {
    re.lastIndex = pos;
    const m = re.exec(text);
    return m && m[0].length ? m[0] : undefined;
  };
  while (pos < text.length) {
    const skipped = match(WHITESPACE) ?? match(DIRECTIVE);
    if (skipped) {
      pos += skipped.length;
      continue;
    }
    const comment = match(LINE_COMMENT) ?? match(BLOCK_COMMENT);
    if (!comment) return undefined; // the first token of code: the header is over
    const mark = markIn(comment, lineAt(pos));
    if (mark) return mark;
    pos += comment.length;
  }
  return undefined;
}

/** Python: `#` comments and the module docstring, in any order, before the first statement. */
function pythonHeader(text: string): HeaderMark | undefined {
  const lines = text.split(/\r?\n/);
  let docstringSeen = false;
  for (let i = 0; i < lines.length; i++) {
    const trimmed = lines[i].trim();
    if (!trimmed) continue;
    if (trimmed.startsWith('#')) {
      if (deprecationLine(lines[i])) return { line: i + 1, text: trimmed };
      continue;
    }
    // The module docstring: the first statement, when it is a string literal. A second string is code.
    const m = docstringSeen ? null : /^(?:[rRuU]|[bB][rR]?)?("""|'''|"|')/.exec(trimmed);
    if (!m) return undefined;
    docstringSeen = true;
    const quote = m[1];
    let end = i;
    if (quote.length === 3 && !trimmed.slice(m[0].length).includes(quote)) {
      end = i + 1;
      while (end < lines.length && !lines[end].includes(quote)) end++;
    }
    end = Math.min(end, lines.length - 1);
    const mark = markIn(lines.slice(i, end + 1).join('\n'), i + 1);
    if (mark) return mark;
    i = end;
  }
  return undefined;
}

export interface DeprecationMark {
  /** Why, in words: "it matches the deprecated glob 'x'", "its name ends in 'old'", ... */
  reason: string;
  /** Line of the header when the mark is a header, else 1. */
  line: number;
}

/** Whether and why `file` (relative to `root`) is marked deprecated. */
export function deprecationOf(root: string, file: string, globs: string[]): DeprecationMark | undefined {
  const glob = globMarker(file, globs);
  if (glob) return { reason: `it matches the deprecated glob '${glob}'`, line: 1 };
  const header = headerMarker(path.join(root, file));
  if (header) return { reason: `its header says '${shorten(header.text)}'`, line: header.line };
  const name = nameMarker(file);
  if (name) return { reason: name, line: 1 };
  return undefined;
}

function shorten(text: string, max = 80): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}
