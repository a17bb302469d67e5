// outside-root: an import leaves the root (by `..` or a symlink). It would not ship, or would
// pull a file of the build machine into the archive. Always an error.
import fs from 'node:fs';
import path from 'node:path';
import type { ImportEdge, RawFinding } from '../types.js';
import { at, findingAt, reachableEdges, type Rule } from './rule.js';

export const outsideRoot: Rule = {
  name: 'outside-root',
  check({ graph }) {
    const findings: RawFinding[] = [];
    for (const edge of reachableEdges(graph)) {
      if (edge.class !== 'outside-root') continue;
      const message =
        `${at(edge.from, edge.line)} imports ${edge.specifier}, which resolves outside the root${where(graph.root, edge)}: ` +
        `it would not ship, or would leak a file of this machine into the archive. Move the file under the root, or set the root to a folder that contains both.`;
      findings.push(findingAt(graph, 'outside-root', edge, message, { target: edge.target }));
    }
    return findings;
  },
};

/** How the import leaves the root, in words: the link that does it, or where it lands. */
function where(root: string, edge: ImportEdge): string {
  const lands = edge.outsidePath ?? edge.target ?? edge.specifier;
  if (!edge.symlink) return ` (${lands})`;
  const link = leavingLink(root, edge.symlink);
  // Not found on disk (changed since the graph was built): say what the engine saw.
  if (!link) return ` through the symlink ${edge.symlink} -> ${lands}`;
  const landing = link.target === lands ? '' : `, so the import lands on ${lands}`;
  return ` through a symlink: ${link.path} is a symlink to ${link.target}${landing}`;
}

/**
 * The link that takes `rel` (root-relative, as the engine gives edge.symlink) out of the root:
 * often a folder on the way (`src/ldir` in `src/ldir/y.json`), not the file itself. The first
 * component, walking down from the root, that is a symlink and whose target is outside.
 */
export function leavingLink(root: string, rel: string): { path: string; target: string } | undefined {
  const realRoot = realOr(root, root);
  const parts = rel.split(/[\\/]/).filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join('/');
    const abs = path.join(root, prefix);
    if (!fs.lstatSync(abs, { throwIfNoEntry: false })?.isSymbolicLink()) continue;
    let target: string;
    try {
      target = realOr(abs, path.resolve(path.dirname(abs), fs.readlinkSync(abs)));
    } catch {
      continue;
    }
    const fromRoot = path.relative(realRoot, target);
    if (fromRoot === '..' || fromRoot.startsWith(`..${path.sep}`) || path.isAbsolute(fromRoot)) return { path: prefix, target };
  }
  return undefined;
}

/** The real path of `p` (every link resolved), or `fallback` when it does not resolve (a dangling link). */
function realOr(p: string, fallback: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return fallback;
  }
}
