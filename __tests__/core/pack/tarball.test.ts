import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as tar from 'tar';
import { parseSourceDateEpoch, selectFiles, writeTarball } from '../../../src/core/pack/index.js';
import type { Options } from '../../../src/core/types.js';
import { UsageError } from '../../../src/core/types.js';
import { cleanupFixtures, gitProject, tempDir, writeFiles } from '../../helpers/fixture.js';
import { graphFromImports, type Imports, packOptions } from '../../helpers/graph-builder.js';

afterAll(cleanupFixtures);

interface Header {
  path: string;
  type: string;
  mode: number;
  uid?: number;
  gid?: number;
  uname?: string;
  gname?: string;
  mtime?: Date;
  size: number;
}

async function listHeaders(file: string): Promise<Header[]> {
  const out: Header[] = [];
  await tar.list({
    file,
    onReadEntry: (e) =>
      out.push({ path: e.path, type: e.type, mode: e.mode!, uid: e.uid, gid: e.gid, uname: e.uname, gname: e.gname, mtime: e.mtime, size: e.size }),
  });
  return out;
}

/** GNU tar's view: `-rw-r--r-- 0/0 12 2023-11-14 22:13 path`. */
function gnuListing(file: string): string[] {
  return execFileSync('tar', ['-tzvf', file, '--numeric-owner', '--full-time'], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } })
    .trim()
    .split('\n');
}

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

const SERVER: Record<string, string> = {
  'package.json': '{"name":"srv","type":"module"}',
  'package-lock.json': '{"lockfileVersion":3}',
  'src/index.js': "import { health } from './health.js';\nimport { db } from './db/client.js';\n",
  'src/health.js': "export const health = () => 'ok';\n",
  'src/db/client.js': "import { cfg } from '../config.js';\nexport const db = cfg;\n",
  'src/config.js': 'export const cfg = {};\n',
  'src/dormant/broken.js': "import '../../config/database.js';\n",
  'bin/start.sh': '#!/bin/sh\nnode src/index.js\n',
};
const SERVER_IMPORTS: Imports = {
  'src/index.js': [
    ['./health.js', 'src/health.js', 1],
    ['./db/client.js', 'src/db/client.js', 2],
  ],
  'src/db/client.js': [['../config.js', 'src/config.js', 1]],
};

async function pack(root: string, extra: Partial<Options> = {}, imports: Imports = SERVER_IMPORTS) {
  // The front ends read SOURCE_DATE_EPOCH into Options.sourceDateEpoch and the cwd into Options.cwd; the core reads neither from the process.
  const options = packOptions(root, {
    tarball: path.join(root, 'out', 'app.tar.gz'),
    include: ['package.json', 'package-lock.json', 'bin/*'],
    sourceDateEpoch: 1700000000,
    cwd: path.resolve('.'),
    ...extra,
  });
  const graph = graphFromImports(root, ['src/index.js'], imports);
  const { files, excluded } = selectFiles(graph, options);
  const written = await writeTarball(files, graph, options);
  return { ...written, files, excluded, options };
}

function server(): string {
  const root = tempDir();
  writeFiles(root, SERVER);
  fs.chmodSync(path.join(root, 'bin/start.sh'), 0o755);
  return root;
}

describe('writeTarball', () => {
  it('packs the selected files, sorted, as regular files with normalised headers and no folders', async () => {
    const root = server();
    fs.chmodSync(path.join(root, 'src/config.js'), 0o600);
    fs.chmodSync(path.join(root, 'src/health.js'), 0o664);
    const { tarball, findings, files } = await pack(root);
    expect(findings).toEqual([]);
    const headers = await listHeaders(path.join(root, 'out/app.tar.gz'));
    const expected = ['bin/start.sh', 'package-lock.json', 'package.json', 'src/config.js', 'src/db/client.js', 'src/health.js', 'src/index.js'];
    expect(files.map((f) => f.path)).toEqual(expected);
    expect(headers.map((h) => h.path)).toEqual(expected);
    for (const h of headers) {
      expect(h.type).toBe('File');
      expect(h.mode).toBe(h.path === 'bin/start.sh' ? 0o755 : 0o644);
      expect(h.uid).toBe(0);
      expect(h.gid).toBe(0);
      expect(h.uname).toBe('');
      expect(h.gname).toBe('');
      expect(h.mtime?.getTime()).toBe(1700000000 * 1000);
    }
    const gnu = gnuListing(path.join(root, 'out/app.tar.gz'));
    expect(gnu).toHaveLength(expected.length);
    expect(gnu[0]).toMatch(/^-rwxr-xr-x 0\/0 +\d+ 2023-11-14 22:13:20 bin\/start\.sh$/);
    expect(gnu[3]).toMatch(/^-rw-r--r-- 0\/0 +\d+ 2023-11-14 22:13:20 src\/config\.js$/);
    // The manifest block describes the file on disk.
    const abs = path.join(root, 'out/app.tar.gz'); // a temp folder, outside the cwd: shown absolute
    const contentSha256 = createHash('sha256')
      .update(zlib.gunzipSync(fs.readFileSync(abs)))
      .digest('hex');
    expect(tarball).toEqual({ path: abs, bytes: fs.statSync(abs).size, sha256: sha256(abs), contentSha256 });
  });

  it('puts every entry under the prefix and rejects a prefix that leaves the archive', async () => {
    const root = server();
    await pack(root, { prefix: './app/' });
    const headers = await listHeaders(path.join(root, 'out/app.tar.gz'));
    expect(headers.map((h) => h.path)).toEqual([
      'app/bin/start.sh',
      'app/package-lock.json',
      'app/package.json',
      'app/src/config.js',
      'app/src/db/client.js',
      'app/src/health.js',
      'app/src/index.js',
    ]);
    await expect(pack(root, { prefix: '../up' })).rejects.toThrow(UsageError);
    await expect(pack(root, { prefix: '/abs' })).rejects.toThrow(/leaves the archive/);
  });

  it('is byte-identical after touching, chmod-ing and copying the files; different when a file changes', async () => {
    const root = server();
    // Over 100 characters: the path goes into a PAX header, which must be just as stable.
    const longPath = `src/${'nested-folder/'.repeat(8)}deep.js`;
    writeFiles(root, { [longPath]: 'export const deep = 1;\n' });
    const imports: Imports = { ...SERVER_IMPORTS, 'src/health.js': [['./deep.js', longPath, 1]] };
    const first = await pack(root, {}, imports);
    const longHeaders = await listHeaders(path.join(root, 'out/app.tar.gz'));
    expect(longHeaders.map((h) => h.path)).toContain(longPath);
    expect(longHeaders.every((h) => h.uid === 0 && h.gid === 0)).toBe(true);
    expect(gnuListing(path.join(root, 'out/app.tar.gz')).every((line) => / 0\/0 /.test(line))).toBe(true);
    const walk = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    const later = new Date('2030-01-02T03:04:05Z');
    for (const file of walk(path.join(root, 'src'))) {
      fs.utimesSync(file, later, later);
      fs.chmodSync(file, 0o600);
    }
    const second = await pack(root, {}, imports);
    expect(second.tarball!.sha256).toBe(first.tarball!.sha256);

    const copy = tempDir();
    fs.cpSync(root, copy, { recursive: true });
    fs.rmSync(path.join(copy, 'out'), { recursive: true });
    const third = await pack(copy, {}, imports);
    expect(third.tarball!.sha256).toBe(first.tarball!.sha256);

    fs.appendFileSync(path.join(root, 'src/health.js'), '// changed\n');
    const fourth = await pack(root, {}, imports);
    expect(fourth.tarball!.sha256).not.toBe(first.tarball!.sha256);
  });

  it('stamps the HEAD commit time when no sourceDateEpoch is given, and 0 outside git', async () => {
    const repo = gitProject([{ date: '2024-03-01T12:00:00Z', files: SERVER }]);
    await pack(repo, { sourceDateEpoch: undefined });
    for (const h of await listHeaders(path.join(repo, 'out/app.tar.gz'))) expect(h.mtime?.toISOString()).toBe('2024-03-01T12:00:00.000Z');

    const plain = server();
    await pack(plain, { sourceDateEpoch: undefined });
    for (const h of await listHeaders(path.join(plain, 'out/app.tar.gz'))) expect(h.mtime?.getTime()).toBe(0);
    expect(gnuListing(path.join(plain, 'out/app.tar.gz'))[0]).toContain('1970-01-01 00:00:00');
  });

  it('never reads SOURCE_DATE_EPOCH from the environment itself (the front ends pass it in Options)', async () => {
    const saved = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = 'yesterday';
    try {
      const root = server();
      const { tarball } = await pack(root);
      expect(tarball).not.toBeNull();
      for (const h of await listHeaders(path.join(root, 'out/app.tar.gz'))) expect(h.mtime?.getTime()).toBe(1700000000 * 1000);
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
  });

  it('parses SOURCE_DATE_EPOCH for the front ends: unset is undefined, a bad value one clear line', () => {
    expect(parseSourceDateEpoch(undefined)).toBeUndefined();
    expect(parseSourceDateEpoch('  ')).toBeUndefined();
    expect(parseSourceDateEpoch('1700000000')).toBe(1700000000);
    expect(() => parseSourceDateEpoch('yesterday')).toThrow(UsageError);
    expect(() => parseSourceDateEpoch('yesterday')).toThrow(/SOURCE_DATE_EPOCH='yesterday' is not a whole number/);
    expect(() => parseSourceDateEpoch('99999999999999999999')).toThrow(/after the year 2242/);
  });

  it('packs a symlink inside the root as a regular file holding the target content', async () => {
    const root = server();
    fs.rmSync(path.join(root, 'src/config.js'));
    writeFiles(root, { 'shared/config.js': 'export const cfg = { linked: true };\n' });
    fs.symlinkSync('../shared/config.js', path.join(root, 'src/config.js'));
    await pack(root);
    const tgz = path.join(root, 'out/app.tar.gz');
    const header = (await listHeaders(tgz)).find((h) => h.path === 'src/config.js');
    expect(header).toMatchObject({ type: 'File', mode: 0o644, size: Buffer.byteLength('export const cfg = { linked: true };\n') });
    const content = execFileSync('tar', ['-xzOf', tgz, 'src/config.js'], { encoding: 'utf8' });
    expect(content).toBe('export const cfg = { linked: true };\n');
  });

  it('fails closure when an exclude removes an imported file: no tarball, no temp file, a finding at the import', async () => {
    const root = server();
    const destination = path.join(root, 'out', 'app.tar.gz');
    const { tarball, findings, excluded } = await pack(root, { exclude: ['src/c*.js'] });
    expect(excluded).toEqual(['src/config.js']);
    expect(tarball).toBeNull();
    expect(fs.existsSync(destination)).toBe(false);
    expect(fs.existsSync(path.join(root, 'out'))).toBe(false); // the folder made for it is gone too
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: 'unresolved',
      level: 'error',
      file: 'src/db/client.js',
      line: 1,
      target: 'src/config.js',
      chain: ['src/index.js', 'src/db/client.js'],
    });
    expect(findings[0].message).toMatch(/^src\/db\/client\.js:1 imports \.\.\/config\.js \(src\/config\.js\), but src\/config\.js is not in the package/);
    expect(findings[0].message).toContain("exclude glob 'src/c*.js'");
  });

  it('fails closure when an exclude removes an entry', async () => {
    const root = server();
    const { tarball, findings } = await pack(root, { exclude: ['src/index.js'] });
    expect(tarball).toBeNull();
    expect(findings.map((f) => [f.file, f.line])).toEqual([['src/index.js', 1]]);
    expect(findings[0].message).toContain('entry src/index.js is not in the package');
  });

  it('writes atomically: only the tarball appears, an existing folder keeps its files, a failed rename leaves no temp file', async () => {
    const root = server();
    const outDir = path.join(root, 'out');
    writeFiles(root, { 'out/keep.txt': 'mine' });
    await pack(root);
    expect(fs.readdirSync(outDir).sort()).toEqual(['app.tar.gz', 'keep.txt']);

    await pack(root, { exclude: ['src/health.js'] });
    expect(fs.readdirSync(outDir).sort()).toEqual(['app.tar.gz', 'keep.txt']); // the refused pack touched nothing

    // A folder where the tarball should go: refused before any temp file is made.
    writeFiles(root, { 'out/blocked.tar.gz/inside.txt': 'x' });
    await expect(pack(root, { tarball: path.join(outDir, 'blocked.tar.gz') })).rejects.toThrow(/the tarball path .*blocked\.tar\.gz is a folder/);
    expect(fs.readdirSync(outDir).sort()).toEqual(['app.tar.gz', 'blocked.tar.gz', 'keep.txt']);
  });

  it('writes a gzip stream that gunzip, GNU tar and tar 7 read whole, even past one gzip member (1 MiB)', async () => {
    const root = server();
    const big = randomBytes(1_500_000).toString('base64'); // ~2 MB: three members
    writeFiles(root, { 'assets/big.txt': big });
    const { tarball, findings } = await pack(root, { include: ['assets/*', 'package.json'] });
    expect(findings).toEqual([]);
    const tgz = path.join(root, 'out/app.tar.gz');
    const raw = fs.readFileSync(tgz);
    expect([raw[0], raw[1], raw.readUInt32LE(4), raw[9]]).toEqual([0x1f, 0x8b, 0, 0xff]); // magic, no mtime, OS unknown
    expect(zlib.gunzipSync(raw).length % 512).toBe(0);
    execFileSync('gzip', ['-t', tgz]);
    const unpacked = tempDir();
    execFileSync('tar', ['-xzf', tgz, '-C', unpacked]);
    expect(fs.readFileSync(path.join(unpacked, 'assets/big.txt'), 'utf8')).toBe(big);
    const headers = await listHeaders(tgz);
    expect(headers.map((h) => h.path)).toContain('assets/big.txt');
    // The header after the 2 MB file (past two member cuts) was found and normalised too.
    expect(headers.map((h) => [h.path, h.uid, h.gid])).toContainEqual(['package.json', 0, 0]);
    expect(tarball!.bytes).toBe(raw.length);
  });

  it('reports the path relative to the cwd when inside it, else absolute', async () => {
    const root = server();
    const inside = path.join(process.cwd(), `.shipset-test-${process.pid}.tar.gz`);
    try {
      const { tarball } = await pack(root, { tarball: inside });
      expect(tarball!.path).toBe(path.basename(inside));
    } finally {
      fs.rmSync(inside, { force: true });
    }
    const { tarball } = await pack(root);
    expect(tarball!.path).toBe(path.join(root, 'out/app.tar.gz'));
  });
});

describe('a file written between the check and the pack', () => {
  it('writes no tarball and names the file, since its packed bytes differ from the ones checked', async () => {
    const root = server();
    const options = packOptions(root, { tarball: path.join(root, 'out', 'app.tar.gz'), include: ['package.json'], sourceDateEpoch: 1700000000, cwd: root });
    const graph = graphFromImports(root, ['src/index.js'], SERVER_IMPORTS);
    const { files } = selectFiles(graph, options);
    // A build step running beside shipset rewrites a checked file (same size: nothing else can tell).
    fs.writeFileSync(path.join(root, 'src/health.js'), "export const health = () => 'no';\n");
    const error = await writeTarball(files, graph, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(
      'src/health.js changed while shipset ran (the bytes packed differ from the ones checked): no tarball was written. Run shipset again once no other step writes to the project.',
    );
    expect(fs.readdirSync(root)).not.toContain('out');
  });
});
