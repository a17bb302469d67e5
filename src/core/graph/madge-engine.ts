// madge walks the graph from the entries; shipset supplies what madge gets wrong.
// Through two hooks, keyed per run so concurrent runs cannot mix:
// - precinct.paperwork (madge's detective) returns the specifiers of our own scan, which
//   keeps file:line for every import, reads .mts, and drops type-only imports;
// - filing-cabinet's public `register` API puts our run-time resolver in front of its
//   lookups, so `.d.ts` files, stale build outputs and cwd-dependent aliases cannot win.
// madge then does the traversal; we check its answer against ours and fill any gap.
import fs from 'node:fs';
import path from 'node:path';
import cabinet from 'filing-cabinet';
import madge from 'madge';
import precinct from 'precinct';
import { describeFsError, isStackOverflow } from '../errors.js';
import type { FileNode, ImportEdge } from '../types.js';
import { languageOf } from './language.js';
import { JS_EXTENSIONS, type Resolver } from './resolve.js';
import { scanSource, type ScanSettings } from './scan.js';

const ENGINE = Symbol.for('shipset.engine');

interface Analysed {
  node: FileNode;
  /** specifier -> absolute file, for every import madge should follow. */
  follow: Map<string, string>;
}

/** One run's scans and resolutions, shared by madge's hooks and the gap filling. */
export class JsEngine {
  private readonly analysed = new Map<string, Analysed>();
  /** What the scans could not fully check, for the run's notices. */
  readonly notices: string[] = [];

  constructor(
    private readonly root: string,
    private readonly resolver: Resolver,
    private readonly scanSettings: ScanSettings,
  ) {}

  rel(abs: string): string {
    return path.relative(this.root, abs).split(path.sep).join('/');
  }

  analyse(abs: string): Analysed {
    let a = this.analysed.get(abs);
    if (a) return a;
    const rel = this.rel(abs);
    const follow = new Map<string, string>();
    let text: string;
    try {
      text = fs.readFileSync(abs, 'utf8');
    } catch (e) {
      const message = `cannot be read (${describeFsError(e)})`;
      const node: FileNode = { path: rel, language: languageOf(abs) ?? 'js', edges: [], dynamic: [], parseError: { file: rel, line: 1, column: 1, message } };
      a = { node, follow };
      this.analysed.set(abs, a);
      return a;
    }
    const scan = scanSource(abs, text, this.scanSettings);
    if (scan.syntaxCheckSkipped) this.notices.push(`${rel}: ${scan.syntaxCheckSkipped}.`);
    const edges: ImportEdge[] = [];
    for (const imp of scan.imports) {
      const r = this.resolver.resolve(imp.specifier, abs, imp.kind);
      // `import { Config } from './config'` with only config.d.ts, and Config used as a type
      // alone: tsc, esbuild and swc all erase the import, so nothing is loaded at run time.
      if (r.declarationOnly && imp.bindings?.length && !imp.bindings.some((b) => scan.valueNames.has(b))) continue;
      const edge: ImportEdge = { from: rel, specifier: imp.specifier, line: imp.line, column: imp.column, kind: imp.kind, class: r.class };
      if (r.file) edge.target = this.rel(r.file);
      if (r.packageName) edge.packageName = r.packageName;
      if (r.shadowed) edge.shadowedCandidates = r.shadowed.map((f) => this.rel(f));
      if (r.outsidePath) edge.outsidePath = r.outsidePath;
      if (r.symlink) edge.symlink = this.rel(r.symlink);
      if (r.reason) edge.reason = r.reason;
      if (r.class === 'file' && r.file) follow.set(imp.specifier, r.file);
      edges.push(edge);
    }
    const node: FileNode = {
      path: rel,
      language: languageOf(abs) ?? 'js',
      edges,
      dynamic: scan.dynamic.map((d) => ({ file: rel, ...d })),
      parseError: scan.parseError && { file: rel, ...scan.parseError },
    };
    a = { node, follow };
    this.analysed.set(abs, a);
    return a;
  }

  /** What madge's detective reports for a file: only the imports that lead to project files. */
  specifiersFor(abs: string): string[] {
    return [...this.analyse(abs).follow.keys()];
  }

  /** What filing-cabinet answers for one specifier of one file. */
  lookup(specifier: string, fromAbs: string): string {
    return this.analyse(fromAbs).follow.get(specifier) ?? '';
  }
}

let hooksInstalled = false;

function installHooks(): void {
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
): Promise<{ files: Map<string, FileNode>; madgeGaps: string[]; notices: string[] }> {
  installHooks();
  // Our own closure first, breadth-first and iterative: every file is parsed here, on a shallow
  // stack, so madge's recursive walk below only reads cached answers.
  const queue = entries.map((e) => engine.rel(e));
  const queued = new Set(queue);
  for (let i = 0; i < queue.length; i++) {
    for (const edge of engine.analyse(path.join(root, queue[i])).node.edges) {
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
  let listed: string[] | undefined;
  try {
    const result = await madge(entries, {
      baseDir: root,
      fileExtensions: JS_EXTENSIONS.map((e) => e.slice(1)),
      includeNpm: false,
      detectiveOptions: hook,
      tsConfig: hook,
    });
    listed = Object.keys(result.obj());
  } catch (error) {
    // dependency-tree recurses once per import level: a chain a few thousand files deep overflows
    // the stack. The set is the same by construction (madge follows our own edges), so say so and go on.
    if (!isStackOverflow(error)) throw error;
    notices.push(`The import graph is ${queue.length} files and too deep for madge's recursive walk (${(error as Error).message}); shipset used its own traversal of the same imports.`);
  }
  if (listed) for (const rel of listed) files.set(rel, engine.analyse(path.join(root, rel)).node);
  // Close the set ourselves: anything reachable by our edges that madge did not list.
  for (const rel of queue) {
    if (files.has(rel)) continue;
    files.set(rel, engine.analyse(path.join(root, rel)).node);
    if (listed) madgeGaps.push(rel);
  }
  // madge lists only what it reached through our hooks; anything beyond our closure is not run.
  for (const rel of [...files.keys()]) if (!queued.has(rel)) files.delete(rel);
  for (const n of engine.notices) notices.push(n); // one per file: can be more than a call's arguments
  return { files, madgeGaps, notices };
}
