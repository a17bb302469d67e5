// A workspace app packed with the root at the app's own folder: the lockfile and the workspace
// packages it depends on live above the root, so nothing in the tarball can be installed the
// way the repository installs it. Say so, and name the root that works.
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { globSync } from 'tinyglobby';
import { gitTopLevel } from './git.js';

const tops = new Map<string, string | undefined>();

/**
 * The folder above `root` whose package.json `workspaces` or pnpm-workspace.yaml lists `root` as a
 * member, when `root` itself has no lockfile. Undefined otherwise. Only folders inside the same git
 * work tree are read (the repository the app is part of; nothing above it, and nothing outside git).
 */
export function enclosingWorkspace(root: string): string | undefined {
  if (!tops.has(root)) tops.set(root, gitTopLevel(root));
  const top = tops.get(root);
  if (!top || path.resolve(top) === path.resolve(root)) return undefined;
  if (['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'bun.lockb'].some((f) => isFile(path.join(root, f)))) return undefined;
  if (!isFile(path.join(root, 'package.json'))) return undefined;
  for (let dir = path.dirname(root); ; dir = path.dirname(dir)) {
    const rel = path.relative(dir, root).split(path.sep).join('/');
    const patterns = memberPatterns(dir);
    if (patterns.length) {
      const include = patterns.filter((p) => !p.startsWith('!')).map((p) => p.replace(/^\.\//, '').replace(/\/+$/, ''));
      const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1).replace(/^\.\//, '').replace(/\/+$/, ''));
      if (include.length && picomatch(include)(rel) && !(exclude.length && picomatch(exclude)(rel))) return dir;
    }
    if (path.resolve(dir) === path.resolve(top) || path.dirname(dir) === dir) return undefined;
  }
}

/** One line saying why a frozen install of the tarball cannot work and which root to use instead. */
export function enclosingWorkspaceNotice(root: string, entries: string[]): string | undefined {
  const ws = enclosingWorkspace(root);
  if (!ws) return undefined;
  const app = path.relative(ws, root).split(path.sep).join('/');
  const entry = entries[0] ? `${app}/${entries[0]}` : `${app}/<entry>`;
  return `${root} is a member of the workspace at ${ws}, whose lockfile and workspace packages are outside the root: the tarball has no lockfile, so 'npm ci' / 'pnpm install --frozen-lockfile' cannot install it, and workspace packages it imports would be fetched from the registry by name. Pack from the workspace root instead: --root ${ws} with the entry ${entry} (working-directory for the action); shipset then packs the workspace packages the app reaches, the root package.json, the lockfile and the workspace file.`;
}

function memberPatterns(dir: string): string[] {
  const out: string[] = [];
  const pkg = readJson(path.join(dir, 'package.json'));
  const ws = pkg?.workspaces;
  const list = Array.isArray(ws) ? ws : ws && typeof ws === 'object' && Array.isArray((ws as { packages?: unknown }).packages) ? (ws as { packages: unknown[] }).packages : [];
  for (const p of list) if (typeof p === 'string') out.push(p);
  const yaml = path.join(dir, 'pnpm-workspace.yaml');
  if (isFile(yaml)) {
    // The `packages:` list of pnpm-workspace.yaml: `- 'apps/*'` lines under the key.
    let inPackages = false;
    for (const line of fs.readFileSync(yaml, 'utf8').split(/\r?\n/)) {
      if (/^packages\s*:/.test(line)) inPackages = true;
      else if (/^\S/.test(line)) inPackages = false;
      else if (inPackages) {
        const m = /^\s*-\s*['"]?([^'"#]+?)['"]?\s*(#.*)?$/.exec(line);
        if (m) out.push(m[1]);
      }
    }
  }
  return out;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function readJson(file: string): Record<string, unknown> | undefined {
  if (!isFile(file)) return undefined;
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Package names of the members of the workspace at `dir` (its `workspaces` / pnpm-workspace.yaml globs), name -> folder. */
export function workspaceMemberNames(dir: string): Map<string, string> {
  const names = new Map<string, string>();
  const patterns = memberPatterns(dir).filter((p) => !p.includes('..') && !p.replace(/^!/, '').startsWith('/'));
  const include = patterns.filter((p) => !p.startsWith('!')).map((p) => `${p.replace(/\/+$/, '')}/package.json`);
  if (!include.length) return names;
  const ignore = ['**/node_modules/**', ...patterns.filter((p) => p.startsWith('!')).map((p) => `${p.slice(1).replace(/\/+$/, '')}/**`)];
  let found: string[] = [];
  try {
    found = globSync(include, { cwd: dir, ignore, followSymbolicLinks: false });
  } catch {
    return names;
  }
  for (const f of found.sort()) {
    const name = readJson(path.join(dir, f))?.name;
    if (typeof name === 'string' && !names.has(name)) names.set(name, path.join(dir, path.dirname(f)));
  }
  return names;
}
