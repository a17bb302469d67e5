// undeclared: a shipped JS/TS file imports a package that a production install of the nearest
// package.json would not provide. Reads package.json only: no node_modules needed.
import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { packageNameOf } from '../graph/package-name.js';
import type { ImportEdge, RawFinding } from '../types.js';
import { at, findingAt, nearestUp, reachableEdges, type Rule } from './rule.js';

interface Manifest {
  /** Relative to the root. */
  path: string;
  name?: string;
  production: Set<string>;
  dev: Set<string>;
  /** Why it could not be read, when it could not. */
  error?: string;
}

const PRODUCTION_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies'] as const;

export const undeclared: Rule = {
  name: 'undeclared',
  defaultLevel: 'error',
  why: 'A shipped file imports a package that is not a production dependency of its package.json: a production install would not have it.',
  check({ graph }) {
    const manifests = new Map<string, Manifest | undefined>();
    const findings: RawFinding[] = [];
    for (const edge of reachableEdges(graph)) {
      if (edge.class !== 'package') continue;
      if (graph.files.get(edge.from)?.language === 'python') continue; // undeclared-python's job
      // Builtins first (node:module's test, not the engine's): `node:fs` is never a package.
      if (isBuiltin(edge.specifier)) continue;
      const name = edge.packageName ?? packageNameOf(edge.specifier);
      if (isBuiltin(name)) continue;
      const manifest = nearestUp(edge.from, manifests, (dir) => readManifestIn(graph.root, dir));
      if (manifest && !manifest.error && (manifest.production.has(name) || manifest.name === name)) continue;
      findings.push(findingAt(graph, 'undeclared', edge, messageFor(edge, name, manifest), { level: edge.optional ? 'warn' : undefined }));
    }
    return findings;
  },
};

function messageFor(edge: ImportEdge, name: string, manifest: Manifest | undefined): string {
  const what = `${at(edge.from, edge.line)} imports ${edge.specifier}${edge.specifier === name ? '' : ` (package ${name})`}`;
  if (!manifest) {
    return `${what}, but there is no package.json between ${edge.from} and the root, so a production install would not provide it. Add a package.json that lists ${name} in dependencies.`;
  }
  if (manifest.error) {
    return `${what}, but ${manifest.path} cannot be read (${manifest.error}), so nothing is declared. Fix ${manifest.path}.`;
  }
  if (manifest.dev.has(name)) {
    return `${what}, but ${manifest.path} lists ${name} only in devDependencies: a production install omits it. Move it to dependencies (npm install --save-prod ${name}).`;
  }
  return `${what}, but ${name} is not in dependencies, optionalDependencies or peerDependencies of ${manifest.path}: a production install would not provide it. Add it (npm install ${name}), or remove the import.`;
}

/**
 * The package.json in `dir` (relative to the root), when there is one that is a manifest.
 * Below the root, a package.json with no name and no dependency field (`{"type": "module"}`)
 * only marks the module format of its folder: the walk goes on up past it.
 */
function readManifestIn(root: string, dir: string): Manifest | undefined {
  const rel = dir === '.' ? 'package.json' : `${dir}/package.json`;
  const abs = path.join(root, rel);
  if (!fs.existsSync(abs)) return undefined;
  const manifest = readManifest(abs, rel);
  return manifest === 'format-marker' ? (dir === '.' ? { path: rel, production: new Set(), dev: new Set() } : undefined) : manifest;
}

const DEPENDENCY_FIELDS = [...PRODUCTION_FIELDS, 'devDependencies'] as const;

function readManifest(abs: string, rel: string): Manifest | 'format-marker' {
  const manifest: Manifest = { path: rel, production: new Set(), dev: new Set() };
  let json: Record<string, unknown>;
  try {
    json = objectOf(JSON.parse(fs.readFileSync(abs, 'utf8')));
  } catch (e) {
    manifest.error = (e as Error).message;
    return manifest;
  }
  if (json.name === undefined && DEPENDENCY_FIELDS.every((field) => json[field] === undefined)) return 'format-marker';
  if (typeof json.name === 'string') manifest.name = json.name;
  for (const field of PRODUCTION_FIELDS) for (const dep of Object.keys(objectOf(json[field]))) manifest.production.add(dep);
  for (const dep of Object.keys(objectOf(json.devDependencies))) manifest.dev.add(dep);
  return manifest;
}

function objectOf(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
