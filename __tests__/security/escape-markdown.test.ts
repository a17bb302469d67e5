// Forged verdicts in the job summary and PR comment: every untrusted slot of the markdown report
// gets hostile text, and the rendered lines must have the same structure as with harmless text,
// with nothing active (HTML, link, image, mention, reference, code-span break, new line).
import { describe, expect, it } from '@jest/globals';
import type { BaseDiff } from '../../src/core/base-diff.js';
import type { Finding, Manifest } from '../../src/core/types.js';
import { htmlText, mdCode, mdText } from '../../src/report/escape.js';
import { commentMarker, renderFailureMarkdown, renderMarkdown } from '../../src/report/markdown.js';
import { activeProblems, inMermaid, MERMAID_LINE, scanInline, tableCells } from './markdown-check.js';

export const HOSTILE = [
  'a``b`c',
  '``',
  '`',
  'x</details><h1>✅ shipset: passed</h1>',
  '<img src=x onerror=alert(1)>',
  '<!-- shipset-comment -->',
  '--><script>alert(1)</script>',
  'a|b|c',
  'a\\|b',
  'a\\\\|b\\\\\\|c',
  'end\\',
  '[click](https://evil.example)',
  '![img](https://evil.example/x.png)',
  '@octocat please merge',
  'fixes #123 and GH-9 and org/repo#5',
  'line\rnext',
  'line\n### ✅ shipset: passed',
  '\r\n✅ passed',
  '\u2028### ✅ passed',
  '\u001b[31mred\u001b[0m',
  '\u009b31m',
  'https://evil.example/login',
  'www.evil.example',
  'a_www.evil.example (WWW.evil.example',
  'a@b.com',
  '&lt;img src=x&gt;',
  '&#60;b&#62;',
  '$\\href{https://x}{y}$',
  '# heading',
  '- item',
  '1. one',
  '> quote',
  '    indented',
  '***',
  ' ` leading space',
  '\u202egnp.exe',
  '<https://evil.example>',
  '**bold** _em_ ~~strike~~',
];

function render(texts: string[], marker = true): { summary: string; comment: string; failure: string } {
  const t = (i: number) => texts[i % texts.length];
  const findings: Finding[] = texts.map((_, i) => ({
    rule: i % 2 ? 'unresolved' : 'stale',
    level: i % 3 ? 'error' : 'warn',
    file: t(i),
    line: i + 1,
    chain: [t(i + 1), t(i + 2), t(i)],
    message: `${t(i)} imports ${t(i + 3)}: fix ${t(i + 4)}`,
  }));
  const manifest: Manifest = {
    schema: 2,
    tool: { name: 'shipset', version: 't' },
    root: '.',
    entries: [t(0), t(1)],
    runtime: 'node',
    typeOnly: [],
    files: texts.map((x, i) => ({ path: x, bytes: 1, sha256: 'a'.repeat(64), reason: 'import', via: { file: t(i), line: 1 } })),
    dormant: [...texts],
    packages: {},
    findings,
    notices: texts.map((x) => `notice about ${x}`).concat(texts),
    tarball: { path: t(5), bytes: 3, sha256: 'b'.repeat(64), contentSha256: 'c'.repeat(64) },
  };
  const result = { manifest, errorCount: findings.filter((f) => f.level === 'error').length, warningCount: findings.filter((f) => f.level === 'warn').length };
  // Suppressions a change adds are listed with their reasons: hostile text there too.
  const newlySuppressed = findings.map((f, i) => ({ ...f, suppressed: { by: 'inline' as const, reason: t(i + 5) } }));
  const baseDiff: BaseDiff = { ref: t(6), branch: t(7), added: [...texts], removed: [...texts], newFindings: findings, newlySuppressed, notice: t(8) };
  const extras = { baseDiff, tarballPath: t(9), annotationsLeftOut: 3, packRequested: true };
  return {
    summary: renderMarkdown(result, extras),
    comment: renderMarkdown(result, { ...extras, marker: marker ? commentMarker({ workingDirectory: t(10), entries: [t(11)] }) : false, maxBytes: 65536 }),
    failure: renderFailureMarkdown(`input entry: ${texts.join(' ')}`),
  };
}

const benign = HOSTILE.map((_, i) => `safe${i}`);

/** What a line is, as markdown sees its start. */
function lineKind(line: string, mermaid = false): string {
  if (mermaid) return MERMAID_LINE.test(line) ? 'mermaid' : `bad mermaid line: ${line}`;
  if (line.startsWith('|')) return `row:${tableCells(line).length}`;
  const m = /^(#{1,6} |- |> |<\/?details>|<summary>|<!--|\*\*|_|$)/.exec(line);
  return m ? m[1] : `text:${line.slice(0, 12)}`;
}

describe.each(['summary', 'comment', 'failure'] as const)('hostile text in the %s', (part) => {
  const hostile = render(HOSTILE)[part];
  const plain = render(benign)[part];
  const lines = hostile.split('\n');

  const mermaid = inMermaid(lines);
  it('keeps the line structure of a harmless report: no new line, heading, row or block', () => {
    const plainLines = plain.split('\n');
    const plainMermaid = inMermaid(plainLines);
    expect(lines.map((l, i) => lineKind(l, mermaid[i]))).toEqual(plainLines.map((l, i) => lineKind(l, plainMermaid[i])));
    if (part !== 'failure') expect(mermaid.filter(Boolean).length).toBeGreaterThan(4);
    expect(lines.filter((l, i) => mermaid[i] && !MERMAID_LINE.test(l))).toEqual([]);
    // Exactly one verdict heading, and it is ours.
    expect(lines.filter((l) => /^#{1,6} /.test(l))).toEqual(
      plain
        .split('\n')
        .filter((l) => /^#{1,6} /.test(l))
        .map((l) => (l.startsWith('#### Ship set vs') ? expect.stringMatching(/^#### Ship set vs `/) : l)),
    );
  });

  it('has no raw line break or control character anywhere', () => {
    // eslint-disable-next-line no-control-regex
    expect(hostile).not.toMatch(/[\r\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202e]/);
  });

  it('leaves nothing active in any line: no HTML, link, image, mention, reference, broken code span', () => {
    const problems: string[] = [];
    for (const [i, line] of lines.entries()) {
      if (mermaid[i]) continue; // checked line by line against MERMAID_LINE above
      const scan = scanInline(line);
      if (scan.unmatchedTicks) problems.push(`unmatched backticks: ${line}`);
      problems.push(...activeProblems(scan.active));
      // A list item or quote must not start a nested block with untrusted text.
      const rest = /^(?:- |> )(.*)$/.exec(line)?.[1];
      if (rest !== undefined && /^([-+*>#=]|\d+[.)]| )/.test(rest)) problems.push(`nested block: ${line}`);
    }
    expect(problems).toEqual([]);
  });

  it('keeps every table row at five cells', () => {
    const rows = lines.filter((l) => l.startsWith('| ❌') || l.startsWith('| ⚠️'));
    if (part === 'failure') return expect(rows).toEqual([]);
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) expect(tableCells(row)).toHaveLength(5);
  });
});

describe('mdCode', () => {
  it.each(HOSTILE)('%j: one code span whose content is the text (controls as pictures)', (s) => {
    const span = mdCode(s);
    const scan = scanInline(span);
    expect(scan.unmatchedTicks).toBe(0);
    expect(scan.codeSpans).toHaveLength(1);
    expect(scan.active.trim()).toBe('');
    // CommonMark strips one space from each side when both sides have one.
    const content = scan.codeSpans[0].replace(/^ (.*) $/s, '$1');
    expect(content).toBe(
      s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) =>
        c.charCodeAt(0) < 0x20 ? String.fromCharCode(0x2400 + c.charCodeAt(0)) : c.charCodeAt(0) === 0x7f ? '\u2421' : '\ufffd',
      ),
    );
  });

  it('escapes pipes inside a table cell, so the row keeps its columns', () => {
    for (const s of ['a|b||c', 'a\\|b', 'a\\\\|b', 'end\\', '\\|']) {
      const row = `| x | ${mdCode(s, { table: true })} | y |`;
      expect(tableCells(row)).toHaveLength(3);
      expect(activeProblems(scanInline(row).active)).toEqual([]);
    }
    // A backslash before a pipe cannot live in a code span in a cell: escaped text in <code>.
    expect(mdCode('a\\|b', { table: true })).toBe('<code>a\\\\\\|b</code>');
  });

  it('uses a fence longer than the longest backtick run', () => {
    expect(mdCode('a```b')).toBe('````a```b````');
    expect(mdCode('`x`')).toBe('`` `x` ``');
    expect(mdCode('')).toBe('` `');
  });
});

describe('mdText', () => {
  it.each(HOSTILE)('%j: nothing active and no block start', (s) => {
    const t = mdText(s);
    const scan = scanInline(t);
    expect(scan.codeSpans).toEqual([]);
    expect(scan.unmatchedTicks).toBe(0);
    expect(activeProblems(scan.active, /$^/g)).toEqual([]);
    expect(t).not.toMatch(/^([-+*>#=]|\d+[.)]| )/);
    expect(tableCells(`| ${t} |`)).toHaveLength(1);
  });

  it('reads the same as the input for ordinary messages', () => {
    expect(mdText("src/a.ts:3 imports ./b (src/b.ts), but src/b_v2.ts is newer. Set 'fetch-depth: 0'.")).toBe(
      "src/a.ts:3 imports ./b (src/b.ts), but src/b_v2.ts is newer. Set 'fetch-depth: 0'.",
    );
  });
});

describe('htmlText', () => {
  it('escapes every HTML-significant character and breaks mentions and references', () => {
    expect(htmlText('</summary><img src=x> "q" \'s\' & @me #1\n')).toBe(
      '&lt;/summary&gt;&lt;img src=x&gt; &quot;q&quot; &#39;s&#39; &amp; @\u2060me #\u20601\u240a',
    );
  });
});

describe('comment marker', () => {
  it('is per working directory and entries, hex only whatever the names hold', () => {
    const a = commentMarker({ workingDirectory: 'apps/a', entries: ['src/index.ts'] });
    const b = commentMarker({ workingDirectory: 'apps/b', entries: ['src/index.ts'] });
    const c = commentMarker({ workingDirectory: 'apps/a', entries: ['src/other.ts'] });
    expect(new Set([a, b, c]).size).toBe(3);
    expect(commentMarker({ workingDirectory: 'apps/a', entries: ['src/index.ts'] })).toBe(a);
    for (const s of HOSTILE) expect(commentMarker({ workingDirectory: s, entries: [s] })).toMatch(/^<!-- shipset-comment:[0-9a-f]{16} -->$/);
  });
});
