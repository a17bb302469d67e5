// The file-level deprecation header of a module (`// DEPRECATED: use v2`, a detached `@deprecated`
// comment, a Python module docstring saying so), read from the first bytes of the file. The JS/TS
// engine reads it from the bytes it already holds and keeps it with the file's scan (and in the
// scan cache), so the rules never open the file again; rules/deprecation.ts reads it from disk
// only for files the engine did not read.

/** Where the header marks the file deprecated: its 1-based line and that line's text, trimmed. */
export interface HeaderMark {
  line: number;
  text: string;
}

/** The header lies in the file's first bytes: 16 KiB is more than any real leading comment block. */
export const HEADER_BYTES = 16384;

/**
 * A file-level deprecation header among the comments before the first token of code: a line
 * comment starting with `DEPRECATED` (`// DEPRECATED: use v2`), or `@deprecated` in a comment
 * that is about the file: one carrying `@file`/`@fileoverview`/`@module`, one detached from the
 * first statement by a blank line, or one above a statement that declares nothing (an import,
 * `export {}`, `module.exports = ...`). A `@deprecated` doc comment glued to a declaration
 * (`/** @deprecated *\/ export function f()`) is that symbol's, as TypeScript reads it: not the
 * file's. Python: `#` comments and the module docstring before the first statement.
 */
export function headerOf(head: string, python: boolean): HeaderMark | undefined {
  return python ? pythonHeader(head) : scriptHeader(head);
}

/** The text {@link headerOf} reads from a file's bytes: the first {@link HEADER_BYTES}, decoded as UTF-8. */
export function headText(bytes: Buffer): string {
  return bytes.subarray(0, HEADER_BYTES).toString('utf8');
}

/** Whether a path is read as Python for its header. */
export function isPythonPath(absPath: string): boolean {
  return absPath.endsWith('.py') || absPath.endsWith('.pyi');
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
