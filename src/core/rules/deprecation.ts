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

/**
 * Why the name or a folder of `file` marks it deprecated, and how strongly; undefined when it does
 * not. Strong: `deprecated`/`obsolete` as a name part (camelCase is split for these two only),
 * `old`/`bak`/`orig` as the last part after `.` or `_`, an operating-system copy (`foo copy.js`,
 * `foo (1).js`, `foo.js~`), a folder named `deprecated`/`obsolete`. Weak: `legacy` as the first or
 * last part, a folder named `legacy`, `archive`, `old` or `backup`.
 */
export function nameMarker(file: string): NameMark | undefined {
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

export interface HeaderMark {
  line: number;
  text: string;
}

/**
 * A file-level deprecation header among the comments before the first token of code: a line
 * comment starting with `DEPRECATED` (`// DEPRECATED: use v2`), or `@deprecated` in a comment
 * that is about the file: one carrying `@file`/`@fileoverview`/`@module`, one detached from the
 * first statement by a blank line, or one above a statement that declares nothing (an import,
 * `export {}`, `module.exports = ...`). A `@deprecated` doc comment glued to a declaration
 * (`/** @deprecated *\/ export function f()`) is that symbol's, as TypeScript reads it: not the
 * file's. Python: `#` comments and the module docstring before the first statement.
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

/** A statement that declares a symbol a JSDoc tag can belong to. */
const DECLARATION =
  /export\s+default\b|(?:export\s+)?(?:declare\s+)?(?:async\s+function\b|function\b|class\b|abstract\s+class\b|const\b|let\b|var\b|interface\b|type\s+[\w$]|enum\b|namespace\b|module\s+[\w$]|@)/y;
const FILE_TAG = /@(?:file|fileoverview|module)\b/;
const BLANK_LINE = /\n[ \t]*\r?\n/;

function scriptHeader(text: string): HeaderMark | undefined {
  let pos = text.startsWith('#!') ? text.search(/\n|$/) : 0;
  const lineAt = (offset: number) => text.slice(0, offset).split('\n').length;
  const match = (re: RegExp) => {
    re.lastIndex = pos;
    const m = re.exec(text);
    return m && m[0].length ? m[0] : undefined;
  };
  const comments: Array<{ text: string; from: number; to: number }> = [];
  let statement: number | undefined;
  while (pos < text.length) {
    const skipped = match(WHITESPACE) ?? match(DIRECTIVE);
    if (skipped) {
      pos += skipped.length;
      continue;
    }
    const comment = match(LINE_COMMENT) ?? match(BLOCK_COMMENT);
    if (!comment) {
      statement = pos; // the first token of code: the header is over
      break;
    }
    comments.push({ text: comment, from: pos, to: pos + comment.length });
    pos += comment.length;
  }
  DECLARATION.lastIndex = statement ?? 0;
  const declares = statement !== undefined && DECLARATION.test(text);
  for (const c of comments) {
    if (c.text.startsWith('//') && /^\/\/+\s*DEPRECATED\b/.test(c.text)) return { line: lineAt(c.from), text: c.text.trim() };
    const mark = markIn(c.text, lineAt(c.from));
    if (!mark) continue;
    const detached = statement === undefined || BLANK_LINE.test(text.slice(c.to, statement));
    if (FILE_TAG.test(c.text) || detached || !declares) return mark;
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
  /** Strong marks (a glob, a header, `deprecated`/`old`/copies in the name) fail the run; weak ones (`legacy`, `archive/`) warn. */
  strength: MarkStrength;
  /** Line of the header when the mark is a header, else 1. */
  line: number;
}

/** Whether and why `file` (relative to `root`) is marked deprecated. */
export function deprecationOf(root: string, file: string, globs: string[]): DeprecationMark | undefined {
  const glob = globMarker(file, globs);
  if (glob) return { reason: `it matches the deprecated glob '${glob}'`, line: 1, strength: 'strong' };
  const header = headerMarker(path.join(root, file));
  if (header) return { reason: `its header says '${shorten(header.text)}'`, line: header.line, strength: 'strong' };
  const name = nameMarker(file);
  if (name) return { reason: name.reason, line: 1, strength: name.strength };
  return undefined;
}

function shorten(text: string, max = 80): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}
