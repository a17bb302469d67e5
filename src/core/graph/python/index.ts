// shipset's Python engine: every .py file reachable from the entries, each with its
// classified import edges, dynamic import sites and syntax error (if any). The graph
// builder computes chains and dormant files from this and merges it with the JS graph.
import fs from 'node:fs';
import path from 'node:path';
import { describeFsError } from '../../errors.js';
import type { FileNode } from '../../types.js';
import { UsageError } from '../../types.js';
import { PathFinder } from './finder.js';
import { parsePython } from './parse.js';
import { relativeTo, resolveImport, type ResolveContext } from './resolve.js';

export interface PythonEngineInput {
  /** Absolute root. */
  root: string;
  /** .py entries, relative to root (POSIX). */
  entries: string[];
  /** Extra import roots, relative to root. */
  pythonPath: string[];
  /** Optional filter: a .py file for which this is false is treated as absent. */
  isSourceFile?: (rel: string) => boolean;
}

export interface PythonGraph {
  files: Map<string, FileNode>;
  notices: string[];
}

const PROJECT_FILES = ['pyproject.toml', 'setup.cfg', 'setup.py'];

/**
 * Import roots in sys.path order: each entry's folder (sys.path[0] for `python3 entry.py`),
 * the python-path roots (PYTHONPATH), the root, and src/ for a src-layout project.
 */
export function importRoots(root: string, entries: string[], pythonPath: string[]): string[] {
  const roots: string[] = [];
  const add = (dir: string): void => {
    if (!roots.includes(dir) && isDir(dir)) roots.push(dir);
  };
  for (const entry of entries) add(path.dirname(path.resolve(root, entry)));
  for (const extra of pythonPath) add(path.resolve(root, extra));
  add(root);
  if (isSrcLayout(root, entries)) add(path.join(root, 'src'));
  return roots;
}

function isDir(abs: string): boolean {
  try {
    return fs.statSync(abs).isDirectory();
  } catch {
    return false;
  }
}

/** src/ holds the importable code when an entry lives there, or a packaging file sits at the root. */
function isSrcLayout(root: string, entries: string[]): boolean {
  const src = path.join(root, 'src');
  if (!isDir(src)) return false;
  if (entries.some((e) => e.startsWith('src/'))) return true;
  if (!PROJECT_FILES.some((f) => fs.existsSync(path.join(root, f)))) return false;
  return fs.readdirSync(src, { withFileTypes: true }).some((d) =>
    (d.isDirectory() && fs.existsSync(path.join(src, d.name, '__init__.py'))) || (d.isFile() && d.name.endsWith('.py')));
}

export async function buildPythonGraph(input: PythonEngineInput): Promise<PythonGraph> {
  const root = path.resolve(input.root);
  const accept = (abs: string): boolean => !abs.endsWith('.py') || !input.isSourceFile || input.isSourceFile(relativeTo(root, abs));
  const finder = new PathFinder(accept);
  const roots = importRoots(root, input.entries, input.pythonPath);
  // An entry folder that is itself a package is most likely run with `python -m pkg.entry`:
  // it then does not end a package for relative imports.
  const packageRoots = roots
    .filter((r) => r === root || !finder.isFile(path.join(r, '__init__.py')) || !input.entries.some((e) => path.dirname(path.resolve(root, e)) === r))
    .sort((a, b) => b.length - a.length);
  const notices = new Set<string>();
  const ctx: ResolveContext = { root, realRoot: safeRealPath(root), roots, packageRoots, finder, notices };

  const files = new Map<string, FileNode>();
  const queue: string[] = [];
  for (const entry of input.entries) {
    const abs = path.resolve(root, entry);
    if (!fs.existsSync(abs)) throw new UsageError(`Python entry ${entry} does not exist under ${root}. Pass a .py file relative to the root.`);
    queue.push(relativeTo(root, abs));
  }
  const seen = new Set(queue);
  for (let i = 0; i < queue.length; i++) {
    const rel = queue[i];
    const node = readFileNode(ctx, rel);
    files.set(rel, node);
    for (const edge of node.edges) {
      if (edge.class === 'file' && edge.target && !seen.has(edge.target)) {
        seen.add(edge.target);
        queue.push(edge.target);
      }
    }
  }
  return { files, notices: [...notices] };
}

function readFileNode(ctx: ResolveContext, rel: string): FileNode {
  const abs = path.join(ctx.root, rel);
  const node: FileNode = { path: rel, language: 'python', edges: [], dynamic: [] };
  let source: string;
  try {
    source = fs.readFileSync(abs, 'utf8');
  } catch (error) {
    node.parseError = { file: rel, line: 1, column: 1, message: `cannot be read (${describeFsError(error)})` };
    return node;
  }
  const parsed = parsePython(source);
  if (parsed.error) {
    node.parseError = { file: rel, ...parsed.error };
    return node;
  }
  for (const imp of parsed.imports) node.edges.push(...resolveImport(ctx, abs, imp));
  node.dynamic = parsed.dynamic.map((d) => ({ file: rel, ...d }));
  return node;
}

function safeRealPath(abs: string): string {
  try {
    return fs.realpathSync(abs);
  } catch {
    return abs;
  }
}
