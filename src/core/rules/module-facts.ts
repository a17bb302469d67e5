// What a module offers and what it asks for, read on demand for the few files `stale` compares:
// the names a JS/TS or Python module exports or defines at top level, and every import it
// makes, type-only imports included (the engine drops those from the graph: they are erased at
// compile time, but they still show that a file is in use). Parsed with TypeScript's parser and
// the Python grammar the engines use; nothing is executed.
import fs from 'node:fs';
import path from 'node:path';
import type { SyntaxNode } from '@lezer/common';
import { parser as pythonParser } from '@lezer/python';
import ts from 'typescript';
import { parsePython } from '../graph/python/parse.js';

/** One import as written, with what it takes from the module. */
export interface FactImport {
  /** As written: `./db`, `@/lib/api`, `..models`, `claude_mcp_hybrid`. */
  specifier: string;
  line: number;
  /**
   * The names taken (`default` for a default import), or 'whole' when the importer holds the whole
   * module (namespace import, `require()` kept in a variable, Python `import mod`, `export *`).
   * An empty list is a side-effect import: it uses no name.
   */
  names: string[] | 'whole';
  /** Python `from pkg import a, b`: `a`, `b` may be submodules, so they are candidate module names too. */
  pythonFromNames?: string[];
  typeOnly: boolean;
}

export interface ModuleFacts {
  language: 'js' | 'py';
  /** Names the module exports (JS/TS, `default` included) or defines at top level (Python). */
  exports: Set<string>;
  /** Python: the top-level names bound by import statements (`os` of `import os`): not the module's own API. */
  importBound?: Set<string>;
  imports: FactImport[];
}

const TS_KINDS: Record<string, ts.ScriptKind> = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.jsx': ts.ScriptKind.JSX,
  '.js': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
};

/**
 * The facts of the file at `abs`, or undefined when it cannot be read or parsed into a tree
 * (a rule then makes no claim about it). Only `.py` and the JS/TS extensions are read.
 */
export function moduleFacts(abs: string): ModuleFacts | undefined {
  let text: string;
  try {
    text = fs.readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
  const ext = path.extname(abs).toLowerCase();
  try {
    if (ext === '.py') return pythonFacts(text);
    if (ext in TS_KINDS) return scriptFacts(abs, text, TS_KINDS[ext]);
  } catch {
    return undefined; // a parser that gives up (e.g. nesting too deep): no claim
  }
  return undefined;
}

// ---- JavaScript / TypeScript -------------------------------------------------------------

function scriptFacts(fileName: string, text: string, kind: ts.ScriptKind): ModuleFacts {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const exports = new Set<string>();
  const imports: FactImport[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  let commonJs = false;

  const hasModifier = (node: ts.Node, kind: ts.SyntaxKind) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);

  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteralLike(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      let names: string[] | 'whole' = [];
      if (clause) {
        names = [];
        if (clause.name) names.push('default');
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) names = 'whole';
        else if (bindings) for (const el of bindings.elements) names.push((el.propertyName ?? el.name).text);
      }
      const typeOnly =
        !!clause?.isTypeOnly ||
        (!!clause &&
          !clause.name &&
          !!clause.namedBindings &&
          ts.isNamedImports(clause.namedBindings) &&
          clause.namedBindings.elements.length > 0 &&
          clause.namedBindings.elements.every((e) => e.isTypeOnly));
      imports.push({ specifier: statement.moduleSpecifier.text, line: lineOf(statement.moduleSpecifier), names, typeOnly });
      continue;
    }
    if (ts.isImportEqualsDeclaration(statement)) {
      const ref = statement.moduleReference;
      if (ts.isExternalModuleReference(ref) && ts.isStringLiteralLike(ref.expression)) {
        imports.push({ specifier: ref.expression.text, line: lineOf(ref.expression), names: 'whole', typeOnly: statement.isTypeOnly });
      }
      if (hasModifier(statement, ts.SyntaxKind.ExportKeyword)) exports.add(statement.name.text);
      continue;
    }
    if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      const from = statement.moduleSpecifier && ts.isStringLiteralLike(statement.moduleSpecifier) ? statement.moduleSpecifier : undefined;
      if (clause && ts.isNamedExports(clause)) {
        for (const el of clause.elements) exports.add(el.name.text);
        if (from)
          imports.push({
            specifier: from.text,
            line: lineOf(from),
            names: clause.elements.map((el) => (el.propertyName ?? el.name).text),
            typeOnly: statement.isTypeOnly,
          });
      } else {
        if (clause && ts.isNamespaceExport(clause)) exports.add(clause.name.text);
        // `export * from` re-exports names we do not know without reading that file: none counted.
        if (from) imports.push({ specifier: from.text, line: lineOf(from), names: 'whole', typeOnly: statement.isTypeOnly });
      }
      continue;
    }
    if (ts.isExportAssignment(statement)) {
      exports.add('default');
      continue;
    }
    if (hasModifier(statement, ts.SyntaxKind.ExportKeyword)) {
      if (hasModifier(statement, ts.SyntaxKind.DefaultKeyword)) exports.add('default');
      else if (ts.isVariableStatement(statement)) for (const d of statement.declarationList.declarations) bindingNames(d.name, exports);
      else if (
        (ts.isFunctionDeclaration(statement) ||
          ts.isClassDeclaration(statement) ||
          ts.isInterfaceDeclaration(statement) ||
          ts.isTypeAliasDeclaration(statement) ||
          ts.isEnumDeclaration(statement) ||
          ts.isModuleDeclaration(statement)) &&
        statement.name &&
        ts.isIdentifier(statement.name)
      ) {
        exports.add(statement.name.text);
      }
    }
  }

  // require(), import() and CommonJS exports can sit anywhere in the file.
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.arguments.length >= 1 && ts.isStringLiteralLike(node.arguments[0])) {
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      if (isRequire || isImport) {
        imports.push({ specifier: node.arguments[0].text, line: lineOf(node.arguments[0]), names: isRequire ? requiredNames(node) : 'whole', typeOnly: false });
      }
    }
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      imports.push({ specifier: node.argument.literal.text, line: lineOf(node.argument), names: 'whole', typeOnly: true });
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const target = node.left;
      if (isModuleExports(target)) {
        commonJs = true;
        if (ts.isObjectLiteralExpression(node.right)) {
          for (const p of node.right.properties) if (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) exports.add(p.name.text);
        }
      } else if (
        ts.isPropertyAccessExpression(target) &&
        (isModuleExports(target.expression) || (ts.isIdentifier(target.expression) && target.expression.text === 'exports'))
      ) {
        commonJs = true;
        exports.add(target.name.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  // A CommonJS module's `module.exports` is what a default import (or `require`) receives.
  if (commonJs) exports.add('default');
  return { language: 'js', exports, imports };
}

function isModuleExports(node: ts.Node): boolean {
  return ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'module' && node.name.text === 'exports';
}

function bindingNames(name: ts.BindingName, into: Set<string>): void {
  if (ts.isIdentifier(name)) into.add(name.text);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) bindingNames(el.name, into);
}

/** `const { a, b: c } = require('x')` takes a and b; `require('x').a` takes a; anything else the whole module. */
function requiredNames(call: ts.CallExpression): string[] | 'whole' {
  const parent = call.parent;
  if (parent && ts.isVariableDeclaration(parent) && parent.initializer === call && ts.isObjectBindingPattern(parent.name)) {
    const names: string[] = [];
    for (const el of parent.name.elements) {
      if (el.dotDotDotToken) return 'whole';
      const key = el.propertyName ?? el.name;
      if (ts.isIdentifier(key) || ts.isStringLiteral(key)) names.push(key.text);
      else return 'whole';
    }
    return names;
  }
  if (parent && ts.isPropertyAccessExpression(parent) && parent.expression === call) return [parent.name.text];
  if (parent && ts.isExpressionStatement(parent)) return [];
  return 'whole';
}

// ---- Python ---------------------------------------------------------------------------------

function pythonFacts(text: string): ModuleFacts {
  const parsed = parsePython(text);
  const imports: FactImport[] = parsed.imports.map((imp) => {
    const specifier = `${'.'.repeat(imp.level)}${imp.module}`;
    if (!imp.names) return { specifier, line: imp.line, names: 'whole', typeOnly: false };
    const names = imp.names.map((n) => n.name);
    return { specifier, line: imp.line, names: names.includes('*') ? 'whole' : names, pythonFromNames: names.filter((n) => n !== '*'), typeOnly: false };
  });
  const exports = new Set<string>();
  const importBound = new Set<string>();
  const tree = pythonParser.parse(text);
  topLevelNames(tree.topNode, text, exports, importBound);
  return { language: 'py', exports, importBound, imports };
}

/** Names bound by the statements of a block, looking into `if`/`try`/`with` bodies (still module level). */
function topLevelNames(block: SyntaxNode, text: string, into: Set<string>, imported: Set<string>): void {
  for (let node = block.firstChild; node; node = node.nextSibling) {
    const name = (n: SyntaxNode | null) => (n ? text.slice(n.from, n.to) : undefined);
    switch (node.name) {
      case 'FunctionDefinition':
      case 'ClassDefinition': {
        const n = name(node.getChild('VariableName'));
        if (n) into.add(n);
        break;
      }
      case 'DecoratedStatement':
        topLevelNames(node, text, into, imported);
        break;
      case 'AssignStatement':
        // Every plain name before the last `=` is bound (`a = b = 1`, `a, b = ...`, `a: int = 1`).
        for (let c = node.firstChild; c; c = c.nextSibling) if (c.name === 'VariableName' && hasLaterOp(c)) into.add(name(c)!);
        break;
      case 'ImportStatement': {
        const children: SyntaxNode[] = [];
        for (let c = node.firstChild; c; c = c.nextSibling) children.push(c);
        const isFrom = children[0]?.name === 'from';
        const importAt = children.findIndex((c) => c.name === 'import');
        // `import a.b as c, d.e` binds c and d; `from x import y, z as w` binds y and w.
        let start = isFrom ? importAt + 1 : 1;
        for (let i = start; i <= children.length; i++) {
          if (i === children.length || children[i].name === ',') {
            const item = children.slice(start, i).filter((c) => c.name === 'VariableName' || c.name === 'as');
            const asAt = item.findIndex((c) => c.name === 'as');
            const bound = asAt >= 0 ? item[asAt + 1] : isFrom ? item[item.length - 1] : item[0];
            if (bound && bound.name === 'VariableName') {
              into.add(name(bound)!);
              imported.add(name(bound)!);
            }
            start = i + 1;
          }
        }
        break;
      }
      case 'IfStatement':
      case 'TryStatement':
      case 'WithStatement':
      case 'Body':
        topLevelNames(node, text, into, imported);
        break;
      default:
        break;
    }
  }
}

function hasLaterOp(node: SyntaxNode): boolean {
  for (let c = node.nextSibling; c; c = c.nextSibling) if (c.name === 'AssignOp') return true;
  return false;
}

/**
 * The names that make up a module's own API, for whole-module use: its exports (JS/TS); for Python
 * its top-level definitions without private `_names` and without names it merely imports (`os`).
 */
export function publicNames(facts: ModuleFacts): Set<string> {
  if (facts.language === 'js') return facts.exports;
  return new Set([...facts.exports].filter((n) => !n.startsWith('_') && !facts.importBound?.has(n)));
}
