// Result -> markdown for the job summary and the PR comment: a reviewer should know in ten
// seconds whether the set may ship and why not. Pure: no I/O, no @actions/*.
// Every string from the repository or an API goes through escape.ts (mdCode, mdText).
import { createHash } from 'node:crypto';
import type { BaseDiff } from '../core/base-diff.js';
import type { Finding, Result } from '../core/types.js';
import { mdCode, mdText } from './escape.js';

/** Hidden line that identifies shipset's own PR comment when no app is named (one app per repository). */
export const COMMENT_MARKER = '<!-- shipset-comment -->';

/**
 * The hidden first line of the comment for one app: the working directory (relative to the
 * workspace, POSIX) and the entries, hashed, so matrix jobs over several apps keep one comment each.
 * Only hex digits come from the input: the marker cannot close the HTML comment early.
 */
export function commentMarker(app?: { workingDirectory: string; entries: readonly string[] }): string {
  if (!app) return COMMENT_MARKER;
  const id = createHash('sha256').update(JSON.stringify([app.workingDirectory || '.', [...app.entries]])).digest('hex').slice(0, 16);
  return `<!-- shipset-comment:${id} -->`;
}

/** GitHub rejects a step summary above 1 MiB. */
export const SUMMARY_MAX_BYTES = 1024 * 1024;
/** GitHub rejects an issue comment body above 65,536 characters. */
export const COMMENT_MAX_CHARS = 65536;

export interface MarkdownExtras {
  baseDiff?: BaseDiff;
  /** Findings that were not annotated inline because of GitHub's per-step cap. */
  annotationsLeftOut?: number;
  /** How to show the tarball's path (e.g. relative to the workspace); default the manifest's. */
  tarballPath?: string;
  /** Whether packing was asked for (to say why there is no tarball). */
  packRequested?: boolean;
  /** Start with a marker line (the PR comment body): `true` for COMMENT_MARKER, or commentMarker(app). */
  marker?: boolean | string;
  /** Size budget in UTF-8 bytes; the findings table is cut to fit. Default SUMMARY_MAX_BYTES. */
  maxBytes?: number;
}

type Input = Pick<Result, 'manifest' | 'errorCount' | 'warningCount'>;

const LIST_CAP = 300;

export function renderMarkdown(result: Input, extras: MarkdownExtras = {}): string {
  const m = result.manifest;
  const head = [markerLine(extras.marker), verdict(result), '', counts(result), ''].filter((l, i) => i > 0 || l);
  const tail = [
    ...leftOutLine(extras.annotationsLeftOut),
    ...baseDiffSection(extras.baseDiff),
    ...tarballSection(result, extras),
    // The tarball line already says why nothing was packed.
    ...noticesSection(m.notices.filter((n) => !n.startsWith('No tarball written:'))),
    ...folded(`${m.files.length} shipped ${plural(m.files.length, 'file')}`, m.files.map((f) => `${code(f.path)} (${f.reason})`)),
    ...folded(`${m.dormant.length} dormant ${plural(m.dormant.length, 'file')} (not shipped: no entry imports them)`, m.dormant.map(code)),
  ];
  const budget = (extras.maxBytes ?? SUMMARY_MAX_BYTES) - bytes(head.join('\n')) - bytes(tail.join('\n')) - 400;
  return [...head, ...findingsTable(sortFindings(m.findings), budget), ...tail].join('\n') + '\n';
}

/** The summary of a run that could not start (bad input): the message and nothing else. */
export function renderFailureMarkdown(message: string, marker: boolean | string = false): string {
  return [markerLine(marker), '### ❌ shipset could not run', '', mdText(message), ''].filter((l, i) => i > 0 || l).join('\n') + '\n';
}

function markerLine(marker: boolean | string | undefined): string {
  return marker === true ? COMMENT_MARKER : marker || '';
}

/** The verdict as one plain line, for setFailed and the step log (counts only: no untrusted text). */
export function stepVerdict(result: Input): string {
  const { errorCount: e, warningCount: w } = result;
  if (e > 0) return `shipset: ${e} ${plural(e, 'error')}${w ? `, ${w} ${plural(w, 'warning')}` : ''}: this set must not ship (details in the job summary and the manifest).`;
  return `shipset: passed${w ? ` with ${w} ${plural(w, 'warning')}` : ''}.`;
}

function verdict(r: Input): string {
  if (r.errorCount > 0) return `### ❌ shipset: ${r.errorCount} ${plural(r.errorCount, 'error')}, this set must not ship`;
  if (r.warningCount > 0) return `### ⚠️ shipset: passed with ${r.warningCount} ${plural(r.warningCount, 'warning')}`;
  return '### ✅ shipset: passed';
}

function counts(r: Input): string {
  const m = r.manifest;
  return [
    `**${m.files.length}** ${plural(m.files.length, 'file')} ship`,
    `**${m.dormant.length}** dormant`,
    `**${r.errorCount}** ${plural(r.errorCount, 'error')}`,
    `**${r.warningCount}** ${plural(r.warningCount, 'warning')}`,
    `${plural(m.entries.length, 'entry', 'entries')}: ${m.entries.map((e) => code(e)).join(', ')}`,
  ].join(' · ');
}

function findingsTable(findings: Finding[], budget: number): string[] {
  if (!findings.length) return [];
  const lines = ['| | rule | where | message | chain |', '| --- | --- | --- | --- | --- |'];
  let used = bytes(lines.join('\n'));
  let shown = 0;
  for (const f of findings) {
    const row = `| ${f.level === 'error' ? '❌' : '⚠️'} | ${f.rule} | ${mdCode(`${f.file}:${f.line}`, { table: true })} | ${mdText(f.message)} | ${chain(f.chain)} |`;
    if (used + bytes(row) + 1 > budget) break;
    lines.push(row);
    used += bytes(row) + 1;
    shown++;
  }
  if (shown < findings.length) {
    const left = findings.length - shown;
    lines.push('', `_${left} more ${plural(left, 'finding')} left out to stay within GitHub's size limit; the manifest has all ${findings.length}._`);
  }
  return [...lines, ''];
}

function leftOutLine(n: number | undefined): string[] {
  if (!n) return [];
  return [`_${n} more ${plural(n, 'finding')} not annotated inline (GitHub shows at most 10 annotations per kind per step); all are in the table above and in the manifest._`, ''];
}

function baseDiffSection(d: BaseDiff | undefined): string[] {
  if (!d) return [];
  const out = [`#### Ship set vs ${baseName(d)}`, ''];
  if (d.notice && !d.added.length && !d.removed.length && !d.newFindings.length && !d.commit) return [...out, `> ${mdText(d.notice)}`, ''];
  if (!d.added.length && !d.removed.length) out.push('No file added to or removed from what ships.');
  out.push(...capped(d.added, (p) => `- ➕ ${code(p)}`), ...capped(d.removed, (p) => `- ➖ ${code(p)}`));
  const n = d.newFindings.length;
  out.push('', n ? `**${n}** ${plural(n, 'finding')} new in this change: ${d.newFindings.slice(0, 20).map((f) => `${f.rule} at ${code(`${f.file}:${f.line}`)}`).join(', ')}${n > 20 ? ', …' : ''}` : 'No new findings in this change.');
  if (d.notice) out.push('', `> ${mdText(d.notice)}`);
  return [...out, ''];
}

/** `main` (eb0af37): the branch or ref a reader knows, with the short commit; a bare SHA ref is shown short. */
function baseName(d: BaseDiff): string {
  const refIsSha = /^[0-9a-f]{7,40}$/i.test(d.ref);
  const sha = (d.commit ?? (refIsSha ? d.ref : undefined))?.slice(0, 7);
  const name = d.branch ?? (refIsSha ? undefined : d.ref);
  if (!name) return code(sha ?? d.ref);
  return `${code(name)}${sha ? ` (${sha})` : ''}`;
}

function tarballSection(r: Input, extras: MarkdownExtras): string[] {
  const t = r.manifest.tarball;
  if (t) return [`**Tarball** ${code(extras.tarballPath ?? t.path)} · ${t.bytes} bytes · SHA-256 ${code(t.sha256)}`, ''];
  if (r.errorCount > 0 && extras.packRequested !== false) return ['**Tarball** not written: error findings block packing.', ''];
  return extras.packRequested === false ? ['**Tarball** not written (`pack: false`).', ''] : [];
}

function noticesSection(notices: string[]): string[] {
  if (!notices.length) return [];
  return ['**Notices**', '', ...capped(notices, (n) => `- ${mdText(n)}`), ''];
}

function folded(summary: string, items: string[]): string[] {
  if (!items.length) return [];
  return ['<details>', `<summary>${summary}</summary>`, '', ...capped(items, (i) => `- ${i}`), '', '</details>', ''];
}

function capped(items: string[], line: (s: string) => string): string[] {
  const shown = items.slice(0, LIST_CAP).map(line);
  if (items.length > LIST_CAP) shown.push(`- … and ${items.length - LIST_CAP} more (the manifest has all)`);
  return shown;
}

/** Errors first, then by file and line: the order a reviewer fixes them in. */
function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line,
  );
}

/** The chain as escaped text for a table cell (long chains keep their two ends). */
function chain(c: string[]): string {
  const parts = c.length > 6 ? [...c.slice(0, 2).map(mdText), '…', ...c.slice(-3).map(mdText)] : c.map(mdText);
  return parts.join(' → ');
}

/** An untrusted path, ref or SHA outside a table, as a code span. */
function code(s: string): string {
  return mdCode(s);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}
