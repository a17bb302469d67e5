// Variant families for `stale`: two files in the same folder and language family whose names say
// one is another take on the other (`hybrid` / `hybrid_sessions`, `api` / `api.new`, `api-v1` /
// `api-v2`). Role suffixes (`api.test`, `environment.prod`, `server-dev`), numbers glued to a
// word (`base64`, `http2`: names, not versions) and numbered series (`step1` / `step2`,
// `001_init` / `002_users`) are not variants, and a shorter name is never the newer take on a
// longer one. Whether a variant really replaces the file is decided in stale.ts.
import path from 'node:path';
import { nameParts } from './deprecation.js';

/** Suffix parts that give a file a role beside its subject, never a new version of it. */
export const ROLE_SUFFIXES = [
  'test',
  'tests',
  'spec',
  'specs',
  'stories',
  'story',
  'd',
  'mock',
  'mocks',
  'fixture',
  'fixtures',
  'bench',
  'e2e',
  'config',
  'type',
  'types',
  'interface',
  'interfaces',
  'schema',
  'module',
  'styles',
  'arbitraries',
  'seed',
  'seeds',
  'server',
  'client',
  'browser',
  'node',
  'native',
  'web',
  'edge',
  'worker',
  'dev',
  'development',
  'prod',
  'production',
  'staging',
  'local',
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
 * How `b` (the stem of a file nothing imports) is a variant of `a` (the stem of a shipped file in
 * the same folder and family), or undefined when it is not. `b` must be `a` plus suffix parts
 * (`hybrid_sessions`, `api.v2`, `api.new`), or `a` with its version part changed (`api-v1` /
 * `api-v2`): a shorter name is never the newer take on a longer one. Parts are split on `_ - .`,
 * spaces and case changes; a number glued to a word stays part of that word (`base64`).
 * `siblings` are all stems of that folder and family (for numbered series).
 */
export function variantRelation(a: string, b: string, ignore: ReadonlySet<string>, siblings: readonly string[]): VariantRelation | undefined {
  if (a === b) return undefined;
  const pa = nameParts(a).map((p) => p.toLowerCase());
  const pb = nameParts(b).map((p) => p.toLowerCase());
  if (!pa.length || !pb.length) return undefined;
  if (pa.length < pb.length) {
    if (!pa.every((p, i) => p === pb[i])) return undefined;
    const extra = pb.slice(pa.length);
    if (extra.some((p) => ignore.has(p))) return undefined; // a role beside the subject: `environment.prod`
    if (extra.length === 1 && NUMBER_PART.test(extra[0]) && inSeries(b, siblings)) return undefined;
    const version = extra.map(versionOfPart).find((v) => v !== undefined);
    return version === undefined ? {} : { versions: [0, version] };
  }
  if (pa.length > pb.length) return undefined; // shorter name: never the newer variant
  const differ = pa.map((_, i) => i).filter((i) => pa[i] !== pb[i]);
  if (differ.length !== 1) return undefined;
  const i = differ[0];
  // Only `v<n>` parts are versions here: `api-1` / `api-2` are a series of steps, not versions.
  const va = VERSION_PART.exec(pa[i]);
  const vb = VERSION_PART.exec(pb[i]);
  return va && vb ? { versions: [Number(va[1]), Number(vb[1])] } : undefined;
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
