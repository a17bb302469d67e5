// End to end through the CLI's main(argv, io) in-process, on fixture projects with real git
// history: acceptance scenarios (docs/design.md) A, B (broken variant), C and E. The first case of A, the no-TTY
// output and one usage error also run a copy of dist/cli.js with no node_modules (what users run).
import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import type { Manifest } from '../../src/core/types.js';
import { runCli } from '../helpers/cli.js';
import { runCli as runDistCli } from '../helpers/dist.js';
import { cleanupFixtures, commit, gitProject, gitRun, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

const json = (stdout: string) => JSON.parse(stdout) as Manifest;

/** Incident 1 in TypeScript: the entry imports the older of two variants. */
function staleProject(): string {
  return gitProject([
    {
      date: '2025-11-05T09:00:00Z',
      files: {
        'package.json': JSON.stringify({ name: 'mcp', type: 'module', main: 'src/server_hosted.ts', dependencies: {} }),
        'src/server_hosted.ts':
          "import { createServer } from 'node:http';\n// the hosted entry\nimport { mcp } from './claude_mcp_hybrid.js';\ncreateServer(() => mcp());\n",
        'src/claude_mcp_hybrid.ts': 'export const mcp = () => 1;\n',
      },
    },
    {
      date: '2025-11-15T09:00:00Z',
      files: { 'src/claude_mcp_hybrid_sessions.ts': 'export const mcp = () => 2; // with sessions\n' },
    },
  ]);
}

describe('scenario A: production imports the stale variant', () => {
  it('fails with a stale finding at the import line naming both files and dates, and writes no tarball', async () => {
    const root = staleProject();
    const out = path.join(tempDir(), 'out.tar.gz');
    const r = runDistCli(['pack', 'src/server_hosted.ts', '--root', root, '--out', out, '--json'], root); // dist/: what users run
    expect(r.status).toBe(1);
    const m = json(r.stdout);
    const stale = m.findings.filter((f) => f.rule === 'stale');
    expect(stale).toHaveLength(1);
    expect(stale[0]).toMatchObject({
      level: 'error',
      file: 'src/server_hosted.ts',
      line: 3,
      target: 'src/claude_mcp_hybrid.ts',
      chain: ['src/server_hosted.ts'],
    });
    expect(stale[0].message).toContain('src/claude_mcp_hybrid_sessions.ts');
    expect(stale[0].message).toContain('2025-11-05');
    expect(stale[0].message).toContain('2025-11-15');
    expect(m.tarball).toBeNull();
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(path.dirname(out))).toEqual([]);
  });

  it('removes a tarball left by an earlier run, so a later CI step cannot upload it', async () => {
    const root = staleProject();
    const out = path.join(tempDir(), 'shipset.tar.gz');
    fs.writeFileSync(out, 'last week');
    const r = await runCli(['pack', '--root', root, '--out', out, '--json'], root);
    expect(r.status).toBe(1);
    expect(fs.existsSync(out)).toBe(false);
    expect(json(r.stdout).notices.join('\n')).toContain('Removed the earlier');
  });

  it('passes once the entry imports the newer file, and the older one is dormant', async () => {
    const root = staleProject();
    commit(root, { 'src/server_hosted.ts': "import { mcp } from './claude_mcp_hybrid_sessions.js';\nmcp();\n" }, '2025-11-16T09:00:00Z');
    const r = await runCli(['check', '--root', root, '--json'], root);
    expect(r.status).toBe(0);
    const m = json(r.stdout);
    expect(m.findings).toEqual([]);
    expect(m.dormant).toEqual(['src/claude_mcp_hybrid.ts']);
    expect(m.files.map((f) => f.path)).toEqual(['package.json', 'src/claude_mcp_hybrid_sessions.ts', 'src/server_hosted.ts']);
  });

  it('prints a verdict line, the finding with file:line and chain, and no colour without a TTY', async () => {
    const root = staleProject();
    // dist/ writing to a pipe: the no-TTY, no-colour decision is the real process's.
    const r = runDistCli(['check', 'src/server_hosted.ts', '--root', root], root, { NO_COLOR: undefined });
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')[0]).toMatch(/^✖ shipset: FAIL — 3 files ship, 1 dormant, 1 error, 0 warnings$/);
    expect(r.stdout).toContain('src/server_hosted.ts:3');
    expect(r.stdout).not.toContain('\u001b[');
    expect(r.stderr).toBe('');
  });
});

describe('scenario B: dormant files with broken imports', () => {
  const backend = () =>
    gitProject([
      {
        date: '2025-10-01T09:00:00Z',
        files: {
          'package.json': JSON.stringify({ name: 'api', type: 'module', main: 'src/index.js', dependencies: { hono: '^4' } }),
          'package-lock.json': '{"lockfileVersion": 3}',
          'src/index.js':
            "import { Hono } from 'hono';\nimport { health } from './routes/health.js';\nconst app = new Hono();\napp.get('/health', health);\nexport default app;\n",
          'src/routes/health.js': 'export const health = (c) => c.json({ ok: true });\n',
          'src/experimental/queue.js': "import { redis } from '../config/redis.js';\nexport const q = redis;\n",
          'src/legacy/users.js': "import { db } from '../db.js';\nimport { Router } from 'hono';\nexport const r = db;\n",
        },
      },
    ]);

  it('passes: the dormant broken files are not part of what runs', async () => {
    const root = backend();
    const r = await runCli(['check', '--root', root, '--json'], root);
    expect(r.status).toBe(0);
    const m = json(r.stdout);
    expect(m.files.map((f) => [f.path, f.reason])).toEqual([
      ['package-lock.json', 'include'],
      ['package.json', 'include'],
      ['src/index.js', 'entry'],
      ['src/routes/health.js', 'import'],
    ]);
    expect(m.dormant).toEqual(['src/experimental/queue.js', 'src/legacy/users.js']);
    expect(m.packages).toEqual({ hono: ['src/index.js'] });
  });

  it('fails with an unresolved finding at the file and line once the entry imports a broken file', async () => {
    const root = backend();
    commit(
      root,
      { 'src/index.js': "import { Hono } from 'hono';\nimport { q } from './experimental/queue.js';\nexport default new Hono();\n" },
      '2025-10-02T09:00:00Z',
    );
    const r = await runCli(['check', '--root', root, '--json'], root);
    expect(r.status).toBe(1);
    const unresolved = json(r.stdout).findings.filter((f) => f.rule === 'unresolved');
    expect(unresolved).toEqual([
      expect.objectContaining({
        level: 'error',
        file: 'src/experimental/queue.js',
        line: 1,
        specifier: '../config/redis.js',
        chain: ['src/index.js', 'src/experimental/queue.js'],
      }),
    ]);
  });
});

describe('scenario C: a file shadows a folder', () => {
  it('warns that prompts.ts runs and prompts/index.ts is shadowed, and still passes', async () => {
    const root = gitProject([
      {
        date: '2025-09-01T09:00:00Z',
        files: {
          'package.json': '{"name":"c","dependencies":{}}',
          'src/main.ts': "import { render } from './prompts';\nrender();\n",
          'src/prompts.ts': 'export const render = () => 1;\n',
          'src/prompts/index.ts': "export { render } from './renderer.js';\n",
          'src/prompts/renderer.ts': 'export const render = () => 2;\n',
        },
      },
    ]);
    const r = await runCli(['check', 'src/main.ts', '--root', root, '--json'], root);
    expect(r.status).toBe(0);
    const m = json(r.stdout);
    const shadowed = m.findings.filter((f) => f.rule === 'shadowed');
    expect(shadowed).toHaveLength(1);
    expect(shadowed[0]).toMatchObject({ level: 'warn', file: 'src/main.ts', line: 1, target: 'src/prompts.ts' });
    expect(shadowed[0].message).toContain('src/prompts/index.ts');
    expect(m.dormant).toEqual(['src/prompts/index.ts', 'src/prompts/renderer.ts']);
  });
});

describe('scenario E: bad input never crashes', () => {
  const project = () => {
    const root = tempDir();
    writeFiles(root, { 'package.json': '{"name":"e"}', 'src/index.ts': "import './b.js';\n", 'src/b.ts': 'export const x = ;\n' });
    return root;
  };
  const cases: Array<[string, (root: string) => string[], RegExp]> = [
    ['a missing entry', (root) => ['check', 'src/nope.ts', '--root', root], /entry 'src\/nope\.ts' does not exist/],
    ['an entry outside the root', (root) => ['check', '../elsewhere.ts', '--root', root], /outside the root/],
    ['an unknown rule', (root) => ['check', 'src/index.ts', '--root', root, '--rule', 'nonsense=warn'], /unknown rule 'nonsense'/],
    ['an unknown level', (root) => ['check', 'src/index.ts', '--root', root, '--rule', 'stale=loud'], /unknown level 'loud'/],
    ['lowering outside-root', (root) => ['check', 'src/index.ts', '--root', root, '--rule', 'outside-root=off'], /cannot be lowered/],
    ['a missing tsconfig', (root) => ['check', 'src/index.ts', '--root', root, '--tsconfig', 'nope.json'], /--tsconfig: 'nope.json' does not exist/],
    ['an unknown flag', (root) => ['check', 'src/index.ts', '--root', root, '--frob'], /Unknown option '--frob'/],
    ['no entry and no main', (root) => ['check', '--root', root], /no 'main' or 'bin'/],
    ['a missing root', (root) => ['check', 'x.ts', '--root', path.join(root, 'nope')], /does not exist/],
  ];
  it.each(cases)('%s: one clear line, exit 2', async (name, args, message) => {
    const root = project();
    // The first case also through dist/: a usage error is one line and exit 2 from the real process.
    const r = name === 'a missing entry' ? runDistCli(args(root), root) : await runCli(args(root), root);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('broken tsconfig JSON: names the file and line, exit 2', async () => {
    const root = project();
    fs.writeFileSync(path.join(root, 'tsconfig.json'), '{\n  "compilerOptions": {\n    "paths": { "@/*": ["src/*"] \n}\n');
    const r = await runCli(['check', 'src/index.ts', '--root', root], root);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^shipset: tsconfig\.json:\d+:\d+: invalid tsconfig: /);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a file with a syntax error is an unparseable finding, not a crash', async () => {
    const root = project();
    const r = await runCli(['check', 'src/index.ts', '--root', root, '--json'], root);
    expect(r.status).toBe(1);
    const m = json(r.stdout);
    expect(m.findings).toEqual([
      expect.objectContaining({ rule: 'unparseable', level: 'error', file: 'src/b.ts', line: 1, chain: ['src/index.ts', 'src/b.ts'] }),
    ]);
  });

  it('a folder that is not a git repository still runs: version numbers decide, else a notice says what to do', async () => {
    const root = tempDir();
    // Each newer file provides what index.js takes from the older one (so each is a replacement).
    writeFiles(root, {
      'index.js': "const { run } = require('./a');\nconst { go } = require('./b');\n",
      'a.js': 'exports.run = () => 1;\n',
      'a_v2.js': 'exports.run = () => 2;\n',
      'b.js': 'exports.go = 1;\n',
      'b_sessions.js': 'exports.go = 2;\n',
    });
    const r = await runCli(['check', 'index.js', '--root', root, '--json'], root);
    expect(r.status).toBe(1);
    const m = json(r.stdout);
    expect(m.notices.join('\n')).toMatch(/not inside a git repository/);
    expect(m.dormant).toEqual(['a_v2.js', 'b_sessions.js']);
    // a_v2 is newer by its version number; b vs b_sessions cannot be judged without git.
    expect(m.findings.map((f) => [f.rule, f.file, f.line, f.target])).toEqual([['stale', 'index.js', 1, 'a.js']]);
    expect(m.notices.join('\n')).toMatch(/b_sessions\.js/);
  });

  it('a shallow clone still runs, and says that fetch-depth: 0 is needed to judge recency', async () => {
    const origin = staleProject();
    gitRun(origin, ['commit', '-q', '--allow-empty', '-m', 'later'], '2025-11-20T09:00:00Z');
    const clone = path.join(tempDir(), 'clone');
    gitRun(path.dirname(clone), ['clone', '-q', '--depth', '1', `file://${origin}`, clone]);
    const r = await runCli(['check', 'src/server_hosted.ts', '--root', clone, '--json'], clone);
    expect(r.status).toBe(0);
    const m = json(r.stdout);
    expect(m.findings.filter((f) => f.rule === 'stale')).toEqual([]);
    expect(m.notices.join('\n')).toMatch(/fetch-depth: 0/);
  });
});

describe('secrets', () => {
  it('never packs an imported .env file unless include names it exactly; check says so before pack', async () => {
    const root = gitProject([
      {
        date: '2025-09-01T09:00:00Z',
        files: { 'package.json': '{"name":"s","main":"index.js"}', 'index.js': "const c = require('./.env.json');\n", '.env.json': '{"KEY":"secret"}' },
      },
    ]);
    const check = await runCli(['check', '--root', root, '--json'], root);
    expect(check.status).toBe(1);
    const finding = json(check.stdout).findings[0];
    expect(finding).toMatchObject({ rule: 'unresolved', level: 'error', file: 'index.js', line: 1, target: '.env.json' });
    expect(finding.message).toMatch(/looks like a secret/);
    expect(json(check.stdout).files.map((f) => f.path)).toEqual(['index.js', 'package.json']);

    const out = path.join(tempDir(), 'app.tar.gz');
    const pack = await runCli(['pack', '--root', root, '--out', out, '--include', '.env.json', '--include', 'package.json', '--json'], root);
    expect(pack.status).toBe(0);
    expect(json(pack.stdout).files.map((f) => f.path)).toEqual(['.env.json', 'index.js', 'package.json']);
  });
});

describe('manifest and housekeeping', () => {
  it('--json prints the schema-2 manifest; --manifest writes it; nothing else is left in the project', async () => {
    const root = staleProject();
    const manifestFile = path.join(tempDir(), 'm', 'shipset.json');
    const r = await runCli(['check', '--root', root, '--json', '--manifest', manifestFile, '--rule', 'stale=warn'], root);
    expect(r.status).toBe(0);
    const m = json(r.stdout);
    expect(JSON.parse(fs.readFileSync(manifestFile, 'utf8'))).toEqual(m);
    expect(Object.keys(m)).toEqual([
      'schema',
      'tool',
      'root',
      'entries',
      'runtime',
      'files',
      'typeOnly',
      'dormant',
      'packages',
      'findings',
      'notices',
      'tarball',
    ]);
    // A TypeScript entry with no start script is run with tsx (the runtime is inferred, and a notice says so).
    expect(m).toMatchObject({
      schema: 2,
      runtime: 'tsx',
      typeOnly: [],
      tool: { name: 'shipset' },
      root: '.',
      entries: ['src/server_hosted.ts'],
      tarball: null,
    });
    const entry = m.files.find((f) => f.path === 'src/server_hosted.ts')!;
    const bytes = fs.readFileSync(path.join(root, 'src/server_hosted.ts'));
    expect(entry).toMatchObject({ reason: 'entry', bytes: bytes.length, via: null });
    expect(entry).not.toHaveProperty('chain');
    expect(entry.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(m.findings[0]).toMatchObject({ rule: 'stale', level: 'warn', sites: [], suppressed: null });
    expect(gitRun(root, ['status', '--porcelain', '--ignored'])).toBe('');
  });
});
