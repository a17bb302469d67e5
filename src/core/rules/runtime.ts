// runtime: an import that resolves only through a step the runtime does not perform (tsconfig
// paths under Node, `./a.js` meaning a.ts under Node, an alias left in compiled output) fails
// when the packed set starts, however clean the set looks to TypeScript.
import fs from 'node:fs';
import path from 'node:path';
import { enclosingWorkspace, workspaceMemberNames } from '../workspace.js';
import { runtimeApplies, runtimeFromStartScript, runtimeProblem } from '../runtime.js';
import type { ModuleGraph, RawFinding } from '../types.js';
import { at, findingAt, reachableEdges, type Rule } from './rule.js';

export const runtime: Rule = {
  name: 'runtime',
  check({ graph, options }) {
    const findings: RawFinding[] = [];
    const used = graph.runtime ?? 'node';
    for (const edge of reachableEdges(graph)) {
      if (!edge.tsOnly || runtimeApplies(used, edge.tsOnly, graph.pathsHook)) continue;
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
    findings.push(...loaderNotInstalled(graph, options.runtime !== undefined));
    return findings;
  },
};

/** The package that provides each loader runtime's command (Bun is a binary, Node is Node). */
const LOADER_PACKAGE: Partial<Record<string, string>> = { tsx: 'tsx', 'ts-node': 'ts-node' };

/**
 * tsx / ts-node start the set, but the root package.json lists them only as dev dependencies (or
 * not at all): a production install (`npm ci --omit=dev`) leaves the start command missing.
 * A warning: an image may provide the loader globally.
 */
function loaderNotInstalled(graph: ModuleGraph, given: boolean): RawFinding[] {
  const loader = graph.runtime && LOADER_PACKAGE[graph.runtime];
  const entry = graph.entries.find((e) => !e.endsWith('.py'));
  if (!loader || !entry) return [];
  let pkg: Record<string, unknown> | undefined;
  try {
    pkg = JSON.parse(fs.readFileSync(path.join(graph.root, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return [];
  }
  // Only when the user said so (option or start script): tsx as a mere default is a guess.
  const start = (pkg?.scripts as { start?: unknown } | undefined)?.start;
  if (!given && !(typeof start === 'string' && graph.entries.some((e) => runtimeFromStartScript(start, e) === graph.runtime))) return [];
  const has = (field: string) => !!pkg && typeof pkg[field] === 'object' && pkg[field] !== null && loader in (pkg[field] as object);
  if (has('dependencies') || has('optionalDependencies')) return [];
  const where = has('devDependencies') ? 'only in devDependencies' : 'not in dependencies';
  return [
    {
      rule: 'runtime',
      level: 'warn',
      file: entry,
      line: 1,
      chain: [entry],
      message: `${entry} is started with ${graph.runtime}, but '${loader}' is ${where} of package.json: a production install (npm ci --omit=dev) will not provide the start command. Move ${loader} to dependencies, or build and pack the compiled output with --runtime node.`,
    },
  ];
}
