// Reads the imports of one Python file with the @lezer/python grammar (no regular
// expressions over source text): import statements anywhere in the file, literal
// importlib.import_module()/__import__() calls, and non-literal ones as dynamic sites.
import path from 'node:path';
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
  /**
   * A dotted module name read from a string a framework imports by name (Django settings,
   * Celery `include=`), e.g. `INSTALLED_APPS`; undefined for import statements and calls.
   */
  loadedBy?: string;
}

/**
 * `sys.path.insert(i, p)` / `sys.path.append(p)` / `site.addsitedir(p)`: the folder, when it can
 * be read without running code, either relative to the working directory (a plain string) or to
 * this file's folder (built from `__file__`).
 */
export interface PythonPathChange {
  line: number;
  column: number;
  /** 'front' for insert(0, ...), else 'back'. */
  position: 'front' | 'back';
  /** POSIX path; `base` says what it is relative to. Undefined when computed. */
  path?: string;
  base?: 'cwd' | 'file';
  expression: string;
}

export interface PythonDynamicCall {
  line: number;
  column: number;
  expression: string;
}

export interface ParsedPython {
  imports: PythonImport[];
  dynamic: PythonDynamicCall[];
  /** Changes of sys.path, in source order. */
  pathChanges: PythonPathChange[];
  /** First syntax error, when the grammar could not read the file. */
  error?: { line: number; column: number; message: string };
}

const CATCHES_IMPORT_ERROR = new Set(['ImportError', 'ModuleNotFoundError', 'Exception', 'BaseException']);
/** Conditions on the interpreter or the platform: a branch under them may never run here. */
const RUNTIME_GUARDS =
  /\b(?:sys\.version_info|sys\.platform|sys\.implementation|os\.name|platform\.(?:system|machine|python_implementation)|PY2|PY3|IS_WINDOWS|WINDOWS)\b/;
/** Django settings whose values are dotted module (or module.attribute) paths Django imports. */
const DJANGO_MODULE_SETTINGS = new Map<string, 'module' | 'attribute' | 'app'>([
  ['INSTALLED_APPS', 'app'],
  ['ROOT_URLCONF', 'module'],
  ['MIDDLEWARE', 'attribute'],
  ['MIDDLEWARE_CLASSES', 'attribute'],
  ['WSGI_APPLICATION', 'attribute'],
  ['ASGI_APPLICATION', 'attribute'],
  ['AUTHENTICATION_BACKENDS', 'attribute'],
]);
const DOTTED = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$/;
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

export interface ParseOptions {
  /** The oldest Python 3 minor version the project declares (requires-python), if any. */
  minMinor?: number;
}

/**
 * Reads imports and the first syntax error the built-in grammar finds. Imports are read even
 * when there is an error (from the grammar's recovered tree), so that a caller who trusts
 * CPython's verdict over the grammar's can still follow them.
 */
export function parsePython(source: string, options: ParseOptions = {}): ParsedPython {
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
  const result: ParsedPython = { imports: [], dynamic: [], pathChanges: [] };
  const problem = firstProblem(parsed, errorAt, source, lines, options);
  if (problem) result.error = { ...lines.at(problem.offset), message: problem.message };
  // Node positions are the same in all texts: read names from the original.
  MODULE_LISTS.set(result, collectModuleLists(parsed.tree.topNode, source));
  walk(parsed.tree.topNode, { optional: false }, source, lines, result);
  return result;
}

/**
 * The error CPython would report first: the grammar's own error (a print statement's when
 * it falls inside one), a bad indentation on the same or an earlier line (the tokenizer
 * sees it first), or, in a file the grammar reads, a literal assigned to or `except E, e:`.
 */
function firstProblem(parsed: Python3Parse, errorAt: number | undefined, source: string, lines: LineIndex, options: ParseOptions): SyntaxProblem | undefined {
  const indentation = findIndentationError(parsed.tree, source);
  if (errorAt === undefined) {
    // Python 3.14 accepts `except A, B:` without parentheses (PEP 758), not with `as`.
    const exceptTypes = findUnparenthesizedExceptTypes(parsed.tree, (options.minMinor ?? 0) >= 14);
    const [statement] = [findAssignmentError(parsed.tree, parsed.text), exceptTypes]
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
  /** Inside a function body or an `if` branch: a settings value set here may not apply (optional). */
  conditional?: boolean;
}

/** Module-level `NAME = [...]` / `NAME += [...]` values of a file, for settings built from lists. */
const MODULE_LISTS = new WeakMap<ParsedPython, Map<string, SyntaxNode[]>>();

function collectModuleLists(top: SyntaxNode, text: string): Map<string, SyntaxNode[]> {
  const names = new Map<string, SyntaxNode[]>();
  for (let c = top.firstChild; c; c = c.nextSibling) {
    if (c.name !== 'AssignStatement' && c.name !== 'UpdateStatement') continue;
    const target = c.firstChild;
    const op = target?.nextSibling;
    const value = op?.nextSibling;
    if (target?.name !== 'VariableName' || !op || !value || value.nextSibling) continue;
    const name = text.slice(target.from, target.to);
    if (op.name === 'AssignOp') names.set(name, [value]);
    else if (text.slice(op.from, op.to) === '+=') names.set(name, [...(names.get(name) ?? []), value]);
  }
  return names;
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
      walkChildren(node, { optional: false, conditional: true }, text, lines, out);
      return;
    case 'CallExpression':
      readImportCall(node, scope, text, lines, out);
      readFrameworkCall(node, scope, text, lines, out);
      readPathChange(node, text, lines, out);
      break;
    case 'AssignStatement':
    case 'UpdateStatement':
      readSettingsAssignment(node, scope, text, lines, out);
      break;
    default:
      break;
  }
  walkChildren(node, scope, text, lines, out);
}

function walkChildren(node: SyntaxNode, scope: Scope, text: string, lines: LineIndex, out: ParsedPython): void {
  for (let child = node.firstChild; child; child = child.nextSibling) walk(child, scope, text, lines, out);
}

/**
 * `if TYPE_CHECKING:` bodies are type-only; elif/else branches run. Under a condition on the
 * interpreter or platform (`sys.version_info`, `sys.platform`, ...) every branch is optional:
 * which one runs depends on where the code is deployed.
 */
function walkIf(node: SyntaxNode, scope: Scope, text: string, lines: LineIndex, out: ParsedPython): void {
  let skipNextBody = false;
  let afterKeyword = false;
  let guarded = false;
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name !== 'Body' && child.name !== 'if' && child.name !== 'elif' && child.name !== 'else' && RUNTIME_GUARDS.test(text.slice(child.from, child.to)))
      guarded = true;
  }
  if (guarded && !scope.optional) scope = { ...scope, optional: true };
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
    walk(child, child.name === 'Body' ? { ...scope, conditional: true } : scope, text, lines, out);
  }
}

function isTypeCheckingTest(condition: string): boolean {
  let compact = condition.replace(/\s+/g, '');
  // `if (TYPE_CHECKING):` is the same test.
  while (compact.startsWith('(') && compact.endsWith(')')) compact = compact.slice(1, -1);
  return compact === 'TYPE_CHECKING' || compact === 'typing.TYPE_CHECKING' || compact === 't.TYPE_CHECKING';
}

/** The try body is optional when a handler catches ImportError or anything broader. */
function walkTry(node: SyntaxNode, scope: Scope, text: string, lines: LineIndex, out: ParsedPython): void {
  const children: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) children.push(child);
  // `except* E:` catches E too (wrapped in an ExceptionGroup): the star is not the caught type.
  const caughtAfter = (i: number): SyntaxNode | undefined => (children[i + 1]?.name === '*' ? children[i + 2] : children[i + 1]);
  let guarded = false;
  for (let i = 0; i < children.length; i++) {
    if (children[i].name !== 'except') continue;
    const next = caughtAfter(i);
    if (!next || next.name === 'Body')
      guarded = true; // bare except
    else if (caughtNames(next, text).some((n) => CATCHES_IMPORT_ERROR.has(n))) guarded = true;
  }
  // The body of a handler that catches ImportError is the fallback (`except ImportError:
  // import tomli`): it runs only where the first import failed, so it is optional too.
  let seenTryBody = false;
  let inImportHandler = false;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (child.name === 'except') {
      const next = caughtAfter(i);
      inImportHandler = !next || next.name === 'Body' || caughtNames(next, text).some((n) => CATCHES_IMPORT_ERROR.has(n));
    } else if (child.name === 'else' || child.name === 'finally') {
      inImportHandler = false;
    }
    if (child.name === 'Body' && !seenTryBody) {
      seenTryBody = true;
      walk(child, { ...scope, optional: scope.optional || guarded }, text, lines, out);
    } else if (child.name === 'Body' && inImportHandler) {
      walk(child, { ...scope, optional: true }, text, lines, out);
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
    const packageText = packageArg ? text.slice(packageArg.from, packageArg.to).replace(/\s+/g, '') : undefined;
    if (packageText === undefined || !/^(?:__package__|__name__|__spec__\.parent)$/.test(packageText)) {
      // Relative to a package computed at run time (or none: a TypeError): not this file's.
      const expression = `${text.slice(nameArg.from, nameArg.to)}, ${packageText ?? '<no package>'}`;
      out.dynamic.push({ ...pos, expression: expression.length > 80 ? `${expression.slice(0, 77)}...` : expression });
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

/** Every plain string literal inside `node` (lists, tuples, `+` of lists, parentheses). */
function stringsIn(node: SyntaxNode, text: string): Array<{ value: string; node: SyntaxNode }> {
  const found: Array<{ value: string; node: SyntaxNode }> = [];
  const visit = (n: SyntaxNode): void => {
    const value = stringLiteral(n, text);
    if (value !== undefined) {
      found.push({ value, node: n });
      return;
    }
    if (n.name === 'CallExpression' || n.name === 'LambdaExpression' || n.name === 'DictionaryExpression') return;
    for (let c = n.firstChild; c; c = c.nextSibling) visit(c);
  };
  visit(node);
  return found;
}

/**
 * The strings of a settings value, following names of module-level lists in the same file
 * (`[*LOCAL_APPS, "x"]`, `DJANGO_APPS + LOCAL_APPS`, `APPS += [...]`) the way Python builds the
 * list. Anything else (a call, a name assigned elsewhere) is pushed to `unresolved`.
 */
function settingStrings(
  node: SyntaxNode,
  text: string,
  setting: string,
  names: Map<string, SyntaxNode[]>,
  unresolved: SyntaxNode[],
): Array<{ value: string; node: SyntaxNode }> {
  const found: Array<{ value: string; node: SyntaxNode }> = [];
  const seen = new Set<string>();
  const visit = (n: SyntaxNode): void => {
    const value = stringLiteral(n, text);
    if (value !== undefined) {
      found.push({ value, node: n });
      return;
    }
    switch (n.name) {
      case 'ArrayExpression':
      case 'TupleExpression':
      case 'ParenthesizedExpression':
        for (let c = n.firstChild; c; c = c.nextSibling) if (!/^[()[\],*]$/.test(c.name)) visit(c);
        return;
      case 'BinaryExpression': {
        const left = n.firstChild;
        const op = left?.nextSibling;
        const right = op?.nextSibling;
        if (left && right && text.slice(op!.from, op!.to) === '+') {
          visit(left);
          visit(right);
        } else unresolved.push(n);
        return;
      }
      case 'VariableName': {
        const name = text.slice(n.from, n.to);
        // `APPS = APPS + [...]`: the earlier value was read where it was set.
        if (name === setting) return;
        const values = names.get(name);
        if (!values || seen.has(name)) {
          unresolved.push(n);
          return;
        }
        seen.add(name);
        for (const v of values) visit(v);
        seen.delete(name);
        return;
      }
      case 'Comment':
        return;
      default:
        unresolved.push(n);
    }
  };
  visit(node);
  return found;
}

/**
 * One string a framework imports by name, as an import: a module path is `import a.b`; a
 * path that may end in an attribute (`app.middleware.Timing`, `app.apps.AppConfig`) is
 * `from app.middleware import Timing`, which loads the last part only when it is a submodule.
 */
function pushStringImport(
  value: string,
  kind: 'module' | 'attribute' | 'app',
  loadedBy: string,
  at: SyntaxNode,
  scope: Scope,
  lines: LineIndex,
  out: ParsedPython,
): void {
  if (!DOTTED.test(value)) return;
  const pos = lines.at(at.from + 1);
  const parts = value.split('.');
  const base = { level: 0, ...pos, optional: scope.optional, viaCall: false, loadedBy };
  // Django imports each app's `apps` and `models` submodules (and `admin` with the admin
  // app) when they exist. An AppConfig path `app.apps.Config` names the app `app`.
  const appConfig = kind === 'app' && parts.length > 2 && parts[parts.length - 2] === 'apps' && /^[A-Z]/.test(parts[parts.length - 1]);
  if (kind === 'app' && !appConfig) {
    out.imports.push({ module: value, names: ['apps', 'models', 'admin'].map((name) => ({ name, ...pos })), ...base });
    return;
  }
  if (kind === 'module' || parts.length === 1) out.imports.push({ module: value, ...base });
  else out.imports.push({ module: parts.slice(0, -1).join('.'), names: [{ name: parts[parts.length - 1], ...pos }], ...base });
  if (appConfig) out.imports.push({ module: parts.slice(0, -2).join('.'), names: ['models', 'admin'].map((name) => ({ name, ...pos })), ...base });
}

/** `INSTALLED_APPS = [...]`, `ROOT_URLCONF = '...'`, `os.environ['DJANGO_SETTINGS_MODULE'] = '...'`. */
function readSettingsAssignment(node: SyntaxNode, scope: Scope, text: string, lines: LineIndex, out: ParsedPython): void {
  const target = node.firstChild;
  const op = target?.nextSibling;
  const value = op?.nextSibling;
  if (!target || !op || !value || (op.name !== 'AssignOp' && op.name !== 'UpdateOp')) return;
  if (op.name === 'UpdateOp' && text.slice(op.from, op.to) !== '+=') return;
  const targetText = text.slice(target.from, target.to).replace(/\s+/g, '');
  const setting = target.name === 'VariableName' ? DJANGO_MODULE_SETTINGS.get(targetText) : undefined;
  if (setting) {
    // A value set in a function or an `if` branch (`INSTALLED_APPS += ["debug_toolbar"]` under
    // `if DEBUG:`) may not apply where the service runs: its modules are optional.
    const settingScope = scope.conditional ? { ...scope, optional: true } : scope;
    const unresolved: SyntaxNode[] = [];
    for (const s of settingStrings(value, text, targetText, MODULE_LISTS.get(out) ?? new Map(), unresolved))
      pushStringImport(s.value, setting, targetText, s.node, settingScope, lines, out);
    for (const u of unresolved) {
      const expression = `${targetText} includes ${text.slice(u.from, u.to).replace(/\s+/g, ' ')}`;
      out.dynamic.push({ ...lines.at(u.from), expression: expression.length > 80 ? `${expression.slice(0, 77)}...` : expression });
    }
    return;
  }
  if (/^os\.environ\[(['"])DJANGO_SETTINGS_MODULE\1\]$/.test(targetText)) {
    const literal = stringLiteral(value, text);
    if (literal !== undefined) pushStringImport(literal, 'module', 'DJANGO_SETTINGS_MODULE', value, scope, lines, out);
  }
}

/** The argument nodes of a call: positional in order, keyword by name. */
function callArguments(node: SyntaxNode, text: string): { positional: SyntaxNode[]; keywords: Map<string, SyntaxNode> } {
  const positional: SyntaxNode[] = [];
  const keywords = new Map<string, SyntaxNode>();
  const args = node.getChild('ArgList');
  if (!args) return { positional, keywords };
  let keyword: string | undefined;
  for (let c = args.firstChild; c; c = c.nextSibling) {
    if (c.name === '(' || c.name === ')' || c.name === ',' || c.name === 'AssignOp') continue;
    if (c.name === 'VariableName' && c.nextSibling?.name === 'AssignOp') {
      keyword = text.slice(c.from, c.to);
      continue;
    }
    if (keyword !== undefined) keywords.set(keyword, c);
    else positional.push(c);
    keyword = undefined;
  }
  return { positional, keywords };
}

function calleeOf(node: SyntaxNode, text: string): string | undefined {
  const callee = node.firstChild;
  if (!callee || (callee.name !== 'VariableName' && callee.name !== 'MemberExpression')) return undefined;
  return text.slice(callee.from, callee.to).replace(/\s+/g, '');
}

/**
 * Module names in calls a framework resolves by importing them: `os.environ.setdefault(
 * 'DJANGO_SETTINGS_MODULE', 'x.settings')`, `Celery(..., include=['a.tasks'])`,
 * `app.autodiscover_tasks(['a', 'b'])` (each package's `tasks` module, when it exists) and
 * `app.config_from_object('x.celeryconfig')`.
 */
function readFrameworkCall(node: SyntaxNode, scope: Scope, text: string, lines: LineIndex, out: ParsedPython): void {
  const callee = calleeOf(node, text);
  if (!callee) return;
  const last = callee.slice(callee.lastIndexOf('.') + 1);
  const { positional, keywords } = callArguments(node, text);
  if (/(?:^|\.)environ\.setdefault$/.test(callee) && stringLiteral(positional[0] ?? node, text) === 'DJANGO_SETTINGS_MODULE' && positional[1]) {
    const literal = stringLiteral(positional[1], text);
    if (literal !== undefined) pushStringImport(literal, 'module', 'DJANGO_SETTINGS_MODULE', positional[1], scope, lines, out);
  } else if (last === 'Celery') {
    const include = keywords.get('include');
    if (include) for (const s of stringsIn(include, text)) pushStringImport(s.value, 'module', 'Celery include', s.node, scope, lines, out);
  } else if (last === 'autodiscover_tasks' && callee.includes('.')) {
    const packages = keywords.get('packages') ?? positional[0];
    const relatedNode = keywords.get('related_name') ?? positional[1];
    const related = relatedNode ? stringLiteral(relatedNode, text) : 'tasks';
    if (!packages || related === undefined || !DOTTED.test(related)) return;
    for (const s of stringsIn(packages, text)) {
      if (!DOTTED.test(s.value)) continue;
      const pos = lines.at(s.node.from + 1);
      out.imports.push({
        module: s.value,
        names: [{ name: related, ...pos }],
        level: 0,
        ...pos,
        optional: scope.optional,
        viaCall: false,
        loadedBy: 'autodiscover_tasks',
      });
    }
  } else if ((callee === 'include' || /(?:^|\.)urls\.include$/.test(callee)) && positional[0] && importsDjangoInclude(text)) {
    // Django's include('app.urls') or include(('app.urls', 'app_name')): the URLconf module.
    // Only the first element of the tuple names a module; the second is the namespace.
    const first = positional[0].name === 'TupleExpression' || positional[0].name === 'ParenthesizedExpression' ? firstElement(positional[0]) : positional[0];
    const literal = first ? stringLiteral(first, text) : undefined;
    if (first && literal !== undefined) pushStringImport(literal, 'module', 'include()', first, scope, lines, out);
  } else if (last === 'config_from_object' && callee.includes('.') && positional[0]) {
    const literal = stringLiteral(positional[0], text);
    if (literal !== undefined && !literal.includes(':')) pushStringImport(literal, 'module', 'config_from_object', positional[0], scope, lines, out);
  }
}

/** The first element of a tuple or parenthesized expression. */
function firstElement(node: SyntaxNode): SyntaxNode | undefined {
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.name !== '(' && c.name !== 'Comment') return c.name === ')' || c.name === ',' ? undefined : c;
  return undefined;
}

/** The file imports `include` from django.urls (or django.conf.urls), so `include('x')` is Django's. */
function importsDjangoInclude(text: string): boolean {
  return /\bimport\s+(?:django\.urls|django\.conf\.urls)\b|from\s+django\.(?:conf\.)?urls\s+import\s*\(?[\w\s,]*\binclude\b/.test(text);
}

/** A folder built from literals and `__file__`: relative to the working directory or to this file. */
type PathValue = { base: 'cwd' | 'file'; path: string; isFile?: boolean };

function evalPath(node: SyntaxNode, text: string): PathValue | undefined {
  const literal = stringLiteral(node, text);
  if (literal !== undefined) return /^[A-Za-z]:/.test(literal) ? undefined : { base: 'cwd', path: literal || '.' };
  const source = text.slice(node.from, node.to).replace(/\s+/g, '');
  if (node.name === 'VariableName' && source === '__file__') return { base: 'file', path: '.', isFile: true };
  if (node.name === 'ParenthesizedExpression') {
    const inner = node.firstChild?.nextSibling;
    return inner ? evalPath(inner, text) : undefined;
  }
  if (node.name === 'MemberExpression') {
    const property = node.lastChild;
    const object = node.firstChild;
    if (!object || property?.name !== 'PropertyName') return undefined;
    const name = text.slice(property.from, property.to);
    if (name !== 'parent') return undefined;
    const inner = evalPath(object, text);
    return inner ? parentOf(inner) : undefined;
  }
  if (node.name === 'BinaryExpression') {
    const left = node.firstChild;
    const op = left?.nextSibling;
    const right = op?.nextSibling;
    if (!left || !right || text.slice(op!.from, op!.to) !== '/') return undefined;
    const a = evalPath(left, text);
    const b = stringLiteral(right, text);
    return a && b !== undefined ? joinPath(a, b) : undefined;
  }
  if (node.name !== 'CallExpression') return undefined;
  const callee = calleeOf(node, text);
  const member = node.firstChild;
  const { positional } = callArguments(node, text);
  if (!callee) {
    // Path(__file__).resolve() / .absolute(): the same folder.
    if (member?.name === 'MemberExpression' && /\.(?:resolve|absolute)$/.test(text.slice(member.from, member.to)) && member.firstChild)
      return evalPath(member.firstChild, text);
    return undefined;
  }
  if (/(?:^|\.)(?:resolve|absolute)$/.test(callee) && member?.name === 'MemberExpression' && member.firstChild?.name === 'CallExpression')
    return evalPath(member.firstChild, text);
  if (
    /^(?:os\.path\.|path\.)?(?:abspath|realpath|normpath)$/.test(callee) ||
    /^(?:pathlib\.)?(?:Path|PurePath)$/.test(callee) ||
    callee === 'str' ||
    callee === 'os.fspath'
  ) {
    return positional[0] ? evalPath(positional[0], text) : undefined;
  }
  if (/^(?:os\.path\.|path\.)?dirname$/.test(callee)) {
    const inner = positional[0] ? evalPath(positional[0], text) : undefined;
    return inner ? parentOf(inner) : undefined;
  }
  if (/^(?:os\.path\.|path\.)?join$/.test(callee) && positional.length) {
    let value = evalPath(positional[0], text);
    for (const part of positional.slice(1)) {
      const s = stringLiteral(part, text);
      if (!value || s === undefined) return undefined;
      value = joinPath(value, s);
    }
    return value;
  }
  return undefined;
}

function parentOf(value: PathValue): PathValue {
  if (value.isFile) return { base: value.base, path: value.path };
  return {
    base: value.base,
    path: value.path === '.' ? '..' : value.path.endsWith('..') ? `${value.path}/..` : value.path.split('/').slice(0, -1).join('/') || '.',
  };
}

function joinPath(value: PathValue, part: string): PathValue | undefined {
  if (part.startsWith('/')) return undefined;
  if (value.isFile) return undefined; // `__file__/x` is not a folder
  return { base: value.base, path: value.path === '.' ? part : `${value.path}/${part}` };
}

/** `sys.path.insert(0, p)`, `sys.path.append(p)`, `site.addsitedir(p)`. */
function readPathChange(node: SyntaxNode, text: string, lines: LineIndex, out: ParsedPython): void {
  const callee = calleeOf(node, text);
  if (callee !== 'sys.path.insert' && callee !== 'sys.path.append' && callee !== 'site.addsitedir') return;
  const { positional } = callArguments(node, text);
  const arg = callee === 'sys.path.insert' ? positional[1] : positional[0];
  if (!arg) return;
  const position = callee === 'sys.path.insert' && text.slice(positional[0].from, positional[0].to).trim() === '0' ? 'front' : 'back';
  const value = evalPath(arg, text);
  const expression = text.slice(arg.from, arg.to).replace(/\s+/g, ' ');
  out.pathChanges.push({
    ...lines.at(node.from),
    position,
    ...(value && !value.isFile ? { path: path.posix.normalize(value.path), base: value.base } : {}),
    expression: expression.length > 80 ? `${expression.slice(0, 77)}...` : expression,
  });
}
