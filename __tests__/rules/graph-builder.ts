// Hand-built ModuleGraphs for rule tests: the rules read only the graph (plus the files on disk
// for headers and package.json), so each test states exactly the graph it needs.
import { defaultOptions } from '../../src/core/options.js';
import type { DynamicSite, FileNode, ImportEdge, Language, ModuleGraph, Options, ParseFailure, ViaSite } from '../../src/core/types.js';

/** `['./a', 'src/a.ts']` is a resolved file import; an object gives any other edge. */
export type EdgeSpec = [specifier: string, target: string] | (Partial<ImportEdge> & { specifier: string });

export interface FileSpec {
  language?: Language;
  imports?: EdgeSpec[];
  dynamic?: Array<Partial<DynamicSite> & { expression: string }>;
  parseError?: Omit<ParseFailure, 'file'>;
}

export interface GraphSpec {
  root?: string;
  entries: string[];
  /** Reachable files and their imports. */
  files: Record<string, FileSpec | EdgeSpec[]>;
  /** Source files no entry reaches (added to sourceFiles and dormant). */
  dormant?: string[];
  inGit?: boolean;
}

function languageOf(file: string): Language {
  if (file.endsWith('.py')) return 'python';
  if (file.endsWith('.json')) return 'json';
  return /\.[mc]?tsx?$/.test(file) ? 'ts' : 'js';
}

/** Build the graph; each import gets line = its index + 1 unless given; via is the first import reached breadth-first. */
export function buildGraph(spec: GraphSpec): ModuleGraph {
  const root = spec.root ?? '/nonexistent-shipset-root';
  const files = new Map<string, FileNode>();
  for (const [file, raw] of Object.entries(spec.files)) {
    const fileSpec: FileSpec = Array.isArray(raw) ? { imports: raw } : raw;
    const edges = (fileSpec.imports ?? []).map((e, i): ImportEdge => {
      const base: ImportEdge = { from: file, specifier: '', line: i + 1, column: 1, kind: 'import', class: 'file' };
      return Array.isArray(e) ? { ...base, specifier: e[0], target: e[1] } : { ...base, ...e };
    });
    const dynamic = (fileSpec.dynamic ?? []).map((d, i): DynamicSite => ({ file, line: 10 + i, column: 1, ...d }));
    files.set(file, {
      path: file,
      language: fileSpec.language ?? languageOf(file),
      edges,
      dynamic,
      ...(fileSpec.parseError ? { parseError: { file, ...fileSpec.parseError } } : {}),
    });
  }
  const via = new Map<string, ViaSite | null>();
  const queue = spec.entries.filter((e) => files.has(e));
  for (const e of queue) via.set(e, null);
  while (queue.length) {
    const file = queue.shift()!;
    for (const edge of files.get(file)!.edges) {
      if (edge.class !== 'file' || !edge.target || via.has(edge.target) || !files.has(edge.target)) continue;
      via.set(edge.target, { file, line: edge.line });
      queue.push(edge.target);
    }
  }
  const dormant = [...(spec.dormant ?? [])].sort();
  return {
    root,
    entries: spec.entries,
    files,
    via,
    dormant,
    typeOnly: [],
    sourceFiles: [...new Set([...files.keys(), ...dormant])].sort(),
    inGit: spec.inGit ?? false,
    notices: [],
  };
}

export function optionsFor(root: string, overrides: Partial<Options> = {}): Options {
  return { ...defaultOptions(root, []), ...overrides };
}

