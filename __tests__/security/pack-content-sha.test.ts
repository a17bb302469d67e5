// contentSha256 is the SHA-256 of the uncompressed tar stream: it does not change when the same
// archive is compressed by another zlib build or at another level (a distro Node linked to the
// system zlib writes other .gz bytes), so two machines can still compare packages. The .gz digest
// of a normal project is unchanged by this work (pinned against the previous release's output).
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { runCli } from '../helpers/cli.js';
import { cleanupFixtures, copyFixture, tempDir } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** The backend fixture (no git) plus a deterministic 1.6 MB asset, so the archive spans two gzip members. */
function project(): string {
  const root = copyFixture('e2e/backend');
  let text = '';
  for (let i = 0; i < 25000; i++) text += createHash('sha256').update(String(i)).digest('hex') + '\n';
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'assets/big.txt'), text);
  return root;
}

const ARGS = [
  'pack',
  'src/index.js',
  '--include',
  'bin/*',
  '--include',
  'package.json',
  '--include',
  'package-lock.json',
  '--include',
  'assets/*',
  '--prefix',
  'app',
  '--json',
];

async function pack(root: string, out: string) {
  const r = await runCli([...ARGS, '--out', out], root, { SOURCE_DATE_EPOCH: '1700000000' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout).tarball as { path: string; bytes: number; sha256: string; contentSha256: string };
}

describe('contentSha256', () => {
  it('is the SHA-256 of the uncompressed tar stream, the same across recompression with gzip -9, gzip -1 and zlib level 1', async () => {
    const root = project();
    const out = path.join(tempDir(), 'app.tgz');
    const tarball = await pack(root, out);
    const raw = fs.readFileSync(out);
    const tarStream = zlib.gunzipSync(raw);
    expect(tarball.contentSha256).toBe(sha256(tarStream));
    expect(tarball.sha256).toBe(sha256(raw));

    const work = tempDir();
    fs.writeFileSync(path.join(work, 'app.tar'), tarStream);
    for (const level of ['-9', '-1']) {
      const regz = execFileSync('gzip', [level, '-n', '-c', path.join(work, 'app.tar')]);
      expect(sha256(regz)).not.toBe(tarball.sha256); // other .gz bytes...
      expect(sha256(zlib.gunzipSync(regz))).toBe(tarball.contentSha256); // ...same content digest
    }
    const zlib1 = zlib.gzipSync(tarStream, { level: 1 });
    expect(sha256(zlib1)).not.toBe(tarball.sha256);
    expect(sha256(zlib.gunzipSync(zlib1))).toBe(tarball.contentSha256);
  });

  it('is pinned for a normal project, and the .gz digest is the one the previous release wrote (same zlib)', async () => {
    const tarball = await pack(project(), path.join(tempDir(), 'app.tgz'));
    // The tar stream does not depend on zlib: pinned everywhere.
    expect(tarball.contentSha256).toBe('63b026a260e66f7654b4f933148474e01472ef59c149ba031236aeabd9b4e760');
    // Measured with the release before contentSha256 and hard-link handling, on zlib 1.3.1 (official
    // Node builds); another zlib build writes other deflate bytes, so only compare on that one.
    if (process.versions.zlib.startsWith('1.3.1')) {
      expect(tarball.sha256).toBe('01250e30cb72b2f8d5a79c7897180a6b7b3f09bfd390fbd64662fec030bd3baa');
      expect(tarball.bytes).toBe(888855);
    }
  });
});
