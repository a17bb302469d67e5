// Result -> markdown for the job summary and the PR comment: a reviewer should know in ten
// seconds whether the set may ship and why not. Pure: no I/O, no @actions/*.
// Every string from the repository or an API goes through escape.ts (mdCode, mdText) or, in the
// mermaid graph, through mermaidLabel; links are built from percent-encoded parts only.
import { createHash } from 'node:crypto';
import type { BaseDiff } from '../core/base-diff.js';
import type { Finding, FindingSite, Result } from '../core/types.js';
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
  const id = createHash('sha256')
    .update(JSON.stringify([app.workingDirectory || '.', [...app.entries]]))
    .digest('hex')
    .slice(0, 16);
  return `<!-- shipset-comment:${id} -->`;
}

/** GitHub rejects a step summary above 1 MiB. */
export const SUMMARY_MAX_BYTES = 1024 * 1024;
/** GitHub rejects an issue comment body above 65,536 characters (counted here in UTF-8 bytes, which is never fewer). */
export const COMMENT_MAX_CHARS = 65536;
/** Nodes of the mermaid chain graph at most: GitHub renders bigger graphs unreadably small. */
export const GRAPH_MAX_NODES = 40;
/** Characters of a node label at most (the end of a long path is kept). */
const GRAPH_LABEL_CHARS = 80;

/** Where repository paths link to: `{serverUrl}/{owner}/{repo}/blob/{sha}/{rootInRepository}/{path}#L{line}`. */
export interface LinkBase {
  /** GITHUB_SERVER_URL, e.g. https://github.com; only an http(s) origin is used. */
  serverUrl: string;
  owner: string;
  repo: string;
  /** The commit the paths are read at (a pull request's head SHA): 40 or 64 hex digits. */
  sha: string;
  /** The root's folder in the repository, POSIX, '' or '.' for the repository root. */
  rootInRepository: string;
}

export interface MarkdownExtras {
  baseDiff?: BaseDiff;
  /** Findings that were not annotated inline because of GitHub's per-step cap (job summary only). */
  annotationsLeftOut?: number;
  /** How to show the tarball's path (e.g. relative to the workspace); default the manifest's. */
  tarballPath?: string;
  /** Whether packing was asked for (to say why there is no tarball). */
  packRequested?: boolean;
  /** Start with a marker line (the PR comment body): `true` for COMMENT_MARKER, or commentMarker(app). */
  marker?: boolean | string;
  /** Size budget in UTF-8 bytes; long lists, then warning rows are cut to fit. Default SUMMARY_MAX_BYTES. */
  maxBytes?: number;
  /** The app, named in the heading (a monorepo has one summary and one comment per app). */
  app?: { workingDirectory: string; entries: readonly string[] };
  /** Link paths to this commit; without it paths are plain code spans. */
  links?: LinkBase;
  /** Draw the chain from the entry to each error finding as a mermaid graph. Default true. */
  graph?: boolean;
}

type Input = Pick<Result, 'manifest' | 'errorCount' | 'warningCount'>;

const LIST_CAP = 300;

/** One fact: a finding with the other findings of the same fact folded into its sites. */
interface Fact {
  finding: Finding;
  sites: FindingSite[];
  isNew: boolean;
}

/** How much to leave out, from nothing to everything but the verdict and the error rows. */
interface Cut {
  dormant: boolean;
  files: boolean;
  notices: boolean;
  diffLists: boolean;
  warnings: boolean;
  graph: boolean;
  errorRows?: number;
}

const CUTS: Cut[] = [
  { dormant: false, files: false, notices: false, diffLists: false, warnings: false, graph: false },
  { dormant: true, files: false, notices: false, diffLists: false, warnings: false, graph: false },
  { dormant: true, files: true, notices: false, diffLists: false, warnings: false, graph: false },
  { dormant: true, files: true, notices: true, diffLists: false, warnings: false, graph: false },
  { dormant: true, files: true, notices: true, diffLists: true, warnings: false, graph: false },
  { dormant: true, files: true, notices: true, diffLists: true, warnings: true, graph: false },
  { dormant: true, files: true, notices: true, diffLists: true, warnings: true, graph: true },
];

/**
 * The summary or comment. Findings are grouped by rule (rules with errors first) and by fact (one
 * row per fact with its other sites); suppressed findings are counted, not listed. Above
 * `maxBytes` the dormant list, the shipped files, the notices, the base-diff lists, the warning
 * rows and the graph are cut in that order; error rows are cut only when nothing else is left.
 */
export function renderMarkdown(result: Input, extras: MarkdownExtras = {}): string {
  const max = extras.maxBytes ?? SUMMARY_MAX_BYTES;
  const facts = groupFacts(
    result.manifest.findings.filter((f) => !f.suppressed),
    extras.baseDiff,
  );
  for (const cut of CUTS) {
    const text = render(result, extras, facts, cut);
    if (bytes(text) <= max) return text;
  }
  // Only error rows are left to cut: as many as fit, in order.
  const errors = facts.filter((f) => f.finding.level === 'error').length;
  let lo = 0;
  let hi = errors;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (bytes(render(result, extras, facts, { ...CUTS[CUTS.length - 1], errorRows: mid })) <= max) lo = mid;
    else hi = mid - 1;
  }
  return render(result, extras, facts, { ...CUTS[CUTS.length - 1], errorRows: lo });
}

function render(result: Input, extras: MarkdownExtras, facts: Fact[], cut: Cut): string {
  const m = result.manifest;
  const comment = !!extras.marker;
  const lines = [
    markerLine(extras.marker),
    verdict(result, extras.app),
    '',
    counts(result),
    '',
    ...findingSections(facts, extras, cut),
    ...suppressedLine(m.findings),
    ...(extras.graph === false || cut.graph ? [] : chainGraph(facts)),
    // The annotation cap is about this job's log: it means nothing in a comment.
    ...(comment ? [] : leftOutLine(extras.annotationsLeftOut)),
    ...baseDiffSection(extras.baseDiff, cut.diffLists),
    ...tarballSection(result, extras),
    // The tarball line already says why nothing was packed.
    ...noticesSection(
      m.notices.filter((n) => !n.startsWith('No tarball written:')),
      cut.notices,
    ),
    ...folded(
      `${m.files.length} shipped ${plural(m.files.length, 'file')}`,
      m.files.map((f) => `${link(extras.links, f.path)} (${f.reason})`),
      cut.files,
    ),
    ...folded(
      `${m.dormant.length} dormant ${plural(m.dormant.length, 'file')} (not shipped: no entry imports them)`,
      m.dormant.map((d) => link(extras.links, d)),
      cut.dormant,
    ),
  ];
  return lines.filter((l, i) => i > 0 || l).join('\n') + '\n';
}

/** The summary of a run that could not start (bad input): the message and nothing else. */
export function renderFailureMarkdown(message: string, marker: boolean | string = false): string {
  return [markerLine(marker), '### ❌ shipset could not run', '', mdText(message), ''].filter((l, i) => i > 0 || l).join('\n') + '\n';
}

/**
 * The comment that replaces a failing one when the run passes again (`comment: on-failure`):
 * the verdict line of the passing run and nothing else to review.
 */
export function renderFixedMarkdown(result: Input, extras: Pick<MarkdownExtras, 'marker' | 'app'> = {}): string {
  const what = result.warningCount ? ` (${result.warningCount} ${plural(result.warningCount, 'warning')} left; see the job summary)` : '';
  const head = verdict(result, extras.app).replace(/^### ✅ |^### ⚠️ /, '### ✅ ');
  return (
    [markerLine(extras.marker), head, '', `The errors this comment reported are fixed${what}.`, '', counts(result), '']
      .filter((l, i) => i > 0 || l)
      .join('\n') + '\n'
  );
}

function markerLine(marker: boolean | string | undefined): string {
  return marker === true ? COMMENT_MARKER : marker || '';
}

/**
 * The verdict as plain log lines, for setFailed and the step log (counts, and the tarball's path
 * and digests when one was written). `tarballPath` is how to show the path; the caller escapes it.
 */
export function stepVerdict(result: Input, tarballPath?: string): string {
  const { errorCount: e, warningCount: w } = result;
  const m = result.manifest;
  const tally = `${m.files.length} ${plural(m.files.length, 'file ships', 'files ship')}, ${m.dormant.length} dormant, ${e} ${plural(e, 'error')}, ${w} ${plural(w, 'warning')}`;
  if (e > 0) return `shipset: failed (${tally}): this set must not ship (details in the job summary and the manifest).`;
  const t = m.tarball;
  const tarball = t ? ` Tarball ${tarballPath ?? t.path} (${t.bytes} bytes), SHA-256 ${t.sha256}, contentSha256 ${t.contentSha256}.` : ' No tarball written.';
  return `shipset: passed${w ? ' with warnings' : ''} (${tally}).${tarball}`;
}

function verdict(r: Input, app: MarkdownExtras['app']): string {
  const name = app ? ` ${appName(app)}` : '';
  if (r.errorCount > 0) return `### ❌ shipset${name}: ${r.errorCount} ${plural(r.errorCount, 'error')}, this set must not ship`;
  if (r.warningCount > 0) return `### ⚠️ shipset${name}: passed with ${r.warningCount} ${plural(r.warningCount, 'warning')}`;
  return `### ✅ shipset${name}: passed`;
}

/**
 * `apps/api` (`src/index.ts`): the working directory and the entries, as code spans; at the
 * repository root the entries alone, (`src/index.ts`).
 */
function appName(app: NonNullable<MarkdownExtras['app']>): string {
  const entries = app.entries.slice(0, 3).map((e) => mdCode(e));
  if (app.entries.length > 3) entries.push(`+${app.entries.length - 3}`);
  const dir = app.workingDirectory && app.workingDirectory !== '.' ? `${mdCode(app.workingDirectory)} ` : '';
  return `${dir}(${entries.join(', ')})`;
}

function counts(r: Input): string {
  const m = r.manifest;
  return [
    `**${m.files.length}** ${plural(m.files.length, 'file ships', 'files ship')}`,
    `**${m.dormant.length}** dormant`,
    `**${r.errorCount}** ${plural(r.errorCount, 'error')}`,
    `**${r.warningCount}** ${plural(r.warningCount, 'warning')}`,
    `${plural(m.entries.length, 'entry', 'entries')}: ${m.entries.map((e) => mdCode(e)).join(', ')}`,
  ].join(' · ');
}

/**
 * The same fact (rule and what it is about) reported at several places folds into one row: a
 * stale pair by its target, a missing package by its name (`lodash/fp` is `lodash`), an
 * unresolved specifier by its text.
 */
function factKey(f: Finding): string {
  const about = f.target ?? (f.specifier !== undefined && f.rule === 'undeclared' ? packageName(f.specifier) : f.specifier);
  return JSON.stringify([f.rule, f.level, about ?? `${f.file}:${f.line}`, about !== undefined ? '' : f.message]);
}

/** `@scope/pkg/sub` -> `@scope/pkg`, `lodash/fp` -> `lodash` (npm's package name of a bare specifier). */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function groupFacts(findings: Finding[], baseDiff: BaseDiff | undefined): Fact[] {
  const fresh = new Set((baseDiff?.newFindings ?? []).map(factKey));
  const byKey = new Map<string, Fact>();
  for (const f of sortFindings(findings)) {
    const key = factKey(f);
    const fact = byKey.get(key);
    if (!fact) {
      byKey.set(key, { finding: f, sites: [...(f.sites ?? [])], isNew: fresh.has(key) });
      continue;
    }
    for (const s of [{ file: f.file, line: f.line, column: f.column }, ...(f.sites ?? [])]) {
      if (!fact.sites.some((x) => x.file === s.file && x.line === s.line) && !(s.file === fact.finding.file && s.line === fact.finding.line))
        fact.sites.push(s);
    }
  }
  return [...byKey.values()];
}

/** Rules with errors first, then by how many rows; inside a rule, errors first, then by file and line. */
function findingSections(facts: Fact[], extras: MarkdownExtras, cut: Cut): string[] {
  const shown = facts.filter((f) => f.finding.level === 'error' || !cut.warnings);
  const errorRows = cut.errorRows ?? Infinity;
  const byRule = new Map<string, Fact[]>();
  let errorsShown = 0;
  for (const f of shown) {
    if (f.finding.level === 'error' && errorsShown++ >= errorRows) continue;
    byRule.set(f.finding.rule, [...(byRule.get(f.finding.rule) ?? []), f]);
  }
  const rules = [...byRule].sort(([a, fa], [b, fb]) => errorsIn(fb) - errorsIn(fa) || fb.length - fa.length || (a < b ? -1 : 1));
  const out: string[] = [];
  for (const [rule, list] of rules) {
    const e = errorsIn(list);
    const w = list.length - e;
    const tally = [e ? `${e} ${plural(e, 'error')}` : '', w ? `${w} ${plural(w, 'warning')}` : ''].filter(Boolean).join(', ');
    out.push(`#### ${e ? '❌' : '⚠️'} ${rule} · ${tally}`, '', '| | where | also at | message | chain |', '| --- | --- | --- | --- | --- |');
    for (const fact of list) out.push(row(fact, extras.links));
    out.push('');
  }
  const left =
    facts.length -
    facts.filter((f) => f.finding.level === 'error').slice(0, errorRows).length -
    (cut.warnings ? 0 : facts.filter((f) => f.finding.level !== 'error').length);
  if (left > 0)
    out.push(
      `_${left} more ${plural(left, 'finding')} left out to stay within GitHub's size limit (errors are listed first); the manifest has all ${facts.length}._`,
      '',
    );
  return out;
}

function errorsIn(list: Fact[]): number {
  return list.filter((f) => f.finding.level === 'error').length;
}

const SITES_SHOWN = 5;

function row(fact: Fact, links: LinkBase | undefined): string {
  const f = fact.finding;
  const level = `${f.level === 'error' ? '❌' : '⚠️'}${fact.isNew ? ' 🆕' : ''}`;
  const sites = fact.sites.slice(0, SITES_SHOWN).map((s) => link(links, s.file, s.line, true));
  if (fact.sites.length > SITES_SHOWN) sites.push(`+${fact.sites.length - SITES_SHOWN} more`);
  return `| ${level} | ${link(links, f.file, f.line, true)} | ${sites.join(', ')} | ${mdText(withoutLocation(f))} | ${chain(f.chain)} |`;
}

/** Messages start with `file:line` (they stand alone in the manifest); the row already shows it. */
function withoutLocation(f: Finding): string {
  const prefix = `${f.file}:${f.line}`;
  if (!f.message.startsWith(prefix)) return f.message;
  return f.message
    .slice(prefix.length)
    .replace(/^:\d+/, '')
    .replace(/^[\s:,]+/, '');
}

function suppressedLine(findings: Finding[]): string[] {
  const suppressed = findings.filter((f) => f.suppressed);
  if (!suppressed.length) return [];
  const by = new Map<string, number>();
  for (const f of suppressed) by.set(f.suppressed!.by, (by.get(f.suppressed!.by) ?? 0) + 1);
  const n = suppressed.length;
  return [
    `_${n} suppressed ${plural(n, 'finding')} (${[...by].map(([k, c]) => `${c} by ${k}`).join(', ')}) not listed; the manifest has them with their reasons._`,
    '',
  ];
}

/**
 * A mermaid flowchart of the chain from the entry to each error finding, the chains merged into
 * one graph of at most GRAPH_MAX_NODES nodes (long chains keep their two ends around a `…`).
 * Node ids are ours (`node0001`); labels go through mermaidLabel.
 */
function chainGraph(facts: Fact[]): string[] {
  const errors = facts.filter((f) => f.finding.level === 'error' && f.finding.chain.length > 0);
  if (!errors.length) return [];
  const ids = new Map<string, string>();
  const labels: string[] = [];
  const edges = new Set<string>();
  const bad = new Set<string>();
  let drawn = 0;
  const id = (key: string, label: string) => {
    let v = ids.get(key);
    if (!v) {
      v = `node${String(ids.size + 1).padStart(4, '0')}`;
      ids.set(key, v);
      // Mermaid refuses a diagram above 50,000 characters: long names keep their end.
      const short = [...label].length > GRAPH_LABEL_CHARS ? `…${[...label].slice(-(GRAPH_LABEL_CHARS - 1)).join('')}` : label;
      labels.push(`    ${v}("${mermaidLabel(short)}")`);
    }
    return v;
  };
  for (const { finding: f } of errors) {
    const c = f.chain.length > 6 ? [...f.chain.slice(0, 2), '\u0000…', ...f.chain.slice(-3)] : [...f.chain];
    const target = f.target ?? f.specifier;
    const fresh = new Set([...c, ...(target ? [`\u0001${target}`] : [])].filter((k) => !ids.has(k.startsWith('\u0000') ? `${k}${f.file}` : k)));
    if (ids.size + fresh.size > GRAPH_MAX_NODES) break;
    const nodeIds = c.map((file) => (file.startsWith('\u0000') ? id(`${file}${f.file}`, '…') : id(file, file)));
    for (let i = 1; i < nodeIds.length; i++) edges.add(`    ${nodeIds[i - 1]} --> ${nodeIds[i]}`);
    const last = nodeIds[nodeIds.length - 1];
    if (target) {
      const t = id(`\u0001${target}`, target);
      edges.add(`    ${last} -->|${f.rule}| ${t}`);
      bad.add(t);
    } else bad.add(last);
    drawn++;
  }
  if (!drawn) return [];
  const note = drawn < errors.length ? [`_The graph shows ${drawn} of ${errors.length} error findings (at most ${GRAPH_MAX_NODES} files drawn)._`, ''] : [];
  return [
    `**How the entry reaches ${drawn === 1 ? 'the error' : `the ${drawn} errors`}**`,
    '',
    '```mermaid',
    'flowchart LR',
    ...labels,
    ...edges,
    '    classDef error stroke:red,stroke-width:2px',
    `    class ${[...bad].join(',')} error`,
    '```',
    '',
    ...note,
  ];
}

/**
 * Untrusted text as the inside of a quoted mermaid label: letters, digits, space, `.`, `/`, `_`,
 * `-` as they are, every other character (quotes, brackets, `<`, `#`, backticks, controls) as
 * mermaid's numeric entity `#NNN;`, so the label can neither end the quote, start markup nor
 * end the code fence.
 */
export function mermaidLabel(s: string): string {
  let out = '';
  for (const ch of String(s)) out += /^[A-Za-z0-9 ./_-]$/.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  return out;
}

function leftOutLine(n: number | undefined): string[] {
  if (!n) return [];
  return [
    `_${n} more ${plural(n, 'finding')} not annotated inline (GitHub shows at most 10 annotations per kind per step); all are in the tables above and in the manifest._`,
    '',
  ];
}

function baseDiffSection(d: BaseDiff | undefined, cutLists: boolean): string[] {
  if (!d) return [];
  const out = [`#### Ship set vs ${baseName(d)}`, ''];
  if (d.notice && !d.added.length && !d.removed.length && !d.newFindings.length && !d.commit) return [...out, `> ${mdText(d.notice)}`, ''];
  if (!d.added.length && !d.removed.length) out.push('No file added to or removed from what ships.');
  if (cutLists)
    out.push(`${d.added.length} ${plural(d.added.length, 'file')} added, ${d.removed.length} removed (lists left out to stay within GitHub's size limit).`);
  else out.push(...capped(d.added, (p) => `- ➕ ${mdCode(p)}`), ...capped(d.removed, (p) => `- ➖ ${mdCode(p)}`));
  // A new finding the change also suppresses is not in the tables above: it is counted below.
  const n = d.newFindings.filter((f) => !f.suppressed).length;
  out.push('', n ? `**${n}** ${plural(n, 'finding')} new in this change (marked 🆕 above).` : 'No new findings in this change.');
  out.push(...suppressedByChange(d.newlySuppressed ?? [], cutLists));
  if (d.notice) out.push('', `> ${mdText(d.notice)}`);
  return [...out, ''];
}

/**
 * The findings this change silences (a baseline entry, an inline directive or a config ignore it
 * brings), each with how and why: they fail nothing, so this is where a reviewer sees them.
 */
function suppressedByChange(findings: Finding[], cutLists: boolean): string[] {
  const n = findings.length;
  if (!n) return [];
  const head = `⚠️ **${n}** ${plural(n, 'finding')} suppressed by this change (not suppressed at the base): review each reason.`;
  if (cutLists) return ['', head];
  const lines = findings.map((f) => {
    const s = f.suppressed!;
    const at = f.line ? `${f.file}:${f.line}` : f.file;
    return `- ${mdCode(at)} ${mdCode(f.rule)}: ${mdText(f.message)} (by ${s.by}${s.reason ? `: ${mdText(s.reason)}` : ''})`;
  });
  return ['', head, ...capped(lines, (l) => l)];
}

/** `main` (eb0af37): the branch or ref a reader knows, with the short commit; a bare SHA ref is shown short. */
function baseName(d: BaseDiff): string {
  const refIsSha = /^[0-9a-f]{7,40}$/i.test(d.ref);
  const sha = (d.commit ?? (refIsSha ? d.ref : undefined))?.slice(0, 7);
  const name = d.branch ?? (refIsSha ? undefined : d.ref);
  if (!name) return mdCode(sha ?? d.ref);
  return `${mdCode(name)}${sha ? ` (${sha})` : ''}`;
}

function tarballSection(r: Input, extras: MarkdownExtras): string[] {
  const t = r.manifest.tarball;
  if (t) return [`**Tarball** ${mdCode(extras.tarballPath ?? t.path)} · ${t.bytes} bytes · SHA-256 ${mdCode(t.sha256)}`, ''];
  if (r.errorCount > 0 && extras.packRequested !== false) return ['**Tarball** not written: error findings block packing.', ''];
  return extras.packRequested === false ? ['**Tarball** not written (`pack: false`).', ''] : [];
}

function noticesSection(notices: string[], cut: boolean): string[] {
  if (!notices.length) return [];
  if (cut) return [`**Notices**: ${notices.length} (left out to stay within GitHub's size limit; the manifest has them).`, ''];
  return ['**Notices**', '', ...capped(notices, (n) => `- ${mdText(n)}`), ''];
}

function folded(summary: string, items: string[], cut: boolean): string[] {
  if (!items.length) return [];
  if (cut) return [`_${summary}: left out to stay within GitHub's size limit; the manifest lists them._`, ''];
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

/** The chain as escaped text for a table cell (long chains keep their two ends); `->` as in the rules' messages. */
function chain(c: string[]): string {
  const parts = c.length > 6 ? [...c.slice(0, 2).map(mdText), '…', ...c.slice(-3).map(mdText)] : c.map(mdText);
  return parts.join(' -> ');
}

/**
 * A path (with its line) as a code span, linked to the file at the linked commit when there is
 * one. The URL is built from checked parts and percent-encoded path segments: it holds no space,
 * quote, bracket, parenthesis or angle bracket that could end the link.
 */
export function link(links: LinkBase | undefined, file: string, line?: number, table = false): string {
  const text = mdCode(line !== undefined ? `${file}:${line}` : file, { table });
  const url = links && blobUrl(links, file, line);
  return url ? `[${text}](${url})` : text;
}

/** `https://github.com/o/r/blob/<sha>/<root>/<file>#L<line>`, or undefined when a part is not what GitHub gives. */
export function blobUrl(links: LinkBase, file: string, line?: number): string | undefined {
  let origin: string;
  try {
    const u = new URL(links.serverUrl);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
    origin = u.origin;
  } catch {
    return undefined;
  }
  if (!/^[A-Za-z0-9_.-]+$/.test(links.owner) || !/^[A-Za-z0-9_.-]+$/.test(links.repo) || !/^([0-9a-f]{40}|[0-9a-f]{64})$/i.test(links.sha)) return undefined;
  const root = links.rootInRepository.replace(/^\.?\/*|\/+$/g, '');
  const rel = root ? `${root}/${file}` : file;
  const segments = rel.split('/').map(encodeSegment).join('/');
  return `${origin}/${links.owner}/${links.repo}/blob/${links.sha}/${segments}${line !== undefined && line > 0 ? `#L${line}` : ''}`;
}

/** encodeURIComponent, plus the characters it leaves that markdown or HTML could read: ( ) ' ! * ~ */
function encodeSegment(s: string): string {
  return encodeURIComponent(s).replace(/[()'!*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}
