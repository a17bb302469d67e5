import { describe, expect, it } from '@jest/globals';
import type { BaseDiff } from '../../src/core/base-diff.js';
import type { Finding, Manifest } from '../../src/core/types.js';
import { COMMENT_MARKER, renderFailureMarkdown, renderMarkdown, stepVerdict } from '../../src/report/markdown.js';

function finding(over: Partial<Finding> = {}): Finding {
  return {
    rule: 'stale',
    level: 'error',
    file: 'src/server.ts',
    line: 3,
    chain: ['src/index.ts', 'src/server.ts'],
    message: 'src/server.ts:3 imports ./hybrid (src/hybrid.ts), but src/hybrid_sessions.ts is newer | and nothing imports it.',
    ...over,
  };
}

function result(findings: Finding[], over: Partial<Manifest> = {}) {
  const manifest: Manifest = {
    schema: 2,
    tool: { name: 'shipset', version: '0.1.0' },
    root: '.',
    entries: ['src/index.ts'],
    runtime: 'node',
    files: [
      { path: 'src/index.ts', bytes: 10, sha256: 'a'.repeat(64), reason: 'entry', via: null },
      { path: 'src/server.ts', bytes: 10, sha256: 'b'.repeat(64), reason: 'import', via: { file: 'src/index.ts', line: 1 } },
    ],
    typeOnly: [],
    dormant: ['src/hybrid_sessions.ts'],
    packages: {},
    findings,
    notices: [],
    tarball: null,
    ...over,
  };
  return {
    manifest,
    errorCount: findings.filter((f) => f.level === 'error').length,
    warningCount: findings.filter((f) => f.level === 'warn').length,
  };
}

describe('renderMarkdown', () => {
  it('leads with the verdict and counts, then the findings table', () => {
    const md = renderMarkdown(result([finding(), finding({ rule: 'shadowed', level: 'warn', file: 'src/a.ts', line: 9, message: 'two candidates' })]));
    const lines = md.split('\n');
    expect(lines[0]).toBe('### ❌ shipset: 1 error, this set must not ship');
    expect(lines[2]).toContain('**2** files ship');
    expect(lines[2]).toContain('**1** dormant');
    expect(lines[2]).toContain('**1** warning');
    // Errors first; the pipe inside the message is escaped so the table keeps its columns.
    const rows = lines.filter((l) => l.startsWith('| ❌') || l.startsWith('| ⚠️'));
    expect(rows[0]).toContain('`src/server.ts:3`');
    expect(rows[0]).toContain('newer \\| and nothing');
    expect(rows[0]).toContain('src/index.ts → src/server.ts');
    expect(rows[1]).toContain('`src/a.ts:9`');
    expect(md).toContain('not written: error findings block packing');
    expect(md).toMatch(/<details>\n<summary>1 dormant file .*<\/summary>\n\n- `src\/hybrid_sessions.ts`/);
    expect(md).not.toContain(COMMENT_MARKER);
  });

  it('shows a clean run, the tarball and its SHA-256', () => {
    const md = renderMarkdown(result([], { tarball: { path: 'shipset.tar.gz', bytes: 321, sha256: 'c'.repeat(64), contentSha256: 'd'.repeat(64) } }), { tarballPath: 'out/app.tar.gz' });
    expect(md.split('\n')[0]).toBe('### ✅ shipset: passed');
    expect(md).toContain('`out/app.tar.gz` · 321 bytes · SHA-256 `' + 'c'.repeat(64) + '`');
    expect(md).not.toContain('| rule |');
  });

  it('shows the ship-set diff and the findings new in this change', () => {
    const md = renderMarkdown(result([finding()]), {
      baseDiff: { ref: 'main', commit: '0123456789abcdef', added: ['src/server.ts'], removed: ['src/legacy.ts'], newFindings: [finding()] },
    });
    expect(md).toContain('#### Ship set vs `main` (0123456)');
    expect(md).toContain('- ➕ `src/server.ts`');
    expect(md).toContain('- ➖ `src/legacy.ts`');
    expect(md).toContain('**1** finding new in this change: stale at `src/server.ts:3`');
  });

  it('names a pull request base by its branch with the short SHA, and a bare SHA ref by its short SHA', () => {
    const sha = 'eb0af37c1d2e3f405162738495a6b7c8d9e0f1a2';
    const empty = { added: [], removed: [], newFindings: [] };
    const heading = (baseDiff: BaseDiff) =>
      renderMarkdown(result([]), { baseDiff }).split('\n').find((l) => l.startsWith('#### Ship set vs'));
    expect(heading({ ref: sha, commit: sha, branch: 'main', ...empty })).toBe('#### Ship set vs `main` (eb0af37)');
    // The base could not be fetched: the event's SHA still names the commit.
    expect(heading({ ref: sha, branch: 'main', ...empty, notice: 'not fetched' })).toBe('#### Ship set vs `main` (eb0af37)');
    expect(heading({ ref: sha, commit: sha, ...empty })).toBe('#### Ship set vs `eb0af37`');
    expect(heading({ ref: 'release/1.x', ...empty, notice: 'not fetched' })).toBe('#### Ship set vs `release/1.x`');
  });

  it('says why the base comparison was skipped', () => {
    const notice = "base 'main' is not in this clone. Set 'fetch-depth: 0' on actions/checkout.";
    const md = renderMarkdown(result([]), { baseDiff: { ref: 'main', added: [], removed: [], newFindings: [], notice } });
    expect(md).toContain(`> ${notice}`);
  });

  it('says how many annotations were left out', () => {
    const md = renderMarkdown(result([finding()]), { annotationsLeftOut: 14 });
    expect(md).toContain('14 more findings not annotated inline (GitHub shows at most 10 annotations per kind per step)');
  });

  it('cuts the findings table to the size budget and says how many were left out', () => {
    const many = Array.from({ length: 3000 }, (_, i) => finding({ file: `src/f${String(i).padStart(4, '0')}.ts`, line: i + 1, message: 'x'.repeat(200) }));
    const full = renderMarkdown(result(many));
    expect(full).toContain('src/f2999.ts');
    const budget = 50_000;
    const cut = renderMarkdown(result(many), { maxBytes: budget });
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(budget);
    const shown = cut.split('\n').filter((l) => l.startsWith('| ❌')).length;
    expect(shown).toBeGreaterThan(10);
    expect(shown).toBeLessThan(3000);
    expect(cut).toContain(`_${3000 - shown} more findings left out to stay within GitHub's size limit; the manifest has all 3000._`);
  });

  it('starts the comment body with the hidden marker', () => {
    expect(renderMarkdown(result([]), { marker: true }).startsWith(`${COMMENT_MARKER}\n### ✅`)).toBe(true);
    expect(renderFailureMarkdown('input entry: missing', true)).toContain('input entry: missing');
  });

  it('has a one-line verdict for the step log', () => {
    expect(stepVerdict(result([finding(), finding()]))).toMatch(/^shipset: 2 errors: this set must not ship/);
    expect(stepVerdict(result([finding({ level: 'warn' })]))).toBe('shipset: passed with 1 warning.');
  });
});
