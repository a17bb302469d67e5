// runtime: an import that resolves only through a step the runtime does not perform (tsconfig
// paths under Node, `./a.js` meaning a.ts under Node, an alias left in compiled output) fails
// when the packed set starts, however clean the set looks to TypeScript.
import { runtimeApplies, runtimeProblem } from '../runtime.js';
import type { RawFinding } from '../types.js';
import { at, findingAt, reachableEdges, type Rule } from './rule.js';

export const runtime: Rule = {
  name: 'runtime',
  defaultLevel: 'error',
  why: 'An import resolves only the way TypeScript resolves it (tsconfig paths, ./a.js for a.ts, an alias left in compiled output), and the runtime that starts the set does not: the artifact crashes at start.',
  check({ graph }) {
    const findings: RawFinding[] = [];
    const used = graph.runtime ?? 'node';
    for (const edge of reachableEdges(graph)) {
      if (!edge.tsOnly || runtimeApplies(used, edge.tsOnly)) continue;
      const message = `${at(edge.from, edge.line)} imports ${runtimeProblem(used, edge.tsOnly, edge.specifier, edge.target)}`;
      findings.push(findingAt(graph, 'runtime', edge, message, { target: edge.target }));
    }
    return findings;
  },
};
