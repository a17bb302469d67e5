// `shipset why <file>`: the import chains that make a file ship, or the reason it does not,
// rendered like `npm explain` (each step with the file:line of its import).
import fs from 'node:fs';
import path from 'node:path';
import { type ModuleGraph, type Result, UsageError } from './types.js';
import { chainOf } from './graph/via.js';
import { compareCodeUnits, relativeInside } from './pack/paths.js';
import { describeSecret, secretMatch } from './pack/secrets.js';
import { matchingExcludes } from './pack/select.js';
import { type ExactReason, exactReason } from './why-reasons.js';

export type WhyReason = 'entry' | 'import' | 'include' | 'dormant' | 'excluded' | 'outside-root' | 'missing' | 'not-source' | ExactReason;

export interface WhyAnswer {
  ships: boolean;
  reason: WhyReason;
  /** Import chains, entry first, file last; shortest first. */
  chains: string[][];
  text: string;
}

/** Enough chains to see every route that matters without flooding the terminal. */
export const MAX_CHAINS = 10;
/** Partial paths explored before giving up on finding more chains (graphs with many routes). */
const MAX_EXPANSIONS = 20_000;
/** Path steps copied in all before giving up (a 10,000-deep chain would otherwise cost depth squared). */
const MAX_STEPS_COPIED = 2_000_000;
/** Deeper steps are not indented further: a 10,000-step chain stays linear in size on screen. */
const MAX_INDENT = 40;

/**
 * Why `file` ships or not. A path that exists neither under the root nor under `cwd` is bad
 * input: UsageError (exit 2). `exclude` (the exclude globs in force) names the glob that removes a file.
 */
export function explainWhy(result: Result, file: string, cwd: string, exclude: string[] = []): WhyAnswer {
  const graph = result.graph;
  const root = graph.root;
  // Like entries: relative to the root first, then to the cwd.
  const candidates = [path.resolve(root, file), path.resolve(cwd, file)];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new UsageError(`why: ${file} does not exist (looked under the root ${root}, then the current folder). Check the path.`);
  const abs = found;
  const rel = relativeInside(root, abs);
  if (rel === undefined) {
    return answer(false, 'outside-root', [], `${file} is not under the root ${root}: only files under the root can ship.`);
  }
  const packed = result.manifest.files.find((f) => f.path === rel);
  const excluded = result.excluded.includes(rel);
  const reachable = graph.files.has(rel);

  if (packed?.reason === 'include') {
    return answer(true, 'include', [], `${rel} ships: an include glob names it (nothing reachable imports it).`);
  }
  if (packed || (reachable && !excluded)) {
    const chains = importChains(graph, rel);
    if (graph.entries.includes(rel)) {
      return answer(true, 'entry', chains, `${rel} ships: it is an entry.`);
    }
    return answer(
      true,
      'import',
      chains,
      `${rel} ships: ${chains.length === 1 ? 'one import chain from an entry reaches it' : `${plural(chains.length, 'import chain')} from the entries reach it`}.\n\n${renderChains(graph, chains)}`,
    );
  }
  if (excluded) {
    const chains = reachable ? importChains(graph, rel) : [];
    const route = chains.length ? `, although it is reachable:\n\n${renderChains(graph, chains)}` : '.';
    // Secrets (by name, or behind a link) are kept out by shipset itself, not by the user's globs.
    const secret = secretMatch(root, rel);
    if (secret) {
      const { reason, fix } = describeSecret(rel, secret);
      const via = chains.length ? `\n\nIt is reachable:\n\n${renderChains(graph, chains)}` : '';
      return answer(false, 'excluded', chains, `${rel} does not ship: ${reason}. ${fix}.${via}`);
    }
    const globs = matchingExcludes(exclude, rel);
    const by = globs.length ? `the exclude glob ${globs.map((g) => `'${g}'`).join(', ')} removes` : 'an exclude glob removes';
    return answer(false, 'excluded', chains, `${rel} does not ship: ${by} it from the package${route}`);
  }
  const stat = fs.statSync(abs, { throwIfNoEntry: false });
  if (!stat) {
    return answer(false, 'missing', [], `${rel} does not exist under ${root}. Check the path (it is taken relative to the root, then to the current folder).`);
  }
  const exact = exactReason(result, rel);
  if (exact) return answer(false, exact.reason, [], exact.text);
  if (graph.dormant.includes(rel)) {
    return answer(
      false,
      'dormant',
      [],
      `${rel} does not ship: it is dormant, no entry (${graph.entries.join(', ')}) reaches it. Import it from a reachable file, or name it in include.`,
    );
  }
  const what = stat.isDirectory() ? 'a folder' : 'not a source file shipset follows (and no include glob names it)';
  return answer(false, 'not-source', [], `${rel} does not ship: it is ${what}. Name it in include to pack it.`);
}

function answer(ships: boolean, reason: WhyReason, chains: string[][], text: string): WhyAnswer {
  return { ships, reason, chains, text };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}${n === MAX_CHAINS ? ' (the shortest ones)' : ''}`;
}

/**
 * Up to MAX_CHAINS simple import paths from any entry to `target`, shortest first. Breadth-first
 * over partial paths walked backwards along 'file' edges, so shorter chains come out first. When
 * the search runs out of budget before reaching an entry (a chain thousands of files deep), the
 * chain rebuilt from the graph's `via` pointers (a shortest one) is the answer.
 */
export function importChains(graph: ModuleGraph, target: string): string[][] {
  const importers = new Map<string, string[]>();
  for (const [from, node] of graph.files) {
    for (const edge of node.edges) {
      if (edge.class !== 'file' || !edge.target || edge.target === from) continue;
      const list = importers.get(edge.target) ?? [];
      if (!list.includes(from)) list.push(from);
      importers.set(edge.target, list);
    }
  }
  for (const list of importers.values()) list.sort(compareCodeUnits);
  const entries = new Set(graph.entries);
  const chains: string[][] = [];
  let queue: string[][] = [[target]];
  let expansions = 0;
  let copied = 0;
  while (queue.length && chains.length < MAX_CHAINS && expansions < MAX_EXPANSIONS && copied < MAX_STEPS_COPIED) {
    const next: string[][] = [];
    for (const partial of queue) {
      const head = partial[0];
      if (entries.has(head)) {
        chains.push(partial);
        if (chains.length === MAX_CHAINS) break;
        continue; // a chain starts at the first entry met: through another entry is a longer story
      }
      for (const from of importers.get(head) ?? []) {
        if (partial.includes(from)) continue;
        next.push([from, ...partial]);
        copied += partial.length + 1;
        if (++expansions >= MAX_EXPANSIONS || copied >= MAX_STEPS_COPIED) break;
      }
    }
    queue = next;
  }
  if (!chains.length && graph.via.has(target)) return [chainOf(graph, target)];
  return chains;
}

/** `npm explain` style: the file, then each importer indented one step further, ending at the entry. */
export function renderChains(graph: ModuleGraph, chains: string[][]): string {
  return chains
    .map((chain) => {
      const lines = [chain[chain.length - 1]];
      for (let i = chain.length - 2; i >= 0; i--) {
        const from = chain[i];
        const edge = graph.files
          .get(from)
          ?.edges.filter((e) => e.class === 'file' && e.target === chain[i + 1])
          .sort((a, b) => a.line - b.line)[0];
        const site = edge ? `${from}:${edge.line} (${edge.specifier})` : from;
        const entry = i === 0 ? ', an entry' : '';
        lines.push(`${'  '.repeat(Math.min(chain.length - 1 - i, MAX_INDENT))}imported by ${site}${entry}`);
      }
      return lines.join('\n');
    })
    .join('\n\n');
}
