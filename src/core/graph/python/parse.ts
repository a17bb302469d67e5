// Reads the imports of one Python file with the @lezer/python grammar (no regular
// expressions over source text): import statements anywhere in the file, literal
// importlib.import_module()/__import__() calls, and non-literal ones as dynamic sites.
import type { SyntaxNode, Tree } from '@lezer/common';
import {
  findAssignmentError,
  findIndentationError,
  findUnparenthesizedExceptTypes,
  MISSING_PRINT_PARENS,
  parsePython3,
  type Python3Parse,
  type SyntaxProblem,
} from './python3-checks.js';

/** One module the file asks for, before resolution. */
export interface PythonImport {
  /** Dotted module name without leading dots ('' for `from . import x`). */
  module: string;
  /** Number of leading dots (0 = absolute). */
  level: number;
  /** For `from m import a, b`: the imported names ('*' for a star import); undefined for `import m`. */
  names?: Array<{ name: string; line: number; column: number }>;
  line: number;
  column: number;
  /** Inside `try:` whose handlers catch ImportError (or broader). */
  optional: boolean;
  /** importlib.import_module / __import__ with a literal name. */
  viaCall: boolean;
}

export interface PythonDynamicCall {
  line: number;
  column: number;
  expression: string;
}

export interface ParsedPython {
  imports: PythonImport[];
  dynamic: PythonDynamicCall[];
  /** First syntax error, when the grammar could not read the file. */
  error?: { line: number; column: number; message: string };
}

const CATCHES_IMPORT_ERROR = new Set(['ImportError', 'ModuleNotFoundError', 'Exception', 'BaseException']);
const IMPORT_CALLS = new Set(['importlib.import_module', 'import_module', '__import__', 'importlib.__import__']);

class LineIndex {
  private readonly starts: number[] = [0];
  /** A byte order mark takes no column. */
  private readonly bom: boolean;
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
    this.bom = text.charCodeAt(0) === 0xfeff;
  }
  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const column = offset - this.starts[lo] + (lo === 0 && this.bom && offset > 0 ? 0 : 1);
    return { line: lo + 1, column };
  }
}

export function parsePython(source: string): ParsedPython {
  // A UTF-8 byte order mark is not part of the program; a space keeps offsets in place.
  let parsed = parsePython3(source.charCodeAt(0) === 0xfeff ? ` ${source.slice(1)}` : source);
  let errorAt = firstError(parsed.tree);
  if (errorAt !== undefined) {
    // The grammar misses a few valid forms (see bridgeGrammarGaps): rewrite them in a
    // same-length copy, so positions hold, and judge the file by that parse instead.
    const bridged = bridgeGrammarGaps(parsed.text);
    if (bridged !== parsed.text) {
      const again = parsePython3(bridged);
      parsed = { ...again, printStatements: [...parsed.printStatements, ...again.printStatements] };
      errorAt = firstError(parsed.tree);
    }
  }
  const lines = new LineIndex(source);
  const result: ParsedPython = { imports: [], dynamic: [] };
  const problem = firstProblem(parsed, errorAt, source, lines);
  if (problem) {
    result.error = { ...lines.at(problem.offset), message: problem.message };
    return result;
  }
  // Node positions are the same in all texts: read names from the original.
  walk(parsed.tree.topNode, { optional: false }, source, lines, result);
  return result;
}

/**
 * The error CPython would report first: the grammar's own error (a print statement's when
 * it falls inside one), a bad indentation on the same or an earlier line (the tokenizer
 * sees it first), or, in a file the grammar reads, a literal assigned to or `except E, e:`.
 */
function firstProblem(parsed: Python3Parse, errorAt: number | undefined, source: string, lines: LineIndex): SyntaxProblem | undefined {
  const indentation = findIndentationError(parsed.tree, source);
  if (errorAt === undefined) {
    const [statement] = [findAssignmentError(parsed.tree, parsed.text), findUnparenthesizedExceptTypes(parsed.tree)]
      .filter((p): p is SyntaxProblem => p !== undefined)
      .sort((a, b) => a.offset - b.offset);
    if (!indentation || !statement) return indentation ?? statement;
    return lines.at(indentation.offset).line <= lines.at(statement.offset).line ? indentation : statement;
  }
  if (indentation && lines.at(indentation.offset).line <= lines.at(errorAt).line) return indentation;
  const print = parsed.printStatements.find(([from, to]) => errorAt >= from && errorAt <= to);
  return print ? { offset: print[0], message: MISSING_PRINT_PARENS } : { offset: errorAt, message: 'invalid syntax' };
}

function firstError(tree: Tree): number | undefined {
  let at: number | undefined;
  tree.iterate({
    enter(node) {
      if (at !== undefined) return false;
      if (node.type.isError) at = node.from;
      return undefined;
    },
  });
  return at;
}

interface Scope {
  optional: boolean;
}

function walk(node: SyntaxNode, scope: Scope, text: string, lines: LineIndex, out: ParsedPython): void {
  switch (node.name) {
    case 'ImportStatement':
      readImportStatement(node, scope, text, lines, out);
      return;
    case 'IfStatement':
      walkIf(node, scope, text, lines, out);
      return;
    case 'TryStatement':
      walkTry(node, scope, text, lines, out);
      return;
    case 'FunctionDefinition':
    case 'LambdaExpression':
      // A function body runs later, outside any try around its definition.
      walkChildren(node, { optional: false }, text, lines, out);
      return;
    case 'CallExpression':
      readImportCall(node, scope, text, lines, out);
      break;
    default:
      break;
  }
  walkChildren(node, scope, text, lines, out);
}

function walkChildren(node: SyntaxNode, scope: Scope, text: string, lines: LineIndex, out: ParsedPython): void {
  for (let child = node.firstChild; child; child = child.nextSibling) walk(child, scope, text, lines, out);
}

/** `if TYPE_CHECKING:` bodies are type-only; elif/else branches run. */
function walkIf(node: SyntaxNode, scope: Scope, text: string, lines: LineIndex, out: ParsedPython): void {
  let skipNextBody = false;
  let afterKeyword = false;
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name === 'if' || child.name === 'elif') {
      afterKeyword = true;
      continue;
    }
    if (afterKeyword) {
      afterKeyword = false;
      skipNextBody = isTypeCheckingTest(text.slice(child.from, child.to));
      walk(child, scope, text, lines, out); // the condition itself may call import_module
      continue;
    }
    if (child.name === 'Body' && skipNextBody) {
      skipNextBody = false;
      continue;
    }
    walk(child, scope, text, lines, out);
  }
}

function isTypeCheckingTest(condition: string): boolean {
  const compact = condition.replace(/\s+/g, '');
  return compact === 'TYPE_CHECKING' || compact === 'typing.TYPE_CHECKING' || compact === 't.TYPE_CHECKING';
}

/** The try body is optional when a handler catches ImportError or anything broader. */
function walkTry(node: SyntaxNode, scope: Scope, text: string, lines: LineIndex, out: ParsedPython): void {
  const children: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) children.push(child);
  let guarded = false;
  for (let i = 0; i < children.length; i++) {
    if (children[i].name !== 'except') continue;
    const next = children[i + 1];
    if (!next || next.name === 'Body') guarded = true; // bare except
    else if (caughtNames(next, text).some((n) => CATCHES_IMPORT_ERROR.has(n))) guarded = true;
  }
  let seenTryBody = false;
  for (const child of children) {
    if (child.name === 'Body' && !seenTryBody) {
      seenTryBody = true;
      walk(child, { optional: scope.optional || guarded }, text, lines, out);
    } else {
      walk(child, scope, text, lines, out);
    }
  }
}

function caughtNames(node: SyntaxNode, text: string): string[] {
  const names: string[] = [];
  const visit = (n: SyntaxNode): void => {
    if (n.name === 'VariableName') names.push(text.slice(n.from, n.to));
    else if (n.name === 'PropertyName') names.push(text.slice(n.from, n.to));
    for (let c = n.firstChild; c; c = c.nextSibling) visit(c);
  };
  visit(node);
  return names;
}

function readImportStatement(node: SyntaxNode, scope: Scope, text: string, lines: LineIndex, out: ParsedPython): void {
  const first = node.firstChild;
  if (!first) return;
  const children: SyntaxNode[] = [];
  for (let c = first; c; c = c.nextSibling!) {
    children.push(c);
    if (!c.nextSibling) break;
  }
  if (first.name === 'import') {
    // import a.b.c [as d], e
    let parts: SyntaxNode[] = [];
    let aliasNext = false;
    const flush = (): void => {
      if (parts.length) {
        const module = parts.map((p) => text.slice(p.from, p.to)).join('.');
        out.imports.push({ module, level: 0, ...lines.at(parts[0].from), optional: scope.optional, viaCall: false });
      }
      parts = [];
    };
    for (const c of children.slice(1)) {
      if (c.name === 'as') {
        aliasNext = true;
      } else if (c.name === ',') {
        flush();
        aliasNext = false;
      } else if (c.name === 'VariableName' && !aliasNext) {
        parts.push(c);
      }
    }
    flush();
    return;
  }
  // from [.]*a.b import x [as y], z | *
  let level = 0;
  const moduleParts: SyntaxNode[] = [];
  let i = 1;
  let firstPos = -1;
  for (; i < children.length && children[i].name !== 'import'; i++) {
    const c = children[i];
    if (firstPos < 0) firstPos = c.from;
    if (c.name === '.') {
      if (moduleParts.length === 0) level += 1;
    } else if (c.name === 'Ellipsis') level += 3;
    else if (c.name === 'VariableName') moduleParts.push(c);
  }
  const names: NonNullable<PythonImport['names']> = [];
  let aliasNext = false;
  for (i += 1; i < children.length; i++) {
    const c = children[i];
    if (c.name === 'as') aliasNext = true;
    else if (c.name === ',') aliasNext = false;
    else if (c.name === '*') names.push({ name: '*', ...lines.at(c.from) });
    else if (c.name === 'VariableName' && !aliasNext) names.push({ name: text.slice(c.from, c.to), ...lines.at(c.from) });
  }
  const module = moduleParts.map((p) => text.slice(p.from, p.to)).join('.');
  out.imports.push({
    module,
    level,
    names,
    ...lines.at(firstPos < 0 ? node.from : firstPos),
    optional: scope.optional,
    viaCall: false,
  });
}

/** importlib.import_module('a.b'[, package]) and __import__('a.b'). */
function readImportCall(node: SyntaxNode, scope: Scope, text: string, lines: LineIndex, out: ParsedPython): void {
  const callee = node.firstChild;
  const args = node.getChild('ArgList');
  if (!callee || !args) return;
  if (callee.name !== 'VariableName' && callee.name !== 'MemberExpression') return;
  const calleeText = text.slice(callee.from, callee.to).replace(/\s+/g, '');
  if (!IMPORT_CALLS.has(calleeText)) return;
  const positional: SyntaxNode[] = [];
  let packageArg: SyntaxNode | undefined;
  let keyword: string | undefined;
  for (let c = args.firstChild; c; c = c.nextSibling) {
    if (c.name === '(' || c.name === ')' || c.name === ',') continue;
    if (c.name === 'AssignOp') continue;
    const next = c.nextSibling;
    if (c.name === 'VariableName' && next?.name === 'AssignOp') {
      keyword = text.slice(c.from, c.to);
      continue;
    }
    if (keyword !== undefined) {
      if (keyword === 'package' || keyword === 'name') {
        if (keyword === 'package') packageArg = c;
        else positional.unshift(c);
      }
      keyword = undefined;
      continue;
    }
    positional.push(c);
  }
  const nameArg = positional[0];
  if (!nameArg) return;
  if (calleeText.endsWith('import_module') && !packageArg && positional[1]) packageArg = positional[1];
  const pos = lines.at(nameArg.from);
  const literal = stringLiteral(nameArg, text);
  if (literal === undefined) {
    const expression = text.slice(nameArg.from, nameArg.to).replace(/\s+/g, ' ');
    out.dynamic.push({ ...pos, expression: expression.length > 80 ? `${expression.slice(0, 77)}...` : expression });
    return;
  }
  let level = 0;
  while (literal[level] === '.') level++;
  if (level > 0 && calleeText.endsWith('import_module')) {
    const pkg = packageArg ? stringLiteral(packageArg, text) : undefined;
    if (pkg !== undefined) {
      // Relative to a named package: make it absolute.
      const base = pkg.split('.');
      const up = base.slice(0, base.length - (level - 1));
      const rest = literal.slice(level);
      out.imports.push({ module: [...up, ...(rest ? [rest] : [])].join('.'), level: 0, ...pos, optional: scope.optional, viaCall: true });
      return;
    }
    // package=__package__/__name__: relative to this file's package.
  }
  out.imports.push({ module: literal.slice(level), level, ...pos, optional: scope.optional, viaCall: true });
}

/** The value of a plain (non-f, non-bytes) string literal, or undefined. */
function stringLiteral(node: SyntaxNode, text: string): string | undefined {
  if (node.name === 'ContinuedString') {
    let value = '';
    for (let c = node.firstChild; c; c = c.nextSibling) {
      const part = stringLiteral(c, text);
      if (part === undefined) return undefined;
      value += part;
    }
    return value;
  }
  if (node.name !== 'String') return undefined;
  const raw = text.slice(node.from, node.to);
  const m = /^([rRuU]?)('''|"""|'|")([\s\S]*)\2$/.exec(raw);
  if (!m) return undefined;
  return m[3];
}

/**
 * Valid Python that @lezer/python 1.1 reports as an error, rewritten without moving any
 * offset: form feeds, a bare `yield` (`yield` with no value), floats ending in a dot
 * (`24.*3600.`, `1.e5`), `with x as (a, b):` targets, empty class patterns
 * (`case Point():`), starred `for` targets, attribute `with ... as self.x` targets and
 * parenthesized context managers (3.10).
 */
export function bridgeGrammarGaps(source: string): string {
  const out = source
    .replace(/\f/g, ' ')
    .replace(/\byield(?=[ \t]*(?:$|[\r\n)\]};#]))/gm, 'None ')
    .replace(/(?<![\w.])(\d[\d_]*)\.(?![\w.])/g, (_m, digits: string) => `${digits}0`)
    .replace(/(?<![\w.])(\d[\d_]*)\.(?=[eE][+-]?\d)/g, (_m, digits: string) => `${digits}0`)
    .replace(/\bas([ \t]*)\(([^()\n]*)\)(?=[ \t]*[:,])/g, (_m, gap: string, targets: string) => `as${gap} ${targets} `)
    .replace(/^([ \t]*case\b.*)$/gm, (line: string) => line.replace(/(\w)\(\)/g, '$1_ '))
    .replace(/\bfor\b[^\n]*?\bin\b/g, (head: string) => head.replace(/\*(?=[A-Za-z_])/g, ' '))
    .replace(/\bas([ \t]+)([A-Za-z_][\w.]*)(?=[ \t]*[:,)])/g, (_m, gap: string, target: string) => `as${gap}${target.replace(/\./g, '_')}`);
  return blankParenthesizedWith(out);
}

/**
 * Same-length copy of the source where `with (a as b, c as d):` headers become `with (_      ):`,
 * a form the grammar reads. Strings and comments are skipped while matching parentheses.
 */
export function blankParenthesizedWith(source: string): string {
  const chars = source.split('');
  const re = /(^|[\s;:])with\s*\(/g;
  let m: RegExpExecArray | null;
  let changed = false;
  while ((m = re.exec(source))) {
    const open = m.index + m[0].length - 1;
    const close = matchParen(source, open);
    if (close < 0) continue;
    let after = close + 1;
    while (after < source.length && (source[after] === ' ' || source[after] === '\t')) after++;
    if (source[after] !== ':') continue;
    for (let k = open + 1; k < close; k++) if (chars[k] !== '\n' && chars[k] !== '\r') chars[k] = ' ';
    chars[open + 1] = '_';
    changed = true;
  }
  return changed ? chars.join('') : source;
}

function matchParen(source: string, open: number): number {
  let depth = 0;
  for (let k = open; k < source.length; k++) {
    const ch = source[k];
    if (ch === '#') {
      while (k < source.length && source[k] !== '\n') k++;
    } else if (ch === '"' || ch === "'") {
      const triple = source.startsWith(ch.repeat(3), k);
      const quote = triple ? ch.repeat(3) : ch;
      k += quote.length;
      while (k < source.length && !source.startsWith(quote, k)) {
        if (source[k] === '\\') k++;
        else if (!triple && source[k] === '\n') break;
        k++;
      }
      k += quote.length - 1;
    } else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return ch === ')' ? k : -1;
    }
  }
  return -1;
}
