// undeclared (Python): a shipped .py file imports a third-party package that the nearest
// requirements*.txt / pyproject.toml / setup.cfg does not declare for production, so a
// fresh install would not have it. Import names are mapped to distribution names for
// common packages (yaml -> PyYAML); where no mapping is known and a declared distribution
// plausibly provides the import, a notice says so instead of guessing an error.
import path from 'node:path';
import { distributionsFor, isMappedDistribution, normalizeDistName } from '../graph/python/distributions.js';
import { readPythonManifests, type PythonManifests } from '../graph/python/manifests.js';
import type { ImportEdge, RawFinding } from '../types.js';
import { at, findingAt, ignoreHint, nearestUp, reachableEdges, type Rule } from './rule.js';

export const undeclaredPython: Rule = {
  name: 'undeclared',
  check({ graph, notices }) {
    const cache = new Map<string, PythonManifests | undefined>();
    // One finding per distribution and manifest: the first import the code needs, the rest in `sites`.
    const groups = new Map<string, { edges: ImportEdge[]; message: (edge: ImportEdge, optional: boolean) => string; warn?: boolean }>();
    const add = (key: string, edge: ImportEdge, message: (edge: ImportEdge, optional: boolean) => string, warn?: boolean): void => {
      const group = groups.get(key) ?? { edges: [], message, ...(warn ? { warn } : {}) };
      group.edges.push(edge);
      groups.set(key, group);
    };
    const said = new Set<string>();
    const unchecked = new Map<string, Set<string>>(); // file -> packages, when no manifest covers it
    const notice = (text: string): void => {
      if (!said.has(text)) {
        said.add(text);
        notices.push(text);
      }
    };
    // Distributions some import of the graph already accounts for (by the table or by name).
    const used = new Set<string>();
    for (const edge of reachableEdges(graph)) {
      if (edge.class === 'package' && graph.files.get(edge.from)?.language === 'python') for (const n of distributionsFor(edge.specifier).names) used.add(n);
    }
    for (const edge of reachableEdges(graph)) {
      if (edge.class !== 'package' || graph.files.get(edge.from)?.language !== 'python') continue;
      const manifests = nearestUp(edge.from, cache, (dir) => readPythonManifests(graph.root, path.join(graph.root, dir)));
      if (!manifests) {
        if (!unchecked.has(edge.from)) unchecked.set(edge.from, new Set());
        unchecked.get(edge.from)!.add(edge.packageName ?? edge.specifier);
        continue;
      }
      for (const problem of manifests.problems) notice(problem); // each says which declarations went unchecked
      const { names, known } = distributionsFor(edge.specifier);
      if (names.some((n) => manifests.production.has(n) || n === manifests.projectName)) continue;
      const where = manifests.files.join(', ');
      const base = `${at(edge.from, edge.line)} imports ${edge.specifier}`;
      const said = (e: ImportEdge) => `${at(e.from, e.line)} imports ${e.specifier}`;
      const shown = known ? names[0] : normalizeDistName(edge.packageName ?? edge.specifier.split('.')[0]);
      const devHit = names.find((n) => manifests.dev.has(n));
      if (devHit) {
        add(
          `${where}\0${devHit}`,
          edge,
          (e, optional) =>
            `${said(e)}, but ${devHit} is declared only for development in ${where}: a production install omits it${optional ? OPTIONAL : ''}. Move ${devHit} to requirements.txt or [project] dependencies; ${HINT(e)}.`,
        );
        continue;
      }
      const lock = manifests.locked.find((l) => names.some((n) => l.names.has(n)));
      if (lock) {
        // Pinned by the lock but not declared: another declared package requires it today.
        add(
          `${where}\0${shown}`,
          edge,
          (e) =>
            `${said(e)}, but ${shown} is not declared directly in ${where}; installed today through ${lock.file} as a dependency of another package: declare it if your code uses it directly (a new release of that package may drop it). ${HINT(e)}.`,
          true,
        );
        continue;
      }
      const top = edge.packageName ?? edge.specifier.split('.')[0];
      const maybe = known ? undefined : plausibleProvider(top, manifests.production);
      if (maybe) {
        notice(
          `${base}: no declared distribution has that name, but ${maybe} (declared in ${where}) may provide it; shipset knows no mapping for this import name, so it raised no finding. Declare the distribution that provides ${edge.specifier} if ${maybe} does not.`,
        );
        continue;
      }
      // Declared distributions that no import accounts for, whose import names shipset does not
      // know, and that share a distinctive word with the import (drf-jwt and rest_framework_jwt):
      // one of them probably provides it, so a warning names them instead of an error.
      const unknown = known
        ? []
        : [...manifests.production].filter((d) => !used.has(d) && !isMappedDistribution(d) && d !== manifests.projectName && sharesWord(top, d)).sort();
      if (unknown.length) {
        const list = unknown.length > 5 ? `${unknown.slice(0, 5).join(', ')} and ${unknown.length - 5} more` : unknown.join(', ');
        add(
          `${where}\0${shown}`,
          edge,
          (e) =>
            `${said(e)}, and no distribution declared in ${where} has that name; shipset knows no mapping for it, and ${list} (declared, with import names shipset does not know) could provide it. If none does, add the distribution that provides ${top} to requirements.txt (or [project] dependencies in pyproject.toml); ${HINT(e)}.`,
          true,
        );
        continue;
      }
      add(
        `${where}\0${shown}`,
        edge,
        (e, optional) =>
          `${said(e)}, but ${shown} is not declared in ${where}: a fresh install provides it only if a declared package happens to depend on it${optional ? OPTIONAL : ''}. ${localAdvice(e, shown, known)}; ${HINT(e)}.`,
      );
    }
    const findings: RawFinding[] = [];
    for (const { edges, message, warn } of groups.values()) {
      // A file that imports the package inside try/except ImportError shows its author handles the
      // package being absent (`show_toolbar()` checks, then a later lazy `import debug_toolbar`):
      // that file's other imports of it are treated as optional too.
      const guardedIn = new Set(edges.filter((e) => e.optional).map((e) => e.from));
      const required = edges.filter((e) => !e.optional && !guardedIn.has(e.from));
      const first = required[0] ?? edges[0];
      const optional = required.length === 0 || warn === true;
      const rest = edges.filter((e) => e !== first);
      const also = rest.length ? ` It is imported at ${rest.length} more ${rest.length === 1 ? 'line' : 'lines'} (see sites).` : '';
      const finding = findingAt(graph, 'undeclared', first, message(first, optional) + also, optional ? { level: 'warn' } : {});
      if (rest.length) finding.sites = rest.map((e) => ({ file: e.from, line: e.line, column: e.column }));
      findings.push(finding);
    }
    if (unchecked.size) {
      const files = [...unchecked.keys()];
      const packages = [...new Set(files.flatMap((f) => [...unchecked.get(f)!]))].sort();
      const list = (items: string[]): string => (items.length > 5 ? `${items.slice(0, 5).join(', ')} and ${items.length - 5} more` : items.join(', '));
      notice(
        `No requirements*.txt, pyproject.toml or setup.cfg between ${list(files)} and the root: shipset cannot check that the third-party imports (${list(packages)}) are declared. Add a requirements.txt or pyproject.toml.`,
      );
    }
    return findings;
  },
};

const OPTIONAL = ' (the import is inside try/except ImportError or a version/platform check, so the code runs without it: a warning)';
const HINT = (edge: ImportEdge): string => `if the package is provided another way, ${ignoreHint('undeclared', edge.from)}`;

const DIST_AFFIXES = /^(python-|py-|py)|(-python|-py|-binary|-client|-sdk|-headless|-api)$/g;

/** A declared distribution whose name contains the import name (or the reverse), once affixes are dropped. */
function plausibleProvider(importName: string, declared: Set<string>): string | undefined {
  const wanted = normalizeDistName(importName).replace(/-/g, '');
  if (wanted.length < 3) return undefined;
  for (const dist of declared) {
    const core = dist.replace(DIST_AFFIXES, '').replace(/-/g, '');
    if (core.length >= 3 && (core.includes(wanted) || wanted.includes(core))) return dist;
  }
  return undefined;
}

/** Words too common in distribution and package names to link one to the other. */
const GENERIC_WORDS = new Set([
  'django',
  'flask',
  'python',
  'drf',
  'rest',
  'framework',
  'api',
  'client',
  'sdk',
  'lib',
  'core',
  'utils',
  'util',
  'plugin',
  'plugins',
  'extension',
  'extensions',
  'contrib',
  'app',
  'apps',
  'server',
  'tools',
]);

/** The import name and the distribution name share a distinctive word (one containing the other, 3+ letters). */
function sharesWord(importName: string, dist: string): boolean {
  const words = (text: string): string[] =>
    text
      .toLowerCase()
      .split(/[-_.]+/)
      .filter((w) => w.length >= 3 && !GENERIC_WORDS.has(w));
  const mine = words(importName);
  return words(dist).some((d) => mine.some((m) => m.includes(d) || d.includes(m)));
}

/**
 * The fix for an undeclared import: when a module of that name sits inside the project but off the
 * import path (`vendor/tinylib/` after a `sys.path.insert`), point at --python-path first.
 */
function localAdvice(edge: ImportEdge, shown: string, known: boolean): string {
  // A well-known package (one the mapping table knows, as jwt -> PyJWT) is not shadowed by a
  // same-named settings module such as config/settings/jwt.py: never advise putting that on the path.
  const local = known ? undefined : edge.localCandidate;
  return local
    ? `The project has ${local}, which is not on the import path: if that is the code that runs, pass --python-path ${path.posix.dirname(local.replace(/\/$/, ''))} (python-path in the config); else add ${shown} to requirements.txt (or [project] dependencies in pyproject.toml)`
    : `Add ${shown} to requirements.txt (or [project] dependencies in pyproject.toml), or remove the import`;
}
