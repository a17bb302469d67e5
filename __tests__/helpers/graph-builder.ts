// Hand-built ModuleGraphs: the rules and the pack stage read only the graph (plus the files on
// disk), so each test states exactly the graph it needs and a failure points at the rule or at
// pack, not at the engine. One builder: `buildGraph(spec)`; `graphFromImports` is the shorthand
// pack tests use (reachable set from the entries, dormant = every other source file on disk).
import fs from 'node:fs';
import path from 'node:path';
import { defaultOptions } from '../../src/core/options.js';
import type { DynamicSite, FileNode, ImportEdge, Language, ManifestFile, ModuleGraph, Options, ParseFailure, Result, ViaSite } from '../../src/core/types.js';

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

/**
 * The graph of a real folder: the files the entries reach through `imports` (each edge at its
 * given line), dormant = the other source files on disk; inGit when root has a .git folder.
 */
export function graphFromImports(root: string, entries: string[], imports: Imports): ModuleGraph {
  const files: Record<string, FileSpec> = {};
  const queue = [...entries];
  while (queue.length) {
    const file = queue.shift()!;
    if (files[file]) continue;
    const edges = imports[file] ?? [];
    files[file] = { imports: edges.map(([specifier, target, line]) => ({ specifier, target, line })) };
    queue.push(...edges.map(([, target]) => target));
  }
  const sourceFiles = walk(root).filter((f) => SOURCE.test(f));
  return buildGraph({ root, entries, files, dormant: sourceFiles.filter((f) => !(f in files)), inGit: fs.existsSync(path.join(root, '.git')) });
}

/** Default options with pack on. */
export function packOptions(root: string, extra: Partial<Options> = {}): Options {
  return { ...defaultOptions(root, []), pack: true, ...extra };
}

/** A passing Result around `graph` whose manifest lists `files`. */
export function resultOf(graph: ModuleGraph, files: ManifestFile[], excluded: string[]): Result {
  return {
    graph,
    excluded,
    errorCount: 0,
    warningCount: 0,
    manifest: {
      schema: 2,
      tool: { name: 'shipset', version: '0.0.0' },
      root: '.',
      entries: graph.entries,
      runtime: 'node',
      files,
      typeOnly: [],
      dormant: graph.dormant,
      packages: {},
      findings: [],
      notices: [],
      tarball: null,
    },
  };
}
