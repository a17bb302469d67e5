import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gitCommitTimes, uncommittedFiles } from '../../../src/core/history.js';
import { githubCommitLookup } from '../../../src/action/commit-times.js';
import { stale } from '../../../src/core/rules/stale.js';
import type { ModuleGraph, Options, RawFinding } from '../../../src/core/types.js';
import { cleanupFixtures, commit, gitProject, gitRun, tempDir, writeFiles } from '../../helpers/fixture.js';
import { buildGraph, type GraphSpec, optionsFor } from '../../helpers/graph-builder.js';

afterAll(cleanupFixtures);

const NOV5 = '2025-11-05T12:00:00Z';
const NOV15 = '2025-11-15T12:00:00Z';
/** A module body both variants share, so the newer one provides what the importer takes (`h`). */
const H = 'export const h = 1;\n';

async function runStale(graph: ModuleGraph, options: Partial<Options> = {}): Promise<{ findings: RawFinding[]; notices: string[] }> {
  const notices: string[] = [];
  const findings = await stale.check({ graph, options: optionsFor(graph.root, options), notices });
  return { findings, notices };
}

/** Incident 1: the entry imports the hybrid; the sessions variant gets the fixes later. */
function incidentProject(): string {
  return gitProject([
    {
      date: NOV5,
      files: {
        'src/server_hosted.ts': "import os from 'node:os';\n\nimport { mcp } from './claude_mcp_hybrid';\n",
        'src/claude_mcp_hybrid.ts': 'export const mcp = 1;\n',
        'src/claude_mcp_hybrid_sessions.ts': 'export const mcp = 1;\n',
      },
    },
    { date: NOV15, files: { 'src/claude_mcp_hybrid_sessions.ts': 'export const mcp = 2; // the fix\n' } },
  ]);
}

function incidentGraph(root: string, imported = 'src/claude_mcp_hybrid.ts', extra: Partial<GraphSpec> = {}): ModuleGraph {
  const other = imported === 'src/claude_mcp_hybrid.ts' ? 'src/claude_mcp_hybrid_sessions.ts' : 'src/claude_mcp_hybrid.ts';
  return buildGraph({
    root,
    inGit: true,
    entries: ['src/server_hosted.ts'],
    files: {
      'src/server_hosted.ts': [
        { specifier: 'node:os', class: 'builtin' },
        { specifier: `./${path.basename(imported, '.ts')}`, target: imported, line: 3, column: 21 },
      ],
      [imported]: [],
    },
    dormant: [other],
    ...extra,
  });
}

describe('stale with git history', () => {
  it('flags the import of the older variant, at the import line, naming both files, dates and the fix', async () => {
    const root = incidentProject();
    const { findings, notices } = await runStale(incidentGraph(root));
    expect(notices).toEqual([]);
    expect(findings).toEqual([
      {
        rule: 'stale',
        file: 'src/server_hosted.ts',
        line: 3,
        column: 21,
        specifier: './claude_mcp_hybrid',
        target: 'src/claude_mcp_hybrid.ts',
        chain: ['src/server_hosted.ts'],
        message:
          'src/server_hosted.ts:3 imports ./claude_mcp_hybrid (src/claude_mcp_hybrid.ts, last changed 2025-11-05), but src/claude_mcp_hybrid_sessions.ts is a newer replacement (last changed 2025-11-15, exports mcp) that nothing imports. Import the newer file, or mark one of them deprecated; if they are not versions of each other, put `// shipset-ignore stale: <reason>` on the line above the import in src/server_hosted.ts.',
      },
    ]);
  });

  it('works the same for Python (incident 1 as it happened)', async () => {
    const root = gitProject([
      {
        date: NOV5,
        files: {
          'server_hosted.py': 'import os\nfrom claude_mcp_hybrid import mcp\n',
          'claude_mcp_hybrid.py': '',
          'claude_mcp_hybrid_sessions.py': '',
          'test_claude_mcp_hybrid.py': '',
        },
      },
      { date: NOV15, files: { 'claude_mcp_hybrid_sessions.py': 'mcp = 2\n', 'claude_mcp_hybrid_test.py': '' } },
    ]);
    const graph = buildGraph({
      root,
      inGit: true,
      entries: ['server_hosted.py'],
      files: {
        'server_hosted.py': [
          { specifier: 'os', class: 'builtin' },
          { specifier: 'claude_mcp_hybrid', target: 'claude_mcp_hybrid.py', kind: 'python-import', line: 2, column: 6 },
        ],
        'claude_mcp_hybrid.py': [],
      },
      dormant: ['claude_mcp_hybrid_sessions.py', 'claude_mcp_hybrid_test.py', 'test_claude_mcp_hybrid.py'],
    });
    const { findings } = await runStale(graph);
    expect(findings.map((f) => f.message)).toEqual([
      'server_hosted.py:2 imports claude_mcp_hybrid (claude_mcp_hybrid.py, last changed 2025-11-05), but claude_mcp_hybrid_sessions.py is a newer replacement (last changed 2025-11-15, defines mcp) that nothing imports. Import the newer file, or mark one of them deprecated; if they are not versions of each other, put `# shipset-ignore stale: <reason>` on the line above the import in server_hosted.py.',
    ]);
  });

  it('passes once the entry imports the newer file (the older one is then dormant)', async () => {
    const root = incidentProject();
    expect((await runStale(incidentGraph(root, 'src/claude_mcp_hybrid_sessions.ts'))).findings).toEqual([]);
  });

  it('gives nothing when both variants are reachable', async () => {
    const root = incidentProject();
    const graph = buildGraph({
      root,
      inGit: true,
      entries: ['src/server_hosted.ts'],
      files: {
        'src/server_hosted.ts': [
          ['./claude_mcp_hybrid', 'src/claude_mcp_hybrid.ts'],
          ['./claude_mcp_hybrid_sessions', 'src/claude_mcp_hybrid_sessions.ts'],
        ],
        'src/claude_mcp_hybrid.ts': [],
        'src/claude_mcp_hybrid_sessions.ts': [],
      },
    });
    expect(await runStale(graph)).toEqual({ findings: [], notices: [] });
  });

  it('ignores a newer .test.ts / .d.ts sibling and a newer variant in another folder', async () => {
    const root = gitProject([
      { date: NOV5, files: { 'src/index.ts': "import './api';\n", 'src/api.ts': '', 'lib/api_v2.ts': '' } },
      { date: NOV15, files: { 'src/api.test.ts': '', 'src/api.d.ts': '', 'src/api.spec.ts': '', 'lib/api_v2.ts': '//\n' } },
    ]);
    const graph = buildGraph({
      root,
      inGit: true,
      entries: ['src/index.ts'],
      files: { 'src/index.ts': [['./api', 'src/api.ts']], 'src/api.ts': [] },
      dormant: ['lib/api_v2.ts', 'src/api.d.ts', 'src/api.spec.ts', 'src/api.test.ts'],
    });
    expect(await runStale(graph)).toEqual({ findings: [], notices: [] });
  });

  it('gives nothing when the unreachable variant is the older one', async () => {
    const root = gitProject([
      { date: NOV5, files: { 'src/index.ts': "import './server';\n", 'src/server-v2.ts': '' } },
      { date: NOV15, files: { 'src/server.ts': '' } },
    ]);
    const graph = buildGraph({
      root,
      inGit: true,
      entries: ['src/index.ts'],
      files: { 'src/index.ts': [['./server', 'src/server.ts']], 'src/server.ts': [] },
      dormant: ['src/server-v2.ts'],
    });
    expect(await runStale(graph)).toEqual({ findings: [], notices: [] });
  });

  it('is settled by marking either variant deprecated', async () => {
    const root = incidentProject();
    commit(root, { 'src/claude_mcp_hybrid_sessions.ts': '// DEPRECATED: experiment\nexport const mcp = 2;\n' }, '2025-11-16T12:00:00Z');
    expect((await runStale(incidentGraph(root))).findings).toEqual([]);
    const again = incidentProject();
    expect((await runStale(incidentGraph(again), { deprecated: ['src/claude_mcp_hybrid.ts'] })).findings).toEqual([]);
  });

  it('takes a word variant of an entry with nothing to compare (no importers, no exports) for no replacement', async () => {
    const root = gitProject([
      { date: NOV5, files: { 'server.js': "require('http').createServer().listen(3000);\n" } },
      { date: NOV15, files: { 'server-cluster.js': "require('cluster');\n" } },
    ]);
    const graph = buildGraph({ root, inGit: true, entries: ['server.js'], files: { 'server.js': [] }, dormant: ['server-cluster.js'] });
    expect(await runStale(graph)).toEqual({ findings: [], notices: [] });
  });

  it('puts the finding at the entry, line 1, when the entry itself is the older variant', async () => {
    const root = gitProject([
      { date: NOV5, files: { 'api-v1.js': '', 'api-v2.js': '' } },
      { date: NOV15, files: { 'api-v2.js': '// newer\n' } },
    ]);
    const graph = buildGraph({ root, inGit: true, entries: ['api-v1.js'], files: { 'api-v1.js': [] }, dormant: ['api-v2.js'] });
    const { findings } = await runStale(graph);
    expect(findings).toEqual([expect.objectContaining({ file: 'api-v1.js', line: 1, target: 'api-v1.js', chain: ['api-v1.js'] })]);
    expect(findings[0].message).toBe(
      'api-v1.js is an entry (last changed 2025-11-05), but api-v2.js is a newer replacement (last changed 2025-11-15) that nothing imports. Use the newer file as the entry, or mark one of them deprecated; if they are not versions of each other, put `// shipset-ignore stale: <reason>` in the leading comment of api-v1.js (or an `ignore` entry for it in shipset.config.json).',
    );
  });

  it('reports one finding per pair (the other import lines in sites), and the newest of several variants', async () => {
    const root = gitProject([
      { date: NOV5, files: { 'src/a.ts': '', 'src/b.ts': '', 'src/api.ts': '', 'src/api.v2.ts': '' } },
      { date: NOV15, files: { 'src/api.v3.ts': '' } },
    ]);
    const graph = buildGraph({
      root,
      inGit: true,
      entries: ['src/a.ts'],
      files: {
        'src/a.ts': [
          ['./b', 'src/b.ts'],
          ['./api', 'src/api.ts'],
        ],
        'src/b.ts': [['./api', 'src/api.ts']],
        'src/api.ts': [],
      },
      dormant: ['src/api.v2.ts', 'src/api.v3.ts'],
    });
    const { findings } = await runStale(graph);
    expect(findings.map((f) => [f.file, f.line, f.chain, f.sites])).toEqual([['src/a.ts', 2, ['src/a.ts'], [{ file: 'src/b.ts', line: 1, column: 1 }]]]);
    for (const f of findings) expect(f.message).toContain('but src/api.v3.ts is a newer replacement (last changed 2025-11-15)');
  });

  it('shows the time when both changed on the same day', async () => {
    const root = gitProject([
      { date: '2025-11-05T09:00:00Z', files: { 'src/index.ts': "import { h } from './hybrid';\n", 'src/hybrid.ts': H, 'src/hybrid_sessions.ts': H } },
      { date: '2025-11-05T17:30:00Z', files: { 'src/hybrid_sessions.ts': `//\n${H}` } },
    ]);
    const graph = buildGraph({
      root,
      inGit: true,
      entries: ['src/index.ts'],
      files: { 'src/index.ts': [['./hybrid', 'src/hybrid.ts']], 'src/hybrid.ts': [] },
      dormant: ['src/hybrid_sessions.ts'],
    });
    const [finding] = (await runStale(graph)).findings;
    expect(finding.message).toContain(
      '(src/hybrid.ts, last changed 2025-11-05 09:00 UTC), but src/hybrid_sessions.ts is a newer replacement (last changed 2025-11-05 17:30 UTC, exports h)',
    );
  });

  it('counts uncommitted changes, untracked files included, as now', async () => {
    // Committed history says the imported file is the newer one ...
    const root = gitProject([
      { date: NOV5, files: { 'src/index.ts': "import { h } from './hybrid';\n", 'src/hybrid_sessions.ts': `// old\n${H}` } },
      { date: NOV15, files: { 'src/hybrid.ts': H } },
    ]);
    const graph = buildGraph({
      root,
      inGit: true,
      entries: ['src/index.ts'],
      files: { 'src/index.ts': [['./hybrid', 'src/hybrid.ts']], 'src/hybrid.ts': [] },
      dormant: ['src/hybrid_sessions.ts'],
    });
    expect((await runStale(graph)).findings).toEqual([]);
    // ... until the variant is edited in the work tree.
    writeFiles(root, { 'src/hybrid_sessions.ts': `// edited, not committed\n${H}` });
    const [finding] = (await runStale(graph)).findings;
    expect(finding.message).toContain(
      '(src/hybrid.ts, last changed 2025-11-15), but src/hybrid_sessions.ts is a newer replacement (uncommitted changes (now), exports h)',
    );

    writeFiles(root, { 'src/hybrid-v2.ts': `// brand new, untracked\n${H}` });
    const withUntracked = { ...graph, sourceFiles: [...graph.sourceFiles, 'src/hybrid-v2.ts'].sort() };
    expect((await runStale(withUntracked)).findings).toHaveLength(1); // the newest of the two: both are "now"
  });

  it('names both dates and says the version numbers decided when both files changed in the same commit', async () => {
    const root = gitProject([
      { date: NOV5, files: { 'src/index.ts': '' } },
      { date: NOV15, files: { 'src/api.ts': '', 'src/api.v2.ts': '' } },
    ]);
    const graph = buildGraph({
      root,
      inGit: true,
      entries: ['src/index.ts'],
      files: { 'src/index.ts': [['./api', 'src/api.ts']], 'src/api.ts': [] },
      dormant: ['src/api.v2.ts'],
    });
    const { findings, notices } = await runStale(graph);
    expect(notices).toEqual([]);
    expect(findings.map((f) => f.message)).toEqual([
      'src/index.ts:1 imports ./api (src/api.ts, no version in its name, last changed 2025-11-15), but src/api.v2.ts is a newer replacement (version 2, last changed 2025-11-15) that nothing imports (both last changed at the same time: decided by the version numbers in the names). Import the newer file, or mark one of them deprecated; if they are not versions of each other, put `// shipset-ignore stale: <reason>` on the line above the import in src/index.ts.',
    ]);
  });

  it('says the version numbers decided when both files have uncommitted changes', async () => {
    const root = gitProject([{ date: NOV5, files: { 'src/index.ts': '' } }]);
    writeFiles(root, { 'src/api-v1.ts': '', 'src/api-v2.ts': '' });
    const graph = buildGraph({
      root,
      inGit: true,
      entries: ['src/index.ts'],
      files: { 'src/index.ts': [['./api-v1', 'src/api-v1.ts']], 'src/api-v1.ts': [] },
      dormant: ['src/api-v2.ts'],
    });
    const [finding] = (await runStale(graph)).findings;
    expect(finding.message).toContain(
      '(src/api-v1.ts, version 1, uncommitted changes (now)), but src/api-v2.ts is a newer replacement (version 2, uncommitted changes (now)) that nothing imports (both have uncommitted changes: decided by the version numbers in the names).',
    );
  });

  it('names the file without history when the version numbers decide for want of it', async () => {
    const root = gitProject([{ date: NOV5, files: { '.gitignore': 'src/api.v2.ts\n', 'src/index.ts': '', 'src/api.ts': '' } }]);
    writeFiles(root, { 'src/api.v2.ts': '' }); // ignored: neither committed nor uncommitted
    const graph = buildGraph({
      root,
      inGit: true,
      entries: ['src/index.ts'],
      files: { 'src/index.ts': [['./api', 'src/api.ts']], 'src/api.ts': [] },
      dormant: ['src/api.v2.ts'],
    });
    const [finding] = (await runStale(graph)).findings;
    expect(finding.message).toContain(
      '(src/api.ts, no version in its name, last changed 2025-11-05), but src/api.v2.ts is a newer replacement (version 2) that nothing imports (no commit history for src/api.v2.ts to compare: decided by the version numbers in the names).',
    );
  });

  it('a newer variant deleted from the work tree (not yet committed) is no variant', async () => {
    const root = incidentProject();
    const graph = incidentGraph(root); // still lists the variant, as git ls-files does until the deletion is committed
    expect((await runStale(graph)).findings).toHaveLength(1);
    fs.rmSync(path.join(root, 'src/claude_mcp_hybrid_sessions.ts'));
    expect(await runStale(graph)).toEqual({ findings: [], notices: [] });
    gitRun(root, ['rm', '-q', '--cached', 'src/claude_mcp_hybrid_sessions.ts']);
    expect(await runStale(graph)).toEqual({ findings: [], notices: [] });
  });

  it('an uncommitted change to the imported file makes it the newer one', async () => {
    const root = incidentProject();
    writeFiles(root, { 'src/claude_mcp_hybrid.ts': 'export const mcp = 3;\n' });
    expect(await runStale(incidentGraph(root))).toEqual({ findings: [], notices: [] });
  });
});

describe('recency from one git pass', () => {
  it('maps each file to its last commit time, for a root below the top of the repository', async () => {
    const top = gitProject([
      { date: NOV5, files: { 'app/src/a.ts': '', 'app/src/b c.ts': '', 'other/x.ts': '' } },
      { date: NOV15, files: { 'app/src/b c.ts': '//\n', 'other/x.ts': '//\n' } },
    ]);
    const root = path.join(top, 'app');
    const times = await gitCommitTimes(root, ['src/a.ts', 'src/b c.ts', 'src/none.ts']);
    expect(times).toEqual(
      new Map([
        ['src/a.ts', Date.parse(NOV5)],
        ['src/b c.ts', Date.parse(NOV15)],
      ]),
    );
    writeFiles(top, { 'app/src/a.ts': 'x', 'app/src/new.ts': '', 'other/y.ts': '' });
    gitRun(top, ['mv', 'app/src/b c.ts', 'app/src/renamed.ts']);
    expect([...(await uncommittedFiles(root))!].sort()).toEqual(['src/a.ts', 'src/new.ts', 'src/renamed.ts']);
  });

  it('leaves out files deleted in the work tree or the index: they did not change "now", they are gone', async () => {
    const root = gitProject([{ date: NOV5, files: { 'src/a.ts': '', 'src/b.ts': '', 'src/c.ts': '', 'src/d.ts': '' } }]);
    fs.rmSync(path.join(root, 'src/a.ts')); // " D": deleted in the work tree only
    gitRun(root, ['rm', '-q', 'src/b.ts']); // "D ": deletion staged
    writeFiles(root, { 'src/e.ts': '' });
    gitRun(root, ['add', 'src/e.ts']);
    fs.rmSync(path.join(root, 'src/e.ts')); // "AD": added to the index, then deleted
    writeFiles(root, { 'src/c.ts': 'edited\n' }); // " M": the one real change
    expect([...(await uncommittedFiles(root))!].sort()).toEqual(['src/c.ts']);
  });

  it('returns undefined outside git', async () => {
    expect(await gitCommitTimes(tempDir(), ['a.ts'])).toBeUndefined();
    expect(await uncommittedFiles(tempDir())).toBeUndefined();
  });
});

describe('stale without git history', () => {
  function plainProject(files: Record<string, string>): string {
    const root = tempDir();
    writeFiles(root, files);
    return root;
  }

  it('decides by the version numbers in the names when there is no git', async () => {
    const root = plainProject({ 'src/index.js': '', 'src/api-v1.js': '', 'src/api-v2.js': '' });
    const graph = buildGraph({
      root,
      inGit: false,
      entries: ['src/index.js'],
      files: { 'src/index.js': [['./api-v1.js', 'src/api-v1.js']], 'src/api-v1.js': [] },
      dormant: ['src/api-v2.js'],
    });
    const { findings, notices } = await runStale(graph);
    expect(notices).toEqual([]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ file: 'src/index.js', line: 1, target: 'src/api-v1.js' });
    expect(findings[0].message).toBe(
      'src/index.js:1 imports ./api-v1.js (src/api-v1.js, version 1), but src/api-v2.js is a newer replacement (version 2) that nothing imports (no commit history to compare: decided by the version numbers in the names). Import the newer file, or mark one of them deprecated; if they are not versions of each other, put `// shipset-ignore stale: <reason>` on the line above the import in src/index.js.',
    );
  });

  it('a lower version number in the unreachable name is not newer', async () => {
    const root = plainProject({ 'src/index.js': '', 'src/api.js': '', 'src/UserList2.js': '', 'src/UserList.js': '' });
    const graph = buildGraph({
      root,
      entries: ['src/index.js'],
      files: { 'src/index.js': [['./UserList2.js', 'src/UserList2.js']], 'src/UserList2.js': [] },
      dormant: ['src/UserList.js'],
    });
    expect(await runStale(graph)).toEqual({ findings: [], notices: [] });
  });

  it('raises no finding and says why in a notice when nothing decides', async () => {
    const root = plainProject({ 'src/index.ts': "import { h } from './hybrid';\n", 'src/hybrid.ts': H, 'src/hybrid_sessions.ts': H });
    const graph = buildGraph({
      root,
      entries: ['src/index.ts'],
      files: { 'src/index.ts': [['./hybrid', 'src/hybrid.ts']], 'src/hybrid.ts': [] },
      dormant: ['src/hybrid_sessions.ts'],
    });
    const { findings, notices } = await runStale(graph);
    expect(findings).toEqual([]);
    expect(notices).toEqual([
      'stale: cannot tell which file is newer in the variant pair src/hybrid.ts / src/hybrid_sessions.ts: the root is not in a git repository, so there is no history to compare, and the names carry no version numbers that decide. Run shipset in a git checkout of the project, or mark the one that must not ship deprecated.',
    ]);
  });
});

describe('stale in a shallow clone', () => {
  function shallowIncident(): string {
    const origin = incidentProject();
    const clone = path.join(tempDir(), 'clone');
    gitRun(path.dirname(clone), ['clone', '-q', '--depth', '1', `file://${origin}`, clone]);
    return clone;
  }

  it('without GitHub: no finding, and a notice that asks for fetch-depth: 0', async () => {
    const root = shallowIncident();
    const { findings, notices } = await runStale(incidentGraph(root));
    expect(findings).toEqual([]);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('src/claude_mcp_hybrid.ts / src/claude_mcp_hybrid_sessions.ts: the clone is shallow');
    expect(notices[0]).toContain('`fetch-depth: 0`');
  });

  it('without GitHub, an uncommitted variant is newer than a file with no known history', async () => {
    const root = shallowIncident();
    writeFiles(root, { 'src/claude_mcp_hybrid_sessions.ts': 'export const mcp = 3;\n' });
    const { findings, notices } = await runStale(incidentGraph(root));
    expect(notices).toEqual([]);
    expect(findings.map((f) => f.message)).toEqual([
      'src/server_hosted.ts:3 imports ./claude_mcp_hybrid (src/claude_mcp_hybrid.ts, last change unknown), but src/claude_mcp_hybrid_sessions.ts is a newer replacement (uncommitted changes (now), exports mcp) that nothing imports. Import the newer file, or mark one of them deprecated; if they are not versions of each other, put `// shipset-ignore stale: <reason>` on the line above the import in src/server_hosted.ts.',
    ]);
  });

  it('without GitHub, version numbers still decide', async () => {
    const origin = gitProject([{ date: NOV5, files: { 'src/index.js': '', 'src/api-v1.js': '', 'src/api-v2.js': '' } }]);
    const root = path.join(tempDir(), 'clone');
    gitRun(path.dirname(root), ['clone', '-q', '--depth', '1', `file://${origin}`, root]);
    const graph = buildGraph({
      root,
      inGit: true,
      entries: ['src/index.js'],
      files: { 'src/index.js': [['./api-v1.js', 'src/api-v1.js']], 'src/api-v1.js': [] },
      dormant: ['src/api-v2.js'],
    });
    const { findings, notices } = await runStale(graph);
    expect(notices).toEqual([]);
    expect(findings.map((f) => f.target)).toEqual(['src/api-v1.js']);
  });

  describe('with GitHub: asks the API for just the variant files', () => {
    const requests: Array<{ url: string; auth?: string }> = [];
    let fail = false;
    const server = http.createServer((req, res) => {
      requests.push({ url: req.url!, auth: req.headers.authorization });
      const url = new URL(req.url!, 'http://127.0.0.1');
      const file = url.searchParams.get('path');
      const date = file === 'src/claude_mcp_hybrid_sessions.ts' ? NOV15 : NOV5;
      if (fail || !url.pathname.startsWith('/repos/acme/svc/commits')) {
        res.writeHead(fail ? 500 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: fail ? 'server error' : 'Not Found' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify([{ sha: 'abc', commit: { committer: { date }, author: { date } } }]));
    });
    let apiUrl = '';

    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('flags the stale import with dates from the API', async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const root = shallowIncident();
      const head = gitRun(root, ['rev-parse', 'HEAD']).trim();
      const { findings, notices } = await runStale(incidentGraph(root), {
        commitTimes: githubCommitLookup({ token: 't0ken', owner: 'acme', repo: 'svc', apiUrl }),
      });
      expect(notices).toEqual([]);
      expect(findings).toHaveLength(1);
      expect(findings[0].message).toContain(
        '(src/claude_mcp_hybrid.ts, last changed 2025-11-05), but src/claude_mcp_hybrid_sessions.ts is a newer replacement (last changed 2025-11-15, exports mcp)',
      );
      const asked = requests
        .map((r) => new URL(r.url, apiUrl))
        .map((u) => [u.pathname, u.searchParams.get('path'), u.searchParams.get('per_page'), u.searchParams.get('sha')]);
      expect(asked.sort()).toEqual([
        ['/repos/acme/svc/commits', 'src/claude_mcp_hybrid.ts', '1', head],
        ['/repos/acme/svc/commits', 'src/claude_mcp_hybrid_sessions.ts', '1', head],
      ]);
      expect(requests.every((r) => r.auth === 'token t0ken')).toBe(true);
    });

    it('when the API fails: no finding, and a notice naming the error and the fix', async () => {
      fail = true;
      const root = shallowIncident();
      const { findings, notices } = await runStale(incidentGraph(root), {
        commitTimes: githubCommitLookup({ token: 't', owner: 'acme', repo: 'svc', apiUrl }),
      });
      expect(findings).toEqual([]);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toContain('the clone is shallow and the commit lookup gave no commit for them (server error)');
      expect(notices[0]).toContain('`fetch-depth: 0`');
    });
  });
});

describe('stale asks nothing when there are no variants', () => {
  it('never reads history for a project without variant pairs', async () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, 'index.ts'), '');
    const graph = buildGraph({ root, inGit: true, entries: ['index.ts'], files: { 'index.ts': [] }, dormant: ['other.ts'] });
    expect(await runStale(graph)).toEqual({ findings: [], notices: [] });
  });
});
