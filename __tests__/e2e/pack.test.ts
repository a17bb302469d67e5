// `shipset pack` end to end through the CLI in-process (scenario B's pack through a copy of
// dist/cli.js with no node_modules), on fixture
// projects with real git history: acceptance scenarios (docs/design.md) B (the packed backend starts and
// answers) and D (byte-identical tarballs), and refusals that leave nothing behind.
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as tar from 'tar';
import type { Manifest } from '../../src/core/types.js';
import { runCli } from '../helpers/cli.js';
import { runCli as runDistCli } from '../helpers/dist.js';
import { startAndGet as startService } from '../helpers/deploy.js';
import { cleanupFixtures, commit, copyFixture, gitInit, gitRun, tempDir } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

const json = (stdout: string) => JSON.parse(stdout) as Manifest;
const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** What index.js reaches in __fixtures__/e2e/backend, plus the default includes. */
const SHIPPED = [
  'package-lock.json',
  'package.json',
  'src/config/settings.json',
  'src/index.js',
  'src/lib/log.js',
  'src/lib/respond.js',
  'src/routes/health.js',
  'src/routes/index.js',
  'src/routes/orders.js',
];
const DORMANT = ['src/experimental/queue.js', 'src/legacy/sessions.js', 'src/legacy/users.js'];
const HEAD_DATE = '2025-10-01T09:00:00Z';

/** Incident 2's backend: the dormant broken files were committed first, the live service later. */
function backend(): string {
  const root = copyFixture('e2e/backend'); // cpSync keeps bin/serve.sh executable
  gitInit(root);
  gitRun(root, ['add', 'src/legacy', 'src/experimental']);
  gitRun(root, ['commit', '-q', '-m', 'old code'], '2025-06-01T09:00:00Z');
  gitRun(root, ['add', '-A']);
  gitRun(root, ['commit', '-q', '-m', 'orders service'], HEAD_DATE);
  return root;
}

/** `tar -tzf`: the entry names as GNU tar reads them, in archive order. */
const gnuNames = (tgz: string) => execFileSync('tar', ['-tzf', tgz], { encoding: 'utf8' }).trim().split('\n');

function walk(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const abs = path.join(dir, e.name);
    return e.isDirectory() ? walk(abs, base) : [path.relative(base, abs).split(path.sep).join('/')];
  });
}

/** Start `node src/index.js` in `dir` (the fixture's start command) and request `pathname` until it answers. */
const startAndGet = (dir: string, pathname: string) => startService(dir, [process.execPath, 'src/index.js'], pathname);

describe('scenario B: an ESM backend with dormant broken files', () => {
  it('packs exactly the reachable files plus package.json/lockfile, and the unpacked tarball serves /health', async () => {
    const root = backend();
    const out = path.join(tempDir(), 'orders-api.tar.gz');
    const r = runDistCli(['pack', '--root', root, '--out', out, '--json'], root); // dist/: what users run
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const m = json(r.stdout);
    expect(m.entries).toEqual(['src/index.js']);
    expect(m.findings).toEqual([]);
    expect(m.files.map((f) => f.path)).toEqual(SHIPPED);
    expect(m.dormant).toEqual(DORMANT);
    const contentSha256 = createHash('sha256')
      .update(zlib.gunzipSync(fs.readFileSync(out)))
      .digest('hex');
    expect(m.tarball).toEqual({ path: out, bytes: fs.statSync(out).size, sha256: sha256(out), contentSha256 });
    expect(gnuNames(out)).toEqual(SHIPPED);

    const unpacked = tempDir();
    execFileSync('tar', ['-xzf', out, '-C', unpacked]);
    expect(walk(unpacked).sort()).toEqual(SHIPPED);
    for (const file of m.files) expect(sha256(path.join(unpacked, file.path))).toBe(file.sha256);

    const health = await startAndGet(unpacked, '/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ status: 'healthy', service: 'orders-api' });
    expect(health.output).toContain('listening on');
  });

  it('fails with an unresolved finding at the broken file and line once the entry imports it, and writes no tarball', async () => {
    const root = backend();
    const entry = fs.readFileSync(path.join(root, 'src/index.js'), 'utf8');
    commit(
      root,
      {
        'src/index.js': entry.replace(
          "import { log } from './lib/log.js';\n",
          "import { log } from './lib/log.js';\nimport { users } from './legacy/users.js';\n",
        ),
      },
      '2025-10-02T09:00:00Z',
    );
    const outDir = tempDir();
    const out = path.join(outDir, 'orders-api.tar.gz');
    const r = await runCli(['pack', '--root', root, '--out', out, '--json'], root);
    expect(r.status).toBe(1);
    const m = json(r.stdout);
    const unresolved = m.findings.filter((f) => f.rule === 'unresolved');
    // Every broken import at once, not one per deploy.
    expect(unresolved.map((f) => [f.level, f.file, f.line, f.specifier])).toEqual([
      ['error', 'src/legacy/users.js', 2, '../config/database.js'],
      ['error', 'src/legacy/users.js', 3, '../db.js'],
    ]);
    expect(unresolved[0].chain).toEqual(['src/index.js', 'src/legacy/users.js']);
    expect(m.tarball).toBeNull();
    expect(fs.readdirSync(outDir)).toEqual([]);
  });
});

describe('scenario D: the same inputs give the same bytes', () => {
  const includes = ['--include', 'package.json', '--include', 'package-lock.json', '--include', 'bin/*'];

  it('packs byte-identical tarballs across touched mtimes and chmod noise, with sorted, normalised entries', async () => {
    const root = backend();
    const out = path.join(tempDir(), 'app.tar.gz');
    const args = ['pack', '--root', root, '--out', out, '--json', ...includes];
    const first = await runCli(args, root);
    expect(first.status).toBe(0);
    const m1 = json(first.stdout);
    const bytes1 = fs.readFileSync(out);
    expect(m1.tarball!.sha256).toBe(sha256(out));

    // Touch every file and change modes without changing "executable or not".
    const later = new Date('2031-02-03T04:05:06Z');
    for (const rel of walk(root).filter((p) => !p.startsWith('.git/'))) {
      const abs = path.join(root, rel);
      fs.utimesSync(abs, later, later);
      fs.chmodSync(abs, rel === 'bin/serve.sh' ? 0o700 : rel.endsWith('.json') ? 0o600 : 0o664);
    }
    const second = await runCli(args, root);
    expect(second.status).toBe(0);
    const m2 = json(second.stdout);
    expect(m2.tarball!.sha256).toBe(m1.tarball!.sha256);
    expect(sha256(out)).toBe(m1.tarball!.sha256);
    expect(fs.readFileSync(out).equals(bytes1)).toBe(true);

    const headCommit = Number(gitRun(root, ['log', '-1', '--format=%ct']).trim());
    expect(new Date(headCommit * 1000).toISOString()).toBe('2025-10-01T09:00:00.000Z');
    const headers: Array<{ path: string; type: string; mode?: number; uid?: number; gid?: number; uname?: string; gname?: string; mtime?: Date }> = [];
    await tar.list({
      file: out,
      onReadEntry: (e) => headers.push({ path: e.path, type: e.type, mode: e.mode, uid: e.uid, gid: e.gid, uname: e.uname, gname: e.gname, mtime: e.mtime }),
    });
    const expected = ['bin/serve.sh', ...SHIPPED];
    expect(headers.map((h) => h.path)).toEqual(expected);
    expect([...expected].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(expected); // code-unit order
    for (const h of headers) {
      expect(h).toEqual({
        path: h.path,
        type: 'File',
        mode: h.path === 'bin/serve.sh' ? 0o755 : 0o644,
        uid: 0,
        gid: 0,
        uname: '',
        gname: '',
        mtime: new Date(headCommit * 1000),
      });
    }
    const gnu = execFileSync('tar', ['-tzvf', out, '--numeric-owner', '--full-time'], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } })
      .trim()
      .split('\n');
    expect(gnu[0]).toMatch(/^-rwxr-xr-x 0\/0 +\d+ 2025-10-01 09:00:00 bin\/serve\.sh$/);
    for (const line of gnu.slice(1)) expect(line).toMatch(/^-rw-r--r-- 0\/0 +\d+ 2025-10-01 09:00:00 \S+$/);
  });

  it('stamps SOURCE_DATE_EPOCH when it is set', async () => {
    const root = backend();
    const out = path.join(tempDir(), 'app.tar.gz');
    const r = await runCli(['pack', '--root', root, '--out', out, ...includes], root, { SOURCE_DATE_EPOCH: '1700000000' });
    expect(r.status).toBe(0);
    const mtimes = new Set<number>();
    await tar.list({ file: out, onReadEntry: (e) => mtimes.add(e.mtime!.getTime()) });
    expect([...mtimes]).toEqual([1700000000 * 1000]);
  });
});

describe('pack refuses a failing set and leaves nothing behind', () => {
  it('a stale import (incident 1): exit 1, a stale finding, tarball null, no file or temp file in the output folder', async () => {
    const root = tempDir();
    gitInit(root);
    commit(
      root,
      {
        'package.json': JSON.stringify({ name: 'mcp', type: 'module', main: 'src/server_hosted.js' }),
        'src/server_hosted.js':
          "import { createServer } from 'node:http';\nimport { mcp } from './claude_mcp_hybrid.js';\ncreateServer(() => mcp()).listen(8080);\n",
        'src/claude_mcp_hybrid.js': 'export const mcp = () => 1;\n',
      },
      '2025-11-05T09:00:00Z',
    );
    commit(root, { 'src/claude_mcp_hybrid_sessions.js': 'export const mcp = () => 2; // with sessions\n' }, '2025-11-15T09:00:00Z');
    const outDir = tempDir();
    const manifestFile = path.join(tempDir(), 'shipset.json');
    // A folder that does not exist yet: the one made for the tarball must go too.
    const out = path.join(outDir, 'release', 'mcp.tar.gz');
    const r = await runCli(['pack', '--root', root, '--out', out, '--manifest', manifestFile], root);
    expect(r.status).toBe(1);
    const m = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
    expect(m.findings.map((f) => [f.rule, f.level, f.file, f.line, f.target])).toEqual([
      ['stale', 'error', 'src/server_hosted.js', 2, 'src/claude_mcp_hybrid.js'],
    ]);
    expect(m.findings[0].message).toContain('src/claude_mcp_hybrid_sessions.js');
    expect(m.tarball).toBeNull();
    expect(r.stdout).toContain('src/server_hosted.js:2');
    expect(fs.readdirSync(outDir)).toEqual([]);
    expect(gitRun(root, ['status', '--porcelain', '--ignored'])).toBe('');
  });

  it('--exclude of an imported file: an unresolved finding at each importing file:line, and no tarball', async () => {
    const root = backend();
    const outDir = tempDir();
    const r = await runCli(['pack', '--root', root, '--out', path.join(outDir, 'app.tar.gz'), '--exclude', 'src/lib/respond.js', '--json'], root);
    expect(r.status).toBe(1);
    const m = json(r.stdout);
    expect(m.findings.map((f) => [f.rule, f.level, f.file, f.line, f.target])).toEqual([
      ['unresolved', 'error', 'src/routes/health.js', 1, 'src/lib/respond.js'],
      ['unresolved', 'error', 'src/routes/orders.js', 1, 'src/lib/respond.js'],
    ]);
    expect(m.findings[0].message).toMatch(/^src\/routes\/health\.js:1 imports \.\.\/lib\/respond\.js .*exclude glob 'src\/lib\/respond\.js'/);
    expect(m.tarball).toBeNull();
    expect(fs.readdirSync(outDir)).toEqual([]);
  });
});

describe('--prefix', () => {
  it('puts every entry under the folder, and the unpacked folder serves /health', async () => {
    const root = backend();
    const out = path.join(tempDir(), 'app.tar.gz');
    const r = await runCli(['pack', '--root', root, '--out', out, '--prefix', 'app'], root);
    expect(r.status).toBe(0);
    expect(gnuNames(out)).toEqual(SHIPPED.map((p) => `app/${p}`));
    const unpacked = tempDir();
    execFileSync('tar', ['-xzf', out, '-C', unpacked]);
    expect(fs.readdirSync(unpacked)).toEqual(['app']);
    const health = await startAndGet(path.join(unpacked, 'app'), '/health');
    expect(health.status).toBe(200);
  });
});
