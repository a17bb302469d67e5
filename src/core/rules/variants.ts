// Variant families for `stale`: two files in the same folder and language family whose names say
// one is another take on the other (`hybrid` / `hybrid_sessions`, `api-v1` / `api-v2`,
// `UserList` / `UserList2`). Role suffixes (`api.test`, `api.d`) and numbered series
// (`step1` / `step2`, `001_init` / `002_users`) are not variants.
import path from 'node:path';
import { nameParts } from './deprecation.js';

/** Suffix parts that give a file a role beside its subject, never a new version of it. */
export const ROLE_SUFFIXES = [
  'test', 'tests', 'spec', 'stories', 'story', 'd', 'mock', 'mocks', 'fixture', 'fixtures',
  'bench', 'e2e', 'config', 'types', 'schema', 'module', 'styles',
] as const;

export type Family = 'js' | 'py';

const JS_EXTENSIONS = new Set(['.js', '.jsx', '.ts', '.tsx', '.mjs', '.cjs', '.mts', '.cts']);

/** Language family of a file, or undefined when it is not a runnable source (e.g. `.d.ts`, `.json`). */
export function familyOf(file: string): Family | undefined {
  if (/\.d\.[mc]?ts$/.test(file)) return undefined;
  const ext = path.posix.extname(file);
  if (JS_EXTENSIONS.has(ext)) return 'js';
  if (ext === '.py') return 'py';
  return undefined;
}

/** `server.v2.ts` -> `server.v2` (only the extension goes: the other dots are name parts). */
export function variantStem(file: string): string {
  const base = path.posix.basename(file);
  return base.slice(0, base.length - path.posix.extname(base).length);
}

export interface VariantRelation {
  /**
   * Version numbers the names carry ([a, b]; a bare name counts as 0), when the names differ by a
   * version; undefined when they differ by a word (`hybrid` / `hybrid_sessions`).
   */
  versions?: [number, number];
}

const VERSION_PART = /^v(\d+)$/;
const NUMBER_PART = /^\d+$/;

/**
 * How `a` and `b` (stems of two files in one folder and family) are variants of each other, or
 * undefined when they are not. `siblings` are all stems of that folder and family (for series).
 */
export function variantRelation(a: string, b: string, ignore: ReadonlySet<string>, siblings: readonly string[]): VariantRelation | undefined {
  if (a === b) return undefined;
  const pa = nameParts(a).map((p) => p.toLowerCase());
  const pb = nameParts(b).map((p) => p.toLowerCase());
  if (!pa.length || !pb.length) return undefined;
  if (pa.length !== pb.length) {
    const [short, long, swapped] = pa.length < pb.length ? [pa, pb, false] : [pb, pa, true];
    if (!short.every((p, i) => p === long[i])) return undefined;
    const extra = long.slice(short.length);
    if (extra.some((p) => ignore.has(p))) return undefined;
    const version = extra.map(versionOfPart).find((v) => v !== undefined);
    if (extra.length === 1 && NUMBER_PART.test(extra[0]) && inSeries(swapped ? a : b, siblings)) return undefined;
    if (version === undefined) return {};
    return { versions: swapped ? [version, 0] : [0, version] };
  }
  const differ = pa.map((_, i) => i).filter((i) => pa[i] !== pb[i]);
  if (differ.length !== 1) return undefined;
  const i = differ[0];
  const va = VERSION_PART.exec(pa[i]);
  const vb = VERSION_PART.exec(pb[i]);
  if (va && vb) return { versions: [Number(va[1]), Number(vb[1])] };
  // `UserList` / `UserList2`: the bare stem against the stem plus a number, unless that number
  // belongs to a series (`step1`, `step2`), which are siblings, not versions.
  const [bare, numbered, swapped] = pa[i].length < pb[i].length ? [pa[i], pb[i], false] : [pb[i], pa[i], true];
  const rest = numbered.slice(bare.length);
  if (!numbered.startsWith(bare) || !NUMBER_PART.test(rest) || /\d$/.test(bare)) return undefined;
  if (inSeries(swapped ? a : b, siblings)) return undefined;
  const n = Number(rest);
  return { versions: swapped ? [n, 0] : [0, n] };
}

function versionOfPart(part: string): number | undefined {
  const v = VERSION_PART.exec(part);
  if (v) return Number(v[1]);
  return NUMBER_PART.test(part) ? Number(part) : undefined;
}

/** Whether `stem` ends in a number that another sibling shares the rest with (`step1` with `step2`). */
function inSeries(stem: string, siblings: readonly string[]): boolean {
  const key = seriesKey(stem);
  if (key === undefined) return false;
  return siblings.some((s) => s !== stem && seriesKey(s) === key);
}

function seriesKey(stem: string): string | undefined {
  const m = /^(.*?)(\d+)$/.exec(stem.toLowerCase());
  return m ? `${m[1]}#` : undefined;
}

export interface VariantPair {
  /** The reachable file. */
  current: string;
  /** Its variant that nothing reachable imports. */
  variant: string;
  relation: VariantRelation;
}

/**
 * Pairs of (reachable file, unreachable variant in the same folder and family).
 * Deterministic: sorted by current, then variant.
 */
export function findVariantPairs(reachable: ReadonlySet<string>, sourceFiles: readonly string[], extraIgnore: readonly string[]): VariantPair[] {
  const ignore = new Set<string>([...ROLE_SUFFIXES, ...extraIgnore.map((w) => w.toLowerCase())]);
  const groups = new Map<string, string[]>();
  for (const file of new Set([...sourceFiles, ...reachable])) {
    const family = familyOf(file);
    if (!family) continue;
    const key = `${family}\0${path.posix.dirname(file)}`;
    const group = groups.get(key) ?? [];
    group.push(file);
    groups.set(key, group);
  }
  const pairs: VariantPair[] = [];
  for (const group of groups.values()) {
    if (group.length < 2 || !group.some((f) => reachable.has(f))) continue;
    const stems = group.map(variantStem);
    for (const current of group) {
      if (!reachable.has(current)) continue;
      for (const variant of group) {
        if (reachable.has(variant)) continue;
        const relation = variantRelation(variantStem(current), variantStem(variant), ignore, stems);
        if (relation) pairs.push({ current, variant, relation });
      }
    }
  }
  return pairs.sort((x, y) => (x.current < y.current ? -1 : x.current > y.current ? 1 : x.variant < y.variant ? -1 : x.variant > y.variant ? 1 : 0));
}
