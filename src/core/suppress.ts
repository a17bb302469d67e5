// Suppressions: a finding that is wrong (or accepted for now) is silenced with a reason, and it
// stays in the manifest with `suppressed: {by, reason}` and out of the error and warning counts.
// Three kinds, tried in this order: config `ignore` entries, inline `shipset-ignore` comments,
// the baseline. Findings of a rule that cannot be lowered (outside-root) are never suppressed.
import fs from 'node:fs';
import picomatch from 'picomatch';
import { applyBaseline, readBaseline } from './baseline.js';
import { untilEnd } from './options.js';
import { realFileInside } from './pack/paths.js';
import { RULE_NAMES, RULE_REGISTRY } from './rules/registry.js';
import type { Finding, Options, RuleName } from './types.js';

/** Source files larger than this are not searched for directives (the engine skips them too). */
const SOURCE_MAX_BYTES = 10 * 1024 * 1024;

/** One `shipset-ignore` directive. */
export interface Directive {
  rules: string[];
  reason?: string;
}

/** The directives of one file: on a given line, and in the file's leading comment. */
export interface FileDirectives {
  /** 1-based line -> directives written in a comment on that line. */
  lines: Map<number, Directive[]>;
  /** Directives in the leading comment (before the first statement): they cover the whole file. */
  file: Directive[];
  /** The file's lines, to find where a multi-line import starts. */
  text: string[];
}

const DIRECTIVE = /shipset-ignore\s+([\w-]+(?:\s*,\s*[\w-]+)*)(?:\s*:\s*(.*?))?\s*(?:\*\/.*)?$/;

/** `shipset-ignore stale, deprecated: reason` inside one comment text. */
export function parseDirective(comment: string): Directive | undefined {
  const m = DIRECTIVE.exec(comment);
  if (!m) return undefined;
  const reason = m[2]?.replace(/\*\/\s*$/, '').trim();
  return { rules: m[1].split(',').map((r) => r.trim().toLowerCase()), ...(reason ? { reason } : {}) };
}

/**
 * Find directives in a file's comments. JS/TS: `//` and `/* *\/` (a line inside a block comment
 * counts as that line); Python: `#`. A directive in the leading comments (after a shebang, before
 * the first line of code) covers the whole file. Comment markers inside strings are not told
 * apart: a string holding `// shipset-ignore x` on the line above an import would count.
 */
export function scanDirectives(text: string, python: boolean): FileDirectives {
  const lines = text.split(/\r?\n/);
  const result: FileDirectives = { lines: new Map(), file: [], text: lines };
  let inBlock = false;
  let leading = true;
  lines.forEach((line, i) => {
    let comment = '';
    let code = line;
    if (python) {
      const hash = line.indexOf('#');
      if (hash >= 0) {
        comment = line.slice(hash + 1);
        code = line.slice(0, hash);
      }
    } else {
      code = '';
      let rest = line;
      while (rest) {
        if (inBlock) {
          const end = rest.indexOf('*/');
          comment += ' ' + (end >= 0 ? rest.slice(0, end) : rest);
          if (end < 0) break;
          inBlock = false;
          rest = rest.slice(end + 2);
          continue;
        }
        const lineComment = rest.indexOf('//');
        const blockStart = rest.indexOf('/*');
        if (lineComment >= 0 && (blockStart < 0 || lineComment < blockStart)) {
          code += rest.slice(0, lineComment);
          comment += ' ' + rest.slice(lineComment + 2);
          break;
        }
        if (blockStart >= 0) {
          code += rest.slice(0, blockStart);
          inBlock = true;
          rest = rest.slice(blockStart + 2);
          continue;
        }
        code += rest;
        break;
      }
    }
    const isShebang = i === 0 && line.startsWith('#!');
    if (!isShebang && code.trim()) leading = false;
    if (isShebang || !comment) return;
    const directive = parseDirective(comment);
    if (!directive) return;
    if (leading) result.file.push(directive);
    const list = result.lines.get(i + 1) ?? [];
    list.push(directive);
    result.lines.set(i + 1, list);
  });
  return result;
}

/**
 * Apply config `ignore` entries, inline directives and the baseline to `findings`, in place
 * (`suppressed` is set on the ones they cover). Returns notices: expired ignore entries,
 * directives naming an unknown rule or one that cannot be suppressed, fixed baseline entries.
 */
export function applySuppressions(findings: Finding[], options: Pick<Options, 'root' | 'ignore' | 'baseline' | 'now'>): string[] {
  const notices: string[] = [];
  const now = options.now ?? Date.now();

  const active = [];
  for (const entry of options.ignore ?? []) {
    if (entry.until && now >= untilEnd(entry.until)) {
      notices.push(
        `${entry.source}: the ignore entry for ${entry.rule} in '${entry.file}' expired on ${entry.until}; its findings count again. Fix them, or move "until" later.`,
      );
      continue;
    }
    active.push({ entry, match: picomatch(entry.file, { dot: true }) });
  }

  const directives = new Map<string, FileDirectives | undefined>();
  const directivesOf = (file: string) => {
    if (!directives.has(file)) directives.set(file, readDirectives(options.root, file, notices));
    return directives.get(file);
  };

  for (const f of findings) {
    if (f.suppressed || !RULE_REGISTRY[f.rule].lowerable) continue;
    const byConfig = active.find(({ entry, match }) => entry.rule === f.rule && match(f.file));
    if (byConfig) {
      f.suppressed = { by: 'config', reason: byConfig.entry.reason };
      continue;
    }
    const inline = inlineFor(f, directivesOf);
    if (inline) f.suppressed = { by: 'inline', ...(inline.reason ? { reason: inline.reason } : {}) };
  }

  if (options.baseline) {
    const label = shownRelative(options.root, options.baseline);
    notices.push(...applyBaseline(findings, readBaseline(options.root, options.baseline, label), label));
  }
  return notices;
}

/**
 * The directive that covers a finding: in the leading comment of the file it is about (its
 * target), or of its file, or on the line above it. A finding with other import sites is covered
 * by line directives only when every site is.
 */
function inlineFor(f: Finding, directivesOf: (file: string) => FileDirectives | undefined): Directive | undefined {
  // The file a finding is about (a deprecated or stale target) may carry the directive in its leading comment.
  const byTarget = f.target ? directivesOf(f.target)?.file.find((x) => x.rules.includes(f.rule)) : undefined;
  if (byTarget) return byTarget;
  const sites = [{ file: f.file, line: f.line }, ...(f.sites ?? [])];
  let found: Directive | undefined;
  for (const site of sites) {
    const d = directivesOf(site.file);
    if (!d) return undefined;
    const above = d.lines.get(statementStart(d.text, site.line) - 1) ?? d.lines.get(site.line - 1) ?? [];
    const covering = [...d.file, ...above].find((x) => x.rules.includes(f.rule));
    if (!covering) return undefined;
    found ??= covering;
  }
  return found;
}

/**
 * The line where the statement holding `line` starts, for an import written over several lines
 * (`import {` / `  a,` / `} from './x.js'`: the specifier is on the last line, the directive goes
 * above the first). Looks up at most 50 lines and stops at a blank line or a finished statement.
 */
export function statementStart(lines: readonly string[], line: number): number {
  for (let l = line; l >= 1 && line - l < 50; l--) {
    const t = (lines[l - 1] ?? '').trim();
    if (/^(import|export|from)\b/.test(t) || /^(const|let|var)\b.*\brequire\s*\(/.test(t)) return l;
    if (l < line && (t === '' || /;$/.test(t))) break;
  }
  return line;
}

function readDirectives(root: string, file: string, notices: string[]): FileDirectives | undefined {
  const real = realFileInside(root, file);
  if (!real || real.stat.size > SOURCE_MAX_BYTES) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(real.real, 'utf8');
  } catch {
    return undefined;
  }
  if (!text.includes('shipset-ignore')) return undefined;
  const found = scanDirectives(text, /\.pyi?$/.test(file));
  for (const [line, list] of [...found.lines.entries()]) {
    for (const d of list) {
      for (const rule of d.rules) {
        if (!(RULE_NAMES as readonly string[]).includes(rule)) {
          notices.push(`${file}:${line}: shipset-ignore names '${rule}', which is not a rule (rules: ${RULE_NAMES.join(', ')}). Fix the name.`);
        } else if (!RULE_REGISTRY[rule as RuleName].lowerable) {
          notices.push(`${file}:${line}: shipset-ignore ${rule} has no effect: ${rule} findings cannot be suppressed. Fix the import.`);
        }
      }
    }
  }
  return found;
}

function shownRelative(root: string, abs: string): string {
  return abs.startsWith(root + '/') ? abs.slice(root.length + 1) : abs;
}
