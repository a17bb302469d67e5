// A workspace app packed with the root at the app's own folder: the lockfile and the workspace
// packages it depends on live above the root, so nothing in the tarball can be installed the
// way the repository installs it. Say so, and name the root that works.
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { gitTopLevel } from './git.js';
import { readProjectManifest } from './read-manifest.js';

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
  if (['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'bun.lockb'].some((f) => isFile(path.join(root, f))))
    return undefined;
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

/**
 * The member globs of the workspace at `dir`: package.json `workspaces` (an array or
 * `{packages}`) and pnpm-workspace.yaml `packages:`, read through the project manifest reader
 * (regular files inside `dir` by real path, size-capped).
 */
function memberPatterns(dir: string): string[] {
  const patterns: string[] = [];
  try {
    const json = objectOf(JSON.parse(manifestText(dir, 'package.json')));
    const ws = Array.isArray(json.workspaces) ? json.workspaces : objectOf(json.workspaces).packages;
    if (Array.isArray(ws)) patterns.push(...ws.filter((p): p is string => typeof p === 'string'));
  } catch {
    // no manifest there, or one that cannot be read: no workspace
  }
  try {
    patterns.push(...pnpmPackages(manifestText(dir, 'pnpm-workspace.yaml')));
  } catch {
    // no pnpm workspace
  }
  return patterns;
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** Package names of the members of the workspace at `dir`, name -> absolute folder (see workspaceMembers). */
export function workspaceMemberNames(dir: string): Map<string, string> {
  return new Map([...workspaceMembers(dir)].map(([name, rel]) => [name, path.join(dir, rel)]));
}

/** Folders never searched for workspace members. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);
/** How deep a workspace pattern with `**` is followed (real layouts are two or three levels deep). */
const MAX_WORKSPACE_DEPTH = 5;

/**
 * The packages of the root's workspaces (package.json `workspaces`, as an array or `{packages}`,
 * and pnpm-workspace.yaml `packages:`), by name, with their folder relative to the root.
 * Negated patterns (`!packages/internal`) exclude, as npm, yarn and pnpm read them. A member
 * without a `name` is left out (nothing imports it by name); the first folder wins a name.
 */
export function workspaceMembers(root: string): Map<string, string> {
  const members = new Map<string, string>();
  for (const [dir, name] of workspaceMemberFolders(root)) if (name !== undefined && !members.has(name)) members.set(name, dir);
  return members;
}

/**
 * Every member folder of the root's workspaces, relative to the root (posix, in walk order), with
 * the `name` of its package.json (undefined when it has none). A member is a folder matched by the
 * member patterns (see workspaceMembers) holding a package.json the project manifest reader can
 * read; installs and VCS folders are not searched, and `**` is followed 5 levels deep at most.
 */
export function workspaceMemberFolders(root: string): Map<string, string | undefined> {
  const patterns = memberPatterns(root);
  const members = new Map<string, string | undefined>();
  const include = patterns.filter((p) => !p.startsWith('!')).map((p) => p.replace(/^\.\//, '').replace(/\/+$/, ''));
  if (!include.length) return members;
  const isIncluded = picomatch(include);
  const excluded = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1).replace(/^\.\//, '').replace(/\/+$/, ''));
  const isExcluded = excluded.length ? picomatch(excluded) : () => false;
  const maxDepth = include.some((p) => p.includes('**')) ? MAX_WORKSPACE_DEPTH : Math.max(...include.map((p) => p.split('/').length));
  const walk = (rel: string, depth: number): void => {
    if (depth > maxDepth) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!entry.isDirectory() || SKIPPED_DIRS.has(entry.name)) continue;
      const dir = rel ? `${rel}/${entry.name}` : entry.name;
      if (isIncluded(dir) && !isExcluded(dir)) {
        try {
          const name = objectOf(JSON.parse(manifestText(root, `${dir}/package.json`))).name;
          members.set(dir, typeof name === 'string' ? name : undefined);
        } catch {
          // a folder without a readable package.json is no package
        }
      }
      walk(dir, depth + 1);
    }
  };
  walk('', 1);
  return members;
}

/**
 * The text of the manifest `rel` through the project manifest reader (a regular file inside the
 * root by real path, size-capped): a pnpm-workspace.yaml or package.json linked out of the root
 * must not decide workspace membership. Throws when it cannot be read (callers skip the file).
 */
function manifestText(root: string, rel: string): string {
  const read = readProjectManifest(root, path.join(root, rel));
  if (!read.ok) throw new Error(read.problem);
  return read.text;
}

/** The `packages:` list of a pnpm-workspace.yaml (block or flow style; quotes removed). */
function pnpmPackages(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => /^packages\s*:/.test(l));
  if (start < 0) return [];
  const inline = /^packages\s*:\s*\[(.*)\]/.exec(lines[start]);
  const unquote = (v: string) => v.trim().replace(/^(['"])(.*)\1$/, '$2');
  if (inline) return inline[1].split(',').map(unquote).filter(Boolean);
  const found: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break; // the next top-level key
    const item = /^\s*-\s*(.+?)\s*(?:#.*)?$/.exec(line);
    if (item) found.push(unquote(item[1]));
  }
  return found;
}

function objectOf(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
