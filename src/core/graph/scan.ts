// Extracts the run-time imports of one JS/TS file with TypeScript's own parser: every
// specifier with its line and column, type-only imports left out, non-literal
// `import()`/`require()` kept as dynamic sites, and the first syntax error if any.
// madge's detectives drop locations, skip `.mts` and lose template literals; this scan is
// what the engine hands to madge instead (see madge-engine.ts), so each file is parsed once.
import ts from 'typescript';
import type { DynamicSite, ImportKind, ParseFailure } from '../types.js';

export interface ScannedImport {
  specifier: string;
  line: number;
  column: number;
  kind: Exclude<ImportKind, 'python-import'>;
}

export interface ScanResult {
  imports: ScannedImport[];
  dynamic: Omit<DynamicSite, 'file'>[];
  parseError?: Omit<ParseFailure, 'file'>;
}

export interface ScanSettings {
  /** tsconfig `verbatimModuleSyntax`: `import { type A } from './x'` keeps a side-effect import of ./x. */
  verbatimModuleSyntax?: boolean;
}

const SCRIPT_KIND: Record<string, ts.ScriptKind> = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.jsx': ts.ScriptKind.JSX,
  '.js': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
};

export function scanSource(fileName: string, text: string, settings: ScanSettings = {}): ScanResult {
  const ext = extname(fileName);
  if (ext === '.json') return scanJson(text);
  const kind = SCRIPT_KIND[ext] ?? ts.ScriptKind.JS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
  const imports: ScannedImport[] = [];
  const dynamic: ScanResult['dynamic'] = [];

  const at = (node: ts.Node) => {
    const pos = source.getLineAndCharacterOfPosition(node.getStart(source));
    return { line: pos.line + 1, column: pos.character + 1 };
  };
  const add = (node: ts.Expression, kindOf: ScannedImport['kind']) => {
    const literal = literalText(node);
    if (literal !== undefined) imports.push({ specifier: literal, kind: kindOf, ...at(node) });
    else dynamic.push({ expression: shorten(node.getText(source)), ...at(node) });
  };

  const visit = (node: ts.Node): void => {
    switch (node.kind) {
      case ts.SyntaxKind.ImportDeclaration: {
        const decl = node as ts.ImportDeclaration;
        if (!isTypeOnlyImport(decl, settings)) add(decl.moduleSpecifier, 'import');
        return;
      }
      case ts.SyntaxKind.ExportDeclaration: {
        const decl = node as ts.ExportDeclaration;
        if (decl.moduleSpecifier && !isTypeOnlyExport(decl, settings)) add(decl.moduleSpecifier, 'export');
        return;
      }
      case ts.SyntaxKind.ImportEqualsDeclaration: {
        const decl = node as ts.ImportEqualsDeclaration;
        if (!decl.isTypeOnly && ts.isExternalModuleReference(decl.moduleReference)) {
          add(decl.moduleReference.expression, 'require');
        }
        return;
      }
      case ts.SyntaxKind.ModuleDeclaration:
        // `declare module 'x' { ... }` and namespaces with `declare`: types only.
        if (ts.getCombinedModifierFlags(node as ts.Declaration) & ts.ModifierFlags.Ambient) return;
        break;
      case ts.SyntaxKind.CallExpression: {
        const call = node as ts.CallExpression;
        if (call.expression.kind === ts.SyntaxKind.ImportKeyword) {
          if (call.arguments.length) add(call.arguments[0], 'dynamic-import');
        } else if (isRequireCall(call)) {
          add(call.arguments[0], 'require');
        }
        break;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);

  const diagnostics = (source as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  const first = diagnostics[0];
  const parseError = first
    ? {
        ...lineCol(source, first.start),
        message: ts.flattenDiagnosticMessageText(first.messageText, ' '),
      }
    : undefined;
  return { imports, dynamic, parseError };
}

function scanJson(text: string): ScanResult {
  try {
    JSON.parse(text);
    return { imports: [], dynamic: [] };
  } catch (e) {
    const message = (e as Error).message;
    const m = /position (\d+)/.exec(message);
    const offset = m ? Number(m[1]) : 0;
    const before = text.slice(0, offset).split('\n');
    return { imports: [], dynamic: [], parseError: { line: before.length, column: before[before.length - 1].length + 1, message } };
  }
}

function lineCol(source: ts.SourceFile, pos: number) {
  const lc = source.getLineAndCharacterOfPosition(pos);
  return { line: lc.line + 1, column: lc.character + 1 };
}

/** `require('x')` with exactly one argument and `require` not shadowed by a member access. */
function isRequireCall(call: ts.CallExpression): boolean {
  return ts.isIdentifier(call.expression) && call.expression.text === 'require' && call.arguments.length === 1;
}

function literalText(node: ts.Expression): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return undefined;
}

/**
 * `import type X`, and `import { type A, type B }` with no default import: TypeScript and
 * every transpiler erase them, unless verbatimModuleSyntax keeps the bare `import './x'`.
 */
function isTypeOnlyImport(decl: ts.ImportDeclaration, settings: ScanSettings): boolean {
  const clause = decl.importClause;
  if (!clause) return false; // side-effect import
  if (clause.isTypeOnly) return true;
  if (clause.name || settings.verbatimModuleSyntax) return false;
  const bindings = clause.namedBindings;
  return !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

function isTypeOnlyExport(decl: ts.ExportDeclaration, settings: ScanSettings): boolean {
  if (decl.isTypeOnly) return true;
  if (settings.verbatimModuleSyntax) return false;
  const clause = decl.exportClause;
  return !!clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
}

function extname(fileName: string): string {
  const base = fileName.slice(fileName.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 80 ? oneLine.slice(0, 77) + '...' : oneLine;
}
