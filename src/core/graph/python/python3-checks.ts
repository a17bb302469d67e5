// Python 3 rules that @lezer/python does not enforce: its grammar still reads Python 2
// print statements, accepts any indentation of a statement that starts a line, and takes
// any expression as an assignment target. CPython rejects all three, so we must too.
import { parser } from '@lezer/python';
import type { SyntaxNode, Tree } from '@lezer/common';

/** A Python 3 syntax error at a source offset. */
export interface SyntaxProblem {
  offset: number;
  message: string;
}

export const MISSING_PRINT_PARENS = "Missing parentheses in call to 'print'. Did you mean print(...)?";

/** The parse of a text with its Python 2 print statements read as Python 3 reads them. */
export interface Python3Parse {
  /** Same length as the input: `print` keywords of PrintStatement nodes renamed `_rint`. */
  text: string;
  tree: Tree;
  /** [from, to) of each renamed print statement, `to` at the end of its line. */
  printStatements: Array<[number, number]>;
}

/**
 * Python 3 has no print statement: `print -1`, `print [0]` and `print >>f, x` are
 * expressions on the name `print`. Renaming the keyword to a name of the same length
 * lets the grammar read them that way; `print "hi"` then fails where CPython fails.
 */
export function parsePython3(input: string): Python3Parse {
  let text = input;
  let tree = parser.parse(text);
  const printStatements: Array<[number, number]> = [];
  // Error recovery can hide print statements behind earlier ones: repeat until none is left
  // (each round removes at least one `print` keyword, so this ends).
  for (;;) {
    const keywords: number[] = [];
    tree.iterate({
      enter(node) {
        if (node.name !== 'PrintStatement') return undefined;
        const keyword = node.node.firstChild;
        if (keyword?.name === 'print') {
          keywords.push(keyword.from);
          const lineEnd = text.indexOf('\n', node.to);
          printStatements.push([node.from, lineEnd < 0 ? text.length : lineEnd]);
        }
        return false;
      },
    });
    if (keywords.length === 0) break;
    let renamed = '';
    let at = 0;
    for (const from of keywords) {
      renamed += `${text.slice(at, from)}_rint`;
      at = from + 'print'.length;
    }
    text = renamed + text.slice(at);
    tree = parser.parse(text);
  }
  return { text, tree, printStatements };
}

/**
 * Indentation CPython's tokenizer rejects: a line-starting statement whose column differs
 * from its block's ("unexpected indent" when deeper than the line before, "unindent does
 * not match any outer indentation level" when shallower), or that matches it only when a
 * tab is 8 columns wide (TabError). Columns are measured from the original source.
 */
export function findIndentationError(tree: Tree, source: string): SyntaxProblem | undefined {
  let previousColumn = 0;
  let found: SyntaxProblem | undefined;
  const visit = (node: SyntaxNode, block: BlockIndent | undefined): void => {
    for (let child = node.firstChild; child && !found; child = child.nextSibling) {
      if (block && isStatement(child)) {
        const indent = lineIndent(source, child.from);
        if (indent) {
          if (block.column === undefined) {
            block.column = indent.column;
            block.tabsAsOne = indent.tabsAsOne;
          } else if (indent.column !== block.column) {
            const message = indent.column > previousColumn ? 'unexpected indent' : 'unindent does not match any outer indentation level';
            found = { offset: child.from, message };
          } else if (indent.tabsAsOne !== block.tabsAsOne) {
            found = { offset: child.from, message: 'inconsistent use of tabs and spaces in indentation' };
          }
          previousColumn = indent.column;
        }
      }
      visit(child, child.name === 'Body' ? {} : undefined);
    }
  };
  visit(tree.topNode, { column: 0, tabsAsOne: 0 });
  return found;
}

interface BlockIndent {
  column?: number;
  tabsAsOne?: number;
}

function isStatement(node: SyntaxNode): boolean {
  return node.name !== 'Comment' && node.name !== ':' && !node.type.isError;
}

/**
 * The indentation of a statement that begins its line (CPython's two measures: tabs to the
 * next multiple of 8, and tabs as 1), or undefined when something precedes it on its line
 * or the line before ends in a backslash continuation.
 */
function lineIndent(source: string, offset: number): { column: number; tabsAsOne: number } | undefined {
  // A byte order mark opens the file without taking a column.
  const blank = (i: number): boolean => source[i] === ' ' || source[i] === '\t' || source[i] === '\f' || (i === 0 && source[i] === '\uFEFF');
  let start = offset;
  while (start > 0 && blank(start - 1)) start--;
  if (start > 0 && source[start - 1] !== '\n') return undefined;
  if (start > 0) {
    let end = start - 1;
    if (end > 0 && source[end - 1] === '\r') end--;
    if (end > 0 && source[end - 1] === '\\') return undefined;
  }
  let column = 0;
  let tabsAsOne = 0;
  for (let i = start; i < offset; i++) {
    if (source[i] === ' ') {
      column++;
      tabsAsOne++;
    } else if (source[i] === '\t') {
      column = (Math.floor(column / 8) + 1) * 8;
      tabsAsOne++;
    } else if (source[i] === '\f') {
      column = 0; // form feed resets the count, as in CPython's tokenizer
      tabsAsOne = 0;
    }
  }
  return { column, tabsAsOne };
}

/** Literals as assignment targets: `1 = x`, `a, "b" = t`, `None = 1`, `1 += x`, `1: int = 2`. */
export function findAssignmentError(tree: Tree, text: string): SyntaxProblem | undefined {
  let found: SyntaxProblem | undefined;
  tree.iterate({
    enter(ref) {
      if (found) return false;
      if (ref.name === 'AssignStatement') found = checkAssignment(ref.node, text);
      else if (ref.name === 'UpdateStatement') found = checkAugmentedAssignment(ref.node, text);
      return undefined;
    },
  });
  return found;
}

function checkAssignment(node: SyntaxNode, text: string): SyntaxProblem | undefined {
  // Children split at each `=`: every part but the last is a target list; an annotated
  // target (`x: T` with or without a value) is one too.
  const parts: SyntaxNode[][] = [[]];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name === 'AssignOp') parts.push([]);
    else parts[parts.length - 1].push(child);
  }
  const annotated = parts[0].some((n) => n.name === 'TypeDef');
  if (annotated) {
    const target = parts[0][0];
    if (target && literalKind(target, text)) return { offset: target.from, message: 'illegal target for annotation' };
  }
  const targets = parts.slice(0, annotated ? Math.max(1, parts.length - 1) : parts.length - 1);
  for (const part of targets) {
    for (const target of part) {
      const literal = literalInTarget(target, text);
      if (literal) return { offset: literal.from, message: `cannot assign to ${literalKind(literal, text)}` };
    }
  }
  return undefined;
}

function checkAugmentedAssignment(node: SyntaxNode, text: string): SyntaxProblem | undefined {
  const target = node.firstChild;
  const kind = target ? literalKind(target, text) : undefined;
  if (!target || !kind) return undefined;
  return { offset: target.from, message: `'${kind}' is an illegal expression for augmented assignment` };
}

/** The first literal inside a target, looking through tuples, lists, parentheses and `*`. */
function literalInTarget(node: SyntaxNode, text: string): SyntaxNode | undefined {
  if (literalKind(node, text)) return node;
  if (node.name !== 'TupleExpression' && node.name !== 'ArrayExpression' && node.name !== 'ParenthesizedExpression') return undefined;
  for (let child = node.firstChild; child; child = child.nextSibling) {
    const literal = literalInTarget(child, text);
    if (literal) return literal;
  }
  return undefined;
}

/** CPython's word for a literal in its assignment messages, or undefined for other nodes. */
function literalKind(node: SyntaxNode, text: string): string | undefined {
  switch (node.name) {
    case 'Number':
    case 'String':
    case 'ContinuedString':
      return 'literal';
    case 'None':
    case 'Boolean':
      return text.slice(node.from, node.to);
    case 'FormatString':
      return 'f-string expression';
    case 'Ellipsis':
      return 'ellipsis';
    default:
      return undefined;
  }
}

/**
 * Python 2's `except E, e:`, which the grammar reads as two exception types. With
 * `allowBare` (Python 3.14, PEP 758) `except A, B:` is valid and only `except A, B as e:` is not.
 */
export function findUnparenthesizedExceptTypes(tree: Tree, allowBare = false): SyntaxProblem | undefined {
  let found: SyntaxProblem | undefined;
  tree.iterate({
    enter(ref) {
      if (found) return false;
      if (ref.name !== 'TryStatement') return undefined;
      let inHeader = false; // between `except` and its `as` or body
      let typesFrom: number | undefined;
      let comma: number | undefined;
      for (let child = ref.node.firstChild; child && !found; child = child.nextSibling) {
        if (child.name === 'except') {
          inHeader = true;
          typesFrom = undefined;
          comma = undefined;
        } else if (child.name === 'as' || child.name === 'Body') {
          if (inHeader && comma !== undefined && (!allowBare || child.name === 'as')) {
            found = { offset: typesFrom ?? comma, message: 'multiple exception types must be parenthesized' };
          }
          inHeader = false;
        } else if (inHeader && child.name === ',') {
          comma ??= child.from;
        } else if (inHeader && typesFrom === undefined && child.name !== '*') {
          typesFrom = child.from;
        }
      }
      return undefined;
    },
  });
  return found;
}
