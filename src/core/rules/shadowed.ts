// shadowed (incident 3 in docs/design.md): a specifier resolves while another file could also be meant, so the
// file that runs may not be the one the author edits.
import type { RawFinding } from '../types.js';
import { at, findingAt, ignoreHint, reachableEdges, type Rule } from './rule.js';

export const shadowed: Rule = {
  name: 'shadowed',
  check({ graph }) {
    const findings: RawFinding[] = [];
    for (const edge of reachableEdges(graph)) {
      const others = [
        ...(edge.shadowedCandidates ?? []),
        ...(edge.builtin ? [`Node's builtin '${edge.builtin}' (which Node loads when it runs the compiled output)`] : []),
      ];
      if (!others.length) continue;
      const runs = edge.target ?? '(nothing)';
      const list = others.join(', ');
      const message =
        `${at(edge.from, edge.line)} imports ${edge.specifier}, which runs ${runs}; ${list} ${others.length > 1 ? 'also exist and are' : 'also exists and is'} shadowed ` +
        `(edits there never run). Rename or remove one of them, or import the intended file by its full path; if the file that runs is the intended one, ${ignoreHint('shadowed', edge.from)}.`;
      findings.push(findingAt(graph, 'shadowed', edge, message, { target: edge.target }));
    }
    return findings;
  },
};
