// Result -> terminal text a person can act on: a one-line verdict with counts, then the
// findings grouped by rule, each with file:line, the chain from an entry and the fix.
// Every string from the repository is passed through terminalText (controls made visible) and the
// whole text through protectLines (no line can be read as a workflow command in a `run:` step).
import type { Finding, Result, RuleName } from '../core/types.js';
import { protectLines, terminalText as t } from './escape.js';

export interface Style {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

const plain = (s: string) => s;
export const PLAIN: Style = { red: plain, yellow: plain, green: plain, bold: plain, dim: plain };
const sgr = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
export const COLOR: Style = { red: sgr(31, 39), yellow: sgr(33, 39), green: sgr(32, 39), bold: sgr(1, 22), dim: sgr(2, 22) };

/** Colour only on a terminal, and never when NO_COLOR is set to anything (https://no-color.org). */
export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Style {
  return stream.isTTY && !env.NO_COLOR && env.TERM !== 'dumb' ? COLOR : PLAIN;
}

/** The first line of the terminal report: verdict and counts (no untrusted text). */
export function terminalVerdict(result: Pick<Result, 'manifest' | 'errorCount' | 'warningCount'>, style: Style): string {
  const m = result.manifest;
  const counts = `${count(m.files.length, 'file ships', 'files ship')}, ${m.dormant.length} dormant, ${count(result.errorCount, 'error')}, ${count(result.warningCount, 'warning')}`;
  if (result.errorCount > 0) return `${style.red(style.bold('✖ shipset: FAIL'))} — ${counts}`;
  if (result.warningCount > 0) return `${style.yellow(style.bold('⚠ shipset: PASS with warnings'))} — ${counts}`;
  return `${style.green(style.bold('✔ shipset: PASS'))} — ${counts}`;
}

export function renderText(result: Result, style: Style): string {
  const m = result.manifest;
  const lines: string[] = [terminalVerdict(result, style)];
  lines.push(style.dim(`entries: ${m.entries.map(t).join(', ')}`));

  const byRule = new Map<RuleName, Finding[]>();
  const suppressed = m.findings.filter((f) => f.suppressed);
  for (const f of m.findings) {
    if (f.suppressed) continue;
    const list = byRule.get(f.rule) ?? [];
    list.push(f);
    byRule.set(f.rule, list);
  }
  // Rules with errors first (then by size), and errors first inside a rule: the order to fix them in.
  const groups = [...byRule].sort(([a, fa], [b, fb]) => errorsIn(fb) - errorsIn(fa) || fb.length - fa.length || (a < b ? -1 : 1));
  for (const [rule, findings] of groups) {
    lines.push('');
    const e = errorsIn(findings);
    const tally = [e ? count(e, 'error') : '', findings.length - e ? count(findings.length - e, 'warning') : ''].filter(Boolean).join(', ');
    lines.push(style.bold(`${rule} (${tally})`));
    for (const f of [...findings].sort((x, y) => Number(x.level !== 'error') - Number(y.level !== 'error'))) {
      const tag = f.level === 'error' ? style.red('error') : style.yellow('warn ');
      lines.push(`  ${tag} ${style.bold(`${t(f.file)}:${f.line}${f.column ? `:${f.column}` : ''}`)}  ${t(withoutLocation(f))}`);
      if (f.chain.length > 1) lines.push(style.dim(`        via ${f.chain.map(t).join(' -> ')}`));
    }
  }
  if (suppressed.length) {
    // Suppressed findings stay in the manifest; here one line says how many and by what.
    const by = new Map<string, number>();
    for (const f of suppressed) by.set(f.suppressed!.by, (by.get(f.suppressed!.by) ?? 0) + 1);
    lines.push('');
    lines.push(
      style.dim(
        `${count(suppressed.length, 'suppressed finding')} (${[...by].map(([k, n]) => `${n} by ${k}`).join(', ')}), listed with their reasons in --format json`,
      ),
    );
  }
  if (m.notices.length) {
    lines.push('');
    lines.push(style.bold('notices'));
    for (const n of m.notices) lines.push(`  • ${t(n)}`);
  }
  if (m.dormant.length) {
    lines.push('');
    const shown = m.dormant.slice(0, 20);
    lines.push(style.bold(`dormant (${m.dormant.length}): not reached from any entry, will not ship`));
    for (const d of shown) lines.push(style.dim(`  ${t(d)}`));
    if (m.dormant.length > shown.length) lines.push(style.dim(`  … and ${m.dormant.length - shown.length} more (see --format json)`));
  }
  if (m.tarball) {
    lines.push('');
    lines.push(`tarball: ${t(m.tarball.path)} (${m.tarball.bytes} bytes, SHA-256 ${m.tarball.sha256}, contentSha256 ${m.tarball.contentSha256})`);
  }
  return protectLines(lines.join('\n')) + '\n';
}

/** Messages start with `file:line` (they stand alone in the manifest); the text already shows it. */
function withoutLocation(f: Finding): string {
  const prefix = `${f.file}:${f.line}`;
  if (!f.message.startsWith(prefix)) return f.message;
  return f.message.slice(prefix.length).replace(/^:\d+/, '').trimStart();
}

function errorsIn(findings: Finding[]): number {
  return findings.filter((f) => f.level === 'error').length;
}

/** `1 file ships`, `2 files ship`: the number with the word in its number. */
export function count(n: number, one: string, many?: string): string {
  return `${n} ${n === 1 ? one : (many ?? `${one}s`)}`;
}
