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

/** The last answer of reachableEdges per files map: the sorted paths and the flat edge list. */
const edgeLists = new WeakMap<ModuleGraph['files'], { files: string[]; edges: ImportEdge[] }>();

/**
 * Every edge of a reachable file, in file order (by code unit) then source order. Six rules ask
 * for it on every run: the sorted list is kept per `graph.files` map and handed out again while
 * every file and every edge in it is the same object as when it was made (checked on each call,
 * one comparison per edge, so a graph changed in between gets a fresh list). The caller must not
 * change the returned array.
 */
export function reachableEdges(graph: Pick<ModuleGraph, 'files'>): readonly ImportEdge[] {
  const known = edgeLists.get(graph.files);
  if (known && sameEdges(graph.files, known)) return known.edges;
  const files = [...graph.files.keys()].sort(byCodeUnit);
  const edges: ImportEdge[] = [];
  for (const file of files) for (const edge of graph.files.get(file)!.edges) edges.push(edge);
  edgeLists.set(graph.files, { files, edges });
  return edges;
}

/** Whether `list` still holds exactly the files of `map` and, in order, the very edge objects they hold now. */
function sameEdges(map: ModuleGraph['files'], list: { files: string[]; edges: ImportEdge[] }): boolean {
  if (map.size !== list.files.length) return false;
  let i = 0;
  for (const file of list.files) {
    const node = map.get(file);
    if (!node) return false;
    for (const edge of node.edges) if (list.edges[i++] !== edge) return false;
  }
  return i === list.edges.length;
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
