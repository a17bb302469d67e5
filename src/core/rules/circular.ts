// circular: an import cycle among shipped files. Off by default: cycles often work, but a module
// in a cycle can see another one half-initialised.
import type { ImportEdge, ModuleGraph, RawFinding } from '../types.js';
import { at, byCodeUnit, chainOf, type Rule } from './rule.js';

/** Past this many cycles the rest are summarised in a notice (elementary cycles can explode). */
export const MAX_CYCLES = 100;
/** Walk budget, so a dense tangle of files cannot stall the run. */
const MAX_STEPS = 1_000_000;

export const circular: Rule = {
  name: 'circular',
  check({ graph, notices }) {
    const { cycles, truncated } = findCycles(graph, MAX_CYCLES);
    if (truncated) {
      notices.push(`circular: more than ${MAX_CYCLES} import cycles; only the first ${MAX_CYCLES} are reported. Break the ones reported, then run again.`);
    }
    return cycles.map((cycle): RawFinding => {
      const first = cycle[0];
      const edge = cycle[1];
      const loop = [...cycle.map((e) => e.from), first.from].join(' -> ');
      return {
        rule: 'circular',
        file: first.from,
        line: first.line,
        column: first.column,
        specifier: first.specifier,
        target: first.target,
        chain: chainOf(graph, first.from),
        message:
          `Import cycle: ${loop} (${at(first.from, first.line)} imports ${first.specifier}${edge ? `, ${at(edge.from, edge.line)} imports ${edge.specifier}` : ''}${cycle.length > 2 ? ', ...' : ''}). ` +
          `A module in a cycle may run while another is half-initialised. Break the cycle: move the shared code into a module both import.`,
      };
    });
  },
};

/**
 * Every elementary cycle once, each started at its smallest path (Johnson-style: from each start
 * node, only walk nodes that sort after it). Cycles are lists of edges; deterministic order.
 */
export function findCycles(graph: ModuleGraph, max: number): { cycles: ImportEdge[][]; truncated: boolean } {
  const out = new Map<string, ImportEdge[]>();
  for (const [file, node] of graph.files) {
    const seen = new Set<string>();
    const edges: ImportEdge[] = [];
    for (const edge of [...node.edges].sort((a, b) => a.line - b.line || a.column - b.column)) {
      if (edge.class !== 'file' || !edge.target || !graph.files.has(edge.target) || seen.has(edge.target)) continue;
      seen.add(edge.target);
      edges.push(edge);
    }
    out.set(
      file,
      edges.sort((a, b) => byCodeUnit(a.target!, b.target!)),
    );
  }
  const component = stronglyConnected(out);
  const cycles: ImportEdge[][] = [];
  const nodes = [...graph.files.keys()].sort(byCodeUnit);
  let steps = 0;
  for (const start of nodes) {
    const path: ImportEdge[] = [];
    const onPath = new Set<string>([start]);
    const walk = (file: string): boolean => {
      for (const edge of out.get(file) ?? []) {
        const next = edge.target!;
        if (next === start) {
          if (cycles.length >= max) return false;
          cycles.push([...path, edge]);
        } else if (next > start && !onPath.has(next) && component.get(next) === component.get(start)) {
          if (++steps > MAX_STEPS) return false;
          path.push(edge);
          onPath.add(next);
          const more = walk(next);
          onPath.delete(next);
          path.pop();
          if (!more) return false;
        }
      }
      return true;
    };
    if (!walk(start)) return { cycles, truncated: true };
  }
  return { cycles, truncated: false };
}

/** Tarjan's strongly connected components (iterative): file -> component id. */
function stronglyConnected(out: Map<string, ImportEdge[]>): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const component = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  let counter = 0;
  let components = 0;
  for (const root of [...out.keys()].sort(byCodeUnit)) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1];
      const edges = out.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const target = edges[frame.next++].target!;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.set(member, components);
        } while (member !== frame.node);
        components++;
      }
    }
  }
  return component;
}
