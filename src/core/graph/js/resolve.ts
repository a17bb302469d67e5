// Run-time resolution of one import specifier: which file will actually be loaded.
// Relative paths, directory index files, TypeScript's `.js`-written/`.ts`-on-disk style,
// tsconfig `paths`/`baseUrl` (from the tsconfig that owns the importing file), package.json
// `imports` (`#x`) and `exports` with the conditions of the format the file runs in, the
// package's own name (self-reference), workspace packages inside the root, native addons,
// bare packages and builtins.
// Every existing candidate that lost is kept, so `shadowed` can name it. Directory
// listings are cached, so each folder is read once per run whatever the fan-out.
// With the cache, a resolution is recorded with every file-system fact it read (see `record`),
// so the next run can reuse it after checking those facts alone (docs/cache.md).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeFsError } from '../../errors.js';
import { readProjectManifest } from '../../read-manifest.js';
import type { EdgeClass, ImportKind } from '../../types.js';
import { globSync } from 'tinyglobby';
import { languageOf } from '../language.js';
import { isValidPackageName, packageNameOf } from '../package-name.js';
import { RealPaths } from '../real-paths.js';
import { loadTsSettings, type TsProject, type TsSettings, TypeScriptNeeded } from './tsconfig.js';
import type { TsOnlyStep } from '../../runtime.js';
import { isInside, relativePath } from '../../paths.js';

export interface Resolution {
  class: EdgeClass;
  /** Absolute path of the file that runs (class 'file', 'unsupported', 'outside-root'). */
  file?: string;
  packageName?: string;
  /** Absolute paths of other existing files the specifier could have meant. */
  shadowed?: string[];
  /** Absolute real path outside the root (class 'outside-root'). */
  outsidePath?: string;
  /** Absolute path of the symlink inside the root that leads outside. */
  symlink?: string;
  reason?: string;
  /** Absolute path of the only match, a `.d.ts`: fine for imports of types, which compilers erase. */
  declarationOnly?: string;
  /** Workspace package name, when a bare specifier landed in a package folder inside the root. */
  workspace?: string;
  /** A Node builtin of this name competes with the local file (see ImportEdge.builtin). */
  builtin?: string;
  /** The TypeScript-only step this resolution needed (see ImportEdge.tsOnly). */
  tsOnly?: TsOnlyStep;
  /** The file was found by adding an extension or a folder's index to the path written. */
  probed?: boolean;
}

interface Candidates {
  found: string[];
  declaration?: string;
  /** The path the specifier names, before extensions were tried (to say what is there instead of a file). */
  base?: string;
  /** Found files that exist only through the `./a.js` -> `a.ts` mapping. */
  mapped?: Set<string>;
  /** Found files the specifier does not name exactly: an extension or a folder's index was added. */
  probed?: Set<string>;
}

/** Extensions the JS/TS engine reads. */
export const JS_EXTENSIONS = ['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts', '.json'];
const TS_FAMILY = new Set(['.ts', '.tsx', '.mts', '.cts']);
// `./a.js` written in TypeScript means a.ts on disk (and .jsx -> .tsx, .mjs -> .mts, .cjs -> .cts).
const TS_FOR_JS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };
// Extensionless probing order: TypeScript's for TS importers, Node's (then compiled-TS sources) for JS.
// `.node` last: Node's require() tries .js, .json, then .node (a native addon).
const PROBE_FROM_TS = ['.ts', '.tsx', '.js', '.jsx', '.json', '.node'];
const PROBE_FROM_JS = ['.js', '.json', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.node'];
const BUILTINS = new Set(builtinModules);
/**
 * What a resolution depends on besides the file system and the importer's name: Node's list of
 * builtins (another Node version may add one). Part of the key of every stored resolution.
 */
export const RESOLVER_CONTEXT = fingerprint(builtinModules.join(','));

type EntryKind = 'file' | 'dir';
interface Importer {
  /** Resolutions made for the importers of one owning tsconfig, folder and extension, by kind and specifier. */
  made: Map<string, Resolution>;
  /** Whether bare specifiers are shared too (not when no tsconfig owns the file inside a project: see Resolver.resolve). */
  bare: boolean;
}
interface PackageScope {
  dir: string;
  json: Record<string, unknown>;
}

export { RealPaths };

export class Resolver {
  /** Real paths looked up during this run (shared with the graph's symlink checks). */
  readonly realPaths = new RealPaths();
  private readonly listings = new Map<string, Map<string, EntryKind> | null>();
  /** Every symlink met in a listing (absolute paths). */
  private readonly links = new Set<string>();
  private readonly scopes = new Map<string, PackageScope | null>();
  private readonly packageConfigs = new Map<string, TsSettings | undefined>();
  private members?: Map<string, string>;
  private readonly installed = new Map<string, PackageScope | null>();
  private readonly manifests = new Map<string, Record<string, unknown> | null>();
  /** The facts (query keys) read by the resolutions being recorded, or undefined when nothing records (see record). */
  private recording?: Set<string>;
  /** How deep the current query is nested in another: only the outermost query is a fact (its answer covers the inner ones). */
  private depth = 0;
  /** The answer of every query asked this run (key -> fingerprint): one state of the file system per run. */
  private readonly answers = new Map<string, string>();
  /** Where each tsconfig's settings came from ('t\0file' or 'c\0folder'), so its inferred rootDir can be asked again next run. */
  private readonly origins = new WeakMap<TsSettings, string>();
  private readonly settingsPrints = new WeakMap<TsSettings, string>();
  private readonly jsonPrints = new WeakMap<object, string>();
  private readonly listingKeys = new Map<string, string>();
  private readonly chains = new Map<string, { real: boolean; keys: string[] }>();
  /** The owning tsconfig of each importer asked about (null: none), once per run: the scan and the resolutions both ask. */
  private readonly owners = new Map<string, TsSettings | null>();
  /** Resolutions made this run while nothing records: by owning tsconfig, then importer's extension and folder, then kind and specifier (see resolve). */
  private readonly memo = new Map<TsSettings | undefined, Map<string, Map<string, Resolution>>>();
  /** Each importer's share of `memo`, once per run. */
  private readonly importers = new Map<string, Importer>();
  /** tsconfig `paths`/`baseUrl` answers made this run while nothing records, by tsconfig (null: no alias applies; see sharedTsAlias). */
  private readonly aliases = new Map<TsSettings, Map<string, Resolution | null>>();
  /** Paths already found this run while nothing records (see resolveFile). */
  private readonly foundFiles = new Map<string, Resolution>();

  constructor(
    readonly root: string,
    readonly project?: TsProject,
  ) {}

  /** The tsconfig that owns a file; none for compiled output inside its outDir (paths never apply there). */
  settingsFor(fromFile: string): TsSettings | undefined {
    return this.track(
      't',
      fromFile,
      () => {
        let owner = this.owners.get(fromFile);
        if (owner === undefined) {
          const ts = this.project?.forFile(fromFile);
          if (ts && !this.origins.has(ts)) this.origins.set(ts, `t\0${this.short(fromFile)}`);
          owner = (ts?.outDir && isInside(ts.outDir, fromFile) && !TS_FAMILY.has(path.extname(fromFile)) ? undefined : ts) ?? null;
          this.owners.set(fromFile, owner);
        }
        return owner ?? undefined;
      },
      (ts) => this.settingsPrint(ts),
    );
  }

  // ---- recorded resolutions (the cache) ----

  /**
   * Runs `resolve` (calls of {@link resolve}) and adds to `facts` the key of every file-system query
   * it asked: a folder's listing ('d'), one entry of a listing ('e'), a real path ('r'), the nearest package.json ('s'), a
   * package.json's content ('j'), an installed package's real folder ('w'), a workspace member's
   * tsconfig ('c'), the workspace members ('m'), the tsconfig owning a file ('t', 'o'), an inferred
   * rootDir ('R'), a letter-case near miss ('k'), why a path is no file ('n'), the `#!` line of an
   * extensionless script ('l'). Only the outermost
   * query is a fact: its answer covers what it asked inside. The result of `resolve` is a function
   * of the importer's name, the specifier, the kind and the answers of these queries, so the same
   * answers ({@link answer}) mean the same resolution.
   */
  record<T>(facts: Set<string>, resolve: () => T): T {
    const outer = this.recording;
    const depth = this.depth;
    this.recording = facts;
    this.depth = 0;
    try {
      return resolve();
    } finally {
      this.recording = outer;
      this.depth = depth;
    }
  }

  /**
   * The answer now (a short fingerprint string) to the query a fact key names, asked once per run;
   * undefined for a key this version does not know (a foreign entry: never equal to a stored answer).
   * May throw TypeScriptNeeded (a workspace member's tsconfig): the caller loads TypeScript and asks again.
   */
  answer(key: string): string | undefined {
    const known = this.answers.get(key);
    if (known !== undefined) return known;
    if (key[1] !== '\0') return undefined;
    const arg = key[0] === 'R' || key[0] === 'm' ? key.slice(2) : this.long(key.slice(2));
    const outer = this.recording;
    this.recording = undefined;
    let a: string;
    try {
      switch (key[0]) {
        case 'd':
          a = this.listingPrint(arg);
          break;
        case 'r':
          a = this.realPaths.get(arg) ?? '-';
          break;
        case 'e':
          a = this.entryPrint(arg);
          break;
        case 's':
          a = this.scopePrint(this.nearestScope(arg));
          break;
        case 'j':
          a = this.jsonPrint(this.readManifest(arg));
          break;
        case 'w':
          a = this.scopePrint(this.workspaceFolder(arg));
          break;
        case 'c':
          a = this.settingsPrint(this.packageConfig(arg));
          break;
        case 'm':
          a = membersPrint(this.workspaceMembers());
          break;
        case 't':
          a = this.settingsPrint(this.settingsFor(arg));
          break;
        case 'o':
          a = this.settingsPrint(this.project?.forFile(arg));
          break;
        case 'l':
          a = languageOf(arg) ?? '-';
          break;
        case 'k':
          a = this.caseNearMiss(arg) ?? '-';
          break;
        case 'n':
          a = this.notAFile(arg) ?? '-';
          break;
        case 'R': {
          const from = this.long(arg.slice(2));
          const ts = arg[1] !== '\0' ? undefined : arg[0] === 't' ? this.settingsFor(from) : arg[0] === 'c' ? this.packageConfig(from) : undefined;
          a = ts?.rootDir ?? '-';
          break;
        }
        default:
          return undefined;
      }
    } finally {
      this.recording = outer;
    }
    this.answers.set(key, a);
    return a;
  }

  /** A path in a fact key: root-relative below the root ('.' for the root), else absolute (as a stored cache stays valid for one root only, this only keeps it small). */
  private short(abs: string): string {
    if (abs === this.root) return '.';
    return abs.startsWith(this.root) && abs[this.root.length] === path.sep ? abs.slice(this.root.length + 1) : abs;
  }

  /** The absolute path of a fact key's path (see short). */
  private long(arg: string): string {
    return arg === '.' ? this.root : path.isAbsolute(arg) ? arg : this.root + path.sep + arg;
  }

  /** Runs one query; while recording and not inside another query, its key is a fact and its answer is remembered. */
  private track<T>(kind: string, arg: string, query: () => T, print: (v: T) => string): T {
    if (!this.recording || this.depth) return query();
    this.depth++;
    let v: T;
    try {
      v = query();
    } finally {
      this.depth--;
    }
    const key = `${kind}\0${this.short(arg)}`;
    if (!this.answers.has(key)) this.answers.set(key, print(v));
    this.recording.add(key);
    return v;
  }

  /** A folder's listing as a fingerprint: names, kinds and which entries are symlinks ('-': no listing). */
  private listingPrint(dir: string): string {
    const listing = this.listing(dir);
    if (!listing) return '-';
    const names = [...listing.keys()].sort();
    return fingerprint(names.map((n) => `${n}\0${listing.get(n)}${this.links.has(path.join(dir, n)) ? '\0L' : ''}`).join('\n'));
  }

  private jsonPrint(json: Record<string, unknown> | undefined): string {
    if (!json) return '-';
    let p = this.jsonPrints.get(json);
    if (p === undefined) {
      p = fingerprint(JSON.stringify(json));
      this.jsonPrints.set(json, p);
    }
    return p;
  }

  private scopePrint(scope: PackageScope | undefined): string {
    return scope ? `${scope.dir}\0${this.jsonPrint(scope.json)}` : '-';
  }

  /**
   * A tsconfig's settings as a fingerprint: every plain field but its notices. The lazy ones
   * (rootDir, fileNames: listing the project's files) are left out: fileNames decides only which
   * config owns a file (the 't'/'o' answers), and rootDir is its own fact where it is read.
   */
  private settingsPrint(ts: TsSettings | undefined): string {
    if (!ts) return '-';
    let p = this.settingsPrints.get(ts);
    if (p === undefined) {
      const data: Record<string, unknown> = {};
      for (const key of Object.keys(ts).sort()) {
        const d = Object.getOwnPropertyDescriptor(ts, key);
        if (d && 'value' in d && key !== 'notices') data[key] = d.value;
      }
      p = fingerprint(JSON.stringify(data));
      this.settingsPrints.set(ts, p);
    }
    return p;
  }

  /** A tsconfig's rootDir (set or inferred), recorded as a fact of where the settings came from. */
  private rootDirOf(ts: TsSettings): string | undefined {
    const origin = this.origins.get(ts);
    if (origin)
      return this.track(
        'R',
        origin,
        () => ts.rootDir,
        (d) => d ?? '-',
      );
    // Settings of unknown origin cannot be asked again: a fact no run can confirm keeps this resolution out of the cache.
    if (this.recording && !this.depth) this.recording.add('x\0');
    return ts.rootDir;
  }

  /**
   * A tsconfig `paths` alias written in compiled output (a JS file inside the owning config's
   * outDir): the compiler does not rewrite aliases, and nothing applies them to its output, so
   * the import fails when the output runs. Undefined when the file is not compiled output or
   * the specifier matches no alias (a catch-all `*` does not count: it also covers packages).
   */
  private compiledAlias(specifier: string, fromFile: string): Resolution | undefined {
    const owner = this.track(
      'o',
      fromFile,
      () => this.project?.forFile(fromFile),
      (ts) => this.settingsPrint(ts),
    );
    if (!owner?.outDir || !owner.paths || !isInside(owner.outDir, fromFile)) return undefined;
    const match = matchPathPattern(Object.keys(owner.paths), specifier);
    if (!match || match.pattern === '*') return undefined;
    return {
      class: 'unresolved',
      tsOnly: 'compiled-alias',
      reason: `'${specifier}' is a tsconfig paths alias ('${match.pattern}' in ${path.relative(this.root, owner.file)}) left in compiled output inside outDir ${path.relative(this.root, owner.outDir) || '.'}`,
    };
  }

  /**
   * What `specifier`, written in `fromFile` (absolute) as an import of `kind`, loads at run time.
   * Never throws; a specifier that leads nowhere is class 'unresolved' with a reason.
   */
  resolve(specifier: string, fromFile: string, kind: ImportKind): Resolution {
    // The same answer for every importer in one folder with one extension and one owning tsconfig:
    // nothing below reads more of `fromFile` than that, except an alias left in compiled output
    // (the file's own tsconfig owner and outDir: only asked when no tsconfig owns it) and the
    // reason of an unmatched `#x` (names the file). Made once per run; while recording (the
    // cache), each resolution must still ask and record its own facts.
    if (this.recording || specifier.startsWith('#')) return this.resolveNow(specifier, fromFile, kind);
    let importer = this.importers.get(fromFile);
    if (!importer) {
      importer = this.importerOf(fromFile);
      this.importers.set(fromFile, importer);
    }
    if (!importer.bare && !isPathSpecifier(specifier)) return this.resolveNow(specifier, fromFile, kind);
    const key = `${kind}\0${specifier}`;
    let r = importer.made.get(key);
    if (!r) {
      r = this.resolveNow(specifier, fromFile, kind);
      importer.made.set(key, r);
    }
    return copyOf(r);
  }

  /** The resolutions shared by the importers with the same owning tsconfig, folder and extension (see resolve). */
  private importerOf(fromFile: string): Importer {
    const ts = this.settingsFor(fromFile);
    let groups = this.memo.get(ts);
    if (!groups) {
      groups = new Map();
      this.memo.set(ts, groups);
    }
    const group = `${path.extname(fromFile)}\0${path.dirname(fromFile)}`;
    let made = groups.get(group);
    if (!made) {
      made = new Map();
      groups.set(group, made);
    }
    return { made, bare: !!ts || !this.project };
  }

  private resolveNow(specifier: string, fromFile: string, kind: ImportKind): Resolution {
    const fromTs = TS_FAMILY.has(path.extname(fromFile));
    const ts = this.settingsFor(fromFile);
    if (isRelative(specifier)) {
      const r = this.resolveFile(path.resolve(path.dirname(fromFile), specifier), fromTs, specifier.endsWith('/'), specifier);
      // Node's ES module loader takes the path as written (no extension added, no folder index);
      // its require() adds .js/.json/.node and index files, never .ts.
      if (r.probed && r.file && !r.tsOnly && (this.conditionsFor(fromFile, kind, ts).includes('import') || TS_FAMILY.has(path.extname(r.file))))
        r.tsOnly = 'extension-probe';
      delete r.probed;
      return r;
    }
    if (specifier.startsWith('/')) return this.finish(this.resolvePath(specifier, fromTs, false), specifier);
    if (specifier.startsWith('file:')) {
      try {
        return this.finish(this.resolvePath(fileURLToPath(specifier), fromTs, false), specifier);
      } catch {
        return { class: 'unresolved', reason: 'not a valid file: URL' };
      }
    }
    const conditions = this.conditionsFor(fromFile, kind, ts);
    if (!ts) {
      const leftover = this.compiledAlias(specifier, fromFile);
      if (leftover) return leftover;
    }
    if (specifier.startsWith('#')) {
      // TypeScript tries `paths` before package.json "imports"; both name the same source in practice.
      const aliased = fromTs ? this.resolveTsAlias(specifier, fromTs, ts) : undefined;
      const imported = this.resolveHashImport(specifier, fromFile, fromTs, conditions, ts);
      if (aliased && aliased.class === 'file') return imported.class === 'file' ? aliased : { ...aliased, tsOnly: 'tsconfig-paths' };
      return imported;
    }
    const builtin = isBuiltin(specifier);
    // Aliases first: with baseUrl `src`, 'http/client' is src/http/client.ts, not node:http.
    const aliased = specifier.startsWith('node:') ? undefined : this.sharedTsAlias(specifier, fromTs, ts);
    if (aliased) {
      if (aliased.class === 'file') aliased.tsOnly = 'tsconfig-paths';
      // `events` with a local src/events/ under baseUrl: TypeScript and tsx load the local folder,
      // Node running the compiled output loads its builtin. Ship the local file and say so.
      if (builtin && aliased.class === 'file') aliased.builtin = specifier;
      return aliased;
    }
    if (builtin) return { class: 'builtin', packageName: specifier.replace(/^node:/, '').split('/')[0] };
    const bare = this.resolveBare(specifier, fromFile, fromTs, conditions, ts);
    if (bare) return bare;
    // '~/lib', '@/x': an alias nothing maps, not a package anyone could install.
    if (!isValidPackageName(packageNameOf(specifier))) {
      return {
        class: 'unresolved',
        reason: `no tsconfig paths or package.json imports entry maps '${specifier}', and it is not a valid npm package name; add the alias or fix the import`,
      };
    }
    return { class: 'package', packageName: packageNameOf(specifier) };
  }

  // ---- module format and conditions ----

  /**
   * The conditions Node matches in `exports`/`imports` for this import, by the format the file
   * runs in: a TypeScript file compiled to CommonJS (`module: commonjs`, or node16/nodenext
   * without `"type": "module"`) turns `import` into `require()`, so `require` wins there.
   */
  conditionsFor(fromFile: string, kind: ImportKind, ts: TsSettings | undefined): string[] {
    let asRequire = kind === 'require';
    const ext = path.extname(fromFile);
    if (TS_FAMILY.has(ext) && kind !== 'require') {
      const format =
        ext === '.mts'
          ? 'esm'
          : ext === '.cts'
            ? 'commonjs'
            : ts?.moduleFormat === 'commonjs'
              ? 'commonjs'
              : ts?.moduleFormat === 'esm'
                ? 'esm'
                : this.packageType(fromFile) === 'module'
                  ? 'esm'
                  : 'commonjs';
      // Under module commonjs tsc rewrites import() to require() too; node16/nodenext keep import().
      if (format === 'commonjs') asRequire = kind !== 'dynamic-import' || ext === '.cts' || ts?.moduleFormat === 'commonjs';
    }
    // Node 20.19+/22.12+ match `module-sync` for require() and import alike (they can require ESM).
    return asRequire ? ['node', 'module-sync', 'require', 'default'] : ['node', 'module-sync', 'import', 'default'];
  }

  /** The "type" of the nearest package.json above a file ('commonjs' when none says 'module'). */
  packageType(file: string): 'module' | 'commonjs' {
    return this.nearestScope(path.dirname(file))?.json.type === 'module' ? 'module' : 'commonjs';
  }

  // ---- bare specifiers that land inside the root ----

  /**
   * Node's order for a bare name after builtins: the package's own name through its `exports`
   * (self-reference), then `node_modules/<name>` folders up from the importer. A package whose
   * real folder is inside the root (a workspace symlink), or a declared workspace member when
   * nothing is installed, is project code: followed through its package.json. Anything else is
   * a package (undefined here).
   */
  private resolveBare(specifier: string, fromFile: string, fromTs: boolean, conditions: string[], ts: TsSettings | undefined): Resolution | undefined {
    const name = packageNameOf(specifier);
    if (!name || name.startsWith('.') || (name.startsWith('@') && !name.includes('/'))) return undefined;
    const subpath = '.' + specifier.slice(name.length);
    const scope = this.nearestScope(path.dirname(fromFile));
    if (scope && scope.json.name === name && scope.json.exports !== undefined && scope.json.exports !== null) {
      return this.resolvePackageEntry(scope, name, subpath, specifier, fromTs, conditions, ts);
    }
    for (let dir = path.dirname(fromFile); isInside(this.root, dir); dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'node_modules', name);
      if (this.kindOf(candidate) === 'dir') {
        const workspace = this.workspaceFolder(candidate);
        return workspace ? this.workspaceEntry(workspace, name, subpath, specifier, fromTs, conditions) : undefined;
      }
      if (dir === this.root || path.dirname(dir) === dir) break;
    }
    const member = this.workspaceMembers().get(name);
    if (member)
      return this.workspaceEntry(
        { dir: member, json: this.readManifest(path.join(member, 'package.json')) ?? {} },
        name,
        subpath,
        specifier,
        fromTs,
        conditions,
      );
    return undefined;
  }

  /** The package behind `node_modules/<name>` when its real folder is inside the root and outside any node_modules (cached). */
  private workspaceFolder(candidate: string): PackageScope | undefined {
    return this.track(
      'w',
      candidate,
      () => this.findWorkspaceFolder(candidate),
      (s) => this.scopePrint(s),
    );
  }

  private findWorkspaceFolder(candidate: string): PackageScope | undefined {
    let found = this.installed.get(candidate);
    if (found !== undefined) return found ?? undefined;
    found = null;
    try {
      const real = fs.realpathSync(candidate);
      if (isInside(this.root, real) && !path.relative(this.root, real).split(path.sep).includes('node_modules')) {
        found = { dir: real, json: this.readManifest(path.join(real, 'package.json')) ?? {} };
      }
    } catch {
      found = null;
    }
    this.installed.set(candidate, found);
    return found ?? undefined;
  }

  private workspaceEntry(scope: PackageScope, name: string, subpath: string, specifier: string, fromTs: boolean, conditions: string[]): Resolution {
    const r = this.resolvePackageEntry(scope, name, subpath, specifier, fromTs, conditions, this.packageConfig(scope.dir));
    r.workspace = name;
    return r;
  }

  /** A package folder's `exports` (with conditions) or, without `exports`, its `main` / index / subpath file. */
  private resolvePackageEntry(
    scope: PackageScope,
    name: string,
    subpath: string,
    specifier: string,
    fromTs: boolean,
    conditions: string[],
    ts: TsSettings | undefined,
  ): Resolution {
    const exportsField = scope.json.exports;
    let abs: string;
    if (exportsField !== undefined && exportsField !== null) {
      const map = exportsMap(exportsField);
      const match = matchPathPattern(
        Object.keys(map).filter((k) => k.startsWith('.')),
        subpath,
      );
      if (!match)
        return { class: 'unresolved', reason: `package.json "exports" of ${name} has no entry for '${subpath}' (Node: ERR_PACKAGE_PATH_NOT_EXPORTED)` };
      const target = pickTarget(map[match.pattern], conditions);
      if (typeof target !== 'string' || !target.startsWith('./')) {
        return {
          class: 'unresolved',
          reason: `package.json "exports" of ${name} has no file target for '${subpath}' under the conditions ${conditions.join('/')}`,
        };
      }
      abs = path.resolve(scope.dir, target.replace(/\*/g, match.star));
    } else {
      abs = subpath === '.' ? scope.dir : path.resolve(scope.dir, subpath);
    }
    // TypeScript maps a target under outDir back to its source under rootDir; so does the build.
    const source = fromTs || ts?.allowJs ? this.sourceForOutput(abs, ts) : undefined;
    if (source) {
      const r = this.resolvePath(source, true, false);
      if (r.found.length) return this.finish(r, specifier);
    }
    return this.finish(
      this.resolvePath(abs, fromTs, false),
      specifier,
      `${name} maps '${subpath}' to ${path.relative(this.root, abs) || '.'}, which does not exist (build it first?)`,
    );
  }

  /** A package.json as JSON, only when it is a regular file (a named pipe would block the read forever). */
  private readManifest(file: string): Record<string, unknown> | undefined {
    return this.track(
      'j',
      file,
      () => {
        let json = this.manifests.get(file);
        if (json === undefined) {
          json = (this.kindOf(file) === 'file' ? readJson(this.root, file) : undefined) ?? null;
          this.manifests.set(file, json);
        }
        return json ?? undefined;
      },
      (j) => this.jsonPrint(j),
    );
  }

  /** The tsconfig.json of a workspace package folder, if it has one that can be read. */
  private packageConfig(dir: string): TsSettings | undefined {
    return this.track(
      'c',
      dir,
      () => this.loadPackageConfig(dir),
      (ts) => this.settingsPrint(ts),
    );
  }

  private loadPackageConfig(dir: string): TsSettings | undefined {
    if (this.packageConfigs.has(dir)) return this.packageConfigs.get(dir);
    let settings: TsSettings | undefined;
    const file = path.join(dir, 'tsconfig.json');
    if (this.kindOf(file) === 'file') {
      try {
        settings = loadTsSettings(this.root, path.relative(this.root, file));
      } catch (e) {
        if (e instanceof TypeScriptNeeded) throw e; // the caller loads TypeScript and asks again
        settings = undefined; // a broken config of a member: its outputs are then taken as they are
      }
    }
    this.packageConfigs.set(dir, settings);
    if (settings && !this.origins.has(settings)) this.origins.set(settings, `c\0${this.short(dir)}`);
    return settings;
  }

  /** Members of the root's npm/yarn `workspaces` or pnpm-workspace.yaml `packages`: name -> absolute folder. */
  private workspaceMembers(): Map<string, string> {
    return this.track('m', '', () => this.findWorkspaceMembers(), membersPrint);
  }

  private findWorkspaceMembers(): Map<string, string> {
    if (this.members) return this.members;
    this.members = new Map();
    const rootPkg = this.readManifest(path.join(this.root, 'package.json'));
    const ws = rootPkg?.workspaces;
    const patterns: string[] = [];
    const list = Array.isArray(ws)
      ? ws
      : ws && typeof ws === 'object' && Array.isArray((ws as { packages?: unknown }).packages)
        ? (ws as { packages: unknown[] }).packages
        : [];
    for (const p of list) if (typeof p === 'string') patterns.push(p);
    if (this.kindOf(path.join(this.root, 'pnpm-workspace.yaml')) === 'file') patterns.push(...pnpmWorkspacePatterns(this.root));
    // Members live under the root: a pattern that climbs out ('../x', '{..,a}') or is absolute is not walked.
    const safe = patterns.filter((p) => !p.replace(/^!/, '').startsWith('/') && !p.includes('..'));
    const include = safe.filter((p) => !p.startsWith('!')).map((p) => `${p.replace(/\/+$/, '')}/package.json`);
    if (!include.length) return this.members;
    const ignore = ['**/node_modules/**', ...safe.filter((p) => p.startsWith('!')).map((p) => `${p.slice(1).replace(/\/+$/, '')}/**`)];
    let found: string[] = [];
    try {
      found = globSync(include, { cwd: this.root, ignore, followSymbolicLinks: false });
    } catch {
      return this.members;
    }
    for (const f of found.sort()) {
      const dir = path.resolve(this.root, path.dirname(f));
      const name = this.readManifest(path.join(dir, 'package.json'))?.name;
      if (typeof name === 'string' && isInside(this.root, dir) && !this.members.has(name)) this.members.set(name, dir);
    }
    return this.members;
  }

  // ---- relative and absolute paths ----

  /**
   * The resolution of a path (absolute, normal) an importer names: the same for every importer
   * when a file is found, since only the reason of a miss names the specifier. Made once per run
   * while nothing records (a recorded resolution asks for its own facts).
   */
  private resolveFile(base: string, fromTs: boolean, dirOnly: boolean, specifier: string): Resolution {
    if (this.recording) return this.finish(this.resolvePath(base, fromTs, dirOnly), specifier);
    const key = `${fromTs ? 't' : 'j'}${dirOnly ? 'd' : 'f'}${base}`;
    const known = this.foundFiles.get(key);
    if (known) return copyOf(known);
    const r = this.finish(this.resolvePath(base, fromTs, dirOnly), specifier);
    if (!r.file) return r;
    this.foundFiles.set(key, r);
    return copyOf(r);
  }

  /** The file a path means at run time, plus the other candidates that exist. */
  private resolvePath(base: string, fromTs: boolean, dirOnly: boolean): Candidates {
    const found: string[] = [];
    let mappedOnly: Set<string> | undefined;
    if (!dirOnly) {
      const ext = path.extname(base);
      const mapped = TS_FOR_JS[ext]?.map((e) => base.slice(0, -ext.length) + e) ?? [];
      const exact = ext && !base.endsWith('.d.ts') ? [base] : [];
      // A TS importer's `./a.js` is a.ts first; a JS importer's is a.js first.
      const ordered = fromTs ? [...mapped, ...exact] : [...exact, ...mapped];
      for (const c of ordered) if (this.kindOf(c) === 'file') found.push(c);
      // Only TypeScript-aware loaders map `./a.js` to a.ts: remember when nothing else was found.
      if (found.length && found.every((f) => mapped.includes(f))) mappedOnly = new Set(found);
      if (!ext || !JS_EXTENSIONS.includes(ext)) {
        if (!ext && this.kindOf(base) === 'file') found.push(base);
        for (const e of fromTs ? PROBE_FROM_TS : PROBE_FROM_JS) if (this.kindOf(base + e) === 'file') found.push(base + e);
      }
    }
    if (this.kindOf(base) === 'dir') found.push(...this.resolveDirectory(base, fromTs));
    if (found.length) {
      const probed = new Set(
        found.filter((f) => f !== base && !TS_FOR_JS[path.extname(base)]?.some((e) => f === base.slice(0, -path.extname(base).length) + e)),
      );
      return { found: [...new Set(found)], mapped: mappedOnly, probed };
    }
    return { found, declaration: this.declarationFor(base), base };
  }

  /** A `.d.ts` that would satisfy the type checker where no run-time file exists. */
  private declarationFor(base: string): string | undefined {
    const ext = path.extname(base);
    const stem = TS_FOR_JS[ext] ? base.slice(0, -ext.length) : base;
    const candidates = [stem + '.d.ts', stem + (ext === '.mjs' ? '.d.mts' : ext === '.cjs' ? '.d.cts' : '.d.ts'), path.join(base, 'index.d.ts')];
    return candidates.find((c) => this.kindOf(c) === 'file');
  }

  private resolveDirectory(dir: string, fromTs: boolean): string[] {
    const found: string[] = [];
    const main = this.readManifest(path.join(dir, 'package.json'))?.main;
    if (typeof main === 'string' && main) {
      const r = this.resolvePath(path.resolve(dir, main), fromTs, false);
      found.push(...r.found.filter((f) => path.dirname(f) !== dir || !path.basename(f).startsWith('index.')));
    }
    for (const e of fromTs ? PROBE_FROM_TS : PROBE_FROM_JS) {
      const index = path.join(dir, 'index' + e);
      if (this.kindOf(index) === 'file') found.push(index);
    }
    return found;
  }

  /** Turn the candidates of a path into a classified resolution. */
  private finish(r: Candidates, specifier: string, reason?: string): Resolution {
    const [winner, ...others] = r.found;
    if (!winner && r.declaration) {
      return {
        class: 'unresolved',
        declarationOnly: r.declaration,
        reason: `only the declaration file ${path.relative(this.root, r.declaration)} exists: no JavaScript runs for it`,
      };
    }
    if (!winner) {
      const near = r.base ? this.caseNearMiss(r.base) : undefined;
      const nearReason =
        near &&
        `no file matches '${specifier}', but ${path.relative(this.root, near)} differs only in letter case: Linux file names are case-sensitive (macOS and Windows would load it). Fix the case of the import or of the file name`;
      return { class: 'unresolved', reason: (r.base && this.notAFile(r.base)) ?? nearReason ?? reason ?? `no file matches '${specifier}'` };
    }
    const lexical = relativePath(this.root, winner);
    if (lexical.startsWith('..') || path.isAbsolute(lexical)) {
      return { class: 'outside-root', file: winner, outsidePath: winner };
    }
    // Listed a moment ago; when it cannot be followed now, keep the lexical path.
    const real = this.realPath(winner) ?? winner;
    const realRel = relativePath(this.root, real);
    if (realRel.startsWith('..') || path.isAbsolute(realRel)) {
      return { class: 'outside-root', file: winner, outsidePath: real, symlink: winner };
    }
    const shadowed = others.length ? others : undefined;
    const language = this.languageOf(winner);
    if (!language || language === 'python') return { class: 'unsupported', file: winner, shadowed };
    if (r.mapped?.has(winner)) return { class: 'file', file: winner, shadowed, tsOnly: 'ts-extension' };
    return r.probed?.has(winner) ? { class: 'file', file: winner, shadowed, probed: true } : { class: 'file', file: winner, shadowed };
  }

  // ---- tsconfig paths / baseUrl ----

  /**
   * resolveTsAlias, which reads only the specifier, whether the importer is TypeScript and the
   * tsconfig (not the importer's folder): made once per run for all importers while nothing records.
   */
  private sharedTsAlias(specifier: string, fromTs: boolean, ts: TsSettings | undefined): Resolution | undefined {
    if (this.recording || !ts) return this.resolveTsAlias(specifier, fromTs, ts);
    let made = this.aliases.get(ts);
    if (!made) {
      made = new Map();
      this.aliases.set(ts, made);
    }
    const key = `${fromTs ? 't' : 'j'}${specifier}`;
    let r = made.get(key);
    if (r === undefined) {
      r = this.resolveTsAlias(specifier, fromTs, ts) ?? null;
      made.set(key, r);
    }
    return r ? copyOf(r) : undefined;
  }

  private resolveTsAlias(specifier: string, fromTs: boolean, ts: TsSettings | undefined): Resolution | undefined {
    if (!ts) return undefined;
    if (ts.paths && ts.pathsBase) {
      const match = matchPathPattern(Object.keys(ts.paths), specifier);
      // A catch-all `*` pattern falls back to packages when nothing matches, as TypeScript does.
      if (match) {
        const tried: string[] = [];
        for (const target of ts.paths[match.pattern]) {
          const candidate = path.resolve(ts.pathsBase, target.replace('*', match.star));
          tried.push(path.relative(this.root, candidate) || '.');
          // `"*": ["node_modules/*"]`: a target inside node_modules is an installed package, not project code.
          const inModules = packageInNodeModules(this.root, candidate);
          if (inModules) {
            if (this.kindOf(candidate) || this.resolvePath(candidate, fromTs, false).found.length) return { class: 'package', packageName: inModules };
            continue;
          }
          const r = this.resolvePath(candidate, fromTs, false);
          if (r.found.length) return this.finish(r, specifier);
        }
        if (match.pattern !== '*') {
          return { class: 'unresolved', reason: `tsconfig paths '${match.pattern}' maps it to ${tried.join(', ')}, where no file exists` };
        }
      }
    }
    if (ts.baseUrl) {
      const candidate = path.resolve(ts.baseUrl, specifier);
      if (packageInNodeModules(this.root, candidate)) return undefined;
      const r = this.resolvePath(candidate, fromTs, false);
      if (r.found.length) return this.finish(r, specifier);
    }
    return undefined;
  }

  // ---- package.json "imports" ----

  private resolveHashImport(specifier: string, fromFile: string, fromTs: boolean, conditions: string[], ts: TsSettings | undefined): Resolution {
    const scope = this.findImportsScope(path.dirname(fromFile));
    if (!scope) return { class: 'unresolved', reason: `no package.json with an "imports" field above ${path.relative(this.root, fromFile)}` };
    const match = matchPathPattern(
      Object.keys(scope.imports).filter((k) => k.startsWith('#')),
      specifier,
      true,
    );
    if (!match) return { class: 'unresolved', reason: `package.json "imports" has no entry for '${specifier}'` };
    if (match.pattern.endsWith('/') && match.pattern !== specifier) {
      return {
        class: 'unresolved',
        reason: `package.json "imports" '${match.pattern}' is a folder mapping, which Node removed in v17 (ERR_PACKAGE_IMPORT_NOT_DEFINED): write '${match.pattern}*' instead`,
      };
    }
    const target = pickTarget(scope.imports[match.pattern], conditions);
    if (typeof target !== 'string')
      return { class: 'unresolved', reason: `package.json "imports" '${match.pattern}' has no target for ${conditions.join('/')}` };
    // Node takes './x' (a file of the package) or a bare package name; '../x', '/x' and URLs such as 'node:fs' throw ERR_INVALID_PACKAGE_TARGET.
    if (!target.startsWith('./') && (target.startsWith('../') || target.startsWith('/') || /^[a-zA-Z][a-zA-Z\d+.-]*:/.test(target))) {
      return {
        class: 'unresolved',
        reason: `package.json "imports" '${match.pattern}' targets '${target}', which Node rejects (ERR_INVALID_PACKAGE_TARGET): write './path' inside the package, or a bare name such as 'fs'`,
      };
    }
    const substituted = target.replace(/\*/g, match.star);
    // A bare target is a package name: '', '.x', '#x' or one with '%' or '\' is not (ERR_INVALID_MODULE_SPECIFIER).
    if (!substituted.startsWith('./') && (!substituted || /^[.#]/.test(substituted) || /[%\\]/.test(substituted))) {
      return {
        class: 'unresolved',
        reason: `package.json "imports" '${match.pattern}' targets '${target}', which is neither './path' inside the package nor a valid package name. Write './path' or a package name such as 'lodash'`,
      };
    }
    if (!substituted.startsWith('./')) {
      return isBuiltin(substituted)
        ? { class: 'builtin', packageName: substituted.replace(/^node:/, '') }
        : isValidPackageName(packageNameOf(substituted))
          ? { class: 'package', packageName: packageNameOf(substituted) }
          : {
              class: 'unresolved',
              reason: `package.json "imports" '${match.pattern}' targets '${substituted}', which is not a valid npm package name. Write './path' or a package name such as 'lodash'`,
            };
    }
    const abs = path.resolve(scope.dir, substituted);
    // TypeScript maps an `imports` target inside outDir back to its source under rootDir, so a
    // stale compiled copy does not win over the file the author edits.
    const source = fromTs || ts?.allowJs ? this.sourceForOutput(abs, ts) : undefined;
    if (source) {
      const r = this.resolvePath(source, true, false);
      if (r.found.length) return this.finish(r, specifier);
    }
    return this.finish(
      this.resolvePath(abs, fromTs, false),
      specifier,
      `package.json "imports" maps it to ${path.relative(this.root, abs)}, which does not exist`,
    );
  }

  /**
   * The source file tsc compiles to `abs` when `abs` is under outDir: the same relative path under
   * rootDir (set, or inferred as tsc does: the longest common folder of the input files). Written
   * `.js`/`.mjs`/`.cjs`; resolvePath maps the extension to `.ts`/`.mts`/`.cts`.
   */
  private sourceForOutput(abs: string, ts: TsSettings | undefined): string | undefined {
    const out = ts?.outDir;
    if (!out || !isInside(out, abs)) return undefined;
    const rel = path.relative(out, abs);
    const rootDir = this.rootDirOf(ts) ?? path.dirname(ts.file);
    const source = path.join(rootDir, rel);
    if (ts.rootDirSet || this.resolvePath(source, true, false).found.length) return source;
    // Inferred rootDir missed (the program's inputs are not what we listed): try the tsconfig's folder and its subfolders, as TypeScript's resolver guesses.
    for (const guess of [path.dirname(ts.file), path.join(path.dirname(ts.file), 'src')]) {
      const c = path.join(guess, rel);
      if (this.resolvePath(c, true, false).found.length) return c;
    }
    return source;
  }

  /** The nearest package.json above `dir` (inside the root), whatever its fields. */
  private nearestScope(dir: string): PackageScope | undefined {
    return this.track(
      's',
      dir,
      () => this.findScope(dir),
      (s) => this.scopePrint(s),
    );
  }

  private findScope(dir: string): PackageScope | undefined {
    const seen: string[] = [];
    let found: PackageScope | null = null;
    for (let current = dir; ; current = path.dirname(current)) {
      const cached = this.scopes.get(current);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      seen.push(current);
      const pkg = path.join(current, 'package.json');
      if (this.kindOf(pkg) === 'file') {
        const json = readJson(this.root, pkg);
        found = json ? { dir: current, json } : null;
        break;
      }
      if (path.dirname(current) === current || !isInside(this.root, path.dirname(current))) break;
    }
    for (const d of seen) this.scopes.set(d, found);
    return found ?? undefined;
  }

  /** The `imports` of the nearest package.json above `dir` (inside the root), as Node looks them up: that one file only. */
  private findImportsScope(dir: string): { dir: string; imports: Record<string, unknown> } | undefined {
    const scope = this.nearestScope(dir);
    const imports = scope?.json.imports;
    return scope && imports && typeof imports === 'object' ? { dir: scope.dir, imports: imports as Record<string, unknown> } : undefined;
  }

  /** A file or folder that matches `base` (with the probed extensions) except for letter case. */
  private caseNearMiss(base: string): string | undefined {
    return this.track(
      'k',
      base,
      () => this.findCaseNearMiss(base),
      (near) => near ?? '-',
    );
  }

  private findCaseNearMiss(base: string): string | undefined {
    const dir = path.dirname(base);
    const wanted = path.basename(base).toLowerCase();
    const listing = this.listing(dir);
    if (!listing) {
      // The folder itself may differ in case (`./Lib/x` with lib/x.js).
      const parentNear = dir !== base && isInside(this.root, path.dirname(dir)) && dir !== this.root ? this.caseNearMiss(dir) : undefined;
      // Only a folder spelled differently is a near miss; the same folder, unreadable, would loop forever.
      if (!parentNear || parentNear === dir) return undefined;
      return this.caseNearMiss(path.join(parentNear, path.basename(base))) ?? parentNear;
    }
    const stems = [
      wanted,
      ...PROBE_FROM_JS.map((e) => wanted + e),
      ...(TS_FOR_JS[path.extname(wanted)] ?? []).map((e) => wanted.slice(0, -path.extname(wanted).length) + e),
    ];
    for (const name of listing.keys()) if (stems.includes(name.toLowerCase())) return path.join(dir, name);
    return undefined;
  }

  // ---- cached file system ----

  /**
   * The real path of `abs`: `abs` itself when the root is real and every step from the root down
   * to `abs` is a listed entry that is no symlink (what the listings already say, without a
   * system call); else fs.realpath (RealPaths). undefined when it cannot be followed.
   */
  private realPath(abs: string): string | undefined {
    // Asked each time (once per run from the file system): each recorded resolution holds the fact.
    const rootIsReal = this.realPathNow(this.root) === this.root;
    if (rootIsReal && isInside(this.root, abs)) {
      // While recording, each step is a fact ('e': that entry's kind and whether it is a symlink),
      // not its folder's whole listing: a file added beside a folder on the way changes nothing here.
      const chain = this.chainOf(abs);
      if (this.recording && !this.depth) {
        // The first step is `abs` in its folder's listing: when that listing is a fact already (it
        // was probed to find `abs`), it says the same and more.
        const listed = this.recording.has(this.listingKeys.get(path.dirname(abs)) ?? '');
        for (let i = listed ? 1 : 0; i < chain.keys.length; i++) this.recording.add(chain.keys[i]);
      }
      if (chain.real) {
        this.realPaths.know(abs, abs);
        return abs;
      }
    }
    return this.realPathNow(abs);
  }

  /**
   * The steps from `abs` up to the root while each is a listed entry and no symlink: `real` when
   * the walk reaches the root (then `abs` is its own real path), and the fact key of every step
   * ('e': its kind, 'L' when it is a symlink). Once per path per run: files of one folder share the rest of the walk.
   */
  private chainOf(abs: string): { real: boolean; keys: string[] } {
    if (abs === this.root) return { real: true, keys: [] };
    let chain = this.chains.get(abs);
    if (chain) return chain;
    const key = `e\0${this.short(abs)}`;
    this.depth++;
    let entry: string;
    try {
      entry = this.entryPrint(abs);
    } finally {
      this.depth--;
    }
    if (!this.answers.has(key)) this.answers.set(key, entry);
    if (entry === '-' || entry.endsWith('L')) chain = { real: false, keys: [key] };
    else {
      const up = this.chainOf(path.dirname(abs));
      chain = { real: up.real, keys: [key, ...up.keys] };
    }
    this.chains.set(abs, chain);
    return chain;
  }

  private entryPrint(abs: string): string {
    return `${this.kindOf(abs) ?? '-'}${this.links.has(abs) ? 'L' : ''}`;
  }

  /** fs.realpath of `abs` (once per run, RealPaths), as a fact ('r'). */
  private realPathNow(abs: string): string | undefined {
    return this.track(
      'r',
      abs,
      () => this.realPaths.get(abs),
      (real) => real ?? '-',
    );
  }

  /**
   * The language of a file that is found: by its extension, else (an extensionless script) by its
   * `#!` line, which is the file's content and so a fact ('l').
   */
  private languageOf(file: string): ReturnType<typeof languageOf> {
    if (path.extname(file)) return languageOf(file);
    return this.track(
      'l',
      file,
      () => languageOf(file),
      (language) => language ?? '-',
    );
  }

  /** Why a path that exists is no candidate (see notAFile), as a fact. */
  private notAFile(abs: string): string | undefined {
    return this.track(
      'n',
      abs,
      () => notAFile(abs, this.root),
      (why) => why ?? '-',
    );
  }

  /** Whether `abs` is a file or a folder (a symlink counts as what it points to), from its folder's listing; undefined when absent. */
  kindOf(abs: string): EntryKind | undefined {
    // path.dirname/basename, spelled out for the usual `/a/b` (a slash after the first two characters, none at the end).
    const slash = path.sep === '/' ? abs.lastIndexOf('/') : -1;
    const split = slash > 1 && slash < abs.length - 1;
    const dir = split ? abs.slice(0, slash) : path.dirname(abs);
    const listing = this.listing(dir);
    if (this.recording && !this.depth) {
      // A resolution probes a few folders many times: the key of each folder is made once per run.
      let key = this.listingKeys.get(dir);
      if (key === undefined) {
        key = `d\0${this.short(dir)}`;
        this.listingKeys.set(dir, key);
        if (!this.answers.has(key)) this.answers.set(key, this.listingPrint(dir));
      }
      this.recording.add(key);
    }
    return listing?.get(split ? abs.slice(slash + 1) : path.basename(abs));
  }

  private listing(dir: string): Map<string, EntryKind> | null {
    let listing = this.listings.get(dir);
    if (listing === undefined) {
      listing = readListing(dir, this.links);
      this.listings.set(dir, listing);
    }
    return listing;
  }
}

/** A short SHA-256 of `text` (128 bits, base64url): the answer of a query as stored with a resolution. */
function fingerprint(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}

function membersPrint(members: Map<string, string>): string {
  return fingerprint(JSON.stringify([...members]));
}

/** The entries of `dir` that are files or folders (a symlink counts as what it points to); each symlink's path is added to `links`. */
function readListing(dir: string, links: Set<string>): Map<string, EntryKind> | null {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return null;
  }
  const map = new Map<string, EntryKind>();
  for (const e of entries) {
    if (e.isFile()) map.set(e.name, 'file');
    else if (e.isDirectory()) map.set(e.name, 'dir');
    else if (e.isSymbolicLink()) {
      links.add(path.join(dir, e.name));
      try {
        const st = fs.statSync(path.join(dir, e.name));
        if (st.isFile()) map.set(e.name, 'file');
        else if (st.isDirectory()) map.set(e.name, 'dir');
      } catch {
        /* dangling link: not a candidate */
      }
    }
  }
  return map;
}

/** Why a path that exists is no candidate: a folder with no index, a pipe, a broken or looping link. */
function notAFile(abs: string, root: string): string | undefined {
  const rel = path.relative(root, abs) || '.';
  // No file name holds a NUL byte (the file system refuses the path before looking).
  if (abs.includes('\0')) return `${JSON.stringify(rel)} holds a NUL byte, which no file name can`;
  let link: fs.Stats | undefined;
  try {
    link = fs.lstatSync(abs, { throwIfNoEntry: false });
  } catch (e) {
    // A folder on the way that the user running shipset may not open (EACCES): say so, as a finding.
    return `${rel} cannot be looked up (${describeFsError(e)}): make its folders readable and searchable (chmod a+rx) by the user running shipset`;
  }
  if (!link) return undefined;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch (e) {
    const target = fs.readlinkSync(abs);
    return (e as NodeJS.ErrnoException).code === 'ELOOP'
      ? `${rel} is a symlink loop (-> ${target} -> ...)`
      : `${rel} is a symlink to ${target}, which does not exist`;
  }
  if (stat.isDirectory()) return `${rel} is a folder with no index file or package.json "main"`;
  if (!stat.isFile()) return `${rel} is ${stat.isFIFO() ? 'a named pipe (FIFO)' : stat.isSocket() ? 'a socket' : 'a device'}, not a regular file`;
  return undefined;
}

/**
 * A project package.json through the manifest reader (regular file inside the root, size-capped);
 * anything it refuses reads as absent here, and the graph builder names it as bad input.
 */
function readJson(root: string, file: string): Record<string, unknown> | undefined {
  const read = readProjectManifest(root, file);
  if (!read.ok) return undefined;
  try {
    const v = JSON.parse(read.text);
    return v && typeof v === 'object' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** A resolution to hand out while an equal one stays kept (callers may change what they get). */
function copyOf(r: Resolution): Resolution {
  const copy = { ...r };
  if (r.shadowed) copy.shadowed = [...r.shadowed];
  return copy;
}

/** `./x`, `../x`, `.` or `..`: a path from the importer's folder. */
function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';
}

/** A specifier that names a path (relative, absolute or a file: URL), which no alias or package lookup sees. */
function isPathSpecifier(specifier: string): boolean {
  return isRelative(specifier) || specifier.startsWith('/') || specifier.startsWith('file:');
}

/**
 * Node's own modules: `node:x`, or exactly an id Node lists (`fs`, `fs/promises`). Not a prefix:
 * `punycode/` is the npm package, and `http/client` a folder of the project or a package.
 */
export function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTINS.has(specifier);
}

export { packageNameOf };

/**
 * TypeScript's and Node's pattern matching: an exact key wins, else the pattern with the
 * longest prefix before its single `*`. `trailingSlash` also accepts Node's legacy `"#x/"` keys.
 */
export function matchPathPattern(patterns: string[], specifier: string, trailingSlash = false): { pattern: string; star: string } | undefined {
  if (patterns.includes(specifier) && !specifier.includes('*')) return { pattern: specifier, star: '' };
  let best: { pattern: string; star: string; prefix: number } | undefined;
  for (const p of patterns) {
    const star = p.indexOf('*');
    if (star === -1) {
      if (trailingSlash && p.endsWith('/') && specifier.startsWith(p) && (!best || p.length > best.prefix)) {
        best = { pattern: p, star: specifier.slice(p.length), prefix: p.length };
      }
      continue;
    }
    const prefix = p.slice(0, star);
    const suffix = p.slice(star + 1);
    if (specifier.length >= prefix.length + suffix.length && specifier.startsWith(prefix) && specifier.endsWith(suffix)) {
      if (!best || prefix.length > best.prefix) {
        best = { pattern: p, star: specifier.slice(prefix.length, specifier.length - suffix.length), prefix: prefix.length };
      }
    }
  }
  return best && { pattern: best.pattern, star: best.star };
}

/** `exports` in its full form: `"./x"` or a conditions object means `{".": ...}`. */
function exportsMap(field: unknown): Record<string, unknown> {
  if (typeof field === 'string' || Array.isArray(field)) return { '.': field };
  if (field && typeof field === 'object') {
    const keys = Object.keys(field);
    if (keys.length && keys.every((k) => !k.startsWith('.'))) return { '.': field };
    return field as Record<string, unknown>;
  }
  return {};
}

/** The package name when `abs` lies inside a node_modules folder below the root ('lodash' for node_modules/lodash/fp.js). */
function packageInNodeModules(root: string, abs: string): string | undefined {
  // Relative to the root: a project checked out inside some node_modules folder is still a project.
  const parts = relativePath(root, abs).split(path.sep);
  const i = parts.lastIndexOf('node_modules');
  if (i < 0 || i === parts.length - 1) return undefined;
  const first = parts[i + 1];
  return first.startsWith('@') && parts[i + 2] ? `${first}/${parts[i + 2]}` : first;
}

/** The `packages:` globs of pnpm-workspace.yaml (a flat YAML list; anything fancier is ignored). */
function pnpmWorkspacePatterns(root: string): string[] {
  // Through the manifest reader: a pnpm-workspace.yaml linked out of the root is not read.
  const read = readProjectManifest(root, path.join(root, 'pnpm-workspace.yaml'));
  if (!read.ok) return [];
  const text = read.text;
  const out: string[] = [];
  let inPackages = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^packages\s*:/.test(line)) {
      inPackages = true;
      continue;
    }
    if (inPackages) {
      const item = /^\s+-\s*(['"]?)(.+?)\1\s*(#.*)?$/.exec(line);
      if (item) out.push(item[2]);
      else if (/^\S/.test(line)) inPackages = false;
    }
  }
  return out;
}

const MAX_TARGET_DEPTH = 64;

/**
 * Node's conditional target selection: strings, arrays (first that works), condition objects
 * (first matching key in the object's order). `null` under a matching condition excludes the
 * specifier: Node stops there instead of trying the next condition.
 */
function pickTarget(value: unknown, conditions: string[], depth = 0): string | null | undefined {
  if (typeof value === 'string') return value;
  if (value === null) return null;
  // Real condition maps are a few levels deep; a map nested thousands deep matches nothing
  // (the specifier is then unresolved) instead of overflowing the stack.
  if (depth > MAX_TARGET_DEPTH) return undefined;
  if (Array.isArray(value)) {
    for (const v of value) {
      const t = pickTarget(v, conditions, depth + 1);
      if (t) return t;
    }
    return undefined;
  }
  if (typeof value === 'object') {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (conditions.includes(key)) {
        const t = pickTarget(v, conditions, depth + 1);
        if (t !== undefined) return t;
      }
    }
  }
  return undefined;
}
