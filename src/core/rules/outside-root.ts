// outside-root: an import leaves the root (by `..` or a symlink). It would not ship, or would
// pull a file of the build machine into the archive. Always an error.
import type { RawFinding } from '../types.js';
import { at, chainOf, reachableEdges, type Rule } from './rule.js';

export const outsideRoot: Rule = {
  name: 'outside-root',
  defaultLevel: 'error',
  why: 'An import resolves outside the root, directly or through a symlink: it would not ship, or would leak a file of the machine into the archive.',
  check({ graph }) {
    const findings: RawFinding[] = [];
    for (const edge of reachableEdges(graph)) {
      if (edge.class !== 'outside-root') continue;
      const lands = edge.outsidePath ?? edge.target ?? edge.specifier;
      const where = edge.symlink ? ` through the symlink ${edge.symlink} -> ${lands}` : ` (${lands})`;
      findings.push({
        rule: 'outside-root',
        file: edge.from,
        line: edge.line,
        column: edge.column,
        specifier: edge.specifier,
        ...(edge.target ? { target: edge.target } : {}),
        chain: chainOf(graph, edge.from),
        message:
          `${at(edge.from, edge.line)} imports ${edge.specifier}, which resolves outside the root${where}: ` +
          `it would not ship, or would leak a file of this machine into the archive. Move the file under the root, or set the root to a folder that contains both.`,
      });
    }
    return findings;
  },
};
