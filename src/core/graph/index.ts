// options -> ModuleGraph. The engines sit side by side behind one interface, one per language:
// each takes the entries written in its language and returns the files it reached. This module
// merges them, then derives what every rule needs: how each file was first reached (via), the
// type-only and dormant files, and the notices.
import fs from 'node:fs';
import path from 'node:path';
import { gitTopLevel } from '../git.js';
import { manifestProblemText, readProjectManifest } from '../read-manifest.js';
import { type FileNode, type Language, type ModuleGraph, type Options, type Runtime, UsageError } from '../types.js';
import { languageOf } from './language.js';
import { byCodeUnit, isSourceFile, listSourceFiles } from './source-files.js';
import { RealPaths } from './real-paths.js';
import { viaMap } from './via.js';
import type { TsProject } from './js/tsconfig.js';
import { decideRuntime, isPathsHook, readsTsconfig, registersPathsHook, runtimeRegisteredBy } from '../runtime.js';

/** What an engine found from its entries: the reachable files (with their edges), files reached only for their types, notices. */
export interface EngineResult {
  files: Map<string, FileNode>;
  typeOnly: string[];
  notices: string[];
  /** Size and SHA-256 of each file the engine read, so the pack does not read it again. */
  contents?: ModuleGraph['contents'];
  /** The deprecation header of each file the engine read (null: none), so the rules do not read it again. */
  headers?: ModuleGraph['headers'];
  /** The engine's real-path lookups, shared with the rest of the run. */
  realPaths?: RealPaths;
  /** The tsconfig files the runtime reads at start (tsx, ts-node, bun), root-relative. */
  runtimeConfigs?: string[];
  /** The runtime an entry switched to by registering a loader (runtimeRegisteredBy), when no runtime was given. */
  runtime?: Runtime;
  /** An entry requires tsconfig-paths/register before its project imports (registersPathsHook). */
  pathsHook?: boolean;
}

/** One language's engine. Engines are loaded only when an entry needs them (a JS run never loads Python's). */
export interface Engine {
  /** For messages: 'JavaScript/TypeScript', 'Python'. */
  name: string;
  /** Whether entries of this language start in this engine. */
  reads(language: Language): boolean;
  /** Entries relative to the root, all of this engine's language. */
  build(entries: string[], options: Options, runtime: Runtime, pathsHook?: boolean): Promise<EngineResult>;
}

/** JavaScript and TypeScript: our scanner (TypeScript's parser) and resolver, with madge's walk as a cross-check. */
const javascript: Engine = {
  name: 'JavaScript/TypeScript',
  reads: (language) => language !== 'python',
  async build(entries, options, runtime, startHook = false) {
    const { root } = options;
    // The parser itself (./js/scan.js: TypeScript, Babel) loads only when a file misses the scan cache.
    // One after another: jest's ESM loader races on a module two concurrent imports share.
    const { buildJsGraph, JsEngine } = await import('./js/engine.js');
    const { Resolver } = await import('./js/resolve.js');
    const { loadTsProject, withTypeScript } = await import('./js/tsconfig.js');
    const { SCANNER_VERSION } = await import('./js/scan-version.js');
    const { ScanCache } = await import('../cache.js');
    const notices: string[] = [];
    // TypeScript is loaded only for a tsconfig the quick reader leaves to it.
    const project = await withTypeScript(() => loadTsProject(root, options.tsconfig));
    const resolver = new Resolver(root, project);
    const cache = options.cache ? ScanCache.open(options.cache, SCANNER_VERSION) : undefined;
    const engine = new JsEngine(root, resolver, cache);
    const js = await buildJsGraph(
      engine,
      root,
      entries.map((e) => path.join(root, e)),
    );
    // Configs of sub-folders are read as their files are reached: their notices come after the walk.
    if (project) for (const n of project.notices) notices.push(n);
    // Views, public assets, migrations, SQL beside the shipped code: read from disk, never imported.
    const { dataFilesNotice, JS_DATA } = await import('./data-files.js');
    const data = dataFilesNotice(root, new Set(js.files.keys()), options.include, JS_DATA);
    if (data) notices.push(data);
    if (cache) {
      for (const n of cache.notices) notices.push(n);
      const failed = cache.save();
      if (failed) notices.push(failed);
    }
    for (const n of js.notices) notices.push(n);
    if (js.madgeGaps.length)
      notices.push(
        `madge did not list ${js.madgeGaps.length} reachable file(s) (${js.madgeGaps.slice(0, 5).join(', ')}); shipset added them from its own scan.`,
      );
    // An entry that registers a loader first (`require('ts-node/register')`) runs the rest under it.
    const registered = options.runtime ? undefined : entries.map((e) => runtimeRegisteredBy(js.files.get(e)?.edges ?? [])).find((r) => r !== undefined);
    // ts-node also preloads what its tsconfig options list ("ts-node": { "require": [...] }).
    const { tsNodeRequires } = await import('./js/ts-node-config.js');
    const tsNodeHook =
      (registered ?? runtime) === 'ts-node' && entries.some((e) => tsNodeRequires(root, project?.forFile(path.join(root, e))).some(isPathsHook));
    const pathsHook = startHook || tsNodeHook || entries.some((e) => registersPathsHook(js.files.get(e)?.edges ?? []));
    // tsconfig-paths/register reads the tsconfig at start too, under any runtime.
    const runtimeConfigs = project && (readsTsconfig(registered ?? runtime) || pathsHook) ? configsRead(root, project, js.files.keys()) : undefined;
    return {
      ...(pathsHook ? { pathsHook } : {}),
      ...(registered ? { runtime: registered } : {}),
      files: js.files,
      typeOnly: js.typeOnly,
      notices,
      contents: engine.contents,
      headers: engine.headers,
      realPaths: resolver.realPaths,
      ...(runtimeConfigs ? { runtimeConfigs } : {}),
    };
  },
};

/** Python: CPython's path-finder order, CPython's parser when a python3 is present. */
const python: Engine = {
  name: 'Python',
  reads: (language) => language === 'python',
  async build(entries, options) {
    const { buildPythonGraph } = await import('./python/index.js');
    const py = await buildPythonGraph({ root: options.root, entries, pythonPath: options.pythonPath, mode: options.pythonMode, include: options.include });
    return { files: py.files, typeOnly: [], notices: [...py.notices] };
  },
};

/** Every engine, in the order their files win when two reach the same path. */
export const ENGINES: readonly Engine[] = [javascript, python];

export async function buildGraph(options: Options): Promise<ModuleGraph> {
  const { root } = options;
  const byEngine = new Map<Engine, string[]>();
  for (const entry of options.entries) {
    const language = languageOf(path.join(root, entry));
    const engine = language ? ENGINES.find((e) => e.reads(language)) : undefined;
    if (!engine) {
      const ext = path.extname(entry);
      throw new UsageError(
        `entry '${entry}': shipset cannot read ${ext ? `${ext} files` : 'this file (no extension and no node or python #! line)'}; it reads JavaScript, TypeScript and Python (.js .jsx .mjs .cjs .ts .tsx .mts .cts .json .py). Name the file that starts the program.`,
      );
    }
    byEngine.set(engine, [...(byEngine.get(engine) ?? []), entry]);
  }

  const notices: string[] = [];
  const files = new Map<string, FileNode>();
  const typeOnlyFound: string[] = [];
  const decided = decideRuntime(root, options.entries, options.runtime);
  let runtime = decided.runtime;
  let pathsHook = decided.pathsHook ?? false;
  let runtimeConfigs: string[] | undefined;
  let realPaths = new RealPaths();
  let contents: ModuleGraph['contents'];
  let headers: ModuleGraph['headers'];
  for (const engine of ENGINES) {
    const entries = byEngine.get(engine);
    if (!entries) continue;
    const found = await engine.build(entries, options, decided.runtime, decided.pathsHook);
    for (const [k, v] of found.files) if (!files.has(k)) files.set(k, v);
    for (const t of found.typeOnly) typeOnlyFound.push(t);
    for (const n of found.notices) notices.push(n);
    if (found.contents) contents = found.contents;
    if (found.headers) headers = found.headers;
    if (found.realPaths) realPaths = found.realPaths;
    if (found.runtimeConfigs) runtimeConfigs = found.runtimeConfigs;
    if (found.runtime) runtime = found.runtime;
    if (found.pathsHook) pathsHook = true;
  }
  // The guess for a TypeScript entry is moot when the entry registers its loader itself.
  if (decided.notice && runtime === decided.runtime) notices.push(decided.notice);

  checkManifestsAreFiles(root, files.keys());
  const via = viaMap(options.entries, files);
  const listing = listSourceFiles(root, options.exclude);
  const inGit = gitTopLevel(root) !== undefined;
  if (!inGit) {
    notices.push(
      `${root} is not inside a git repository: dormant files come from a folder walk and stale variants are judged by version numbers in their names only. Run shipset in a git checkout (with full history: fetch-depth: 0) to compare last-change dates.`,
    );
  }
  const runs = realTargetsOf(root, files, realPaths);
  const typeOnly = [...new Set(typeOnlyFound)].filter((f) => !files.has(f) && !runs.has(f)).sort(byCodeUnit);
  const typeOnlySet = new Set(typeOnly);
  const dormant = listing.files.filter((f) => !files.has(f) && !runs.has(f) && !typeOnlySet.has(f));
  const sourceFiles = [...new Set([...listing.files, ...[...files.keys()].filter(isSourceFile)])].sort(byCodeUnit);
  return {
    root,
    entries: options.entries,
    files,
    via,
    dormant,
    typeOnly,
    sourceFiles,
    inGit,
    notices,
    contents,
    headers,
    realpath: (abs) => realPaths.get(abs),
    runtime,
    ...(pathsHook ? { pathsHook } : {}),
    ...(runtimeConfigs ? { runtimeConfigs } : {}),
  };
}

/**
 * The tsconfig files tsx, ts-node and Bun read when they load the reachable files: the main
 * config, each file's owning config, and what they extend. Root-relative, inside the root only
 * (an `extends` of an installed package comes with the install), sorted.
 */
function configsRead(root: string, project: TsProject, reachable: Iterable<string>): string[] {
  const configs = new Set([project.main]);
  for (const rel of reachable) configs.add(project.forFile(path.join(root, rel)));
  const out = new Set<string>();
  for (const config of configs) {
    if (!config) continue;
    for (const abs of [config.file, ...(config.extendsChain ?? [])]) {
      const rel = path.relative(root, abs);
      if (!rel.startsWith('..') && !path.isAbsolute(rel) && !rel.split(path.sep).includes('node_modules')) out.add(rel.split(path.sep).join('/'));
    }
  }
  return [...out].sort(byCodeUnit);
}

/**
 * Every package.json between a reachable file and the root is read (module format, dependencies,
 * `imports`): one that is a named pipe would block the run forever, a folder cannot be read, and
 * a link out of the root would read a file of the machine. Each is bad input, named here.
 */
function checkManifestsAreFiles(root: string, reachable: Iterable<string>): void {
  const seen = new Set<string>();
  for (const rel of reachable) {
    for (let dir = path.posix.dirname(rel); !seen.has(dir); dir = path.posix.dirname(dir)) {
      seen.add(dir);
      if (dir === '..' || dir.startsWith('../') || path.posix.isAbsolute(dir)) break;
      const manifest = dir === '.' ? 'package.json' : `${dir}/package.json`;
      const abs = path.join(root, manifest);
      if (!fs.lstatSync(abs, { throwIfNoEntry: false })) continue;
      const read = readProjectManifest(root, abs);
      if (!read.ok && read.kind !== 'missing') {
        throw new UsageError(
          manifestProblemText(
            read,
            'Node and shipset read it as the package manifest of its folder: replace it with a JSON file inside the root, or remove it.',
          ),
        );
      }
      if (dir === '.') break;
    }
  }
}

/**
 * Files inside the root that a reachable symlink points to: their code runs (under the link's
 * name), so they are not dormant.
 */
function realTargetsOf(root: string, files: Map<string, FileNode>, realPaths: RealPaths): Set<string> {
  const targets = new Set<string>();
  for (const rel of files.keys()) {
    const abs = path.join(root, rel);
    const real = realPaths.get(abs);
    // Not a link and no linked folder on the way: the file runs under its own name.
    if (real === undefined || real === abs) continue;
    const realRel = path.relative(root, real);
    if (!realRel.startsWith('..') && !path.isAbsolute(realRel)) targets.add(realRel.split(path.sep).join('/'));
  }
  return targets;
}
