// The closure check: a package is only shippable when every file import of every packed
// reachable file lands inside it. Read from the archive itself, not from the plan.
import path from 'node:path';
import type { Finding, ManifestFile, ModuleGraph, Options } from '../types.js';
import { describeSecret, secretMatch } from './secrets.js';
import { matchingExcludes } from './select.js';
import { findingChain } from '../graph/via.js';

export function closureFindings(files: ManifestFile[], archived: Set<string>, graph: ModuleGraph, options: Options): Finding[] {
  const findings: Finding[] = [];
  const why = (target: string): { reason: string; fix: string } => {
    const secret = matchingExcludes(options.exclude, target).length ? undefined : secretMatch(graph.root, target);
    if (secret) return describeSecret(target, secret);
    const globs = matchingExcludes(options.exclude, target);
    if (globs.length) {
      const list = globs.map((g) => `'${g}'`).join(', ');
      return { reason: `it is excluded by the exclude glob ${list}`, fix: `Remove ${list} from exclude (or narrow it)` };
    }
    return { reason: 'it was not packed (not found under the root when packing)', fix: 'Restore the file' };
  };

  // An entry dropped by exclude leaves a package that cannot start: nothing imports it, so say it here.
  const unreadable = (file: string): boolean => !!graph.files.get(file)?.parseError?.message.startsWith('cannot be read');
  for (const entry of graph.entries) {
    if (archived.has(entry) || unreadable(entry)) continue;
    const { reason, fix } = why(entry);
    findings.push({
      rule: 'unresolved',
      level: 'error',
      file: entry,
      line: 1,
      target: entry,
      chain: [entry],
      message: `entry ${entry} is not in the package: ${reason}. ${fix}, or drop the entry.`,
    });
  }

  for (const file of files) {
    if (file.reason === 'include' || !archived.has(file.path)) continue;
    const node = graph.files.get(file.path);
    if (!node) continue;
    for (const edge of node.edges) {
      if (edge.class !== 'file' || !edge.target || archived.has(edge.target)) continue;
      if (unreadable(edge.target)) continue; // its unparseable finding says why it is not packed
      const { reason, fix } = why(edge.target);
      findings.push({
        rule: 'unresolved',
        level: 'error',
        file: file.path,
        line: edge.line,
        column: edge.column,
        specifier: edge.specifier,
        target: edge.target,
        chain: findingChain(graph, file.path),
        message: `${file.path}:${edge.line} imports ${edge.specifier} (${edge.target}), but ${edge.target} is not in the package: ${reason}. ${fix}, or stop importing it.`,
      });
    }
  }
  // Self-contained: package imports must land inside the archive too.
  if (options.nodeModules) {
    for (const m of missingPackages(graph, archived)) {
      findings.push({
        rule: 'unresolved',
        level: 'error',
        file: m.file,
        line: m.line,
        column: m.column,
        specifier: m.specifier,
        chain: findingChain(graph, m.file),
        message: `${m.file}:${m.line} imports ${m.specifier}, but the self-contained package has no node_modules/${m.name} that Node would find from ${m.file}: it is not installed under the root. Install the production dependencies (npm ci --omit=dev) before packing with --node-modules.`,
      });
    }
  }
  return findings;
}

/**
 * Closure of package imports in a self-contained tarball: every package a packed file imports
 * must have its package.json inside the archive, in a node_modules folder Node searches from
 * that file (its folder and each one above it). Returns the names that would not load.
 */
export function missingPackages(
  graph: ModuleGraph,
  archived: Set<string>,
): Array<{ file: string; line: number; column: number; specifier: string; name: string }> {
  const missing: Array<{ file: string; line: number; column: number; specifier: string; name: string }> = [];
  for (const node of graph.files.values()) {
    if (!archived.has(node.path)) continue;
    for (const edge of node.edges) {
      if (edge.class !== 'package' || !edge.packageName || edge.optional) continue;
      let found = false;
      for (let dir = path.posix.dirname(node.path); ; dir = path.posix.dirname(dir)) {
        const candidate = `${dir === '.' ? '' : dir + '/'}node_modules/${edge.packageName}/package.json`;
        if (archived.has(candidate)) {
          found = true;
          break;
        }
        if (dir === '.') break;
      }
      if (!found) missing.push({ file: node.path, line: edge.line, column: edge.column ?? 0, specifier: edge.specifier, name: edge.packageName });
    }
  }
  return missing;
}
