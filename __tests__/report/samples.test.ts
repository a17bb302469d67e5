// The rendered samples in docs/samples/ are what the summary and the comment look like: pass,
// fail with 3 findings, fail with 40 findings, a monorepo with two apps. This test renders them
// from the reporter and compares; `UPDATE_SAMPLES=1` rewrites the files after a change.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { Finding, Manifest, ManifestFile } from '../../src/core/types.js';
import { COMMENT_MAX_CHARS, commentMarker, renderMarkdown, type LinkBase, type MarkdownExtras } from '../../src/report/markdown.js';

const DIR = path.join(process.cwd(), 'docs', 'samples');
const SHA = '3f1c9a7e5b2d4c6f8a0b1c2d3e4f5a6b7c8d9e0f';
const links = (root: string): LinkBase => ({ serverUrl: 'https://github.com', owner: 'acme', repo: 'shop', sha: SHA, rootInRepository: root });

const ENTRIES = ['src/index.ts', 'src/worker.ts'];
const ROOT_APP = { workingDirectory: '.', entries: ['src/index.ts'] };

function file(p: string, reason: ManifestFile['reason'] = p.endsWith('.json') ? 'include' : ENTRIES.includes(p) ? 'entry' : 'import'): ManifestFile {
  return { path: p, bytes: 100 + p.length * 7, sha256: '0'.repeat(64), reason, via: null };
}

function result(over: Partial<Manifest>) {
  const manifest: Manifest = {
    schema: 2,
    tool: { name: 'shipset', version: '1.0.0' },
    root: '.',
    entries: ['src/index.ts'],
    runtime: 'node',
    typeOnly: [],
    files: [],
    dormant: [],
    packages: {},
    findings: [],
    notices: [],
    tarball: null,
    ...over,
  };
  const live = manifest.findings.filter((f) => !f.suppressed);
  return { manifest, errorCount: live.filter((f) => f.level === 'error').length, warningCount: live.filter((f) => f.level === 'warn').length };
}

const SHIPPED = [
  'package.json',
  'package-lock.json',
  'src/index.ts',
  'src/server.ts',
  'src/routes/users.ts',
  'src/routes/orders.ts',
  'src/db.ts',
  'src/claude_mcp_hybrid_sessions.ts',
];

function pass() {
  const r = result({
    files: SHIPPED.map((p) => file(p)),
    dormant: ['src/claude_mcp_hybrid.ts', 'src/legacy/users_old.ts'],
    tarball: {
      path: 'shipset.tar.gz',
      bytes: 4213,
      sha256: 'b5d4045c3f466fa91fe2cc6abe79232a1a57cdf104f7a26e716e0a1e2789df78',
      contentSha256: '6c2a1f0e9d8c7b6a5f4e3d2c1b0a99887766554433221100ffeeddccbbaa9988',
    },
  });
  return renderMarkdown(r, {
    app: ROOT_APP,
    marker: commentMarker(ROOT_APP),
    links: links('.'),
    tarballPath: 'shipset.tar.gz',
    packRequested: true,
    maxBytes: COMMENT_MAX_CHARS,
  });
}

const stale = (i: number, file = `src/routes/r${i}.ts`): Finding => ({
  rule: 'stale',
  level: 'error',
  file,
  line: 3 + i,
  column: 20,
  target: `src/lib/handler${i}.ts`,
  chain: ['src/index.ts', 'src/server.ts', file],
  message: `${file}:${3 + i} imports ./lib/handler${i} (src/lib/handler${i}.ts, last changed 2025-11-05), but src/lib/handler${i}_v2.ts is a newer variant (last changed 2025-11-15) that nothing imports. Import the newer file, or mark one of them deprecated.`,
});

function three() {
  const findings: Finding[] = [
    {
      ...stale(0, 'src/server.ts'),
      target: 'src/claude_mcp_hybrid.ts',
      chain: ['src/index.ts', 'src/server.ts'],
      message:
        'src/server.ts:3 imports ./claude_mcp_hybrid (src/claude_mcp_hybrid.ts, last changed 2025-11-05), but src/claude_mcp_hybrid_sessions.ts is a newer variant (last changed 2025-11-15) that nothing imports. Import the newer file, or mark one of them deprecated.',
    },
    {
      rule: 'undeclared',
      level: 'error',
      file: 'src/routes/users.ts',
      line: 1,
      column: 23,
      specifier: 'zod',
      chain: ['src/index.ts', 'src/server.ts', 'src/routes/users.ts'],
      sites: [{ file: 'src/routes/orders.ts', line: 2, column: 23 }],
      message:
        'src/routes/users.ts:1 imports zod, but zod is not in dependencies, optionalDependencies or peerDependencies of package.json: a production install would not provide it. Add it (npm install zod), or remove the import.',
    },
    {
      rule: 'dynamic',
      level: 'warn',
      file: 'src/plugins.ts',
      line: 12,
      column: 10,
      chain: ['src/index.ts', 'src/plugins.ts'],
      message: 'src/plugins.ts:12 loads import(`./plugins/${name}.js`): shipset cannot tell which files it loads. Name them in include (e.g. src/plugins/**).',
    },
  ];
  const r = result({ files: SHIPPED.map((p) => file(p)), dormant: ['src/claude_mcp_hybrid_sessions.ts'], findings });
  return renderMarkdown(r, {
    app: ROOT_APP,
    marker: commentMarker(ROOT_APP),
    links: links('.'),
    packRequested: true,
    maxBytes: COMMENT_MAX_CHARS,
    baseDiff: { ref: SHA, commit: SHA, branch: 'main', added: ['src/plugins.ts'], removed: [], newFindings: [findings[1]], newlySuppressed: [] },
  });
}

function forty() {
  const findings: Finding[] = [];
  for (let i = 0; i < 12; i++) findings.push(stale(i));
  for (let i = 0; i < 4; i++)
    findings.push({
      rule: 'unresolved',
      level: 'error',
      file: `src/jobs/job${i}.ts`,
      line: 2,
      column: 18,
      specifier: `../queue/worker${i}`,
      chain: ['src/index.ts', 'src/jobs/index.ts', `src/jobs/job${i}.ts`],
      message: `src/jobs/job${i}.ts:2 imports ../queue/worker${i}, which resolves to no file (tried .ts, .tsx, .js, /index.*). Fix the path or restore the file.`,
    });
  for (let i = 0; i < 20; i++)
    findings.push({
      rule: 'undeclared',
      level: 'warn',
      file: `src/util/u${i}.ts`,
      line: 1,
      column: 20,
      specifier: `pkg-${i}`,
      chain: ['src/index.ts', `src/util/u${i}.ts`],
      sites: [{ file: `src/util/u${i}_helpers.ts`, line: 4 }],
      optional: undefined,
      message: `src/util/u${i}.ts:1 imports pkg-${i} inside try/catch; it is not in package.json (optional at run time).`,
    } as Finding);
  for (let i = 0; i < 4; i++) findings.push({ ...stale(20 + i), suppressed: { by: 'baseline' } });
  const r = result({
    files: Array.from({ length: 420 }, (_, i) => file(`src/modules/m${String(i).padStart(3, '0')}.ts`)),
    dormant: Array.from({ length: 900 }, (_, i) => `src/legacy/old${String(i).padStart(3, '0')}.ts`),
    findings,
    notices: ['3 files have variants whose dates git could not give (shallow clone): their stale findings were judged by the GitHub API.'],
  });
  return renderMarkdown(r, { app: ROOT_APP, marker: commentMarker(ROOT_APP), links: links('.'), packRequested: true, maxBytes: COMMENT_MAX_CHARS });
}

function monorepo() {
  const api = result({
    entries: ['src/server.ts'],
    files: [file('package.json'), file('src/server.ts', 'entry'), file('src/routes.ts')],
    tarball: {
      path: 'apps/api/shipset.tar.gz',
      bytes: 2048,
      sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      contentSha256: '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae',
    },
  });
  const worker = result({
    entries: ['src/worker.ts'],
    files: ['package.json', 'src/worker.ts', 'src/queue.ts'].map((p) => file(p)),
    dormant: ['src/queue_v2.ts'],
    findings: [
      {
        rule: 'stale',
        level: 'error',
        file: 'src/worker.ts',
        line: 1,
        column: 24,
        target: 'src/queue.ts',
        chain: ['src/worker.ts'],
        message:
          'src/worker.ts:1 imports ./queue (src/queue.ts, last changed 2025-10-01), but src/queue_v2.ts is a newer variant (last changed 2025-11-20) that nothing imports. Import the newer file, or mark one of them deprecated.',
      },
    ],
  });
  const app = (dir: string, entry: string): MarkdownExtras => ({
    app: { workingDirectory: dir, entries: [entry] },
    marker: commentMarker({ workingDirectory: dir, entries: [entry] }),
    links: links(dir),
    packRequested: true,
    maxBytes: COMMENT_MAX_CHARS,
  });
  return [
    renderMarkdown(api, { ...app('apps/api', 'src/server.ts'), tarballPath: 'apps/api/shipset.tar.gz' }),
    renderMarkdown(worker, app('apps/worker', 'src/worker.ts')),
  ];
}

function page(title: string, intro: string, bodies: string[]): string {
  return [
    `<!-- Rendered by __tests__/report/samples.test.ts; UPDATE_SAMPLES=1 rewrites it. -->`,
    `# Sample: ${title}`,
    '',
    intro,
    '',
    ...bodies.flatMap((b, i) => [
      ...(bodies.length > 1 ? [`---`, '', `*Comment ${i + 1} of ${bodies.length}*`, ''] : ['---', '']),
      b.replace(/^<!-- shipset-comment[^\n]*\n/, ''),
    ]),
  ].join('\n');
}

const SAMPLES: Record<string, () => string> = {
  'pass.md': () =>
    page(
      'a passing pull request',
      'The comment (with `comment: true`) and the job summary of a run that passes: the verdict, the counts, the tarball and its SHA-256, the shipped and dormant files folded.',
      [pass()],
    ),
  'fail-3-findings.md': () =>
    page(
      'a failing pull request with 3 findings',
      'Two errors and a warning: grouped by rule (errors first), one row per fact with its other import sites, paths linked to the head commit, the chain from the entry to each error as a graph, the ship-set diff against `main`.',
      [three()],
    ),
  'fail-40-findings.md': () =>
    page(
      'a failing pull request with 40 findings',
      `40 findings (16 errors, 20 warnings, 4 suppressed by the baseline), 420 shipped and 900 dormant files. The comment stays under GitHub's limit of ${COMMENT_MAX_CHARS} characters: the long lists are cut first, the error rows never.`,
      [forty()],
    ),
  'monorepo.md': () =>
    page(
      'a monorepo with two apps',
      'A matrix over `apps/api` and `apps/worker`: each app keeps its own comment, named in its heading, with links into its folder.',
      monorepo(),
    ),
};

describe('docs/samples', () => {
  it.each(Object.keys(SAMPLES))('%s is what the reporter renders', (name) => {
    const text = SAMPLES[name]();
    const target = path.join(DIR, name);
    if (process.env.UPDATE_SAMPLES) {
      fs.mkdirSync(DIR, { recursive: true });
      fs.writeFileSync(target, text);
    }
    expect(fs.readFileSync(target, 'utf8')).toBe(text);
  });

  it('the 40-findings comment fits, with every error row', () => {
    const body = forty();
    expect(body.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS);
    expect(body.split('\n').filter((l) => l.startsWith('| ❌'))).toHaveLength(16);
    expect(body).toContain('_4 suppressed findings (4 by baseline) not listed');
  });
});
