// Extracts the run-time imports of one JS/TS file with TypeScript's own parser: every
// specifier with its line and column, type-only imports left out, non-literal
// `import()`/`require()` kept as dynamic sites, and the first syntax error if any.
// madge's detectives drop locations, skip `.mts` and lose template literals; this scan is
// what the engine hands to madge instead (see madge-engine.ts), so each file is parsed once.
import { parse as babelParse } from '@babel/parser';
import ts from 'typescript';
import type { DynamicSite, ImportKind, ParseFailure } from '../../types.js';

export interface ScannedImport {
  specifier: string;
  line: number;
  column: number;
  kind: Exclude<ImportKind, 'python-import'>;
  /** Local names an `import` binds (`a`, `b` in `import a, { x as b }`); none for side-effect imports. */
  bindings?: string[];
  /** Erased by the compiler: `import type`, or (in TypeScript) every binding used only as a type. */
  typeOnly?: boolean;
  /** Bindings kept only because emitDecoratorMetadata references them (erased if they name only a type). */
  metadataOnly?: string[];
  /** Inside a `try` that handles the failure, or under a run-time check. */
  optional?: boolean;
  /** Added by the compiler (JSX runtime) or a bundler convention (`new URL`), not spelled as an import. */
  origin?: 'jsx-runtime' | 'new URL';
}

/** `import.meta.glob(...)` or `require.context(...)` with literal arguments: expanded by the engine. */
export interface ScannedGlob {
  origin: 'import.meta.glob' | 'require.context';
  line: number;
  column: number;
  kind: 'import' | 'dynamic-import' | 'require';
  /** import.meta.glob: the patterns, `!` negations included. */
  patterns?: string[];
  /** require.context: folder, recursion and the regular expression (source, flags) tested on './relative/path'. */
  context?: { dir: string; recursive: boolean; regex: string; flags: string };
  optional?: boolean;
}

export interface ScanResult {
  imports: ScannedImport[];
  globs: ScannedGlob[];
  /** Identifiers the file uses in value (not type) positions: decides whether an import of names survives compilation. */
  valueNames: Set<string>;
  dynamic: Omit<DynamicSite, 'file'>[];
  parseError?: Omit<ParseFailure, 'file'>;
  /** Why the Node syntax check was skipped (the file nests deeper than Babel's recursive parser goes). */
  syntaxCheckSkipped?: string;
}

export interface ScanSettings {
  /** tsconfig `verbatimModuleSyntax` (or `preserveValueImports`): imports are kept as written, only `type` ones go. */
  verbatimModuleSyntax?: boolean;
  /** `emitDecoratorMetadata`: types in decorated signatures are emitted as value references. */
  emitDecoratorMetadata?: boolean;
  /** `jsx: react-jsx` / `react-jsxdev`: the module the compiler imports for JSX. */
  jsxRuntime?: 'jsx-runtime' | 'jsx-dev-runtime';
  /** `jsxImportSource` (default 'react'). */
  jsxImportSource?: string;
  /** `jsxFactory` / `jsxFragmentFactory` for the classic runtime (default React.createElement / React.Fragment). */
  jsxFactory?: string;
  jsxFragmentFactory?: string;
}

// TypeScript's exports are getters (its bundle's `__export`): the walk below reads each once here,
// not once per node (a `switch` over `ts.SyntaxKind.X` called the getter for every case it tried).
const Kind = ts.SyntaxKind;
const { forEachChild, isTypeNode } = ts;

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

export { SCANNER_VERSION } from './scan-version.js';

export function scanSource(fileName: string, text: string, settings: ScanSettings = {}): ScanResult {
  const ext = extname(fileName);
  // Node strips a UTF-8 byte order mark from JSON and JavaScript; editors do not count it as a column.
  // Before a `#!` line only ES modules accept it: Node's CommonJS loader then fails (checked below).
  const bomBeforeHashbang = text.charCodeAt(0) === 0xfeff && text.startsWith('#!', 1);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (ext === '.json') return scanJson(text);
  const kind = SCRIPT_KIND[ext] ?? ts.ScriptKind.JS;
  let source: ts.SourceFile;
  try {
    // JSDoc is not parsed: nothing the scan reads comes from it (the JSX pragmas are read from the comment text, see jsxPragmas).
    source = ts.createSourceFile(fileName, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, false, kind);
  } catch (error) {
    // TypeScript's parser recurses once per nesting level (~900 nested brackets overflow it).
    if (!(error instanceof RangeError)) throw error;
    return { imports: [], globs: [], valueNames: new Set(), dynamic: [], parseError: { ...deepestLine(text), message: TOO_DEEP } };
  }
  const imports: ScannedImport[] = [];
  const globs: ScannedGlob[] = [];
  const isTs = ext === '.ts' || ext === '.tsx' || ext === '.mts' || ext === '.cts';
  // Names emitDecoratorMetadata writes into the output as values (types of decorated signatures).
  const metadataNames = new Set<string>();
  let firstJsx: ts.Node | undefined;
  const dynamic: ScanResult['dynamic'] = [];

  const at = (node: ts.Node) => {
    const pos = source.getLineAndCharacterOfPosition(node.getStart(source));
    return { line: pos.line + 1, column: pos.character + 1 };
  };
  const valueNames = new Set<string>();
  const requires = requireNames(source, text);
  // Whether the node being visited sits where a failed import is handled (try/catch, run-time check).
  let optional = false;
  const add = (node: ts.Expression, kindOf: ScannedImport['kind'], extra: Partial<ScannedImport> = {}) => {
    const literal = literalText(node);
    if (literal !== undefined) imports.push({ specifier: literal, kind: kindOf, ...at(node), ...extra, ...(optional && { optional }) });
    else if (!extra.typeOnly) dynamic.push({ expression: shorten(node.getText(source)), ...at(node) });
  };

  // Walked with an explicit stack, children in source order: a generated `a + b + ... + z` of
  // 100,000 terms is a tree that deep, and a recursive walk would overflow on it. A node is
  // pushed with whether it is optional (the flag of its nearest guarding ancestor).
  // Inner parts of a `+` chain already looked at as a whole (see isDirnameGlob).
  const sums = new WeakSet<ts.Node>();
  // A `__dirname` glob needs the identifier `__dirname`, spelled out or with a `\u` escape in it.
  const mayGlobDirname = text.includes('__dirname') || text.includes('\\u');
  const pending: ts.Node[] = [source];
  const pendingOptional: boolean[] = [false];
  // The guarded children of the node being visited (see guardedChildren); none when it is optional already.
  let guarded: ts.Node[] | undefined;
  // Pushed in source order, then that stretch of the stack is reversed: no array per node.
  const push = (child: ts.Node): undefined => {
    // A token other than an identifier (a literal, a keyword, punctuation) has no children, and
    // no case below reads it: visiting it would do nothing.
    if (child.kind < Kind.FirstNode && child.kind !== Kind.Identifier) return undefined;
    pending.push(child);
    pendingOptional.push(optional || (guarded !== undefined && guarded.includes(child)));
    return undefined;
  };
  const visit = (node: ts.Node): void => {
    switch (node.kind) {
      case Kind.ImportDeclaration: {
        const decl = node as ts.ImportDeclaration;
        const typeOnly = isTypeOnlyImport(decl, settings);
        add(decl.moduleSpecifier, 'import', { bindings: bindingsOf(decl), ...(typeOnly && { typeOnly }) });
        return;
      }
      case Kind.ExportDeclaration: {
        const decl = node as ts.ExportDeclaration;
        if (decl.moduleSpecifier) add(decl.moduleSpecifier, 'export', isTypeOnlyExport(decl, settings) ? { typeOnly: true } : {});
        // `export { a }` of an imported value re-exports it: a value use that keeps the import.
        else if (!decl.isTypeOnly && decl.exportClause && ts.isNamedExports(decl.exportClause)) {
          for (const e of decl.exportClause.elements) if (!e.isTypeOnly) valueNames.add((e.propertyName ?? e.name).text);
        }
        return;
      }
      case Kind.ImportEqualsDeclaration: {
        const decl = node as ts.ImportEqualsDeclaration;
        if (ts.isExternalModuleReference(decl.moduleReference)) {
          add(decl.moduleReference.expression, 'require', decl.isTypeOnly ? { typeOnly: true } : { bindings: [decl.name.text] });
        } else if (!decl.isTypeOnly) {
          // `import B = A.B`: an alias of an imported namespace (a value use of A, unless B is used only as a type; kept).
          let name: ts.EntityName = decl.moduleReference;
          while (ts.isQualifiedName(name)) name = name.left;
          valueNames.add(name.text);
        }
        return;
      }
      case Kind.JsxElement:
      case Kind.JsxSelfClosingElement:
      case Kind.JsxFragment:
        firstJsx ??= node;
        break;
      case Kind.ClassDeclaration:
      case Kind.ClassExpression:
        if (settings.emitDecoratorMetadata && isTs) collectMetadataNames(node as ts.ClassLikeDeclaration, metadataNames);
        break;
      case Kind.NewExpression: {
        // new URL('./worker.js', import.meta.url): webpack and Vite ship the file it names.
        const expr = node as ts.NewExpression;
        if (ts.isIdentifier(expr.expression) && expr.expression.text === 'URL' && expr.arguments?.length === 2 && isImportMetaUrl(expr.arguments[1])) {
          const arg = expr.arguments[0];
          const literal = literalText(arg);
          if (literal === undefined) add(arg, 'dynamic-import');
          else if (literal.startsWith('./') || literal.startsWith('../')) add(arg, 'dynamic-import', { origin: 'new URL' });
        }
        break;
      }
      case Kind.Identifier:
        valueNames.add((node as ts.Identifier).text);
        return;
      case Kind.InterfaceDeclaration:
      case Kind.TypeAliasDeclaration:
        return; // types only
      case Kind.ModuleDeclaration:
        // `declare module 'x' { ... }` and namespaces with `declare`: types only.
        if (ts.getCombinedModifierFlags(node as ts.Declaration) & ts.ModifierFlags.Ambient) return;
        break;
      case Kind.BinaryExpression:
        // `__dirname + '/migrations/**/*{.ts,.js}'` (TypeORM's entities/migrations): files loaded by a glob at run time.
        if (mayGlobDirname && isDirnameGlob(node, source, sums))
          dynamic.push({ expression: `${shorten(node.getText(source))} (a glob of files loaded at run time: add them with include)`, ...at(node) });
        break;
      case Kind.CallExpression: {
        const call = node as ts.CallExpression;
        if (mayGlobDirname && isDirnameGlob(call, source, sums))
          dynamic.push({ expression: `${shorten(call.getText(source))} (a glob of files loaded at run time: add them with include)`, ...at(call) });
        if (call.expression.kind === Kind.ImportKeyword) {
          if (call.arguments.length) add(call.arguments[0], 'dynamic-import');
        } else if (isRequireCall(call, requires)) {
          add(call.arguments[0], 'require');
        } else if (isImportMetaGlob(call)) {
          const glob = globOf(call);
          if (glob) globs.push({ origin: 'import.meta.glob', ...at(call), ...glob, ...(optional && { optional }) });
          else if (call.arguments.length) dynamic.push({ expression: shorten(call.getText(source)), ...at(call) });
        } else if (isRequireContext(call, requires)) {
          const context = requireContextOf(call);
          if (context) globs.push({ origin: 'require.context', ...at(call), kind: 'require', context, ...(optional && { optional }) });
          else dynamic.push({ expression: shorten(call.getText(source)), ...at(call) });
        }
        break;
      }
    }
    // Names inside type annotations are not run-time uses (`typeof x` in a type is erased too).
    if (isTypeNode(node) && node.kind !== Kind.ExpressionWithTypeArguments) return;
    // Only the guarded parts: a try block (not its catch), the branches of a run-time check (not the test).
    guarded = optional ? undefined : guardedChildren(node, source);
    const start = pending.length;
    forEachChild(node, push);
    reverseFrom(pending, start);
    reverseFrom(pendingOptional, start);
  };
  while (pending.length) {
    optional = pendingOptional.pop()!;
    visit(pending.pop()!);
  }

  // The automatic JSX runtime: the compiler adds `import { jsx } from '<source>/jsx-runtime'` to a file with JSX.
  // The classic runtime calls the factory instead (React.createElement): the import of React is a value use.
  if (firstJsx) {
    const pragma = jsxPragmas(text);
    const runtime =
      pragma.runtime === 'classic' || pragma.factory
        ? undefined
        : (settings.jsxRuntime ?? (pragma.importSource || pragma.runtime === 'automatic' ? 'jsx-runtime' : undefined));
    if (runtime)
      imports.push({
        specifier: `${pragma.importSource ?? settings.jsxImportSource ?? 'react'}/${runtime}`,
        kind: 'import',
        ...at(firstJsx),
        origin: 'jsx-runtime',
      });
    else {
      for (const factory of [pragma.factory ?? settings.jsxFactory ?? 'React', pragma.fragment ?? settings.jsxFragmentFactory ?? 'React'])
        valueNames.add(factory.split('.')[0]);
    }
  }
  // tsc, esbuild and swc drop an import whose bindings are all unused as values (only used as
  // types, or not at all) unless verbatimModuleSyntax/preserveValueImports keeps imports as written.
  if (isTs && !settings.verbatimModuleSyntax) {
    for (const imp of imports) {
      if (imp.typeOnly || !imp.bindings?.length) continue;
      if (imp.bindings.some((b) => valueNames.has(b))) continue;
      const meta = imp.bindings.filter((b) => metadataNames.has(b));
      if (meta.length) imp.metadataOnly = meta;
      else imp.typeOnly = true;
    }
  }

  const diagnostics = (source as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  const first = diagnostics[0];
  const parseError = first
    ? {
        ...lineCol(source, first.start),
        message: withoutFinalPeriod(ts.flattenDiagnosticMessageText(first.messageText, ' ')),
      }
    : undefined;
  if (parseError) return { imports, globs, valueNames, dynamic, parseError };
  if (bomBeforeHashbang && ext !== '.mjs' && ext !== '.mts' && !hasModuleSyntax(source)) {
    return {
      imports,
      globs,
      valueNames,
      dynamic,
      parseError: {
        line: 1,
        column: 1,
        message:
          "a UTF-8 byte order mark before the '#!' line: Node's CommonJS loader rejects it (SyntaxError: Invalid or unexpected token; ES modules accept it). Save the file without the BOM",
      },
    };
  }
  const checked = validateJavaScript(ext, text, source);
  return checked === SKIPPED
    ? {
        imports,
        globs,
        valueNames,
        dynamic,
        syntaxCheckSkipped:
          'it nests deeper than the JavaScript syntax check (Babel) can follow; its imports were read, but Node-only syntax errors were not checked',
      }
    : { imports, globs, valueNames, dynamic, parseError: checked };
}

const TOO_DEEP =
  'nested too deeply for the parser (it ran out of stack), so its imports cannot be read; flatten the deepest expression, or lower the rule with --rule unparseable=warn if Node loads it';
const SKIPPED = Symbol('skipped');

/** Reverses `items[start..]` in place: children pushed in source order come off the stack in source order. */
function reverseFrom<T>(items: T[], start: number): void {
  for (let i = start, j = items.length - 1; i < j; i++, j--) {
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
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
function validateJavaScript(ext: string, text: string, source: ts.SourceFile): ScanResult['parseError'] | typeof SKIPPED {
  if (!['.js', '.jsx', '.mjs', '.cjs', ''].includes(ext)) return undefined;
  // Looked for only here and for a BOM before `#!`: a TypeScript file needs neither.
  const isModule = ext === '.mjs' || (ext !== '.cjs' && hasModuleSyntax(source));
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
      (ts.canHaveModifiers(st) && !!ts.getModifiers(st)?.some((m) => m.kind === Kind.ExportKeyword)),
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
    return { imports: [], globs: [], valueNames: new Set(), dynamic: [] };
  } catch (e) {
    // Node 20's message has no position; TypeScript's JSON parser gives one.
    const source = ts.parseJsonText('file.json', text);
    const first = (source as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics?.[0];
    const position = /at position (\d+)/.exec((e as Error).message);
    const at = first ? lineCol(source, first.start) : lineCol(source, position ? Number(position[1]) : 0);
    const message = first ? ts.flattenDiagnosticMessageText(first.messageText, ' ') : (e as Error).message.split('\n')[0];
    return {
      imports: [],
      globs: [],
      valueNames: new Set(),
      dynamic: [],
      parseError: { ...at, message: `invalid JSON: ${message.replace(/\s+/g, ' ').slice(0, 160)}` },
    };
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
  // One push per child: spreading a 130,000-element array literal's children as call arguments
  // overflows the stack (arguments live on it), the same as deep recursion would.
  const push = (child: ts.Node): undefined => {
    pending.push(child);
    return undefined;
  };
  while (pending.length) {
    const node = pending.pop()!;
    if (ts.isImportSpecifier(node) && (node.propertyName ?? node.name).text === 'createRequire') creators.add(node.name.text);
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isCallExpression(node.initializer)) {
      if (isCreateRequireCall(node.initializer, creators)) names.add(node.name.text);
    }
    const start = pending.length;
    forEachChild(node, push);
    reverseFrom(pending, start);
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

// ---- guards: imports the program survives without ----

const RUNTIME_CHECK =
  /\btypeof\s+(window|document|self|navigator|Deno|Bun|process|require|module|globalThis|importScripts)\b|\bprocess\.(env\b|platform\b|versions?\b|arch\b)|\bimport\.meta\.env\b/;

/**
 * The children of `node` that run only when guarded: a try block whose catch handles failure, the
 * branches of a run-time check. undefined when there are none (nearly every node: no array made).
 */
function guardedChildren(node: ts.Node, source: ts.SourceFile): ts.Node[] | undefined {
  switch (node.kind) {
    case Kind.CallExpression: {
      // import('x').catch(...) / import('x').then(ok, failed): the rejection is handled.
      const call = node as ts.CallExpression;
      const callee = call.expression;
      if (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'catch' || (callee.name.text === 'then' && call.arguments.length === 2)))
        return [callee];
      return undefined;
    }
    case Kind.TryStatement: {
      // A catch that rethrows or exits (as its own statement, not in a branch) does not handle the failure.
      const st = node as ts.TryStatement;
      const handler = st.catchClause?.block.statements ?? [];
      const fails = handler.some((h) => ts.isThrowStatement(h) || (ts.isExpressionStatement(h) && /^process\.exit\b/.test(h.expression.getText(source))));
      return st.catchClause && !fails ? [st.tryBlock] : undefined;
    }
    case Kind.IfStatement: {
      const st = node as ts.IfStatement;
      if (!RUNTIME_CHECK.test(st.expression.getText(source))) return undefined;
      return st.elseStatement ? [st.thenStatement, st.elseStatement] : [st.thenStatement];
    }
    case Kind.ConditionalExpression: {
      const expr = node as ts.ConditionalExpression;
      return RUNTIME_CHECK.test(expr.condition.getText(source)) ? [expr.whenTrue, expr.whenFalse] : undefined;
    }
    case Kind.BinaryExpression: {
      const expr = node as ts.BinaryExpression;
      const op = expr.operatorToken.kind;
      if ((op === Kind.AmpersandAmpersandToken || op === Kind.BarBarToken) && RUNTIME_CHECK.test(expr.left.getText(source))) return [expr.right];
      return undefined;
    }
  }
  return undefined;
}

// ---- imports the compiler or the bundler adds ----

/** `@jsxImportSource x` and `@jsxRuntime classic|automatic` in the file's leading comments (as TypeScript reads them). */
function jsxPragmas(text: string): { importSource?: string; runtime?: string; factory?: string; fragment?: string } {
  const out: { importSource?: string; runtime?: string; factory?: string; fragment?: string } = {};
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const shebang = text.startsWith('#!', start) ? text.indexOf('\n', start) : start;
  for (const range of ts.getLeadingCommentRanges(text, Math.max(shebang, start)) ?? []) {
    const comment = text.slice(range.pos, range.end);
    out.importSource ??= /@jsxImportSource\s+(\S+?)(?:\s|\*\/|$)/.exec(comment)?.[1];
    out.runtime ??= /@jsxRuntime\s+(classic|automatic)\b/.exec(comment)?.[1];
    out.factory ??= /@jsx\s+([\w$.]+)/.exec(comment)?.[1];
    out.fragment ??= /@jsxFrag\s+([\w$.]+)/.exec(comment)?.[1];
  }
  return out;
}

/**
 * Names emitDecoratorMetadata emits as values: the types of a decorated class's constructor
 * parameters, and of decorated members' parameters, return types and property types.
 */
function collectMetadataNames(cls: ts.ClassLikeDeclaration, names: Set<string>): void {
  const decorated = (n: ts.Node) => ts.canHaveDecorators(n) && !!ts.getDecorators(n)?.length;
  const addType = (t: ts.TypeNode | undefined) => {
    if (!t) return;
    const stack: ts.Node[] = [t];
    while (stack.length) {
      const n = stack.pop()!;
      if (ts.isTypeReferenceNode(n)) {
        let name: ts.EntityName = n.typeName;
        while (ts.isQualifiedName(name)) name = name.left;
        names.add(name.text);
        continue; // type arguments are not serialized
      }
      ts.forEachChild(n, (c) => {
        stack.push(c);
      });
    }
  };
  const classDecorated = decorated(cls);
  for (const member of cls.members) {
    const params = ts.isConstructorDeclaration(member) || ts.isMethodDeclaration(member) || ts.isSetAccessorDeclaration(member) ? member.parameters : undefined;
    const memberDecorated = decorated(member) || !!params?.some(decorated);
    if (ts.isConstructorDeclaration(member)) {
      if (classDecorated || memberDecorated) for (const p of member.parameters) addType(p.type);
      continue;
    }
    if (!memberDecorated) continue;
    if (ts.isPropertyDeclaration(member)) addType(member.type);
    if (ts.isMethodDeclaration(member) || ts.isGetAccessorDeclaration(member)) addType(member.type);
    for (const p of params ?? []) addType(p.type);
  }
}

function isImportMetaUrl(node: ts.Expression): boolean {
  return (
    ts.isPropertyAccessExpression(node) && node.name.text === 'url' && ts.isMetaProperty(node.expression) && node.expression.keywordToken === Kind.ImportKeyword
  );
}

function isImportMetaGlob(call: ts.CallExpression): boolean {
  const c = call.expression;
  return (
    ts.isPropertyAccessExpression(c) &&
    (c.name.text === 'glob' || c.name.text === 'globEager') &&
    ts.isMetaProperty(c.expression) &&
    c.expression.keywordToken === Kind.ImportKeyword
  );
}

/** The literal patterns of `import.meta.glob('./a/*.ts' | ['./a/*.ts', '!./a/x.ts'], { eager })`, or undefined when not literal. */
function globOf(call: ts.CallExpression): Pick<ScannedGlob, 'patterns' | 'kind'> | undefined {
  const [first, opts] = call.arguments;
  if (!first) return undefined;
  const patterns = ts.isArrayLiteralExpression(first) ? first.elements.map((e) => literalText(e as ts.Expression)) : [literalText(first)];
  if (!patterns.length || patterns.some((p) => p === undefined)) return undefined;
  const eager =
    (call.expression as ts.PropertyAccessExpression).name.text === 'globEager' ||
    (!!opts &&
      ts.isObjectLiteralExpression(opts) &&
      opts.properties.some(
        (p) =>
          ts.isPropertyAssignment(p) &&
          (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) &&
          p.name.text === 'eager' &&
          p.initializer.kind === Kind.TrueKeyword,
      ));
  return { patterns: patterns as string[], kind: eager ? 'import' : 'dynamic-import' };
}

function isRequireContext(call: ts.CallExpression, names: RequireNames): boolean {
  const c = call.expression;
  return ts.isPropertyAccessExpression(c) && c.name.text === 'context' && ts.isIdentifier(c.expression) && names.requires.has(c.expression.text);
}

/** `require.context('./dir', recursive = true, /regex/ = /^\.\/.*$/)` with literal arguments, else undefined. */
function requireContextOf(call: ts.CallExpression): ScannedGlob['context'] {
  const [dirArg, deepArg, regexArg] = call.arguments;
  const dir = dirArg && literalText(dirArg);
  if (dir === undefined) return undefined;
  let recursive = true;
  if (deepArg) {
    if (deepArg.kind === Kind.FalseKeyword) recursive = false;
    else if (deepArg.kind !== Kind.TrueKeyword) return undefined;
  }
  let regex = '^\\.\\/.*$';
  let flags = '';
  if (regexArg) {
    if (!ts.isRegularExpressionLiteral(regexArg)) return undefined;
    const m = /^\/(.*)\/([a-z]*)$/s.exec(regexArg.text);
    if (!m) return undefined;
    [regex, flags] = [m[1], m[2].replace(/[gy]/g, '')];
  }
  return { dir, recursive, regex, flags };
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 80 ? oneLine.slice(0, 77) + '...' : oneLine;
}

/**
 * A path built from `__dirname` with a glob in it: `__dirname + '/x/**\/*.js'` (the outermost `+`)
 * or `join(__dirname, '**', '*.entity.{ts,js}')` / `path.resolve(...)`. ORMs (TypeORM, Sequelize)
 * load every file such a pattern matches, so no import names them.
 */
function isDirnameGlob(node: ts.Node, source: ts.SourceFile, inner: WeakSet<ts.Node>): boolean {
  let parts: readonly ts.Expression[];
  if (ts.isBinaryExpression(node)) {
    if (node.operatorToken.kind !== Kind.PlusToken) return false;
    // Only the outermost sum (visited first): `a + b + c` is reported once.
    if (inner.has(node)) return false;
    // Iterative: a generated file may chain 100,000 terms.
    const flat: ts.Expression[] = [];
    const stack: ts.Expression[] = [node];
    while (stack.length) {
      const e = stack.pop()!;
      if (ts.isBinaryExpression(e) && e.operatorToken.kind === Kind.PlusToken) {
        if (e !== node) inner.add(e);
        stack.push(e.right, e.left);
      } else flat.push(e);
    }
    parts = flat;
  } else if (ts.isCallExpression(node)) {
    const callee = node.expression;
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    if (name !== 'join' && name !== 'resolve') return false;
    parts = node.arguments;
  } else return false;
  const dirname = parts.some((p) => ts.isIdentifier(p) && p.text === '__dirname');
  const glob = parts.some((p) => {
    const text = ts.isStringLiteralLike(p) ? p.text : ts.isTemplateExpression(p) ? p.getText(source) : undefined;
    return text !== undefined && (/[*?]/.test(text) || /\{[^}]*,[^}]*\}/.test(text));
  });
  return dirname && glob;
}
