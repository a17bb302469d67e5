// Hand-built ModuleGraphs over real temp folders: the pack stage and `why` are tested without
// the graph engine, so a failure here points at pack, not at madge.
import fs from 'node:fs';
import path from 'node:path';
import type { FileNode, ImportEdge, ManifestFile, ModuleGraph, Options, Result } from '../../src/core/types.js';
import { defaultOptions } from '../../src/core/options.js';
import { viaMap } from '../../src/core/graph/via.js';

/** `from -> [[specifier, target, line]]`: the file imports of each file. */
export type Imports = Record<string, Array<[string, string, number]>>;

const SOURCE = /\.(m|c)?(j|t)sx?$|\.py$/;

function walk(root: string, dir = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.name === 'node_modules' || e.name === '.git') continue;
    if (e.isDirectory()) out.push(...walk(root, rel));
    else out.push(rel);
  }
  return out;
}

export function buildGraph(root: string, entries: string[], imports: Imports): ModuleGraph {
  const files = new Map<string, FileNode>();
  const queue = entries.map((e) => [e]);
  while (queue.length) {
    const chain = queue.shift()!;
    const file = chain[chain.length - 1];
    if (files.has(file)) continue;
    const edges: ImportEdge[] = (imports[file] ?? []).map(([specifier, target, line]) => ({
      from: file, specifier, line, column: 1, kind: 'import', class: 'file', target,
    }));
    files.set(file, { path: file, language: file.endsWith('.py') ? 'python' : 'ts', edges, dynamic: [] });
    for (const edge of edges) {
      queue.push([...chain, edge.target!]);
    }
  }
  const sourceFiles = walk(root).filter((f) => SOURCE.test(f)).sort();
  return {
    root, entries, files, via: viaMap(entries, files),
    dormant: sourceFiles.filter((f) => !files.has(f)), typeOnly: [],
    sourceFiles, inGit: fs.existsSync(path.join(root, '.git')), notices: [],
  };
}

export function packOptions(root: string, extra: Partial<Options> = {}): Options {
  return { ...defaultOptions(root, []), pack: true, ...extra };
}

export function resultOf(graph: ModuleGraph, files: ManifestFile[], excluded: string[]): Result {
  return {
    graph, excluded, errorCount: 0, warningCount: 0,
    manifest: {
      schema: 2, tool: { name: 'shipset', version: '0.0.0' }, root: '.', entries: graph.entries, runtime: 'node', files,
      typeOnly: [], dormant: graph.dormant, packages: {}, findings: [], notices: [], tarball: null,
    },
  };
}
