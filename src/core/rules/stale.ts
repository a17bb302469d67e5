// stale (incident 1 in docs/design.md): a shipped file has a newer replacement beside it that nothing imports, so
// production runs the old copy while the fixes sit in the new one. A replacement is a variant of
// the file's name (variants.ts) that passes the replacement test (replacement.ts) and is newer.
import fs from 'node:fs';
import path from 'node:path';
import type { ModuleGraph, RawFinding } from '../types.js';
import { deprecationOf } from './deprecation.js';
import { changeTimes, type ChangeTime, type Recency } from '../history.js';
import type { Provision } from './replacement.js';
import { at, byCodeUnit, chainOf, findingAt, ignoreHint, importersOf, type Rule } from './rule.js';
import { findVariantPairs, type VariantPair } from './variants.js';

type Replacement = VariantPair & { provides: Provision };

/** Pairs listed by name in the "could not decide" notice; the rest are counted. */
const NOTICE_PAIRS = 5;

type Verdict = { newer: true; current: string; variant: string; by: 'time' | 'version' } | { newer: false } | { newer: undefined };

export const stale: Rule = {
  name: 'stale',
  async check({ graph, options, notices }) {
    const reachable = new Set(graph.files.keys());
    const marked = new Map<string, boolean>();
    const isMarked = (f: string) => {
      if (!marked.has(f)) marked.set(f, deprecationOf(graph.root, f, options.deprecated, graph.headers) !== undefined);
      return marked.get(f)!;
    };
    // Marking one of the two deprecated is the documented way to settle a pair.
    // A variant deleted from the work tree (still listed by git until the deletion is committed)
    // cannot be imported: it is no variant. Only the few files in pairs are checked on disk.
    const onDisk = new Map<string, boolean>();
    const exists = (f: string) => {
      if (!onDisk.has(f)) onDisk.set(f, fs.existsSync(path.join(graph.root, f)));
      return onDisk.get(f)!;
    };
    const candidates = findVariantPairs(reachable, graph.sourceFiles, options.staleIgnore).filter(
      (p) => exists(p.variant) && !isMarked(p.current) && !isMarked(p.variant),
    );
    if (!candidates.length) return [];
    // Loaded only now: the test parses modules with TypeScript's parser, which most runs never need.
    const { ReplacementTest } = await import('./replacement.js');
    // The replacement test before any history: most name pairs fail it, and git is the slow part.
    const test = new ReplacementTest(graph, [...new Set(candidates.map((p) => p.variant))]);
    const pairs: Replacement[] = [];
    for (const pair of candidates) {
      const provides = test.check(pair.current, pair.variant);
      if (!provides) continue;
      // Nothing to compare (an entry or a side-effect import, and a file with no exports): only a
      // version in the names (`api-v1` / `api-v2`) says V replaces F; a word (`server-cluster`) does not.
      const nothingUsed = !provides.names.length && !provides.whole?.of;
      if (nothingUsed && !pair.relation.versions) continue;
      pairs.push({ ...pair, provides });
    }
    if (!pairs.length) return [];

    const files = [...new Set(pairs.flatMap((p) => [p.current, p.variant]))].sort(byCodeUnit);
    const recency = await changeTimes(graph.root, files, {
      inGit: graph.inGit,
      ...(options.commitTimes ? { commitTimes: options.commitTimes } : {}),
      ...(options.now !== undefined ? { now: options.now } : {}),
    });

    const newest = new Map<string, { pair: Replacement; verdict: Verdict & { newer: true } }>();
    const undecided: Replacement[] = [];
    for (const pair of pairs) {
      const verdict = decide(pair, recency);
      if (verdict.newer === undefined) undecided.push(pair);
      if (!verdict.newer) continue;
      const best = newest.get(pair.current);
      if (!best || isLater(pair.variant, best.pair.variant, recency, pair, best.pair)) newest.set(pair.current, { pair, verdict });
    }
    if (undecided.length) notices.push(undecidedNotice(undecided, recency));

    const findings: RawFinding[] = [];
    for (const [current, { pair, verdict }] of [...newest].sort(([a], [b]) => byCodeUnit(a, b))) {
      findings.push(findingFor(graph, current, pair, verdict.by, recency));
    }
    return findings;
  },
};

function decide(pair: VariantPair, recency: Recency): Verdict {
  const a = recency.times.get(pair.current);
  const b = recency.times.get(pair.variant);
  if (a && b && a.time !== b.time) {
    return b.time > a.time ? { newer: true, current: pair.current, variant: pair.variant, by: 'time' } : { newer: false };
  }
  // Uncommitted is "now": a known commit time or unknown history is never later than that.
  if (b?.uncommitted && !a) return { newer: true, current: pair.current, variant: pair.variant, by: 'time' };
  if (a?.uncommitted && !b) return { newer: false };
  const versions = pair.relation.versions;
  if (versions && versions[0] !== versions[1]) {
    return versions[1] > versions[0] ? { newer: true, current: pair.current, variant: pair.variant, by: 'version' } : { newer: false };
  }
  if (a && b) return { newer: false }; // same time, same version: neither is newer
  return { newer: undefined };
}

function isLater(x: string, y: string, recency: Recency, px: VariantPair, py: VariantPair): boolean {
  const tx = recency.times.get(x)?.time;
  const ty = recency.times.get(y)?.time;
  if (tx !== undefined && ty !== undefined && tx !== ty) return tx > ty;
  const vx = px.relation.versions?.[1];
  const vy = py.relation.versions?.[1];
  if (vx !== undefined && vy !== undefined && vx !== vy) return vx > vy;
  return byCodeUnit(x, y) < 0;
}

/** How one file of the pair is described: its version (when versions decided) and its last change, whenever known. */
function describe(file: string, other: string, by: 'time' | 'version', pair: VariantPair, recency: Recency): string {
  const change = changeOf(file, other, recency);
  if (by === 'time') return change ?? 'last change unknown'; // the other file is uncommitted ("now")
  const v = file === pair.current ? pair.relation.versions![0] : pair.relation.versions![1];
  const version = v === 0 ? 'no version in its name' : `version ${v}`;
  return change ? `${version}, ${change}` : version;
}

function changeOf(file: string, other: string, recency: Recency): string | undefined {
  const t = recency.times.get(file);
  if (!t) return undefined;
  if (t.uncommitted) return 'uncommitted changes (now)';
  return `last changed ${formatTime(t, recency.times.get(other))}`;
}

/** Why the version numbers decided: said after the newer file, so the dates shown are not misread. */
function versionNote(pair: VariantPair, recency: Recency): string {
  const a = recency.times.get(pair.current);
  const b = recency.times.get(pair.variant);
  const decided = 'decided by the version numbers in the names';
  if (a && b) return a.uncommitted && b.uncommitted ? ` (both have uncommitted changes: ${decided})` : ` (both last changed at the same time: ${decided})`;
  if (a || b) return ` (no commit history for ${a ? pair.variant : pair.current} to compare: ${decided})`;
  return ` (no commit history to compare: ${decided})`;
}

/** The date, or the date and time when the other file changed on the same day at another time. */
function formatTime(t: ChangeTime, other: ChangeTime | undefined): string {
  const iso = new Date(t.time).toISOString();
  const sameDay = other && !other.uncommitted && other.time !== t.time && new Date(other.time).toISOString().slice(0, 10) === iso.slice(0, 10);
  return sameDay ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : iso.slice(0, 10);
}

/** One finding per pair: at the first import of the older file, its other import lines in `sites`. */
function findingFor(graph: ModuleGraph, current: string, pair: Replacement, by: 'time' | 'version', recency: Recency): RawFinding {
  const old = describe(current, pair.variant, by, pair, recency);
  const fresh = [describe(pair.variant, current, by, pair, recency), provided(pair)].filter(Boolean).join(', ');
  const how = by === 'version' ? versionNote(pair, recency) : '';
  const newer = `${pair.variant} is a newer replacement (${fresh}) that nothing imports${how}`;
  const seen = new Set<string>();
  const edges = importersOf(graph, current).filter((edge) => {
    const key = `${edge.from}\0${edge.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const notVersions = 'if they are not versions of each other';
  if (edges.length) {
    const [first, ...rest] = edges;
    const also = rest.length ? ` It is imported at ${rest.length} more ${rest.length === 1 ? 'line' : 'lines'} (see sites).` : '';
    const message =
      `${at(first.from, first.line)} imports ${first.specifier} (${current}, ${old}), but ${newer}. Import the newer file, or mark one of them deprecated; ` +
      `${notVersions}, ${ignoreHint('stale', first.from)}.${also}`;
    const finding = findingAt(graph, 'stale', first, message, { target: current });
    if (rest.length) finding.sites = rest.map((e) => ({ file: e.from, line: e.line, column: e.column }));
    return finding;
  }
  const entry = graph.entries.includes(current);
  return {
    rule: 'stale',
    file: current,
    line: 1,
    target: current,
    chain: chainOf(graph, current),
    message:
      `${current} ${entry ? 'is an entry' : 'ships'} (${old}), but ${newer}. ${entry ? 'Use the newer file as the entry' : 'Import the newer file'}, or mark one of them deprecated; ` +
      `${notVersions}, ${ignoreHint('stale', current, true)}.`,
  };
}

/** `exports mcp` / `defines mcp, run` / `exports 4 of the 5 names the older file exports`. */
function provided(pair: Replacement): string {
  const verb = pair.variant.endsWith('.py') ? 'defines' : 'exports';
  const { names, whole } = pair.provides;
  const parts: string[] = [];
  if (names.length) parts.push(`${verb} ${names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ')}`);
  if (whole && whole.of) parts.push(`${verb} ${whole.shared} of the ${whole.of} public names of ${pair.current}`);
  return parts.join('; ');
}

function undecidedNotice(pairs: VariantPair[], recency: Recency): string {
  const named = pairs.slice(0, NOTICE_PAIRS).map((p) => `${p.current} / ${p.variant}`);
  const more = pairs.length > NOTICE_PAIRS ? ` and ${pairs.length - NOTICE_PAIRS} more` : '';
  const why = recency.missing ?? 'there is no history for them';
  const fix = `${recency.fix ?? 'Check out the full history (actions/checkout with `fetch-depth: 0`)'}, or mark the one that must not ship deprecated.`;
  return `stale: cannot tell which file is newer in ${pairs.length === 1 ? 'the variant pair' : `${pairs.length} variant pairs`} ${named.join(', ')}${more}: ${why}, and the names carry no version numbers that decide. ${fix}`;
}
