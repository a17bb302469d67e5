// The manifest JSON (schema 2), built from the stages' results. Linear in the size of the
// project: each file names only the import that reached it (`via`), never its whole chain.
import path from 'node:path';
import { byCodeUnit } from './graph/source-files.js';
import type { Finding, Manifest, ManifestFile, ModuleGraph, TarballInfo } from './types.js';
import { VERSION } from './version.js';

/** The runtime named in the manifest until a runtime option exists: the JS engine follows Node's rules. */
export const DEFAULT_RUNTIME = 'node';

/**
 * Assembles the manifest. Findings get `sites: []` and `suppressed: null` when a rule set neither,
 * so every finding has the same keys.
 */
export function buildManifest(input: {
  graph: ModuleGraph;
  files: ManifestFile[];
  findings: Finding[];
  notices: string[];
  tarball: TarballInfo | null;
  cwd: string;
}): Manifest {
  const { graph } = input;
  return {
    schema: 2,
    tool: { name: 'shipset', version: VERSION },
    root: posixRelative(input.cwd, graph.root),
    entries: graph.entries,
    runtime: graph.runtime ?? DEFAULT_RUNTIME,
    files: input.files,
    typeOnly: [...(graph.typeOnly ?? [])].sort(byCodeUnit),
    dormant: graph.dormant,
    packages: packagesOf(graph),
    findings: input.findings.map((f) => ({ ...f, sites: f.sites ?? [], suppressed: f.suppressed ?? null })),
    notices: [...new Set(input.notices)],
    tarball: input.tarball,
  };
}

/** Each package (npm or Python third-party) with the reachable files that import it. */
function packagesOf(graph: ModuleGraph): Record<string, string[]> {
  const byName = new Map<string, Set<string>>();
  for (const node of graph.files.values()) {
    for (const edge of node.edges) {
      if (edge.class !== 'package' || !edge.packageName) continue;
      let set = byName.get(edge.packageName);
      if (!set) byName.set(edge.packageName, (set = new Set()));
      set.add(node.path);
    }
  }
  const out: Record<string, string[]> = {};
  for (const name of [...byName.keys()].sort(byCodeUnit)) out[name] = [...byName.get(name)!].sort(byCodeUnit);
  return out;
}

export function posixRelative(from: string, to: string): string {
  const rel = path.relative(from, to);
  if (!rel) return '.';
  if (rel.startsWith('..') || path.isAbsolute(rel)) return to.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}
