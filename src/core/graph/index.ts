// options -> ModuleGraph. Picks the engine per entry by its extension (madge for JS/TS,
// shipset's own for Python), merges their files, then derives what every rule needs:
// the shortest chain to each file, the dormant files, and the notices.
import fs from 'node:fs';
import path from 'node:path';
import { gitTopLevel } from '../git.js';
import { type FileNode, type ModuleGraph, type Options, UsageError } from '../types.js';
import { buildJsGraph, JsEngine } from './madge-engine.js';
import { buildPythonGraph } from './python/index.js';
import { languageOf } from './language.js';
import { Resolver } from './resolve.js';
import { byCodeUnit, isSourceFile, listSourceFiles } from './source-files.js';
import { loadTsProject, type TsProject } from './tsconfig.js';
import { decideRuntime, readsTsconfig } from '../runtime.js';

export async function buildGraph(options: Options): Promise<ModuleGraph> {
  const { root } = options;
  const jsEntries: string[] = [];
  const pyEntries: string[] = [];
  for (const entry of options.entries) {
    const language = languageOf(path.join(root, entry));
    if (language === 'python') pyEntries.push(entry);
    else if (language) jsEntries.push(entry);
    else {
      const ext = path.extname(entry);
      throw new UsageError(`entry '${entry}': shipset cannot read ${ext ? `${ext} files` : 'this file (no extension and no node or python #! line)'}; it reads JavaScript, TypeScript and Python (.js .jsx .mjs .cjs .ts .tsx .mts .cts .json .py). Name the file that starts the program.`);
    }
  }

  const notices: string[] = [];
  const files = new Map<string, FileNode>();
  const typeOnlyFound: string[] = [];
  const decided = decideRuntime(root, options.entries, options.runtime);
  if (decided.notice) notices.push(decided.notice);
  let runtimeConfigs: string[] | undefined;
  if (jsEntries.length) {
    const project = loadTsProject(root, options.tsconfig);
    if (project) notices.push(...project.notices);
    const engine = new JsEngine(root, new Resolver(root, project));
    const js = await buildJsGraph(engine, root, jsEntries.map((e) => path.join(root, e)));
    for (const [k, v] of js.files) files.set(k, v);
    typeOnlyFound.push(...js.typeOnly);
    notices.push(...js.notices);
    if (project && readsTsconfig(decided.runtime)) runtimeConfigs = configsRead(root, project, js.files.keys());
    if (js.madgeGaps.length) notices.push(`madge did not list ${js.madgeGaps.length} reachable file(s) (${js.madgeGaps.slice(0, 5).join(', ')}); shipset added them from its own scan.`);
  }
  if (pyEntries.length) {
    const py = await buildPythonGraph({ root, entries: pyEntries, pythonPath: options.pythonPath, mode: options.pythonMode, include: options.include });
    for (const [k, v] of py.files) if (!files.has(k)) files.set(k, v);
    notices.push(...py.notices);
  }

  checkManifestsAreFiles(root, files.keys());
  const chains = shortestChains(options.entries, files);
  const listing = listSourceFiles(root, options.exclude);
  const inGit = gitTopLevel(root) !== undefined;
  if (!inGit) {
    notices.push(`${root} is not inside a git repository: dormant files come from a folder walk and stale variants are judged by version numbers in their names only. Run shipset in a git checkout (with full history: fetch-depth: 0) to compare last-change dates.`);
  }
  const runs = realTargetsOf(root, files);
  const typeOnly = [...new Set(typeOnlyFound)].filter((f) => !files.has(f) && !runs.has(f)).sort(byCodeUnit);
  const typeOnlySet = new Set(typeOnly);
  const dormant = listing.files.filter((f) => !files.has(f) && !runs.has(f) && !typeOnlySet.has(f));
  const sourceFiles = [...new Set([...listing.files, ...[...files.keys()].filter(isSourceFile)])].sort(byCodeUnit);
  return { root, entries: options.entries, files, chains, dormant, typeOnly, sourceFiles, inGit, notices, runtime: decided.runtime, ...(runtimeConfigs ? { runtimeConfigs } : {}) };
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
    for (const abs of [config.file, ...(config.extendsChain ?? [])]) {
      const rel = path.relative(root, abs);
      if (!rel.startsWith('..') && !path.isAbsolute(rel) && !rel.split(path.sep).includes('node_modules')) out.add(rel.split(path.sep).join('/'));
    }
  }
  return [...out].sort(byCodeUnit);
}

/**
 * Every package.json between a reachable file and the root is read (module format, dependencies,
 * `imports`): one that is a named pipe would block the run forever, and a folder cannot be read.
 */
function checkManifestsAreFiles(root: string, reachable: Iterable<string>): void {
  const seen = new Set<string>();
  for (const rel of reachable) {
    for (let dir = path.posix.dirname(rel); !seen.has(dir); dir = path.posix.dirname(dir)) {
      seen.add(dir);
      if (dir === '..' || dir.startsWith('../') || path.posix.isAbsolute(dir)) break;
      const manifest = dir === '.' ? 'package.json' : `${dir}/package.json`;
      const stat = fs.statSync(path.join(root, manifest), { throwIfNoEntry: false });
      if (stat && !stat.isFile()) {
        throw new UsageError(`${manifest} is not a regular file (a folder, pipe or device), but Node and shipset read it as the package manifest of its folder. Replace it with a JSON file, or remove it.`);
      }
      if (dir === '.') break;
    }
  }
}

/** Breadth-first from the entries in order, following imports in source order. */
export function shortestChains(entries: string[], files: Map<string, FileNode>): Map<string, string[]> {
  const chains = new Map<string, string[]>();
  const queue: string[] = [];
  for (const e of entries) {
    if (!chains.has(e)) {
      chains.set(e, [e]);
      queue.push(e);
    }
  }
  for (let i = 0; i < queue.length; i++) {
    const from = queue[i];
    const chain = chains.get(from)!;
    for (const edge of files.get(from)?.edges ?? []) {
      if (edge.class !== 'file' || !edge.target || chains.has(edge.target)) continue;
      chains.set(edge.target, [...chain, edge.target]);
      queue.push(edge.target);
    }
  }
  return chains;
}

/**
 * Files inside the root that a reachable symlink points to: their code runs (under the link's
 * name), so they are not dormant.
 */
function realTargetsOf(root: string, files: Map<string, FileNode>): Set<string> {
  const targets = new Set<string>();
  for (const rel of files.keys()) {
    const abs = path.join(root, rel);
    let real: string;
    try {
      if (!fs.lstatSync(abs).isSymbolicLink() && fs.realpathSync(path.dirname(abs)) === path.dirname(abs)) continue;
      real = fs.realpathSync(abs);
    } catch {
      continue;
    }
    const realRel = path.relative(root, real);
    if (!realRel.startsWith('..') && !path.isAbsolute(realRel)) targets.add(realRel.split(path.sep).join('/'));
  }
  return targets;
}
