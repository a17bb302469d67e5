// runtime: an import that resolves only through a step the runtime does not perform (tsconfig
// paths under Node, `./a.js` meaning a.ts under Node, an alias left in compiled output) fails
// when the packed set starts, however clean the set looks to TypeScript.
import path from 'node:path';
import { enclosingWorkspace, workspaceMemberNames } from '../pack/workspace.js';
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
    // Root at a workspace app: its workspace packages are installed from outside the root, and
    // the tarball's install would look them up in the registry by name (or not find them).
    const ws = enclosingWorkspace(graph.root);
    const members = ws ? workspaceMemberNames(ws) : undefined;
    if (ws && members?.size) {
      for (const edge of reachableEdges(graph)) {
        if (edge.class !== 'package' || !edge.packageName || !members.has(edge.packageName)) continue;
        const folder = path.relative(ws, members.get(edge.packageName)!).split(path.sep).join('/');
        const app = path.relative(ws, graph.root).split(path.sep).join('/');
        const message =
          `${at(edge.from, edge.line)} imports ${edge.specifier}, a package of the workspace at ${ws} (${folder}), outside the root: the tarball cannot carry it or the workspace lockfile, ` +
          `so an install of the unpacked tarball fails or fetches '${edge.packageName}' from the public registry. Pack from the workspace root: --root ${ws} with the entry ${app}/${graph.entries[0] ?? '<entry>'}.`;
        findings.push(findingAt(graph, 'runtime', edge, message));
      }
    }
    return findings;
  },
};
