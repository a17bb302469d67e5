// madge walks the graph from the entries; shipset supplies what madge gets wrong.
// Through two hooks, keyed per run so concurrent runs cannot mix:
// - precinct.paperwork (madge's detective) returns the specifiers of our own scan, which
//   keeps file:line for every import, reads .mts, and drops type-only imports;
// - filing-cabinet's public `register` API puts our run-time resolver in front of its
//   lookups, so `.d.ts` files, stale build outputs and cwd-dependent aliases cannot win.
// madge then does the traversal; we check its answer against ours and fill any gap.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { globSync } from 'tinyglobby';
import { describeFsError, isStackOverflow } from '../../errors.js';
import type { FileNode, ImportEdge, ImportKind } from '../../types.js';
import { type HeaderMark, headerOf, headText } from '../file-header.js';
import { languageOf } from '../language.js';
import { type FactTable, ScanCache } from '../../cache.js';
import { JS_EXTENSIONS, RESOLVER_CONTEXT, type Resolution, type Resolver } from './resolve.js';
import { withTypeScript } from './tsconfig.js';
import type { ScanResult, ScanSettings, ScannedGlob, ScannedImport, scanSource } from './scan.js';
import { isInside } from '../../paths.js';

const ENGINE = Symbol.for('shipset.engine');

/** One file's scan and its deprecation header (null: none), as parsed or as stored in the cache. */
interface Scanned {
  scan: ScanResult;
  header: HeaderMark | null;
}

interface Analysed {
  node: FileNode;
  /** specifier -> absolute file, for every import madge should follow. */
  follow: Map<string, string>;
  /** Root-relative files named only by imports the compiler erases (types only). */
  typeTargets: string[];
}

/** Most files one `import.meta.glob` / `require.context` may add (a pattern of `**` over a huge tree says nothing useful). */
const GLOB_LIMIT = 5000;

/** One run's scans and resolutions, shared by madge's hooks and the gap filling. */
export class JsEngine {
  private readonly analysed = new Map<string, Analysed>();
  /** What the scans could not fully check, for the run's notices. */
  readonly notices: string[] = [];
  /** Size and SHA-256 of every file read, by root-relative path: the pack stage reuses them instead of reading again. */
  readonly contents = new Map<string, { bytes: number; sha256: string }>();
  /** The deprecation header of every file read (null: none), by root-relative path: the rules use it instead of reading again. */
  readonly headers = new Map<string, HeaderMark | null>();
  /** Per slot of the cache's fact table: whether its answer holds now (see factHolds). */
  private readonly holds: boolean[] = [];
  /** `key\nanswer` -> slot of the cache's fact table, built at the first new fact. */
  private slots?: Map<string, number>;
  /** The start of the cache key of every file's resolutions in this run (see resolutionsPrefix). */
  private resolutionsPrefix?: string;
  /** Fact key -> the slot with its answer in this run. */
  private readonly slotNow = new Map<string, number>();
  /** The parser, loaded at the first file the cache cannot answer (a run answered wholly from the cache never loads TypeScript or Babel). */
  private scanner?: typeof scanSource;

  constructor(
    private readonly root: string,
    private readonly resolver: Resolver,
    readonly cache?: ScanCache,
  ) {}

  /**
   * The file's scan and deprecation header: from the cache when its bytes, name and settings were
   * scanned before, else parsed now (the header depends on the bytes alone, so it is stored with the scan).
   */
  private async scan(abs: string, bytes: Buffer, sha256: string): Promise<Scanned> {
    const settings = await withTypeScript(() => this.scanSettingsFor(abs));
    const parse = async (): Promise<Scanned> => ({
      scan: (await this.parser())(abs, bytes.toString('utf8'), settings),
      header: headerOf(headText(bytes), false) ?? null,
    });
    if (!this.cache) return parse();
    // JSON has no compiler settings: a tsconfig change never invalidates its scan.
    const key = ScanCache.key(sha256, path.basename(abs), path.extname(abs) === '.json' ? {} : settings);
    const stored = fromCache(this.cache.get(key));
    if (stored) return stored;
    const fresh = await parse();
    this.cache.set(key, toCache(fresh));
    return fresh;
  }

  private async parser(): Promise<typeof scanSource> {
    this.scanner ??= (await import('./scan.js')).scanSource;
    return this.scanner;
  }

  /** What the compiler does to this file's imports, from the tsconfig that owns it. */
  private scanSettingsFor(abs: string): ScanSettings {
    const ts = this.resolver.settingsFor(abs);
    if (!ts) return {};
    return {
      verbatimModuleSyntax: ts.verbatimModuleSyntax || ts.preserveValueImports,
      emitDecoratorMetadata: ts.emitDecoratorMetadata,
      jsxRuntime: ts.jsxRuntime,
      jsxImportSource: ts.jsxImportSource,
      jsxFactory: ts.jsxFactory,
      jsxFragmentFactory: ts.jsxFragmentFactory,
    };
  }

  rel(abs: string): string {
    return path.relative(this.root, abs).split(path.sep).join('/');
  }

  /**
   * The file's node (edges resolved), what madge should follow from it, and the files its erased
   * imports name. Read and scanned once per run; later calls return the same object (madge's synchronous hooks read it from there).
   */
  async analyse(abs: string): Promise<Analysed> {
    let a = this.analysed.get(abs);
    if (a) return a;
    const rel = this.rel(abs);
    const follow = new Map<string, string>();
    const typeTargets: string[] = [];
    // An extensionless script without a known #! line is read as JavaScript (Node would run it so).
    const language = languageOf(abs) ?? (path.extname(abs) ? 'asset' : 'js');
    // A native addon (or an asset loaded by URL or a glob) ships as it is: nothing in it is read.
    if (language === 'asset' || language === 'python') {
      a = { node: { path: rel, language: 'asset', edges: [], dynamic: [] }, follow, typeTargets };
      this.analysed.set(abs, a);
      return a;
    }
    // Read once, as bytes: the scan decodes them and the pack stage uses their hash.
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(abs);
    } catch (e) {
      const message = `cannot be read (${describeFsError(e)})`;
      const node: FileNode = { path: rel, language, edges: [], dynamic: [], parseError: { file: rel, line: 1, column: 1, message } };
      a = { node, follow, typeTargets };
      this.analysed.set(abs, a);
      return a;
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    this.contents.set(rel, { bytes: bytes.length, sha256 });
    const { scan, header } = await this.scan(abs, bytes, sha256);
    // Two callers may have awaited the same file: the first one's answer stands.
    a = this.analysed.get(abs);
    if (a) return a;
    this.headers.set(rel, header);
    if (scan.syntaxCheckSkipped) this.notices.push(`${rel}: ${scan.syntaxCheckSkipped}.`);
    // A tsconfig met while resolving (a sub-folder's, a workspace member's) may need TypeScript: loaded, then resolved again.
    a = await withTypeScript(() => this.link(abs, rel, language, scan));
    this.analysed.set(abs, a);
    return a;
  }

  /** The file's edges: each scanned import and glob resolved. Synchronous, and without effects on a second try. */
  private link(abs: string, rel: string, language: FileNode['language'], scan: ScanResult): Analysed {
    const resolutions = this.resolutions(abs, rel);
    const follow = new Map<string, string>();
    const typeTargets: string[] = [];
    const edges: ImportEdge[] = [];
    const dynamic = scan.dynamic.map((d) => ({ file: rel, ...d }));
    // Targets are nearly always below the root: a slice instead of path.relative (one call per edge on a cached run).
    const below = this.root + path.sep;
    const relOf = (file: string) => (file.startsWith(below) && path.sep === '/' ? file.slice(below.length) : this.rel(file));
    const addEdge = (imp: Pick<ScannedImport, 'specifier' | 'line' | 'column' | 'kind' | 'optional'>, r: Resolution, origin?: ImportEdge['origin']) => {
      // Files a glob or a URL names may be any kind of file: they ship as assets.
      if (origin && origin !== 'jsx-runtime' && r.class === 'unsupported') r = { ...r, class: 'file' };
      const edge: ImportEdge = { from: rel, specifier: imp.specifier, line: imp.line, column: imp.column, kind: imp.kind, class: r.class };
      if (r.file) edge.target = relOf(r.file);
      if (r.packageName) edge.packageName = r.packageName;
      if (r.shadowed) edge.shadowedCandidates = r.shadowed.map(relOf);
      if (r.outsidePath) edge.outsidePath = r.outsidePath;
      if (r.symlink) edge.symlink = this.rel(r.symlink);
      if (r.reason) edge.reason = r.reason;
      if (r.workspace) edge.workspace = r.workspace;
      if (r.builtin) edge.builtin = r.builtin;
      if (r.tsOnly) edge.tsOnly = r.tsOnly;
      if (origin) edge.origin = origin;
      if (imp.optional) edge.optional = true;
      if (r.class === 'file' && r.file) follow.set(imp.specifier, r.file);
      edges.push(edge);
    };
    for (const imp of scan.imports) {
      const r = resolutions.resolve(imp.specifier, imp.kind);
      let erased = imp.typeOnly;
      // Kept only for emitDecoratorMetadata: tsc writes `Object` (and drops the import) for a name that is only a type.
      if (!erased && imp.metadataOnly) erased = imp.metadataOnly.every((name) => this.namesOnlyAType(name, r));
      // `import { Config } from './config'` with only config.d.ts, and Config used as a type
      // alone: tsc, esbuild and swc all erase the import, so nothing is loaded at run time.
      if (!erased && r.declarationOnly && imp.bindings?.length && !imp.bindings.some((b) => scan.valueNames.has(b))) erased = true;
      if (erased) {
        if (r.class === 'file' && r.file) typeTargets.push(this.rel(r.file));
        continue;
      }
      addEdge(imp, r, imp.origin);
    }
    for (const glob of scan.globs) {
      const matched = this.expandGlob(abs, glob);
      if (!matched) {
        dynamic.push({
          file: rel,
          line: glob.line,
          column: glob.column,
          expression: `${glob.origin}(...) matches more than ${GLOB_LIMIT} files or cannot be expanded`,
        });
        continue;
      }
      for (const file of matched) {
        let specifier = path.relative(path.dirname(abs), file).split(path.sep).join('/');
        if (!specifier.startsWith('../')) specifier = './' + specifier;
        addEdge(
          { specifier, line: glob.line, column: glob.column, kind: glob.kind, optional: glob.optional },
          resolutions.resolve(specifier, glob.kind),
          glob.origin,
        );
      }
    }
    const node: FileNode = {
      path: rel,
      language,
      edges,
      dynamic,
      parseError: scan.parseError && { file: rel, ...scan.parseError },
    };
    resolutions.save();
    return { node, follow, typeTargets };
  }

  /**
   * The resolver for one file's imports. With a cache: the file's stored resolutions are reused
   * when every file-system fact they read (Resolver.record) has the same answer now; a specifier
   * not stored, or any fact that changed, is resolved again and recorded. `save` stores what this
   * run used (docs/cache.md). Counted in the cache's `resolutions` (hits and misses per import).
   */
  private resolutions(abs: string, rel: string): { resolve: (specifier: string, kind: ImportKind) => Resolution; save: () => void } {
    const cache = this.cache;
    if (!cache) return { resolve: (specifier, kind) => this.resolver.resolve(specifier, abs, kind), save: () => undefined };
    this.resolutionsPrefix ??= resolutionsPrefix(this.root);
    const key = this.resolutionsPrefix + rel;
    const stored = storedResolutions(cache.recall(key), rel);
    const valid = stored !== undefined && stored.table === cache.facts.id && stored.facts.every((slot) => this.factHolds(slot));
    const used: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    const recorded = new Set<string>();
    let changed = !valid;
    return {
      resolve: (specifier, kind) => {
        const id = `${kind}\0${specifier}`;
        const hit = valid && Object.hasOwn(stored.res, id) ? storedResolution(stored.res[id]) : undefined;
        if (hit) {
          cache.resolutions.hits++;
          used[id] = stored!.res[id];
          return hit;
        }
        cache.resolutions.misses++;
        changed = true;
        const r = this.resolver.record(recorded, () => this.resolver.resolve(specifier, abs, kind));
        used[id] = r;
        return r;
      },
      save: () => {
        if (!changed && stored && Object.keys(used).length === Object.keys(stored.res).length) return;
        // The facts of the stored resolutions kept (each holds now) and of the new ones.
        const slots = new Set<number>(valid ? stored.facts : []);
        for (const fact of recorded) slots.add(this.slotOf(cache.facts, fact));
        cache.remember(key, { file: rel, table: cache.facts.id, facts: [...slots], res: used });
      },
    };
  }

  /** Whether slot `slot` of the cache's fact table has the same answer now (asked once per run; a slot out of range never holds). */
  private factHolds(slot: number): boolean {
    const table = this.cache!.facts;
    if (slot >= table.keys.length) return false;
    let holds = this.holds[slot];
    if (holds === undefined) {
      holds = this.resolver.answer(table.keys[slot]) === table.answers[slot];
      this.holds[slot] = holds;
    }
    return holds;
  }

  /** The slot of the fact table that holds `fact` with its answer now, added when there is none. */
  private slotOf(table: FactTable, fact: string): number {
    // A question has one answer per run: its slot is found once.
    const known = this.slotNow.get(fact);
    if (known !== undefined) return known;
    // A key this version cannot ask again gets the answer '', which no answer now equals: it never holds.
    const answer = this.resolver.answer(fact) ?? '';
    if (!this.slots) {
      this.slots = new Map();
      for (let i = 0; i < table.keys.length; i++) this.slots.set(`${table.keys[i]}\n${table.answers[i]}`, i);
    }
    const id = `${fact}\n${answer}`;
    let slot = this.slots.get(id);
    if (slot === undefined) {
      slot = table.keys.length;
      table.keys.push(fact);
      table.answers.push(answer);
      this.slots.set(id, slot);
      this.holds[slot] = answer !== '';
    }
    this.slotNow.set(fact, slot);
    return slot;
  }

  /**
   * The files an `import.meta.glob` (Vite: relative patterns, `/` from the root, `!` negations) or a
   * `require.context` (webpack: folder, recursion, a regular expression tested on './path') names,
   * absolute and sorted; undefined when it cannot be expanded safely.
   */
  private expandGlob(fromAbs: string, glob: ScannedGlob): string[] | undefined {
    const dir = path.dirname(fromAbs);
    let files: string[];
    if (glob.patterns) {
      const positive: string[] = [];
      const negative: string[] = [];
      for (const p of glob.patterns) {
        const negated = p.startsWith('!');
        const body = negated ? p.slice(1) : p;
        // '/src/x/*' is from the project root in Vite; anything else but relative is an alias we do not expand.
        const absPattern = body.startsWith('/')
          ? path.join(this.root, body)
          : body.startsWith('./') || body.startsWith('../')
            ? path.resolve(dir, body)
            : undefined;
        if (!absPattern) return undefined;
        const relPattern = path.relative(this.root, absPattern).split(path.sep).join('/');
        // Never walk outside the root (also not through braces such as '{../..,x}').
        if (relPattern.includes('..') || path.isAbsolute(relPattern)) return undefined;
        (negated ? negative : positive).push(relPattern);
      }
      try {
        files = globSync(positive, {
          cwd: this.root,
          ignore: ['**/node_modules/**', ...negative],
          dot: false,
          followSymbolicLinks: false,
          onlyFiles: true,
        }).map((f) => path.join(this.root, f));
      } catch {
        return undefined;
      }
    } else {
      const ctx = glob.context!;
      const base = path.resolve(dir, ctx.dir);
      if (!isInside(this.root, base)) return undefined;
      // The expression is the project's: a quantified group (`(a+)+`, `(a|a)*`) can backtrack without end, so it is not run.
      if (/\)[+*{?]/.test(ctx.regex) || /\\[1-9]|\\k</.test(ctx.regex)) return undefined;
      let re: RegExp;
      try {
        re = new RegExp(ctx.regex, ctx.flags);
      } catch {
        return undefined;
      }
      let listed: string[];
      try {
        listed = globSync([ctx.recursive ? '**/*' : '*'], {
          cwd: base,
          ignore: ['**/node_modules/**'],
          dot: false,
          followSymbolicLinks: false,
          onlyFiles: true,
        });
      } catch {
        return undefined;
      }
      files = listed.filter((f) => f.length < 300 && re.test('./' + f.split(path.sep).join('/'))).map((f) => path.join(base, f));
    }
    files = files.filter((f) => f !== fromAbs).sort();
    return files.length > GLOB_LIMIT ? undefined : files;
  }

  /**
   * Whether `name`, imported from what `r` resolved to, is declared only as a type there (an
   * interface or a type alias, no value of that name): tsc's decorator metadata then writes
   * `Object` and erases the import. Read from the project file, or from the package's own types
   * or its `@types` package when installed; when the types cannot be read, tsc cannot tell either
   * and keeps the reference (false).
   */
  private namesOnlyAType(name: string, r: Resolution): boolean {
    const texts: string[] = [];
    if (r.class === 'file' && r.file) texts.push(readText(r.file));
    else if (r.class === 'package' && r.packageName) {
      for (const dir of [
        path.join(this.root, 'node_modules', '@types', r.packageName.replace(/^@([^/]+)\//, '$1__')),
        path.join(this.root, 'node_modules', r.packageName),
      ]) {
        const pkg = readText(path.join(dir, 'package.json'));
        let types = 'index.d.ts';
        try {
          const json = JSON.parse(pkg || '{}') as { types?: unknown; typings?: unknown };
          if (typeof json.types === 'string') types = json.types;
          else if (typeof json.typings === 'string') types = json.typings;
        } catch {
          /* keep index.d.ts */
        }
        texts.push(readText(path.join(dir, types)));
      }
    }
    const text = texts.join('\n');
    if (!text) return false;
    const id = name.replace(/[$]/g, '\\$');
    const asType = new RegExp(`\\b(interface|type)\\s+${id}\\b`).test(text);
    const asValue = new RegExp(`\\b(class|function|const|let|var|enum|namespace)\\s+${id}\\b`).test(text);
    return asType && !asValue;
  }

  /** Files reached only by erased imports from `reachable`, and what those import in turn (all kinds), sorted. */
  async typeOnlyFiles(reachable: Set<string>): Promise<string[]> {
    const out = new Set<string>();
    const queue: string[] = [];
    const push = (rel: string) => {
      if (!reachable.has(rel) && !out.has(rel)) {
        out.add(rel);
        queue.push(rel);
      }
    };
    for (const rel of reachable) for (const t of (await this.analyse(path.join(this.root, rel))).typeTargets) push(t);
    for (let i = 0; i < queue.length; i++) {
      const a = await this.analyse(path.join(this.root, queue[i]));
      for (const t of a.typeTargets) push(t);
      for (const e of a.node.edges) if (e.class === 'file' && e.target) push(e.target);
    }
    return [...out].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  }

  /**
   * What madge's detective reports for a file: only the imports that lead to project files. madge
   * follows only those, so it asks only about files our own walk analysed before it started.
   */
  specifiersFor(abs: string): string[] {
    return [...(this.analysed.get(abs)?.follow.keys() ?? [])];
  }

  /** The imports madge follows from an analysed file (root-relative): specifier -> absolute target. */
  followed(rel: string): Map<string, string> {
    return this.analysed.get(path.join(this.root, rel))?.follow ?? new Map();
  }

  /** What filing-cabinet answers for one specifier of one file. */
  lookup(specifier: string, fromAbs: string): string {
    return this.analysed.get(fromAbs)?.follow.get(specifier) ?? '';
  }
}

/** A regular file's text, else '' (never blocks on a named pipe). */
function readText(file: string): string {
  try {
    if (!fs.statSync(file).isFile()) return '';
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

let hooksInstalled = false;

/** madge and the two libraries it walks with, loaded only when madge runs (not on a run whose edges madge already walked). */
async function loadMadge(): Promise<typeof import('madge').default> {
  const [{ default: madge }, { default: precinct }, { default: cabinet }] = await Promise.all([import('madge'), import('precinct'), import('filing-cabinet')]);
  installHooks(precinct, cabinet);
  return madge;
}

function installHooks(precinct: typeof import('precinct').default, cabinet: typeof import('filing-cabinet').default): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  const originalPaperwork = precinct.paperwork;
  precinct.paperwork = (filename: string, options: Record<string, unknown> = {}) => {
    const engine = options[ENGINE as unknown as string] as JsEngine | undefined;
    return engine ? engine.specifiersFor(filename) : originalPaperwork(filename, options);
  };
  // '' covers extensionless scripts (`bin/cli` with a node #! line).
  for (const ext of [...JS_EXTENSIONS, '']) {
    const original = cabinet.getLookup(ext);
    cabinet.register(ext, (options) => {
      const engine = (options.tsConfig as Record<symbol, JsEngine> | undefined)?.[ENGINE];
      if (engine) return engine.lookup(options.dependency as string, options.filename as string);
      return original ? original(options) : '';
    });
  }
}

/**
 * The reachable JS/TS files from `entries` (absolute), as FileNodes keyed by root-relative path.
 * madge's traversal gives the set; every file our resolver reaches is then confirmed in it,
 * and a file madge missed is added rather than dropped.
 */
export async function buildJsGraph(
  engine: JsEngine,
  root: string,
  entries: string[],
): Promise<{ files: Map<string, FileNode>; madgeGaps: string[]; notices: string[]; typeOnly: string[] }> {
  // Our own closure first, breadth-first and iterative: every file is parsed here, on a shallow
  // stack, so madge's recursive walk below only reads cached answers.
  const queue = entries.map((e) => engine.rel(e));
  const queued = new Set(queue);
  for (let i = 0; i < queue.length; i++) {
    for (const edge of (await engine.analyse(path.join(root, queue[i]))).node.edges) {
      if (edge.class === 'file' && edge.target && !queued.has(edge.target)) {
        queued.add(edge.target);
        queue.push(edge.target);
      }
    }
  }

  const notices: string[] = [];
  const files = new Map<string, FileNode>();
  const madgeGaps: string[] = [];
  const hook = { [ENGINE]: engine };
  // madge follows nothing but our edges (through the hooks), so the same edges give the same
  // answer: with a cache, an answer for exactly these entries and edges is reused (docs/engine.md).
  const edgesKey = engine.cache && madgeKey(engine, queue);
  let listed = edgesKey ? storedListing(engine.cache!.recall(edgesKey), queued) : undefined;
  try {
    if (!listed) {
      const madge = await loadMadge();
      const result = await madge(entries, {
        baseDir: root,
        fileExtensions: JS_EXTENSIONS.map((e) => e.slice(1)),
        includeNpm: false,
        detectiveOptions: hook,
        tsConfig: hook,
      });
      listed = Object.keys(result.obj());
      if (edgesKey) engine.cache!.remember(edgesKey, listed);
    }
  } catch (error) {
    // dependency-tree recurses once per import level: a chain a few thousand files deep overflows
    // the stack. The set is the same by construction (madge follows our own edges), so say so and go on.
    if (!isStackOverflow(error)) throw error;
    notices.push(
      `The import graph is ${queue.length} files and too deep for madge's recursive walk (${(error as Error).message}); shipset used its own traversal of the same imports.`,
    );
  }
  if (listed) for (const rel of listed) files.set(rel, (await engine.analyse(path.join(root, rel))).node);
  // Close the set ourselves: anything reachable by our edges that madge did not list.
  for (const rel of queue) {
    if (files.has(rel)) continue;
    const node = (await engine.analyse(path.join(root, rel))).node;
    files.set(rel, node);
    // madge never lists files outside its extensions (a native addon, an asset): not a gap.
    if (listed && node.language !== 'asset') madgeGaps.push(rel);
  }
  // madge lists only what it reached through our hooks; anything beyond our closure is not run.
  for (const rel of [...files.keys()]) if (!queued.has(rel)) files.delete(rel);
  for (const n of engine.notices) notices.push(n); // one per file: can be more than a call's arguments
  return { files, madgeGaps, notices, typeOnly: await engine.typeOnlyFiles(new Set(files.keys())) };
}

/**
 * The cache key of madge's answer for this walk: the entries and every followed edge (file,
 * specifier, target) of every file our walk reached, in walk order. madge reads nothing else (the
 * hooks answer its every lookup), so an equal key means an equal answer. madge's version is
 * shipset's (it is bundled), and the cache file of another shipset version is not read.
 */
function madgeKey(engine: JsEngine, queue: string[]): string {
  const hash = createHash('sha256').update(`madge\0${JS_EXTENSIONS.join(',')}\0`);
  for (const rel of queue) {
    hash.update(`${rel}\0`);
    for (const [specifier, target] of engine.followed(rel)) hash.update(`${specifier}\0${target}\0`);
    hash.update('\n');
  }
  return `madge:${hash.digest('hex')}`;
}

/** A stored madge answer (the files it listed, in its order), or undefined when it is not a list of files of this walk. */
function storedListing(value: unknown, walked: Set<string>): string[] | undefined {
  if (!Array.isArray(value) || !value.every((f) => typeof f === 'string' && walked.has(f))) return undefined;
  return value as string[];
}

/**
 * The start of the cache key of a file's resolutions, followed by the file's root-relative path: a
 * hash of the root and of what resolution depends on besides the file system (one hash per run,
 * not per file; another root sharing the cache folder has its own keys).
 */
function resolutionsPrefix(root: string): string {
  return `resolve:${createHash('sha256').update(`${RESOLVER_CONTEXT}\0${root}`).digest('hex').slice(0, 32)}:`;
}

interface StoredResolutions {
  /** The id of the fact table the slots are of. */
  table: string;
  /** The slots of the fact table (ScanCache.facts) the resolutions read. */
  facts: number[];
  /** `kind\0specifier` -> the resolution, as JSON. */
  res: Record<string, unknown>;
}

/** One file's stored resolutions, or undefined when the value is not that file's (a cache file is data: checked, not trusted). */
function storedResolutions(value: unknown, rel: string): StoredResolutions | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { file, table, facts, res } = value as Record<string, unknown>;
  if (file !== rel || typeof table !== 'string' || !Array.isArray(facts) || !isRecord(res)) return undefined;
  if (!facts.every((f) => Number.isInteger(f) && f >= 0)) return undefined;
  return { table, facts: facts as number[], res };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const EDGE_CLASSES = new Set(['file', 'package', 'builtin', 'unresolved', 'outside-root', 'unsupported']);
const TS_ONLY_STEPS = new Set(['tsconfig-paths', 'ts-extension', 'extension-probe', 'compiled-alias']);
const RESOLUTION_TEXTS = ['file', 'packageName', 'outsidePath', 'symlink', 'reason', 'declarationOnly', 'workspace', 'builtin'] as const;

/** A stored resolution (a fresh object), or undefined when the value does not have its shape. */
function storedResolution(value: unknown): Resolution | undefined {
  if (!isRecord(value) || typeof value.class !== 'string' || !EDGE_CLASSES.has(value.class)) return undefined;
  const r: Resolution = { class: value.class as Resolution['class'] };
  for (const k of RESOLUTION_TEXTS) {
    const v = value[k];
    if (v === undefined) continue;
    if (typeof v !== 'string') return undefined;
    r[k] = v;
  }
  if (value.shadowed !== undefined) {
    if (!Array.isArray(value.shadowed) || !value.shadowed.every((f) => typeof f === 'string')) return undefined;
    r.shadowed = [...(value.shadowed as string[])];
  }
  if (value.tsOnly !== undefined) {
    if (typeof value.tsOnly !== 'string' || !TS_ONLY_STEPS.has(value.tsOnly)) return undefined;
    r.tsOnly = value.tsOnly as Resolution['tsOnly'];
  }
  if (value.probed !== undefined) {
    if (typeof value.probed !== 'boolean') return undefined;
    r.probed = value.probed;
  }
  return r;
}

/**
 * A scan as stored in the cache (JSON), with the file's header. Value names are only ever asked
 * about for names an import binds, so only those are kept: the same answers, a fraction of the size.
 */
function toCache({ scan, header }: Scanned): unknown {
  const bound = new Set(scan.imports.flatMap((i) => i.bindings ?? []));
  return { ...scan, valueNames: [...scan.valueNames].filter((n) => bound.has(n)), header };
}

const isArrayOf = (v: unknown, check: (x: Record<string, unknown>) => boolean): boolean =>
  Array.isArray(v) && v.every((x) => typeof x === 'object' && x !== null && check(x as Record<string, unknown>));
const isSite = (x: Record<string, unknown>): boolean => Number.isInteger(x.line) && Number.isInteger(x.column);

/** A stored scan and header, or undefined when the value does not have their shape (a cache file is data: checked, not trusted). */
function fromCache(value: unknown): Scanned | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { header, ...v } = value as Record<string, unknown>;
  const h = header as Record<string, unknown> | null | undefined;
  if (h !== null && !(typeof h === 'object' && Number.isInteger(h.line) && typeof h.text === 'string')) return undefined;
  if (!isArrayOf(v.imports, (x) => typeof x.specifier === 'string' && typeof x.kind === 'string' && isSite(x))) return undefined;
  if (!isArrayOf(v.globs, (x) => typeof x.origin === 'string' && typeof x.kind === 'string' && isSite(x))) return undefined;
  if (!isArrayOf(v.dynamic, (x) => typeof x.expression === 'string' && isSite(x))) return undefined;
  if (!Array.isArray(v.valueNames) || !v.valueNames.every((n) => typeof n === 'string')) return undefined;
  if (
    v.parseError !== undefined &&
    !(typeof v.parseError === 'object' && v.parseError !== null && typeof (v.parseError as Record<string, unknown>).message === 'string')
  )
    return undefined;
  if (v.syntaxCheckSkipped !== undefined && typeof v.syntaxCheckSkipped !== 'string') return undefined;
  return {
    scan: { ...(v as unknown as ScanResult), valueNames: new Set(v.valueNames as string[]) },
    header: h && { line: h.line as number, text: h.text as string },
  };
}
