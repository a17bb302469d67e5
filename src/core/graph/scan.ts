// Extracts the run-time imports of one JS/TS file with TypeScript's own parser: every
// specifier with its line and column, type-only imports left out, non-literal
// `import()`/`require()` kept as dynamic sites, and the first syntax error if any.
// madge's detectives drop locations, skip `.mts` and lose template literals; this scan is
// what the engine hands to madge instead (see madge-engine.ts), so each file is parsed once.
import { parse as babelParse } from '@babel/parser';
import ts from 'typescript';
import type { DynamicSite, ImportKind, ParseFailure } from '../types.js';

export interface ScannedImport {
  specifier: string;
  line: number;
  column: number;
  kind: Exclude<ImportKind, 'python-import'>;
  /** Local names an `import` binds (`a`, `b` in `import a, { x as b }`); none for side-effect imports. */
  bindings?: string[];
}

export interface ScanResult {
  imports: ScannedImport[];
  /** Identifiers the file uses in value (not type) positions: decides whether an import of names survives compilation. */
  valueNames: Set<string>;
  dynamic: Omit<DynamicSite, 'file'>[];
  parseError?: Omit<ParseFailure, 'file'>;
  /** Why the Node syntax check was skipped (the file nests deeper than Babel's recursive parser goes). */
  syntaxCheckSkipped?: string;
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
  let source: ts.SourceFile;
  try {
    source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
  } catch (error) {
    // TypeScript's parser recurses once per nesting level (~900 nested brackets overflow it).
    if (!(error instanceof RangeError)) throw error;
    return { imports: [], valueNames: new Set(), dynamic: [], parseError: { ...deepestLine(text), message: TOO_DEEP } };
  }
  const imports: ScannedImport[] = [];
  const dynamic: ScanResult['dynamic'] = [];

  const at = (node: ts.Node) => {
    const pos = source.getLineAndCharacterOfPosition(node.getStart(source));
    return { line: pos.line + 1, column: pos.character + 1 };
  };
  const valueNames = new Set<string>();
  const requires = requireNames(source, text);
  const add = (node: ts.Expression, kindOf: ScannedImport['kind'], bindings?: string[]) => {
    const literal = literalText(node);
    if (literal !== undefined) imports.push({ specifier: literal, kind: kindOf, ...at(node), ...(bindings && { bindings }) });
    else dynamic.push({ expression: shorten(node.getText(source)), ...at(node) });
  };

  // Walked with an explicit stack, children in source order: a generated `a + b + ... + z` of
  // 100,000 terms is a tree that deep, and a recursive walk would overflow on it.
  const pending: ts.Node[] = [source];
  const visit = (node: ts.Node): void => {
    switch (node.kind) {
      case ts.SyntaxKind.ImportDeclaration: {
        const decl = node as ts.ImportDeclaration;
        if (!isTypeOnlyImport(decl, settings)) add(decl.moduleSpecifier, 'import', bindingsOf(decl));
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
      case ts.SyntaxKind.Identifier:
        valueNames.add((node as ts.Identifier).text);
        return;
      case ts.SyntaxKind.InterfaceDeclaration:
      case ts.SyntaxKind.TypeAliasDeclaration:
        return; // types only
      case ts.SyntaxKind.ModuleDeclaration:
        // `declare module 'x' { ... }` and namespaces with `declare`: types only.
        if (ts.getCombinedModifierFlags(node as ts.Declaration) & ts.ModifierFlags.Ambient) return;
        break;
      case ts.SyntaxKind.CallExpression: {
        const call = node as ts.CallExpression;
        if (call.expression.kind === ts.SyntaxKind.ImportKeyword) {
          if (call.arguments.length) add(call.arguments[0], 'dynamic-import');
        } else if (isRequireCall(call, requires)) {
          add(call.arguments[0], 'require');
        }
        break;
      }
    }
    // Names inside type annotations are not run-time uses (`typeof x` in a type is erased too).
    if (ts.isTypeNode(node) && node.kind !== ts.SyntaxKind.ExpressionWithTypeArguments) return;
    // One push per child: spreading a 130,000-element array literal's children as call arguments
    // overflows the stack (arguments live on it), the same as deep recursion would.
    for (const child of childrenInReverse(node)) pending.push(child);
  };
  while (pending.length) visit(pending.pop()!);

  const diagnostics = (source as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  const first = diagnostics[0];
  const parseError = first
    ? {
        ...lineCol(source, first.start),
        message: withoutFinalPeriod(ts.flattenDiagnosticMessageText(first.messageText, ' ')),
      }
    : undefined;
  if (parseError) return { imports, valueNames, dynamic, parseError };
  const checked = validateJavaScript(ext, text, hasModuleSyntax(source));
  return checked === SKIPPED
    ? { imports, valueNames, dynamic, syntaxCheckSkipped: 'it nests deeper than the JavaScript syntax check (Babel) can follow; its imports were read, but Node-only syntax errors were not checked' }
    : { imports, valueNames, dynamic, parseError: checked };
}

const TOO_DEEP = 'nested too deeply for the parser (it ran out of stack), so its imports cannot be read; flatten the deepest expression, or lower the rule with --rule unparseable=warn if Node loads it';
const SKIPPED = Symbol('skipped');

function childrenInReverse(node: ts.Node): ts.Node[] {
  const children: ts.Node[] = [];
  ts.forEachChild(node, (child) => {
    children.push(child);
  });
  return children.reverse();
}

/** The line with the most open brackets, where a too-deep file is deepest (for the finding's location). */
function deepestLine(text: string): { line: number; column: number } {
  let depth = 0;
  let best = { depth: -1, line: 1, column: 1 };
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      lineStart = i + 1;
    } else if (c === '(' || c === '[' || c === '{') {
      if (++depth > best.depth) best = { depth, line, column: i - lineStart + 1 };
    } else if (c === ')' || c === ']' || c === '}') depth--;
  }
  return { line: best.line, column: best.column };
}

/**
 * TypeScript's parser accepts, in a .js file, things Node rejects: type annotations, a
 * top-level `return` in a module, a `let` declared twice. Babel's parser reports them, so a
 * reachable JS file that would crash on load is `unparseable`, not a silent pass.
 */
function validateJavaScript(ext: string, text: string, moduleSyntax: boolean): ScanResult['parseError'] | typeof SKIPPED {
  if (!['.js', '.jsx', '.mjs', '.cjs', ''].includes(ext)) return undefined;
  const isModule = ext === '.mjs' || (ext !== '.cjs' && moduleSyntax);
  try {
    babelParse(text, {
      sourceType: isModule ? 'module' : 'script',
      allowReturnOutsideFunction: !isModule, // CommonJS code runs inside a function wrapper
      allowAwaitOutsideFunction: !isModule && ext !== '.cjs',
      plugins: ext === '.mjs' || ext === '.cjs' ? [] : ['jsx'],
      errorRecovery: false,
    });
    return undefined;
  } catch (e) {
    // Babel recurses per nesting level too (~500 nested brackets): TypeScript read the file, so only the check is lost.
    if (e instanceof RangeError) return SKIPPED;
    const err = e as Error & { loc?: { line: number; column: number } };
    return { line: err.loc?.line ?? 1, column: (err.loc?.column ?? 0) + 1, message: withoutFinalPeriod(err.message.replace(/\s*\(\d+:\d+\)$/, '')) };
  }
}

/** `import`/`export` statements make a .js file an ES module (Node's syntax detection). */
function hasModuleSyntax(source: ts.SourceFile): boolean {
  return source.statements.some(
    (st) =>
      ts.isImportDeclaration(st) ||
      ts.isExportDeclaration(st) ||
      ts.isExportAssignment(st) ||
      (ts.canHaveModifiers(st) && !!ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)),
  );
}

/** The local names an import declaration binds. */
function bindingsOf(decl: ts.ImportDeclaration): string[] | undefined {
  const clause = decl.importClause;
  if (!clause) return undefined;
  const names: string[] = [];
  if (clause.name) names.push(clause.name.text);
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
  else if (bindings) for (const e of bindings.elements) if (!e.isTypeOnly) names.push(e.name.text);
  return names;
}

function scanJson(text: string): ScanResult {
  try {
    JSON.parse(text);
    return { imports: [], valueNames: new Set(), dynamic: [] };
  } catch (e) {
    // Node 20's message has no position; TypeScript's JSON parser gives one.
    const source = ts.parseJsonText('file.json', text);
    const first = (source as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics?.[0];
    const position = /at position (\d+)/.exec((e as Error).message);
    const at = first ? lineCol(source, first.start) : lineCol(source, position ? Number(position[1]) : 0);
    const message = first ? ts.flattenDiagnosticMessageText(first.messageText, ' ') : (e as Error).message.split('\n')[0];
    return { imports: [], valueNames: new Set(), dynamic: [], parseError: { ...at, message: `invalid JSON: ${message.replace(/\s+/g, ' ').slice(0, 160)}` } };
  }
}

function lineCol(source: ts.SourceFile, pos: number) {
  const lc = source.getLineAndCharacterOfPosition(pos);
  return { line: lc.line + 1, column: lc.character + 1 };
}

/**
 * `require('x')` with exactly one argument, called by a name bound to a require function
 * (`require`, or `req` from `const req = createRequire(import.meta.url)`), as CommonJS's
 * `module.require('x')`, or straight on the result of `createRequire(...)`. Other member
 * calls (`loader.require('x')`) are not imports.
 */
function isRequireCall(call: ts.CallExpression, names: RequireNames): boolean {
  if (call.arguments.length !== 1) return false;
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return names.requires.has(callee.text);
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text === 'require' && ts.isIdentifier(callee.expression) && callee.expression.text === 'module';
  return ts.isCallExpression(callee) && isCreateRequireCall(callee, names.creators);
}

interface RequireNames {
  /** Names called as `require`. */
  requires: Set<string>;
  /** Names of `createRequire` (as imported). */
  creators: Set<string>;
}

/**
 * The names a file may call as `require`: `require` itself, and the variables that hold the
 * result of `createRequire(...)` (imported under any name, or as `module.createRequire`).
 */
function requireNames(source: ts.SourceFile, text: string): RequireNames {
  const names = new Set(['require']);
  const creators = new Set(['createRequire']);
  if (!text.includes('createRequire')) return { requires: names, creators };
  const pending: ts.Node[] = [source];
  while (pending.length) {
    const node = pending.pop()!;
    if (ts.isImportSpecifier(node) && (node.propertyName ?? node.name).text === 'createRequire') creators.add(node.name.text);
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isCallExpression(node.initializer)) {
      if (isCreateRequireCall(node.initializer, creators)) names.add(node.name.text);
    }
    // One push per child: spreading a 130,000-element array literal's children as call arguments
    // overflows the stack (arguments live on it), the same as deep recursion would.
    for (const child of childrenInReverse(node)) pending.push(child);
  }
  return { requires: names, creators };
}

/** `createRequire(url)` or `anything.createRequire(url)`, by a name in `creators`. */
function isCreateRequireCall(call: ts.CallExpression, creators: Set<string>): boolean {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return creators.has(callee.text);
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'createRequire';
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

/** Messages are embedded in sentences that add their own period ('File appears to be binary.' would end in '..'). */
function withoutFinalPeriod(message: string): string {
  return message.replace(/\.+$/, '');
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 80 ? oneLine.slice(0, 77) + '...' : oneLine;
}
