// undeclared: a shipped JS/TS file imports a package that a production install of the nearest
// package.json would not provide. Reads package.json only: no node_modules needed.
import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import type { ImportEdge, RawFinding } from '../types.js';
import { at, chainOf, reachableEdges, type Rule } from './rule.js';

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
      const name = edge.packageName ?? packageNameOf(edge.specifier);
      if (isBuiltin(edge.specifier) || isBuiltin(name)) continue;
      const manifest = nearestManifest(graph.root, edge.from, manifests);
      if (manifest && !manifest.error && (manifest.production.has(name) || manifest.name === name)) continue;
      findings.push({
        rule: 'undeclared',
        file: edge.from,
        line: edge.line,
        column: edge.column,
        specifier: edge.specifier,
        chain: chainOf(graph, edge.from),
        message: messageFor(edge, name, manifest),
      });
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

/** `lodash/fp` -> `lodash`, `@scope/pkg/sub` -> `@scope/pkg`, `node:fs` -> `node:fs`. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The package.json nearest to `file`, walking up to (and including) the root. */
function nearestManifest(root: string, file: string, cache: Map<string, Manifest | undefined>): Manifest | undefined {
  const visited: string[] = [];
  let dir = path.posix.dirname(file);
  let found: Manifest | undefined;
  for (;;) {
    if (cache.has(dir)) {
      found = cache.get(dir);
      break;
    }
    visited.push(dir);
    const rel = dir === '.' ? 'package.json' : `${dir}/package.json`;
    const abs = path.join(root, rel);
    if (fs.existsSync(abs)) {
      found = readManifest(abs, rel);
      break;
    }
    if (dir === '.' || dir === '' || dir === '/') break;
    dir = path.posix.dirname(dir);
  }
  for (const d of visited) cache.set(d, found);
  return found;
}

function readManifest(abs: string, rel: string): Manifest {
  const manifest: Manifest = { path: rel, production: new Set(), dev: new Set() };
  let json: Record<string, unknown>;
  try {
    json = objectOf(JSON.parse(fs.readFileSync(abs, 'utf8')));
  } catch (e) {
    manifest.error = (e as Error).message;
    return manifest;
  }
  if (typeof json.name === 'string') manifest.name = json.name;
  for (const field of PRODUCTION_FIELDS) for (const dep of Object.keys(objectOf(json[field]))) manifest.production.add(dep);
  for (const dep of Object.keys(objectOf(json.devDependencies))) manifest.dev.add(dep);
  return manifest;
}

function objectOf(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
