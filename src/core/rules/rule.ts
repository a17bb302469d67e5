// What a rule is, and the small helpers every rule shares. Kept beside the rules (not in
// types.ts) because only the rules and their runner use it.
import path from 'node:path';
import { findingChain, gapSize } from '../graph/via.js';
import type { FindingLevel, ImportEdge, ModuleGraph, Options, RawFinding, RuleName } from '../types.js';
import { byCodeUnit } from '../paths.js';

export interface RuleContext {
  graph: ModuleGraph;
  options: Options;
  /** Things a rule could not judge; the runner returns them with the findings. */
  notices: string[];
}

/** A rule's code. Its level, description and settings are data in the registry (registry.ts). */
export interface Rule {
  name: RuleName;
  check(ctx: RuleContext): RawFinding[] | Promise<RawFinding[]>;
}

/** The chain a finding at `file` carries (entry first; a very long one keeps its ends, see findingChain). */
export function chainOf(graph: Pick<ModuleGraph, 'via'>, file: string): string[] {
  return findingChain(graph, file);
}

/** Chains longer than this are shown with their middle elided (a message stays one readable line). */
const SHOWN_CHAIN = 12;

/** `a -> b -> c`; a chain thousands of files deep keeps its first and last steps and counts the rest. */
export function formatChain(chain: string[]): string {
  if (chain.length <= SHOWN_CHAIN) return chain.join(' -> ');
  const head = chain.slice(0, SHOWN_CHAIN / 2);
  const tail = chain.slice(chain.length - SHOWN_CHAIN / 2);
  const middle = chain.slice(SHOWN_CHAIN / 2, chain.length - SHOWN_CHAIN / 2);
  const hidden = middle.reduce((n, step) => n + (gapSize(step) || 1), 0);
  return [...head, `... (${hidden} more) ...`, ...tail].join(' -> ');
}

/**
 * A finding at an import edge: where the import is, what it says, and how the file ships.
 * `target` and `level` are set only when given (undefined means absent, not a value).
 */
export function findingAt(
  graph: ModuleGraph,
  rule: RuleName,
  edge: ImportEdge,
  message: string,
  extra: { level?: FindingLevel; target?: string } = {},
): RawFinding {
  return {
    rule,
    ...(extra.level ? { level: extra.level } : {}),
    file: edge.from,
    line: edge.line,
    column: edge.column,
    specifier: edge.specifier,
    ...(extra.target ? { target: extra.target } : {}),
    chain: chainOf(graph, edge.from),
    message,
  };
}

/**
 * The nearest value `read` finds for `file`'s folder or one above it, up to (and including) the
 * root. `read` gets a POSIX folder relative to the root ('.' for the root). Every folder walked
 * is cached with the answer, so siblings and children of a visited folder never read again.
 */
export function nearestUp<T>(file: string, cache: Map<string, T | undefined>, read: (dir: string) => T | undefined): T | undefined {
  const visited: string[] = [];
  let dir = path.posix.dirname(file);
  let found: T | undefined;
  for (;;) {
    if (cache.has(dir)) {
      found = cache.get(dir);
      break;
    }
    visited.push(dir);
    found = read(dir);
    if (found !== undefined || dir === '.' || dir === '' || dir === '/') break;
    dir = path.posix.dirname(dir);
  }
  for (const d of visited) cache.set(d, found);
  return found;
}

/** `src/a.ts:3` */
export function at(file: string, line: number): string {
  return `${file}:${line}`;
}

/**
 * The edge list of each graph a rules stage is running on (see withEdgeList): undefined until a
 * rule first asks, then the list. Rules read the graph and never change it, so one list serves the
 * whole stage.
 */
const stageLists = new WeakMap<ModuleGraph['files'], ImportEdge[] | undefined>();

/**
 * Every edge of a reachable file, in file order (by code unit) then source order. Inside a rules
 * stage (withEdgeList) the list is made once and every rule gets the same array (six rules ask, and
 * each used to sort 4,400 paths); outside one, it is made on each call from the graph as it is.
 * The caller must not change the returned array.
 */
export function reachableEdges(graph: Pick<ModuleGraph, 'files'>): readonly ImportEdge[] {
  if (!stageLists.has(graph.files)) return edgeList(graph.files);
  let edges = stageLists.get(graph.files);
  if (!edges) stageLists.set(graph.files, (edges = edgeList(graph.files)));
  return edges;
}

function edgeList(files: ModuleGraph['files']): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of [...files.keys()].sort(byCodeUnit)) for (const edge of files.get(file)!.edges) edges.push(edge);
  return edges;
}

/**
 * Runs `stage` (the rules over `graph`, which they do not change) with one reachableEdges list for
 * all of them, made when a rule first asks; the list is dropped when the stage ends, so a later
 * change to the graph is seen. Nested stages on the same graph share the outer one's list.
 */
export async function withEdgeList<T>(graph: Pick<ModuleGraph, 'files'>, stage: () => Promise<T>): Promise<T> {
  if (stageLists.has(graph.files)) return stage();
  stageLists.set(graph.files, undefined);
  try {
    return await stage();
  } finally {
    stageLists.delete(graph.files);
  }
}

/** Reachable edges whose resolved target is `file` (the import lines that make it ship). */
export function importersOf(graph: ModuleGraph, file: string): ImportEdge[] {
  const found: ImportEdge[] = [];
  for (const edge of reachableEdges(graph)) if (edge.class === 'file' && edge.target === file) found.push(edge);
  return found;
}

/**
 * The narrowest way to silence a finding that is wrong, in words for the message: the inline
 * directive on the line above the import (or, for a finding about a whole file, in its leading
 * comment), written in the comment syntax of `file`'s language.
 */
export function ignoreHint(rule: RuleName, file: string, wholeFile = false): string {
  const directive = `\`${/\.pyi?$/.test(file) ? '#' : '//'} shipset-ignore ${rule}: <reason>\``;
  return wholeFile
    ? `put ${directive} in the leading comment of ${file} (or an \`ignore\` entry for it in shipset.config.json)`
    : `put ${directive} on the line above the import in ${file}`;
}

export { byCodeUnit };
