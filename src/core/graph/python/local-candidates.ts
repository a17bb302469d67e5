// A third-party-looking import whose name matches code inside the project (`import tinylib`
// with vendor/tinylib/ present) usually means a folder is put on sys.path at run time in a
// way shipset cannot read (PYTHONPATH in a Dockerfile, a computed sys.path entry). The
// advice is then `--python-path vendor`, not "add tinylib to requirements.txt".
import fs from 'node:fs';
import path from 'node:path';
import type { FileNode } from '../../types.js';

const SKIP = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  '__pycache__',
  '.venv',
  'venv',
  'env',
  '.env',
  '.tox',
  '.nox',
  'site-packages',
  '.mypy_cache',
  '.pytest_cache',
]);
const WALK_LIMIT = 20000;

/**
 * Marks each `package` edge (not stdlib, not already a project file) whose top-level name is a
 * module or package somewhere in the project, outside the import roots: `edge.localCandidate`
 * gets that path (POSIX, relative to root; folders end in `/`). Walks at most a bounded number
 * of entries, skipping VCS folders, node_modules and virtual environments.
 */
export function markLocalCandidates(root: string, files: Map<string, FileNode>, roots: readonly string[]): void {
  const wanted = new Set<string>();
  for (const node of files.values()) for (const e of node.edges) if (e.class === 'package' && e.packageName) wanted.add(e.packageName);
  if (!wanted.size) return;
  const found = new Map<string, string>();
  const rootSet = new Set(roots);
  let budget = WALK_LIMIT;
  const queue = [root];
  // Breadth first: the shallowest match wins.
  for (let i = 0; i < queue.length && budget > 0; i++) {
    const dir = queue[i];
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (--budget <= 0) break;
      const abs = path.join(dir, e.name);
      const rel = path.relative(root, abs).split(path.sep).join('/');
      if (e.isDirectory()) {
        if (SKIP.has(e.name) || e.name.startsWith('.')) continue;
        if (wanted.has(e.name) && !found.has(e.name) && !rootSet.has(dir) && fs.existsSync(path.join(abs, '__init__.py'))) found.set(e.name, `${rel}/`);
        queue.push(abs);
      } else if (e.isFile() && e.name.endsWith('.py')) {
        const name = e.name.slice(0, -3);
        if (wanted.has(name) && !found.has(name) && !rootSet.has(dir)) found.set(name, rel);
      }
    }
  }
  if (!found.size) return;
  for (const node of files.values()) {
    for (const e of node.edges) {
      const hit = e.class === 'package' && e.packageName ? found.get(e.packageName) : undefined;
      if (hit) e.localCandidate = hit;
    }
  }
}
