// undeclared: a shipped JS/TS file imports a package that a production install of the nearest
// package.json would not provide. Reads package.json (and pnpm-workspace.yaml) only: no
// node_modules needed. One finding per package and manifest, its other import lines in `sites`;
// an import the code survives without (inside try/catch, behind a runtime check) only warns.
import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { isValidPackageName, packageNameOf } from '../graph/package-name.js';
import { workspaceMembers } from '../workspace.js';
import { describeJsonError } from '../json-error.js';
import { MANIFEST_RULE, readProjectManifest } from '../read-manifest.js';
import type { ImportEdge, RawFinding } from '../types.js';
import { at, findingAt, ignoreHint, nearestUp, reachableEdges, type Rule } from './rule.js';

interface Manifest {
  /** Relative to the root. */
  path: string;
  name?: string;
  production: Set<string>;
  dev: Set<string>;
  /** Dependencies (any field) whose version uses the `workspace:` protocol, with that version. */
  workspaceProtocol: Map<string, string>;
  /** Why it could not be read, when it could not. */
  error?: string;
}

const PRODUCTION_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies'] as const;

export const undeclared: Rule = {
  name: 'undeclared',
  check({ graph }) {
    const manifests = new Map<string, Manifest | undefined>();
    const groups = new Map<string, { name: string; manifest: Manifest | undefined; edges: ImportEdge[] }>();
    let workspaces: Map<string, string> | undefined;
    for (const edge of reachableEdges(graph)) {
      if (edge.class !== 'package') continue;
      if (graph.files.get(edge.from)?.language === 'python') continue; // undeclared-python's job
      // Builtins first (node:module's test, not the engine's): `node:fs` is never a package.
      if (isBuiltin(edge.specifier)) continue;
      const name = edge.packageName ?? packageNameOf(edge.specifier);
      if (isBuiltin(name)) continue;
      // Not a name npm could install (an alias such as '~/x'): the resolver reports it as unresolved.
      if (!isValidPackageName(name)) continue;
      const manifest = nearestUp(edge.from, manifests, (dir) => readManifestIn(graph.root, dir));
      if (manifest && !manifest.error && (manifest.production.has(name) || manifest.name === name)) continue;
      // A member of the root's workspaces is linked by the package manager, not installed from a registry.
      workspaces ??= workspaceMembers(graph.root);
      if (workspaces.has(name) && !manifest?.dev.has(name)) continue;
      const key = `${manifest?.path ?? ''}\0${name}`;
      const group = groups.get(key) ?? { name, manifest, edges: [] };
      group.edges.push(edge);
      groups.set(key, group);
    }
    const findings: RawFinding[] = [];
    for (const { name, manifest, edges } of groups.values()) {
      // The finding sits at the first import the code cannot run without, when there is one.
      const required = edges.filter((e) => !e.optional);
      const first = required[0] ?? edges[0];
      const optional = required.length === 0;
      const rest = edges.filter((e) => e !== first);
      const also = rest.length ? ` It is imported at ${rest.length} more ${rest.length === 1 ? 'line' : 'lines'} (see sites).` : '';
      const finding = findingAt(
        graph,
        'undeclared',
        first,
        messageFor(first, name, manifest, workspaces?.get(name), optional) + also,
        optional ? { level: 'warn' } : {},
      );
      if (rest.length) finding.sites = rest.map((e) => ({ file: e.from, line: e.line, column: e.column }));
      findings.push(finding);
    }
    return findings;
  },
};

function messageFor(edge: ImportEdge, name: string, manifest: Manifest | undefined, workspaceDir: string | undefined, optional: boolean): string {
  const what = `${at(edge.from, edge.line)} imports ${edge.specifier}${edge.specifier === name ? '' : ` (package ${name})`}`;
  const hint = `if the package is provided another way, ${ignoreHint('undeclared', edge.from)}`;
  if (optional) {
    const where = manifest && !manifest.error ? `of ${manifest.path}` : 'of any package.json';
    return `${what}, which is not a production dependency ${where}; the import is optional (guarded by try/catch or a runtime check), so the code runs without it. Add ${name} to dependencies or optionalDependencies if the feature is wanted in production; ${hint}.`;
  }
  if (!manifest) {
    return `${what}, but there is no package.json between ${edge.from} and the root, so a production install would not provide it. Add a package.json that lists ${name} in dependencies; ${hint}.`;
  }
  if (manifest.error) {
    return `${what}, but ${manifest.path} cannot be read (${manifest.error}), so nothing is declared. Fix ${manifest.path}.`;
  }
  if (manifest.dev.has(name)) {
    const protocol = manifest.workspaceProtocol.get(name);
    if (protocol || workspaceDir) {
      return `${what}, but ${manifest.path} lists ${name} only in devDependencies: a production install omits it. It is the workspace package${workspaceDir ? ` at ${workspaceDir}` : ''}: move "${name}": "${protocol ?? 'workspace:*'}" to dependencies; ${hint}.`;
    }
    return `${what}, but ${manifest.path} lists ${name} only in devDependencies: a production install omits it. Move it to dependencies (npm install --save-prod ${name}); ${hint}.`;
  }
  return `${what}, but ${name} is not in dependencies, optionalDependencies or peerDependencies of ${manifest.path}: a production install would not provide it. Add it (npm install ${name}), or remove the import; ${hint}.`;
}

/**
 * The package.json in `dir` (relative to the root), when there is one that is a manifest.
 * Below the root, a package.json with no name and no dependency field (`{"type": "module"}`)
 * only marks the module format of its folder: the walk goes on up past it.
 */
function readManifestIn(root: string, dir: string): Manifest | undefined {
  const rel = dir === '.' ? 'package.json' : `${dir}/package.json`;
  const abs = path.join(root, rel);
  if (!fs.existsSync(abs) && !isSymlink(abs)) return undefined;
  const manifest = readManifest(root, abs, rel);
  return manifest === 'format-marker'
    ? dir === '.'
      ? { path: rel, production: new Set(), dev: new Set(), workspaceProtocol: new Map() }
      : undefined
    : manifest;
}

const DEPENDENCY_FIELDS = [...PRODUCTION_FIELDS, 'devDependencies'] as const;

function readManifest(root: string, abs: string, rel: string): Manifest | 'format-marker' {
  const manifest: Manifest = { path: rel, production: new Set(), dev: new Set(), workspaceProtocol: new Map() };
  // Regular file inside the root, size-capped: a link out of the root is never read (nor quoted).
  const read = readProjectManifest(root, abs);
  if (!read.ok) {
    manifest.error = `it ${read.problem}; ${MANIFEST_RULE}`;
    return manifest;
  }
  let json: Record<string, unknown>;
  try {
    json = objectOf(JSON.parse(read.text));
  } catch (e) {
    // Never the parser's message as is: Node 20 quotes the first bytes of the file in it.
    manifest.error = `invalid JSON (${describeJsonError(read.text, e)})`;
    return manifest;
  }
  if (json.name === undefined && DEPENDENCY_FIELDS.every((field) => json[field] === undefined)) return 'format-marker';
  if (typeof json.name === 'string') manifest.name = json.name;
  for (const field of PRODUCTION_FIELDS) for (const dep of Object.keys(objectOf(json[field]))) manifest.production.add(dep);
  for (const dep of Object.keys(objectOf(json.devDependencies))) manifest.dev.add(dep);
  for (const field of DEPENDENCY_FIELDS) {
    for (const [dep, version] of Object.entries(objectOf(json[field]))) {
      if (typeof version === 'string' && version.startsWith('workspace:')) manifest.workspaceProtocol.set(dep, version);
    }
  }
  return manifest;
}

function isSymlink(abs: string): boolean {
  return fs.lstatSync(abs, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
}

function objectOf(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
