import { describe, expect, it } from '@jest/globals';
import type { BaseDiff } from '../../src/core/base-diff.js';
import type { Finding, Manifest } from '../../src/core/types.js';
import { activeProblems, scanInline } from '../security/markdown-check.js';
import {
  blobUrl,
  COMMENT_MARKER,
  COMMENT_MAX_CHARS,
  commentMarker,
  mermaidLabel,
  renderFailureMarkdown,
  renderFixedMarkdown,
  renderMarkdown,
  stepVerdict,
} from '../../src/report/markdown.js';

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
  it('leads with the verdict and counts, then the findings grouped by rule, errors first', () => {
    const md = renderMarkdown(result([finding({ rule: 'shadowed', level: 'warn', file: 'src/a.ts', line: 9, message: 'two candidates' }), finding()]));
    const lines = md.split('\n');
    expect(lines[0]).toBe('### ❌ shipset: 1 error, this set must not ship');
    expect(lines[2]).toContain('**2** files ship');
    expect(lines.filter((l) => l.startsWith('#### '))).toEqual(['#### ❌ stale · 1 error', '#### ⚠️ shadowed · 1 warning']);
    expect(lines[2]).toContain('**1** dormant');
    expect(lines[2]).toContain('**1** warning');
    // Errors first; the pipe inside the message is escaped so the table keeps its columns.
    const rows = lines.filter((l) => l.startsWith('| ❌') || l.startsWith('| ⚠️'));
    expect(rows[0]).toContain('`src/server.ts:3`');
    expect(rows[0]).toContain('newer \\| and nothing');
    // The message column does not repeat the location the row starts with.
    expect(rows[0]).toContain('| imports ./hybrid (src/hybrid.ts)');
    expect(rows[0].split('src/server.ts:3')).toHaveLength(2);
    expect(rows[0]).toContain('src/index.ts -> src/server.ts');
    expect(rows[1]).toContain('`src/a.ts:9`');
    expect(md).toContain('not written: error findings block packing');
    expect(md).toMatch(/<details>\n<summary>1 dormant file .*<\/summary>\n\n- `src\/hybrid_sessions.ts`/);
    expect(md).not.toContain(COMMENT_MARKER);
  });

  it('shows a clean run, the tarball and its SHA-256', () => {
    const md = renderMarkdown(result([], { tarball: { path: 'shipset.tar.gz', bytes: 321, sha256: 'c'.repeat(64), contentSha256: 'd'.repeat(64) } }), {
      tarballPath: 'out/app.tar.gz',
    });
    expect(md.split('\n')[0]).toBe('### ✅ shipset: passed');
    expect(md).toContain('`out/app.tar.gz` · 321 bytes · SHA-256 `' + 'c'.repeat(64) + '`');
    expect(md).not.toContain('| rule |');
  });

  it('shows the ship-set diff and the findings new in this change', () => {
    const md = renderMarkdown(result([finding()]), {
      baseDiff: {
        ref: 'main',
        commit: '0123456789abcdef',
        added: ['src/server.ts'],
        removed: ['src/legacy.ts'],
        newFindings: [finding()],
        newlySuppressed: [],
      },
    });
    expect(md).toContain('#### Ship set vs `main` (0123456)');
    expect(md).toContain('- ➕ `src/server.ts`');
    expect(md).toContain('- ➖ `src/legacy.ts`');
    // No run-on sentence repeating the rows: the new finding is marked in its row.
    expect(md).toContain('**1** finding new in this change (marked 🆕 above).');
    expect(md.split('\n').find((l) => l.startsWith('| ❌'))).toMatch(/^\| ❌ 🆕 \|/);
  });

  it('names a pull request base by its branch with the short SHA, and a bare SHA ref by its short SHA', () => {
    const sha = 'eb0af37c1d2e3f405162738495a6b7c8d9e0f1a2';
    const empty = { added: [], removed: [], newFindings: [], newlySuppressed: [] };
    const heading = (baseDiff: BaseDiff) =>
      renderMarkdown(result([]), { baseDiff })
        .split('\n')
        .find((l) => l.startsWith('#### Ship set vs'));
    expect(heading({ ref: sha, commit: sha, branch: 'main', ...empty })).toBe('#### Ship set vs `main` (eb0af37)');
    // The base could not be fetched: the event's SHA still names the commit.
    expect(heading({ ref: sha, branch: 'main', ...empty, notice: 'not fetched' })).toBe('#### Ship set vs `main` (eb0af37)');
    expect(heading({ ref: sha, commit: sha, ...empty })).toBe('#### Ship set vs `eb0af37`');
    expect(heading({ ref: 'release/1.x', ...empty, notice: 'not fetched' })).toBe('#### Ship set vs `release/1.x`');
  });

  it('says why the base comparison was skipped', () => {
    const notice = "base 'main' is not in this clone. Set 'fetch-depth: 0' on actions/checkout.";
    const md = renderMarkdown(result([]), { baseDiff: { ref: 'main', added: [], removed: [], newFindings: [], newlySuppressed: [], notice } });
    expect(md).toContain(`> ${notice}`);
  });

  it('says how many annotations were left out', () => {
    const md = renderMarkdown(result([finding()]), { annotationsLeftOut: 14 });
    expect(md).toContain('14 more findings not annotated inline (GitHub shows at most 10 annotations per kind per step)');
  });

  it('cuts error rows only when nothing else is left, and says how many were left out', () => {
    const many = Array.from({ length: 3000 }, (_, i) => finding({ file: `src/f${String(i).padStart(4, '0')}.ts`, line: i + 1, message: 'x'.repeat(200) }));
    const full = renderMarkdown(result(many));
    expect(full).toContain('src/f2999.ts');
    const budget = 50_000;
    const cut = renderMarkdown(result(many), { maxBytes: budget });
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(budget);
    const shown = cut.split('\n').filter((l) => l.startsWith('| ❌')).length;
    expect(shown).toBeGreaterThan(10);
    expect(shown).toBeLessThan(3000);
    expect(cut).toContain(`_${3000 - shown} more findings left out to stay within GitHub's size limit (errors are listed first); the manifest has all 3000._`);
    expect(cut).not.toContain('```mermaid');
    expect(cut).not.toContain('<details>');
  });

  it('starts the comment body with the hidden marker', () => {
    expect(renderMarkdown(result([]), { marker: true }).startsWith(`${COMMENT_MARKER}\n### ✅`)).toBe(true);
    expect(renderFailureMarkdown('input entry: missing', true)).toContain('input entry: missing');
  });

  it('has a one-line verdict for the step log', () => {
    expect(stepVerdict(result([finding(), finding()]))).toMatch(/^shipset: failed \(2 files ship, 1 dormant, 2 errors, 0 warnings\): this set must not ship/);
    expect(stepVerdict(result([finding({ level: 'warn' })]))).toBe(
      'shipset: passed with warnings (2 files ship, 1 dormant, 0 errors, 1 warning). No tarball written.',
    );
    const packed = result([], { tarball: { path: 'shipset.tar.gz', bytes: 321, sha256: 'c'.repeat(64), contentSha256: 'd'.repeat(64) } });
    expect(stepVerdict(packed, 'out/app.tgz')).toBe(
      `shipset: passed (2 files ship, 1 dormant, 0 errors, 0 warnings). Tarball out/app.tgz (321 bytes), SHA-256 ${'c'.repeat(64)}, contentSha256 ${'d'.repeat(64)}.`,
    );
  });
});

/** 40 findings as the pipeline gives them: 12 stale errors, 4 unresolved errors, 24 undeclared warnings with sites. */
function forty(): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < 12; i++) {
    out.push(
      finding({
        file: `src/routes/r${i}.ts`,
        line: i + 1,
        target: `src/lib/v${i}.ts`,
        chain: ['src/index.ts', 'src/routes/index.ts', `src/routes/r${i}.ts`],
        message: `src/routes/r${i}.ts:${i + 1} imports ./lib/v${i} (src/lib/v${i}.ts), but src/lib/v${i}_next.ts is newer and nothing imports it.`,
      }),
    );
  }
  for (let i = 0; i < 4; i++)
    out.push(
      finding({
        rule: 'unresolved',
        file: `src/u${i}.ts`,
        line: 2,
        specifier: `./gone${i}`,
        target: undefined,
        message: `src/u${i}.ts:2 imports ./gone${i}, which resolves to nothing.`,
      }),
    );
  for (let i = 0; i < 24; i++) {
    out.push(
      finding({
        rule: 'undeclared',
        level: 'warn',
        file: `src/w${i}.ts`,
        line: 1,
        specifier: `pkg${i}`,
        target: undefined,
        sites: [{ file: `src/w${i}b.ts`, line: 4 }],
        message: `src/w${i}.ts:1 imports 'pkg${i}', which package.json does not declare.`,
      }),
    );
  }
  return out;
}

describe('grouped, linked, bounded reports', () => {
  const links = { serverUrl: 'https://github.example.com/', owner: 'acme', repo: 'web', sha: 'f'.repeat(40), rootInRepository: 'apps/api' };
  const app = { workingDirectory: 'apps/api', entries: ['src/index.ts'] };

  it('fits a fail-with-40-findings comment in 65,536 characters, errors first, each fact once', () => {
    const many = result(forty(), {
      dormant: Array.from({ length: 5000 }, (_, i) => `src/dead/d${i}.ts`),
      files: Array.from({ length: 3000 }, (_, i) => ({ path: `src/f${i}.ts`, bytes: 1, sha256: 'a', reason: 'import' as const, via: null })),
    });
    const body = renderMarkdown(many, { marker: commentMarker(app), app, links, maxBytes: COMMENT_MAX_CHARS, annotationsLeftOut: 20 });
    expect(body.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS);
    const rows = body.split('\n').filter((l) => /^\| (❌|⚠️)/.test(l));
    // Every error row is there, before any warning row.
    expect(rows.filter((r) => r.startsWith('| ❌'))).toHaveLength(16);
    expect(rows.findIndex((r) => r.startsWith('| ⚠️'))).toBe(rows.length === 16 ? -1 : 16);
    // Each fact once: no location starts two rows.
    const starts = rows.map((r) => r.split(' | ')[1]);
    expect(new Set(starts).size).toBe(starts.length);
    // The heading names the app; the job-log note stays out of the comment.
    expect(body.split('\n')[1]).toBe('### ❌ shipset `apps/api` (`src/index.ts`): 16 errors, this set must not ship');
    expect(body).not.toContain('not annotated inline');
    expect(body).toContain('[`src/routes/r0.ts:1`](https://github.example.com/acme/web/blob/' + 'f'.repeat(40) + '/apps/api/src/routes/r0.ts#L1)');
    // The long lists went first.
    expect(body).toContain("_5000 dormant files (not shipped: no entry imports them): left out to stay within GitHub's size limit; the manifest lists them._");
  });

  it('cuts the dormant list before anything else, then warning rows, never error rows', () => {
    const r = result(forty(), { dormant: Array.from({ length: 300 }, (_, i) => `src/dead/d${i}.ts`) });
    const full = renderMarkdown(r);
    const noDormant = renderMarkdown(r, { maxBytes: Buffer.byteLength(full) - 1 });
    expect(noDormant).not.toContain('src/dead/d0.ts');
    expect(noDormant).toContain('src/w0.ts:1');
    const tight = renderMarkdown(r, { maxBytes: 7_000 });
    expect(Buffer.byteLength(tight)).toBeLessThanOrEqual(7_000);
    expect(tight.split('\n').filter((l) => l.startsWith('| ❌'))).toHaveLength(16);
    expect(tight).not.toContain('| ⚠️');
    expect(tight).toContain('_24 more findings left out');
  });

  it('folds the findings of one fact into one row with its sites', () => {
    const a = finding({
      rule: 'undeclared',
      level: 'warn',
      file: 'src/a.ts',
      line: 1,
      specifier: 'lodash',
      target: undefined,
      message: "src/a.ts:1 imports 'lodash'",
    });
    const b = { ...a, file: 'src/b.ts', line: 5, sites: [{ file: 'src/c.ts', line: 2 }] };
    const rows = renderMarkdown(result([b, a]))
      .split('\n')
      .filter((l) => l.startsWith('| ⚠️'));
    expect(rows).toEqual(["| ⚠️ | `src/a.ts:1` | `src/b.ts:5`, `src/c.ts:2` | imports 'lodash' | src/index.ts -> src/server.ts |"]);
  });

  it('folds the subpaths of one missing package into its row', () => {
    const a = finding({ rule: 'undeclared', file: 'src/a.ts', line: 1, specifier: 'lodash', target: undefined, message: 'src/a.ts:1 imports lodash' });
    const b = finding({ rule: 'undeclared', file: 'src/b.ts', line: 2, specifier: 'lodash/fp', target: undefined, message: 'src/b.ts:2 imports lodash/fp' });
    const c = finding({
      rule: 'undeclared',
      file: 'src/c.ts',
      line: 3,
      specifier: '@scope/pkg/sub',
      target: undefined,
      message: 'src/c.ts:3 imports @scope/pkg/sub',
    });
    const rows = renderMarkdown(result([a, b, c]))
      .split('\n')
      .filter((l) => l.startsWith('| ❌'));
    expect(rows.map((r) => r.split(' | ').slice(1, 3))).toEqual([
      ['`src/a.ts:1`', '`src/b.ts:2`'],
      ['`src/c.ts:3`', ''],
    ]);
  });

  it('counts suppressed findings in one line instead of rows', () => {
    const md = renderMarkdown(
      result([
        finding(),
        finding({ file: 'src/x.ts', suppressed: { by: 'baseline' } }),
        finding({ file: 'src/y.ts', suppressed: { by: 'inline', reason: 'legacy' } }),
      ]),
    );
    expect(md.split('\n').filter((l) => l.startsWith('| ❌'))).toHaveLength(1);
    expect(md).toContain('_2 suppressed findings (1 by baseline, 1 by inline) not listed; the manifest has them with their reasons._');
    expect(md).not.toContain('src/x.ts');
  });

  it('draws the chain from the entry to each error as a bounded mermaid graph with escaped labels', () => {
    const hostile = 'src/a"b]).ts';
    const md = renderMarkdown(result([finding({ file: hostile, chain: ['src/index.ts', hostile], target: 'src/<x>.ts' })]));
    const graph = md.slice(md.indexOf('```mermaid'), md.indexOf('```', md.indexOf('```mermaid') + 3));
    expect(graph).toContain('node0002("src/a#34;b#93;#41;.ts")');
    expect(graph).toContain('node0002 -->|stale| node0003');
    expect(graph).toContain('class node0003 error');
    const deep = forty()
      .slice(0, 16)
      .map((f, i) => ({ ...f, chain: Array.from({ length: 9 }, (_, j) => `src/deep${i}/m${j}.ts`) }));
    const big = renderMarkdown(result(deep));
    const nodes = big.split('\n').filter((l) => /^    node\d{4}\(/.test(l));
    expect(nodes.length).toBeLessThanOrEqual(40);
    expect(big).toMatch(/_The graph shows \d+ of 16 error findings/);
    expect(mermaidLabel('a"b<c>`d#1;\n')).toBe('a#34;b#60;c#62;#96;d#35;1#59;#10;');
    const long = renderMarkdown(result([finding({ file: `src/${'d/'.repeat(200)}x.ts`, chain: ['src/index.ts', `src/${'d/'.repeat(200)}x.ts`] })]));
    const label = long.split('\n').find((l) => l.startsWith('    node0002('))!;
    expect(label).toMatch(/^ {4}node0002\("#8230;(\/d)+\/x\.ts"\)$/);
    expect(label.length).toBeLessThanOrEqual(4 + 8 + 2 + 6 + 79 + 2);
  });

  it('builds blob links from encoded parts only, and none from a bad part', () => {
    const links = { serverUrl: 'https://github.com', owner: 'o', repo: 'r', sha: 'a'.repeat(40), rootInRepository: '.' };
    expect(blobUrl(links, 'src/a b(1)#?.ts', 3)).toBe(`https://github.com/o/r/blob/${'a'.repeat(40)}/src/a%20b%281%29%23%3F.ts#L3`);
    expect(blobUrl({ ...links, sha: 'main' }, 'a.ts')).toBeUndefined();
    expect(blobUrl({ ...links, serverUrl: 'javascript:alert(1)' }, 'a.ts')).toBeUndefined();
    expect(blobUrl({ ...links, owner: 'o/../x' }, 'a.ts')).toBeUndefined();
    expect(blobUrl({ ...links, serverUrl: 'https://ghe.example.com/x)y' }, 'a.ts')).toBe(`https://ghe.example.com/o/r/blob/${'a'.repeat(40)}/a.ts`);
  });

  it('says fixed when a failing comment is replaced by a passing run', () => {
    const md = renderFixedMarkdown(result([finding({ level: 'warn' })]), { marker: true, app });
    expect(md.split('\n').slice(0, 4)).toEqual([
      COMMENT_MARKER,
      '### ✅ shipset `apps/api` (`src/index.ts`): passed with 1 warning',
      '',
      'The errors this comment reported are fixed (1 warning left; see the job summary).',
    ]);
  });

  it('names an app at the repository root by its entries', () => {
    const md = renderMarkdown(result([]), { app: { workingDirectory: '.', entries: ['src/a.ts', 'src/b.ts', 'src/c.ts', 'src/d.ts'] } });
    expect(md.split('\n')[0]).toBe('### ✅ shipset (`src/a.ts`, `src/b.ts`, `src/c.ts`, +1): passed');
  });

  it('keeps hostile app names and linked paths inert', () => {
    const hostile = ['x`](javascript:alert(1)) <img src=x> @admin #1', 'a)b](c', '\n### ✅ passed'];
    const links = { serverUrl: 'https://github.com', owner: 'o', repo: 'r', sha: 'a'.repeat(40), rootInRepository: hostile[1] };
    const md = renderMarkdown(result(hostile.map((h, i) => finding({ file: h, line: i + 1, chain: [h] }))), {
      app: { workingDirectory: hostile[0], entries: hostile },
      links,
    });
    const lines = md.split('\n');
    expect(lines.filter((l) => /^#{1,3} /.test(l))).toHaveLength(1);
    for (const line of lines.filter((l) => l.startsWith('###') || l.startsWith('| ❌'))) {
      // Links are ours: strip `[code](url)` whose URL has no space, quote, parenthesis or angle bracket, then nothing may be active.
      const ours = line.replace(/(?<!\\)\[(?=`)/g, ' ').replace(/\]\(https:\/\/github\.com\/o\/r\/blob\/a{40}\/[A-Za-z0-9%._~/-]+(#L\d+)?\)/g, ' ');
      const scan = scanInline(ours);
      expect(scan.unmatchedTicks).toBe(0);
      expect(activeProblems(scan.active)).toEqual([]);
    }
    expect(md).toContain('/blob/' + 'a'.repeat(40) + '/a%29b%5D%28c/');
  });
});
