// The baseline: the findings a repository had when it adopted the gate. `shipset baseline`
// writes them; with a baseline set, a finding in it is reported as known and does not fail the
// run, a new one does, and an entry that no longer occurs is reported as fixed.
//
// A finding is identified by rule + file + target + specifier, never by line or column: an edit
// above an import must not turn a known finding into a new one. Identical identities are
// counted, so a second copy of a known finding is new.
import fs from 'node:fs';
import { describeJsonError } from './json-error.js';
import { refuseSecretInput } from './pack/secrets.js';
import { MANIFEST_RULE, readProjectManifest } from './read-manifest.js';
import { RULE_NAMES, RULE_REGISTRY } from './rules/registry.js';
import { type Finding, type RuleName, UsageError } from './types.js';

export const BASELINE_MAX_BYTES = 10 * 1024 * 1024;

export interface BaselineEntry {
  rule: RuleName;
  file: string;
  target?: string;
  specifier?: string;
  /** How many findings share this identity. */
  count: number;
  /** The first finding's message, for a person reading the file (not part of the identity). */
  message?: string;
}

export interface BaselineFile {
  schema: 1;
  tool: 'shipset';
  findings: BaselineEntry[];
}

/** The stable identity of a finding: rule, file, target, specifier (no line numbers). */
export function findingKey(f: Pick<Finding, 'rule' | 'file' | 'target' | 'specifier'>): string {
  return JSON.stringify([f.rule, f.file, f.target ?? null, f.specifier ?? null]);
}

/**
 * The baseline of `findings`: every finding not already suppressed by a config entry or an
 * inline directive, except those of rules that cannot be suppressed (outside-root). Sorted.
 */
export function buildBaseline(findings: readonly Finding[]): BaselineFile {
  const byKey = new Map<string, BaselineEntry>();
  for (const f of findings) {
    if (!RULE_REGISTRY[f.rule].lowerable) continue;
    if (f.suppressed && f.suppressed.by !== 'baseline') continue;
    const key = findingKey(f);
    const entry = byKey.get(key);
    if (entry) entry.count++;
    else
      byKey.set(key, {
        rule: f.rule,
        file: f.file,
        ...(f.target ? { target: f.target } : {}),
        ...(f.specifier ? { specifier: f.specifier } : {}),
        count: 1,
        message: f.message,
      });
  }
  const sorted = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e);
  return { schema: 1, tool: 'shipset', findings: sorted };
}

/**
 * Read and check a baseline file. It is project input (a pull request can commit it, or a link in
 * its place), so it is read only through the project manifest reader: a regular file inside
 * `root` by real path, at most 10 MB; a file that is a secret by name or by its link's target is
 * refused unread; and an error never quotes its content. `label` names it in messages.
 */
export function readBaseline(root: string, abs: string, label: string): BaselineFile {
  refuseSecretInput(root, abs, label, "Point baseline at the file 'shipset baseline' wrote");
  const read = readProjectManifest(root, abs, BASELINE_MAX_BYTES);
  if (!read.ok) {
    throw new UsageError(
      `${label}: ${read.rel} ${read.problem}: ${MANIFEST_RULE}. Write it with 'shipset baseline' (a regular file inside the root), or unset baseline.`,
    );
  }
  const text = read.text;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    // Never the parser's message as is: Node 20 quotes the first bytes of the file in it.
    throw new UsageError(`${label}: invalid JSON (${describeJsonError(text, e)}). Write it again with 'shipset baseline'.`);
  }
  const d = data as Partial<BaselineFile>;
  if (!d || typeof d !== 'object' || d.schema !== 1 || !Array.isArray(d.findings)) {
    throw new UsageError(`${label}: not a shipset baseline (expected { "schema": 1, "findings": [...] }). Write it again with 'shipset baseline'.`);
  }
  d.findings.forEach((e, i) => {
    const ok =
      e &&
      typeof e === 'object' &&
      (RULE_NAMES as readonly string[]).includes(e.rule) &&
      typeof e.file === 'string' &&
      (e.target === undefined || typeof e.target === 'string') &&
      (e.specifier === undefined || typeof e.specifier === 'string') &&
      Number.isInteger(e.count) &&
      e.count >= 1;
    if (!ok)
      throw new UsageError(
        `${label}: findings[${i}] is not a baseline entry ({ "rule", "file", "target"?, "specifier"?, "count" }). Write it again with 'shipset baseline'.`,
      );
  });
  return d as BaselineFile;
}

/**
 * Mark findings found in the baseline as suppressed by it (up to each entry's count), in place.
 * Returns a notice for the entries that no longer occur (fixed), or none.
 */
export function applyBaseline(findings: Finding[], baseline: BaselineFile, label: string): string[] {
  const remaining = new Map<string, number>();
  for (const e of baseline.findings) remaining.set(findingKey(e), (remaining.get(findingKey(e)) ?? 0) + e.count);
  for (const f of findings) {
    if (f.suppressed || !RULE_REGISTRY[f.rule].lowerable) continue;
    const key = findingKey(f);
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      f.suppressed = { by: 'baseline', reason: `known in ${label}` };
      remaining.set(key, left - 1);
    }
  }
  const fixed = baseline.findings.filter((e) => (remaining.get(findingKey(e)) ?? 0) > 0);
  if (!fixed.length) return [];
  const shown = fixed.slice(0, 10).map((e) => `${e.rule} in ${e.file}${e.target ? ` (${e.target})` : e.specifier ? ` (${e.specifier})` : ''}`);
  const more = fixed.length > shown.length ? `, and ${fixed.length - shown.length} more` : '';
  return [
    `${fixed.length} baseline entr${fixed.length === 1 ? 'y no longer occurs' : 'ies no longer occur'} (fixed): ${shown.join('; ')}${more}. Run 'shipset baseline' to drop them from ${label}.`,
  ];
}

/** Whether `file` is an earlier baseline (so `shipset baseline` may replace it; anything else is the user's). */
export function isBaselineFile(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const head = Buffer.alloc(256);
      const n = fs.readSync(fd, head, 0, head.length, 0);
      return /^\s*\{\s*"schema"\s*:\s*\d+\s*,\s*"tool"\s*:\s*"shipset"/.test(head.subarray(0, n).toString('utf8'));
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
}
