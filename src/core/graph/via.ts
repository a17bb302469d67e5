// Import chains rebuilt on demand from the graph's one-pointer-per-file `via` map: storing the
// full chain of every file costs depth x files (a 10,000-deep chain is 50 million entries), a
// pointer costs one, and a chain is walked back only for the files a finding or `why` names.
import type { FileNode, ModuleGraph, ViaSite } from '../types.js';

/**
 * The shortest import chain from an entry to `file` (entry first, `file` last), walked back along
 * `graph.via`. A file the graph did not reach is its own chain. Linear in the chain's length.
 */
export function chainOf(graph: Pick<ModuleGraph, 'via'>, file: string): string[] {
  const chain = [file];
  const seen = new Set(chain);
  for (let site = graph.via.get(file); site; site = graph.via.get(site.file)) {
    if (seen.has(site.file)) break; // never loops on a well-formed map; a malformed one must not hang
    seen.add(site.file);
    chain.push(site.file);
  }
  return chain.reverse();
}

/**
 * Breadth-first from the entries in order, following each file's imports in source order: the
 * first import that reaches a file is its `via` (so `chainOf` gives a shortest chain). Entries get null.
 */
export function viaMap(entries: readonly string[], files: ReadonlyMap<string, FileNode>): Map<string, ViaSite | null> {
  const via = new Map<string, ViaSite | null>();
  const queue: string[] = [];
  for (const e of entries) {
    if (!via.has(e)) {
      via.set(e, null);
      queue.push(e);
    }
  }
  for (let i = 0; i < queue.length; i++) {
    const from = queue[i];
    for (const edge of files.get(from)?.edges ?? []) {
      if (edge.class !== 'file' || !edge.target || via.has(edge.target)) continue;
      via.set(edge.target, { file: from, line: edge.line });
      queue.push(edge.target);
    }
  }
  return via;
}

/** Findings keep at most this many steps of their chain: the first and last halves, and a gap marker. */
export const MAX_FINDING_CHAIN = 100;

/** The element that stands for the files left out of a long finding chain. */
export function gapMarker(hidden: number): string {
  return `… ${hidden.toLocaleString('en-US')} more files …`;
}

/** How many files a gap marker stands for (0 for a path). */
export function gapSize(step: string): number {
  const m = /^… ([\d,]+) more files …$/.exec(step);
  return m ? Number(m[1].replace(/,/g, '')) : 0;
}

/**
 * The chain a finding carries: `chainOf`, but a chain longer than MAX_FINDING_CHAIN keeps its first
 * and last 50 files with one gap marker between them. Every finding of a file 10,000 imports deep
 * would otherwise carry 10,000 paths (quadratic again); `shipset why` prints the whole chain.
 */
export function findingChain(graph: Pick<ModuleGraph, 'via'>, file: string): string[] {
  const chain = chainOf(graph, file);
  if (chain.length <= MAX_FINDING_CHAIN) return chain;
  const half = MAX_FINDING_CHAIN / 2;
  return [...chain.slice(0, half), gapMarker(chain.length - 2 * half), ...chain.slice(chain.length - half)];
}
