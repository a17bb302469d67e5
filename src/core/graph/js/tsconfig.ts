// Reads tsconfig once (with `extends`) into the few settings resolution needs. madge loses
// module/moduleResolution and the tsconfig location when given a path (docs/dependencies.md), and the
// answer then changes with the working directory; everything here is absolute instead.
import fs from 'node:fs';
import path from 'node:path';
import type TS from 'typescript';
import { manifestProblemText, readProjectManifest } from '../../read-manifest.js';
import { isStackOverflow } from '../../errors.js';
import { workspaceMembers } from '../../workspace.js';
import { UsageError } from '../../types.js';
import { isInside as isUnder } from '../../paths.js';
import { inferRootDir, quickSettings } from './tsconfig-quick.js';

let typescriptModule: typeof TS | undefined;

/**
 * Thrown by a synchronous reader that needs TypeScript before it is loaded (a tsconfig the quick
 * reader does not take): the caller loads it and asks again, see {@link withTypeScript}.
 */
export class TypeScriptNeeded extends Error {
  constructor() {
    super('reading this tsconfig needs TypeScript, which is not loaded yet');
  }
}

/** Loads TypeScript (3.5 MB of JavaScript) for the configs the quick reader leaves to it. Idempotent. */
export async function loadTypeScript(): Promise<void> {
  typescriptModule ??= (await import('typescript')).default;
}

/** `read()`, again after loading TypeScript when it threw {@link TypeScriptNeeded}; other errors pass through. */
export async function withTypeScript<T>(read: () => T): Promise<T> {
  try {
    return read();
  } catch (e) {
    if (!(e instanceof TypeScriptNeeded)) throw e;
  }
  await loadTypeScript();
  return read();
}

function typescript(): typeof TS {
  if (!typescriptModule) throw new TypeScriptNeeded();
  return typescriptModule;
}

export interface TsSettings {
  /** Absolute path of the tsconfig file. */
  file: string;
  /** Absolute paths of the files it extends (nearest first), as TypeScript read them. */
  extendsChain?: string[];
  /** Absolute baseUrl, when set. */
  baseUrl?: string;
  paths?: Record<string, string[]>;
  /** Folder the `paths` targets are relative to: baseUrl, else the folder of the tsconfig that set `paths`. */
  pathsBase?: string;
  outDir?: string;
  /**
   * Absolute rootDir: as set, else inferred as tsc does (the longest common folder of the
   * non-declaration input files). Inferring it lists the config's files: done on first read only.
   */
  readonly rootDir?: string;
  /** Whether rootDir was set in the config (false: inferred). */
  rootDirSet: boolean;
  verbatimModuleSyntax: boolean;
  /** `preserveValueImports` (TypeScript 4.5-5.4): imports of values are kept even when unused. */
  preserveValueImports: boolean;
  /** `emitDecoratorMetadata` with decorators: names in decorated signatures' types are emitted as values. */
  emitDecoratorMetadata: boolean;
  /** The emitted module format: 'commonjs' (require), 'esm', or 'node' (per file, by extension and package.json "type"). */
  moduleFormat: 'commonjs' | 'esm' | 'node';
  /** `jsx: react-jsx` / `react-jsxdev` (the automatic runtime the compiler imports), else undefined. */
  jsxRuntime?: 'jsx-runtime' | 'jsx-dev-runtime';
  /** `jsxImportSource`, default 'react'. */
  jsxImportSource: string;
  /** Classic runtime factories, when set. */
  jsxFactory?: string;
  jsxFragmentFactory?: string;
  /** `allowJs`. */
  allowJs: boolean;
  /**
   * Absolute paths of the files the config includes (`files`/`include`/`exclude`, as tsc lists
   * them). Listed on first read only: walking the project costs more than reading the config, and
   * only a solution-style config's ownership and an inferred rootDir need it.
   */
  readonly fileNames: string[];
  /** Absolute paths of the tsconfig files its `references` name (solution-style configs). */
  references: string[];
  /** What could not be read but does not stop the run (an `extends` of a package not installed). */
  notices: string[];
}

/**
 * Load the tsconfig named by the user (relative to the root), or `tsconfig.json` (else
 * `jsconfig.json`) at the root when present. A named file that is missing or broken is bad input (exit 2).
 */
export function loadTsSettings(root: string, given: string | undefined): TsSettings | undefined {
  // JavaScript projects keep their aliases in jsconfig.json, which has the same shape.
  const file = given ? path.resolve(root, given) : ['tsconfig.json', 'jsconfig.json'].map((f) => path.join(root, f)).find((f) => fs.existsSync(f));
  if (!file || !fs.existsSync(file)) {
    if (given)
      throw new UsageError(
        `tsconfig '${given}' does not exist under ${root}. Fix the path, or leave it out to use tsconfig.json (or jsconfig.json) when present.`,
      );
    return undefined;
  }
  const rel = path.relative(root, file) || path.basename(file);
  // TypeScript would block forever reading a named pipe: only a regular file is a tsconfig.
  if (!fs.statSync(file).isFile()) {
    throw new UsageError(`${rel}: is not a regular file (a folder, pipe or device). Replace it with a tsconfig file, or pass another with --tsconfig.`);
  }
  // The project's own tsconfig.json is the pull request's: a link out of the root, or one over
  // 10 MB, is refused unread. A file the user names with --tsconfig may live anywhere.
  const guard = given ? path.parse(file).root : root;
  const top = readProjectManifest(guard, file);
  if (!top.ok) throw new UsageError(manifestProblemText(top, 'Replace it with a tsconfig file inside the root, or pass another with --tsconfig.'));
  // Most configs are read without TypeScript; the rest (and the file list, when asked for) by TypeScript.
  let listed: string[] | undefined;
  const listFiles = () => (listed ??= typescriptSettings(root, file, rel).fileNames);
  return quickSettings(root, file, listFiles) ?? typescriptSettings(root, file, rel);
}

/**
 * The settings of `file` as TypeScript's own config parser reads them: for every config the quick
 * reader does not take (an `extends` of a package, `references`, anything TypeScript reports).
 * Throws {@link TypeScriptNeeded} when TypeScript is not loaded, UsageError for a broken config.
 */
export function typescriptSettings(root: string, file: string, rel: string): TsSettings {
  const ts = typescript();
  const problems: TS.Diagnostic[] = [];
  const refused: Extract<ReturnType<typeof readProjectManifest>, { ok: false }>[] = [];
  // A tsconfig inside the root is the pull request's: its `extends` may not reach out of the root
  // (`"extends": "/home/runner/other/base.json"`), or a file of the machine would steer
  // resolution. Such a base is treated as absent (TypeScript then says "not found"), and a
  // notice says its settings were not applied.
  const confined = isUnder(root, file);
  const outside = new Set<string>();
  const allowed = (f: string): boolean => {
    if (!confined || isUnder(root, f)) return true;
    outside.add(path.resolve(f));
    return false;
  };
  // `extends: "@acme/tsconfig/base.json"` of a workspace member: after an install TypeScript finds
  // it through the node_modules link to the member's folder; before one, read the folder directly.
  let members: Map<string, string> | undefined;
  const viaMember = (f: string): string => {
    if (!f.includes('node_modules') || fs.existsSync(f)) return f;
    const m = /[\\/]node_modules[\\/](@[^\\/]+[\\/][^\\/]+|[^@\\/][^\\/]*)(?:[\\/](.*))?$/.exec(f);
    if (!m || m[2]?.includes('node_modules')) return f;
    members ??= workspaceMembers(root);
    const dir = members.get(m[1].split(path.sep).join('/'));
    return dir ? path.join(root, dir, m[2] ?? '') : f;
  };
  const host: TS.ParseConfigFileHost = {
    ...ts.sys,
    fileExists: (f) => {
      const mapped = viaMember(f);
      return allowed(mapped) && ts.sys.fileExists(mapped);
    },
    // TypeScript takes the real path of what `extends` resolves to: relative settings are from the member's folder.
    realpath: (f) => {
      const mapped = viaMember(f);
      return mapped !== f ? mapped : ts.sys.realpath ? ts.sys.realpath(f) : f;
    },
    directoryExists: (d) => {
      if (ts.sys.directoryExists!(viaMember(d))) return true;
      // TypeScript looks for node_modules (and node_modules/@scope) before the package inside it.
      const m = /[\\/]node_modules(?:[\\/](@[^\\/]+))?[\\/]?$/.exec(d);
      if (!m || !isUnder(root, d)) return false;
      members ??= workspaceMembers(root);
      return [...members.keys()].some((name) => !m[1] || name.startsWith(m[1] + '/'));
    },
    // Every file `extends` reaches goes through the same reader (regular file, size cap; inside
    // the root when it is under the root): TypeScript then reports a refused one as unreadable.
    readFile: (name) => {
      const f = viaMember(name);
      if (!allowed(f)) return undefined;
      const read = readProjectManifest(isUnder(root, f) ? root : path.parse(f).root, f);
      if (read.ok) return read.text;
      if (read.kind !== 'missing') refused.push(read);
      return undefined;
    },
    onUnRecoverableConfigFileDiagnostic: (d) => problems.push(d),
  };
  let parsed: TS.ParsedCommandLine | undefined;
  try {
    // No folder listing here: `include` is expanded only when the file list is asked for (below).
    parsed = ts.getParsedCommandLineOfConfigFile(file, {}, { ...host, readDirectory: () => [] });
  } catch (e) {
    // TypeScript's JSON parser is recursive: a value nested thousands deep overflows its stack.
    if (isStackOverflow(e))
      throw new UsageError(
        `${rel}: nested deeper than TypeScript's parser can follow. Flatten the deeply nested value, or pass another tsconfig with --tsconfig.`,
      );
    throw e;
  }
  if (refused.length)
    throw new UsageError(
      manifestProblemText(refused[0], `${rel} extends it: point "extends" at a regular file inside the root, or pass another tsconfig with --tsconfig.`),
    );
  // TypeScript reads broken JSON leniently; its syntax errors sit on each file read.
  const configFile = parsed?.options.configFile as TS.TsConfigSourceFile | undefined;
  const files = [file, ...(configFile?.extendedSourceFiles ?? []).map(viaMember)];
  const syntax = files.flatMap((f) => jsonSyntaxErrors(f));
  const all = [...syntax, ...problems, ...(parsed?.errors ?? [])];
  // `extends: "@tsconfig/node20/tsconfig.json"` needs node_modules, which a check must not:
  // say what was left out and go on with the settings that were read.
  // A base refused for lying outside the root reads as missing ("not found" or "cannot read"):
  // a notice, like a package that is not installed, not a broken tsconfig.
  const outsideOf = (d: TS.Diagnostic): string | undefined => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, ' ');
    return [...outside].find((f) => text.includes(f) || text.includes(f.split(path.sep).join('/')));
  };
  const missingPackages = all.filter((d) => d.code === 6053 || outsideOf(d));
  const fatal = all.filter((d) => !missingPackages.includes(d)).find(isConfigError);
  if (!parsed || fatal) throw new UsageError(describe(fatal, root, rel));

  const o = parsed.options;
  if (o.paths) checkPaths(o.paths, files, root);
  const pathsBase = (o as { pathsBasePath?: string }).pathsBasePath;
  let fileNames: string[] | undefined;
  let rootDir: string | undefined;
  const listFiles = (): string[] =>
    (fileNames ??= (ts.getParsedCommandLineOfConfigFile(file, {}, host)?.fileNames ?? parsed.fileNames).map((f) => path.resolve(f)));
  return {
    file,
    extendsChain: (configFile?.extendedSourceFiles ?? []).map((f) => path.resolve(f)),
    baseUrl: o.baseUrl ? path.resolve(o.baseUrl) : undefined,
    paths: o.paths,
    pathsBase: o.baseUrl ? path.resolve(o.baseUrl) : pathsBase ? path.resolve(pathsBase) : path.dirname(file),
    outDir: o.outDir ? path.resolve(o.outDir) : undefined,
    get rootDir() {
      return (rootDir ??= o.rootDir ? path.resolve(o.rootDir) : inferRootDir(listFiles(), o, file));
    },
    rootDirSet: !!o.rootDir,
    // importsNotUsedAsValues preserve|error (before TypeScript 5.5) keeps the module load of an import like verbatimModuleSyntax.
    verbatimModuleSyntax:
      !!o.verbatimModuleSyntax ||
      o.importsNotUsedAsValues === ts.ImportsNotUsedAsValues.Preserve ||
      o.importsNotUsedAsValues === ts.ImportsNotUsedAsValues.Error,
    preserveValueImports: !!(o as { preserveValueImports?: boolean }).preserveValueImports,
    emitDecoratorMetadata: !!o.emitDecoratorMetadata && !!o.experimentalDecorators,
    moduleFormat: moduleFormatOf(o),
    jsxRuntime: o.jsx === ts.JsxEmit.ReactJSX ? 'jsx-runtime' : o.jsx === ts.JsxEmit.ReactJSXDev ? 'jsx-dev-runtime' : undefined,
    jsxImportSource: o.jsxImportSource || 'react',
    jsxFactory: o.jsxFactory,
    jsxFragmentFactory: o.jsxFragmentFactory,
    allowJs: !!o.allowJs,
    get fileNames() {
      return listFiles();
    },
    references: (parsed.projectReferences ?? []).map((r) => resolveReference(r.path)),
    notices: missingPackages.map((d) => {
      const text = ts.flattenDiagnosticMessageText(d.messageText, ' ');
      const out = outsideOf(d);
      return out
        ? `${rel}: "extends" reaches ${out}, outside the root ${root}; shipset reads only files inside the root, so its settings were not applied. Move the base config inside the root, or run with the root (--root / working-directory) on the folder that holds both.`
        : `${rel}: ${text} (an 'extends' of a package that is not installed); its settings were not applied. Install dependencies first if it sets paths or baseUrl.`;
    }),
  };
}

/**
 * The tsconfig of each file. With --tsconfig, that one config for all files. Otherwise each file
 * uses the nearest tsconfig.json (else jsconfig.json) above it inside the root, as editors, `tsc -p
 * <app>` and tsx run from the app's folder do: in a monorepo checked from its root, apps/web's own
 * `paths` apply to apps/web's files. When the nearest config is the root's and it is solution-style
 * (`"files": []` plus `references`, the Vite and Angular default), the referenced config that
 * includes the file owns it, as `tsc -b` does.
 */
export interface TsProject {
  /** The config named by --tsconfig, or the root tsconfig.json / jsconfig.json, when there is one. */
  main?: TsSettings;
  /** The config that owns `abs` (an absolute file path); undefined when no config applies. */
  forFile(abs: string): TsSettings | undefined;
  /** What could not be read; grows while nested configs are loaded (read it after the build). */
  notices: string[];
}

const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];

/**
 * Load the project's tsconfig files: the one given (forced for every file), else the root
 * tsconfig.json and, when it is solution-style, the configs its `references` name (recursively);
 * configs of sub-folders are read when a file under them is first asked about.
 */
export function loadTsProject(root: string, given: string | undefined): TsProject | undefined {
  const main = loadTsSettings(root, given);
  if (given) return main && { main, forFile: () => main, notices: [...main.notices] };
  const notices = main ? [...main.notices] : [];
  // Each config with `references` hands its files to the referenced config that lists them.
  const owners = new Map<TsSettings, (abs: string) => TsSettings | undefined>();
  const owned = (config: TsSettings, abs: string): TsSettings => {
    let owner = owners.get(config);
    if (!owner) owners.set(config, (owner = referencedOwnership(root, config, notices)));
    return owner(abs) ?? config;
  };
  // Nearest config per folder (cached): a sub-folder's config, or null for "the root's".
  const nearest = new Map<string, TsSettings | null>();
  const configIn = (dir: string): TsSettings | null => {
    const cached = nearest.get(dir);
    if (cached !== undefined) return cached;
    let found: TsSettings | null = null;
    if (dir !== root && isUnder(root, dir)) {
      const file = CONFIG_NAMES.map((f) => path.join(dir, f)).find((f) => fs.statSync(f, { throwIfNoEntry: false })?.isFile());
      if (file) {
        const rel = path.relative(root, file);
        try {
          found = loadTsSettings(root, rel) ?? null;
          if (found) notices.push(...found.notices);
        } catch (e) {
          if (!(e instanceof UsageError)) throw e;
          notices.push(`${rel} was not applied to the files under ${path.relative(root, dir)}: ${e.message}`);
        }
      }
      if (!found) found = configIn(path.dirname(dir));
    }
    nearest.set(dir, found);
    return found;
  };
  // Asked for every import of every file: each file's answer is worked out once.
  const byFile = new Map<string, TsSettings | undefined>();
  const forFile = (abs: string): TsSettings | undefined => {
    if (byFile.has(abs)) return byFile.get(abs);
    const rel = relativeBelow(root, abs);
    // Installed packages are not the project's sources: their own configs never apply.
    const inside = rel !== undefined && !(rel.includes('node_modules') && rel.split(path.sep).includes('node_modules'));
    const config = (inside ? configIn(path.dirname(abs)) : null) ?? main;
    const answer = config && owned(config, abs);
    byFile.set(abs, answer);
    return answer;
  };
  return { main, forFile, notices };
}

/** The segments `.` and `..`, or an empty one: a path holding none is already normalized. */
const UNNORMALIZED = /(^|\/)\.{1,2}(\/|$)|\/\//;

/**
 * `abs` relative to `root` (platform separators; '' for the root itself), or undefined when it is
 * not lexically inside, as {@link isUnder} decides. Asked once per file of the project: a
 * normalized POSIX path under the root is answered by slicing, without path.resolve and path.relative.
 */
function relativeBelow(root: string, abs: string): string | undefined {
  if (path.sep === '/' && abs.startsWith(root + '/') && path.isAbsolute(root)) {
    const rel = abs.slice(root.length + 1);
    if (!UNNORMALIZED.test(rel) && !UNNORMALIZED.test(root)) return rel;
  }
  return isUnder(root, abs) ? path.relative(root, abs) : undefined;
}

/** For a solution-style config, the referenced config (or the config itself) that lists `abs`; else undefined. */
function referencedOwnership(root: string, main: TsSettings, notices: string[]): (abs: string) => TsSettings | undefined {
  if (!main.references.length) return () => undefined;
  // Depth first in `references` order, as tsc -b lists them; each config read once.
  const owners: TsSettings[] = [];
  const seen = new Set([main.file]);
  const visit = (config: TsSettings, depth: number) => {
    for (const ref of config.references) {
      if (seen.has(ref) || depth > 10) continue;
      seen.add(ref);
      const rel = path.relative(root, ref);
      if (!fs.existsSync(ref)) {
        notices.push(
          `${path.relative(root, config.file) || path.basename(config.file)} references ${rel}, which does not exist: files it would own use ${path.relative(root, main.file) || path.basename(main.file)} instead. Fix the reference.`,
        );
        continue;
      }
      let settings: TsSettings | undefined;
      try {
        settings = loadTsSettings(root, rel);
      } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        notices.push(`${rel} (referenced by ${path.relative(root, config.file) || path.basename(config.file)}) was not applied: ${e.message}`);
      }
      if (!settings) continue;
      notices.push(...settings.notices);
      owners.push(settings);
      visit(settings, depth + 1);
    }
  };
  visit(main, 0);
  // A root config that lists files itself owns them; the referenced configs own the rest.
  const byFile = new Map<string, TsSettings>();
  for (const owner of [main, ...owners]) for (const f of owner.fileNames) if (!byFile.has(f)) byFile.set(f, owner);
  return (abs) => byFile.get(abs);
}

/** A `references` path names a tsconfig file or a folder holding tsconfig.json. */
function resolveReference(p: string): string {
  const abs = path.resolve(p);
  return fs.statSync(abs, { throwIfNoEntry: false })?.isDirectory() ? path.join(abs, 'tsconfig.json') : abs;
}

/** How the compiler emits imports: CommonJS require, ES modules, or per file (node16/nodenext). */
function moduleFormatOf(o: TS.CompilerOptions): TsSettings['moduleFormat'] {
  const ts = typescript();
  const kind = o.module ?? (o.target === undefined || o.target < ts.ScriptTarget.ES2015 ? ts.ModuleKind.CommonJS : ts.ModuleKind.ES2015);
  if (kind === ts.ModuleKind.Node16 || kind === ts.ModuleKind.Node18 || kind === ts.ModuleKind.Node20 || kind === ts.ModuleKind.NodeNext) return 'node';
  if (kind === ts.ModuleKind.CommonJS || kind === ts.ModuleKind.AMD || kind === ts.ModuleKind.UMD) return 'commonjs';
  return 'esm';
}

/**
 * `paths` values that tsc rejects when it builds (TS5061, TS5063, TS5066) but the config parser
 * lets through: a string instead of an array would otherwise be read letter by letter.
 */
function checkPaths(paths: TS.MapLike<string[]>, files: string[], root: string): void {
  for (const [pattern, targets] of Object.entries(paths)) {
    const problem = !Array.isArray(targets)
      ? `must map to an array of paths, e.g. "${pattern}": [${JSON.stringify(targets)}]`
      : targets.length === 0
        ? 'maps to an empty array: give at least one path'
        : targets.some((t) => typeof t !== 'string')
          ? 'must map to path strings only'
          : (pattern.match(/\*/g)?.length ?? 0) > 1 || targets.some((t) => (t.match(/\*/g)?.length ?? 0) > 1)
            ? "may hold at most one '*' in the pattern and in each path"
            : undefined;
    if (!problem) continue;
    throw new UsageError(`${whereKey(files, pattern, root)}: invalid tsconfig: paths '${pattern}' ${problem}. Fix the file or pass another with --tsconfig.`);
  }
}

/** 'tsconfig.json:4' for the first file (the tsconfig, then what it extends) that spells the key. */
function whereKey(files: string[], key: string, root: string): string {
  const ts = typescript();
  for (const f of files) {
    const text = ts.sys.readFile(f) ?? '';
    const paths = text.indexOf('"paths"');
    const at = paths < 0 ? -1 : text.indexOf(JSON.stringify(key), paths);
    if (at >= 0) return `${path.relative(root, f) || path.basename(f)}:${text.slice(0, at).split('\n').length}`;
  }
  return path.relative(root, files[0]) || path.basename(files[0]);
}

function jsonSyntaxErrors(file: string): TS.Diagnostic[] {
  const ts = typescript();
  const text = ts.sys.readFile(file);
  if (text === undefined) return [];
  const source = ts.parseJsonText(file, text);
  return (source as unknown as { parseDiagnostics?: TS.Diagnostic[] }).parseDiagnostics ?? [];
}

// "No inputs were found" (18003) is about `include`, which shipset does not use.
function isConfigError(d: TS.Diagnostic): boolean {
  const ts = typescript();
  return d.category === ts.DiagnosticCategory.Error && d.code !== 18003;
}

function describe(d: TS.Diagnostic | undefined, root: string, rel: string): string {
  const ts = typescript();
  if (!d) return `${rel}: could not be read. Fix the file or pass another with --tsconfig.`;
  const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
  let where = rel;
  if (d.file && d.start !== undefined) {
    // The error may sit in a file reached through `extends`: name that one.
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    where = `${path.relative(root, d.file.fileName)}:${line + 1}:${character + 1}`;
  }
  return `${where}: invalid tsconfig: ${message.replace(/\.+$/, '')}. Fix the file (it must be valid JSON with comments) or pass another with --tsconfig.`;
}
