// unresolved: an import of a reachable file lands on nothing (or on a file no engine can read),
// so the program fails at run time on that line.
import fs from 'node:fs';
import path from 'node:path';
import { buildOutputOf } from '../build-output.js';
import type { ImportEdge, ModuleGraph, RawFinding } from '../types.js';
import { at, findingAt, ignoreHint, reachableEdges, type Rule } from './rule.js';

export const unresolved: Rule = {
  name: 'unresolved',
  check({ graph, options }) {
    const findings: RawFinding[] = [];
    const listings = new Map<string, string[]>();
    const byMissingFile = new Map<string, RawFinding>();
    const edges = reachableEdges(graph).filter((e) => (e.class === 'unresolved' || e.class === 'unsupported') && e.tsOnly !== 'compiled-alias');
    const declared = buildOutputOf(
      graph.root,
      [...new Set(edges.flatMap((e): string[] => (e.class === 'unresolved' ? missingCandidates(e) : [])))],
      options.generated,
    );
    for (const edge of edges) {
      // (an alias left in compiled output is the runtime rule's finding)
      const where = at(edge.from, edge.line);
      const hint = ignoreHint('unresolved', edge.from);
      const nearMiss = edge.class === 'unresolved' ? caseNearMiss(graph, edge, listings) : undefined;
      const pending = buildOutput(edge, declared);
      const near =
        nearMiss && !(edge.reason ?? '').includes(nearMiss) ? `; ${nearMiss} exists, but the case differs and Linux file systems tell case apart` : '';
      let message: string;
      if (edge.class === 'unsupported') {
        const ext = path.posix.extname(edge.target ?? edge.specifier) || `'${path.posix.basename(edge.target ?? edge.specifier)}'`;
        message =
          `${where} imports ${edge.specifier}${edge.target ? ` (${edge.target})` : ''}, a ${ext} file: that language is not supported, ` +
          `so its own imports cannot be followed and the set would be incomplete. Import a JavaScript, TypeScript or Python module instead, ` +
          `or drop the import and ship the file with \`include\`; if the file is never loaded, ${hint}.`;
      } else if (pending) {
        const [file, by] = pending;
        message = options.pack
          ? `${where} imports ${edge.specifier}, which resolves to nothing: ${file} is build output (${by}) and has not been made, so it cannot ship. ` +
            `Pack after the build step that makes it; if the import can never run, ${hint}.`
          : `${where} imports ${edge.specifier}, which resolves to nothing yet: ${file} is build output (${by}), made by a build step, not a typo. ` +
            `Run shipset after that step to follow it (pack refuses the set until then); if it is not build output, create the file or fix the path.`;
      } else if (edge.optional) {
        const guard = edge.kind === 'python-import' ? 'try/except ImportError (or a version or platform check)' : 'a try/catch or a runtime check';
        message =
          `${where} imports ${edge.specifier}, which resolves to nothing${edge.reason ? ` (${edge.reason})` : ''}${near}; ` +
          `it is guarded by ${guard}, so the program falls back at run time. Add the module if the fallback is not intended; ${hint}.`;
      } else {
        message =
          `${where} imports ${edge.specifier}, which resolves to nothing${edge.reason ? ` (${edge.reason})` : ''}${near}. ` +
          `${nearMiss ? `Write the name as it is on disk (${nearMiss})` : 'Create the file, fix the path'}, or remove the import; if the import can never run, ${hint}.`;
      }
      // Build output not made yet: a warning in check (run after the build), an error in pack (it cannot ship).
      const level = edge.optional && edge.class === 'unresolved' ? 'warn' : pending && !options.pack ? 'warn' : undefined;
      const finding = findingAt(graph, 'unresolved', edge, message, { level, target: edge.target });
      // One finding per fact: every import of the same missing relative file is one finding, its
      // other import lines in `sites` (the first required import carries it).
      const key = edge.class === 'unresolved' ? missingFileKey(edge) : undefined;
      const same = key !== undefined ? byMissingFile.get(key) : undefined;
      if (!same) {
        if (key !== undefined) byMissingFile.set(key, finding);
        findings.push(finding);
        continue;
      }
      const site = { file: edge.from, line: edge.line, column: edge.column };
      if (same.level === 'warn' && !level) {
        // A required import outranks an optional one: it becomes the finding, the optional one a site.
        const { sites = [], ...first } = same;
        Object.assign(same, { ...finding, sites: [{ file: first.file, line: first.line, column: first.column }, ...sites] });
        delete same.level;
      } else {
        same.sites = [...(same.sites ?? []), site];
      }
    }
    for (const f of byMissingFile.values()) {
      const n = f.sites?.length ?? 0;
      if (n) f.message += ` It is imported at ${n} more ${n === 1 ? 'line' : 'lines'} (see sites).`;
    }
    return findings;
  },
};

/** Extensions and index files Node, tsc and bundlers try for a relative import (the same order as the resolver). */
const TRIED = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json'];
const INDEX = ['index.ts', 'index.tsx', 'index.js', 'index.mjs', 'index.cjs'];

/**
 * The root-relative paths a missing relative JS import could have meant, as the runtime looks:
 * written with an extension, that exact path (and, from a TypeScript file, `.js` swapped for its
 * `.ts` source, as tsc and tsx map it); written without one, each extension Node, tsc and bundlers
 * try and a folder's index file. Empty for bare and Python imports.
 */
function missingCandidates(edge: ImportEdge): string[] {
  const base = missingFileKey(edge);
  if (base === undefined || base.startsWith('../')) return [];
  if (KNOWN_EXTENSION.test(base)) {
    const fromTs = /\.[mc]?tsx?$/.test(edge.from);
    return fromTs && /\.[mc]?jsx?$/.test(base) ? [base, base.replace(/\.([mc]?)js(x?)$/, '.$1ts$2')] : [base];
  }
  return [base, ...TRIED.map((ext) => base + ext), ...INDEX.map((name) => `${base}/${name}`)];
}

const KNOWN_EXTENSION = /\.([mc]?[jt]sx?|json|node)$/;

/** [the missing path, what declares it build output] for an unresolved relative import, if any. */
function buildOutput(edge: ImportEdge, declared: ReadonlyMap<string, string>): [string, string] | undefined {
  if (edge.class !== 'unresolved') return undefined;
  for (const candidate of missingCandidates(edge)) {
    const by = declared.get(candidate);
    if (by !== undefined) return [candidate, by];
  }
  return undefined;
}

/** The missing file a relative JS import names, root-relative (`src/config` for `../config` from src/user/x.ts). */
function missingFileKey(edge: ImportEdge): string | undefined {
  const spec = edge.specifier;
  if (edge.kind === 'python-import' || !(spec.startsWith('./') || spec.startsWith('../'))) return undefined;
  return path.posix.normalize(path.posix.join(path.posix.dirname(edge.from), spec));
}

/**
 * A file or folder in the folder a relative JS specifier points into whose name matches the last
 * part of the specifier except for case (`./Utils` beside `utils.js`): macOS and Windows would
 * load it, Linux does not. Relative to the root; undefined when there is none.
 */
export function caseNearMiss(graph: ModuleGraph, edge: ImportEdge, listings: Map<string, string[]>): string | undefined {
  const spec = edge.specifier;
  if (edge.kind === 'python-import' || !(spec.startsWith('./') || spec.startsWith('../'))) return undefined;
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(edge.from), spec));
  if (joined.startsWith('..')) return undefined;
  const dir = path.posix.dirname(joined);
  const base = path.posix.basename(joined).toLowerCase();
  if (!listings.has(dir)) {
    let names: string[] = [];
    try {
      names = fs.readdirSync(path.join(graph.root, dir));
    } catch {
      // the folder itself may differ in case: not looked into further
    }
    listings.set(dir, names);
  }
  const written = path.posix.basename(joined);
  // `utils.js` for `./Utils` or `./Utils.js`; a name that starts with the exact spelling differs in
  // something other than case, so it is no near miss.
  const hit = listings.get(dir)!.find((n) => {
    const lower = n.toLowerCase();
    const sameName = lower === base || (lower.startsWith(`${base}.`) && !lower.slice(base.length + 1).includes('.'));
    return sameName && !n.startsWith(written);
  });
  if (!hit) return undefined;
  return dir === '.' ? hit : `${dir}/${hit}`;
}
