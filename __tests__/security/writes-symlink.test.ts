// Outputs are never written through a link a pull request committed, nor over the project's own
// files, nor (action) outside the workspace. The victim file stays byte for byte the same, the
// run fails with one line naming the path and the fix (CLI: exit 2), and no temp file is left.
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { runAction } from '../helpers/action.js';
import { runCli } from '../helpers/cli.js';
import { cleanupFixtures, tempDir, writeFiles } from '../helpers/fixture.js';
import { checkWriteTarget, writeFileSafely, type WriteTarget } from '../../src/core/safe-write.js';
import { UsageError } from '../../src/core/types.js';

afterAll(cleanupFixtures);

const VICTIM = 'precious victim content\n';
const SOURCE = "import './lib.js';\nconsole.log('app');\n";

function workspace(): string {
  const ws = tempDir('shipset-ws-');
  writeFiles(ws, {
    'package.json': '{"name":"app","version":"1.0.0","type":"module"}',
    'src/index.js': SOURCE,
    'src/lib.js': 'export {};\n',
    '.git/config': '[core]\n\tbare = false\n',
  });
  return ws;
}

function victim(): string {
  const dir = tempDir('shipset-victim-');
  const file = path.join(dir, 'victim');
  fs.writeFileSync(file, VICTIM);
  return file;
}

async function action(ws: string, inputs: Record<string, string>): Promise<{ status: number; stdout: string; outputs: string }> {
  const io = tempDir('shipset-runner-');
  const outputFile = path.join(io, 'output');
  fs.writeFileSync(outputFile, '');
  const env: NodeJS.ProcessEnv = {
    GITHUB_WORKSPACE: ws,
    GITHUB_OUTPUT: outputFile,
    'INPUT_GITHUB-TOKEN': '',
    INPUT_PACK: 'true',
    SOURCE_DATE_EPOCH: '1700000000',
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const r = await runAction(ws, env);
  return { status: r.status, stdout: r.stdout + r.stderr, outputs: fs.readFileSync(outputFile, 'utf8') };
}

function tempFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.tmp'));
}

describe('the action never writes through a link the pull request committed', () => {
  it.each([
    ['relative (../../victim)', (ws: string, target: string) => path.relative(ws, target)],
    ['absolute (/tmp/.../victim)', (_ws: string, target: string) => target],
  ])('shipset.json (the default manifest path) as a symlink, %s: victim unchanged, step fails naming the link', async (_name, to) => {
    const ws = workspace();
    const target = victim();
    fs.symlinkSync(to(ws, target), path.join(ws, 'shipset.json'));
    const r = await action(ws, { entry: 'src/index.js' });
    expect(r.status).not.toBe(0);
    expect(r.stdout).toContain('::error::input manifest: shipset.json is a symbolic link');
    expect(r.stdout).toContain('shipset never writes through a link');
    expect(r.stdout).not.toContain('internal error');
    expect(fs.readFileSync(target, 'utf8')).toBe(VICTIM);
    expect(fs.lstatSync(path.join(ws, 'shipset.json')).isSymbolicLink()).toBe(true);
    expect(fs.existsSync(path.join(ws, 'shipset.tar.gz'))).toBe(false);
    expect(tempFiles(ws)).toEqual([]);
  });

  it('the tarball path as a symlink: victim unchanged', async () => {
    const ws = workspace();
    const target = victim();
    fs.symlinkSync(target, path.join(ws, 'shipset.tar.gz'));
    const r = await action(ws, { entry: 'src/index.js' });
    expect(r.status).not.toBe(0);
    expect(r.stdout).toContain('::error::input tarball: shipset.tar.gz is a symbolic link');
    expect(fs.readFileSync(target, 'utf8')).toBe(VICTIM);
  });

  it('a symlinked folder on the way (out -> outside folder): nothing is created there', async () => {
    const ws = workspace();
    const outside = path.dirname(victim());
    fs.symlinkSync(outside, path.join(ws, 'out'));
    const r = await action(ws, { entry: 'src/index.js', manifest: 'out/shipset.json' });
    expect(r.status).not.toBe(0);
    expect(r.stdout).toContain('::error::input manifest: out/shipset.json is under out, which is a symbolic link');
    expect(fs.readdirSync(outside)).toEqual(['victim']);
  });

  it.each([
    ['.git/config', 'is inside a .git folder'],
    ['src/index.js', 'is an existing file that is not a shipset manifest'],
    ['package.json', 'is an existing file that is not a shipset manifest'],
    ['../outside.json', 'is outside the workspace'],
  ])('manifest: %s is refused and left unchanged', async (manifest, reason) => {
    const ws = workspace();
    const before = fs.existsSync(path.resolve(ws, manifest)) ? fs.readFileSync(path.resolve(ws, manifest), 'utf8') : undefined;
    const r = await action(ws, { entry: 'src/index.js', manifest });
    expect(r.status).not.toBe(0);
    expect(r.stdout).toContain(`::error::input manifest: `);
    expect(r.stdout).toContain(reason);
    if (before !== undefined) expect(fs.readFileSync(path.resolve(ws, manifest), 'utf8')).toBe(before);
    else expect(fs.existsSync(path.resolve(ws, manifest))).toBe(false);
    expect(fs.existsSync(path.join(ws, 'shipset.tar.gz'))).toBe(false);
  });

  it('a normal run still writes both outputs as regular files, and replaces its own earlier manifest', async () => {
    const ws = workspace();
    let outputs = '';
    for (let i = 0; i < 2; i++) {
      const r = await action(ws, { entry: 'src/index.js' });
      expect(r.stdout).not.toContain('::error::');
      expect(r.status).toBe(0);
      outputs = r.outputs;
    }
    expect(fs.lstatSync(path.join(ws, 'shipset.json')).isFile()).toBe(true);
    const tarball = JSON.parse(fs.readFileSync(path.join(ws, 'shipset.json'), 'utf8')).tarball;
    expect(tarball.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(tarball.contentSha256).toBe(
      createHash('sha256')
        .update(zlib.gunzipSync(fs.readFileSync(path.join(ws, 'shipset.tar.gz'))))
        .digest('hex'),
    );
    // The action output content-sha256 carries the same digest.
    expect(outputs).toMatch(new RegExp(`^content-sha256<<(\\S+)\n${tarball.contentSha256}\n\\1$`, 'm'));
    expect(fs.lstatSync(path.join(ws, 'shipset.tar.gz')).isFile()).toBe(true);
    expect(tempFiles(ws)).toEqual([]);
  });
});

describe('the CLI never writes through a link, over a source, or into .git', () => {
  it('--manifest through a symlink: exit 2, one line, victim unchanged', async () => {
    const ws = workspace();
    const target = victim();
    fs.symlinkSync(target, path.join(ws, 'shipset.json'));
    const r = await runCli(['check', 'src/index.js', '--manifest', 'shipset.json'], ws);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('shipset: --manifest shipset.json is a symbolic link');
    expect(fs.readFileSync(target, 'utf8')).toBe(VICTIM);
  });

  it.each([
    ['--manifest', 'src/index.js', 'is an existing file that is not a shipset manifest'],
    ['--manifest', '.git/config', 'is inside a .git folder'],
    ['--out', '.git/shipset.tar.gz', 'is inside a .git folder'],
    ['--out', 'src/index.js', 'is an existing file that is not a tarball'],
  ])('%s %s: exit 2, file unchanged', async (flag, file, reason) => {
    const ws = workspace();
    const before = fs.existsSync(path.join(ws, file)) ? fs.readFileSync(path.join(ws, file), 'utf8') : undefined;
    const r = await runCli(['pack', 'src/index.js', flag, file, ...(flag === '--out' ? [] : ['--out', 'app.tgz'])], ws, { SOURCE_DATE_EPOCH: '1700000000' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(reason);
    expect(r.stderr).not.toContain('internal error');
    if (before !== undefined) expect(fs.readFileSync(path.join(ws, file), 'utf8')).toBe(before);
    else expect(fs.existsSync(path.join(ws, file))).toBe(false);
    expect(fs.existsSync(path.join(ws, 'app.tgz'))).toBe(false); // refused before packing
  });

  it('--manifest naming a file the run packs, even one that looks like a manifest: exit 2, unchanged', async () => {
    const ws = workspace();
    const lookalike = '{\n  "schema": 2,\n  "tool": {\n    "name": "shipset"\n  }\n}\n';
    writeFiles(ws, { 'config/shipset.json': lookalike });
    const r = await runCli(['pack', 'src/index.js', '--include', 'config/*.json', '--manifest', 'config/shipset.json', '--out', 'app.tgz'], ws, {
      SOURCE_DATE_EPOCH: '1700000000',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--manifest config/shipset.json is a file this run reads');
    expect(fs.readFileSync(path.join(ws, 'config/shipset.json'), 'utf8')).toBe(lookalike);
  });

  it('--out through a symlinked folder inside the current folder: exit 2, nothing written there', async () => {
    const ws = workspace();
    const outside = path.dirname(victim());
    fs.symlinkSync(outside, path.join(ws, 'dist'));
    const r = await runCli(['pack', 'src/index.js', '--out', 'dist/app.tgz'], ws, { SOURCE_DATE_EPOCH: '1700000000' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('the tarball path dist/app.tgz is under dist, which is a symbolic link');
    expect(fs.readdirSync(outside)).toEqual(['victim']);
  });
});

describe('checkWriteTarget / writeFileSafely', () => {
  const target = (file: string, extra: Partial<WriteTarget> = {}): WriteTarget => ({
    path: file,
    label: 'the output',
    example: 'out.json',
    guarded: [path.dirname(file)],
    ...extra,
  });

  it('refuses a FIFO, a device, a folder and a dangling link, each with one line naming the path', async () => {
    const dir = tempDir();
    const fifo = path.join(dir, 'pipe');
    const made = spawnSync('mkfifo', [fifo]);
    if (made.status === 0) expect(() => checkWriteTarget(target(fifo))).toThrow(/is a named pipe \(FIFO\), not a regular file/);
    expect(() => checkWriteTarget(target('/dev/null', { guarded: [] }))).toThrow(/is a device, not a regular file/);
    fs.mkdirSync(path.join(dir, 'folder'));
    expect(() => checkWriteTarget(target(path.join(dir, 'folder')))).toThrow(/is a folder\. Name a file in it/);
    fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'dangling'));
    expect(() => checkWriteTarget(target(path.join(dir, 'dangling')))).toThrow(UsageError);
    expect(fs.existsSync(path.join(dir, 'nowhere'))).toBe(false);
  });

  it('refuses a path outside the workspace, and writes a fresh regular file through a temp file otherwise', async () => {
    const ws = tempDir();
    const elsewhere = tempDir();
    await expect(writeFileSafely(target(path.join(elsewhere, 'x.json'), { workspace: ws }), '{}')).rejects.toThrow(/is outside the workspace/);
    expect(fs.readdirSync(elsewhere)).toEqual([]);
    const file = path.join(ws, 'deep/er/x.json');
    await writeFileSafely(target(file, { workspace: ws, guarded: [ws] }), 'hello');
    expect(fs.readFileSync(file, 'utf8')).toBe('hello');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['x.json']);
    // A hard link to someone else's file is replaced by the rename, never written into.
    const other = path.join(elsewhere, 'other');
    fs.writeFileSync(other, VICTIM);
    fs.rmSync(file);
    fs.linkSync(other, file);
    await writeFileSafely(target(file, { workspace: ws, guarded: [ws] }), 'new');
    expect(fs.readFileSync(other, 'utf8')).toBe(VICTIM);
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
  });
});
