// Hard links inside the root become regular file entries: tar 7 would write a hard-link ('h')
// entry for the second name of an inode, which the closure check did not count (a false
// failure), which some extractors refuse, and which made the digest differ from a fresh clone's
// (git has no hard links). The archive of a tree with hard links equals the one of its copy.
import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import * as tar from 'tar';
import { runCli } from '../helpers/cli.js';
import { cleanupFixtures, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

const A = "export const a = 'same bytes under two names';\n";

async function entries(tgz: string): Promise<Array<{ path: string; type: string; size: number }>> {
  const out: Array<{ path: string; type: string; size: number }> = [];
  await tar.list({ file: tgz, onReadEntry: (e) => out.push({ path: e.path, type: e.type, size: e.size }) });
  return out;
}

async function pack(root: string, out: string) {
  const r = await runCli(['pack', 'src/index.js', '--include', 'package.json', '--include', 'assets/*', '--out', out, '--json'], root, {
    SOURCE_DATE_EPOCH: '1700000000',
  });
  expect(r.stderr).toBe('');
  return { status: r.status, manifest: JSON.parse(r.stdout) };
}

describe('hard links', () => {
  it('ship as full regular files, pass the closure check, and give the digest of a copy without hard links', async () => {
    const root = tempDir();
    writeFiles(root, {
      'package.json': '{"name":"app","version":"1.0.0","type":"module"}',
      'src/index.js': "import { a } from './a.js';\nimport { a as b } from './b.js';\nconsole.log(a, b);\n",
      'src/a.js': A,
      'assets/one.txt': 'asset\n'.repeat(100),
    });
    fs.linkSync(path.join(root, 'src/a.js'), path.join(root, 'src/b.js'));
    fs.linkSync(path.join(root, 'assets/one.txt'), path.join(root, 'assets/two.txt'));
    expect(fs.statSync(path.join(root, 'src/b.js')).nlink).toBe(2);

    const linkedOut = path.join(tempDir(), 'linked.tgz');
    const linked = await pack(root, linkedOut);
    expect(linked.manifest.findings.filter((f: { level: string }) => f.level === 'error')).toEqual([]);
    expect(linked.status).toBe(0);
    const list = await entries(linkedOut);
    expect(list.map((e) => e.type)).toEqual(list.map(() => 'File'));
    expect(list.find((e) => e.path === 'src/b.js')?.size).toBe(Buffer.byteLength(A));
    expect(list.find((e) => e.path === 'assets/two.txt')?.size).toBe(600);

    // A fresh copy: every file its own inode, as a clone would have it.
    const copy = tempDir();
    fs.cpSync(root, copy, { recursive: true });
    expect(fs.statSync(path.join(copy, 'src/b.js')).nlink).toBe(1);
    const copied = await pack(copy, path.join(tempDir(), 'copy.tgz'));
    expect(copied.status).toBe(0);
    expect(linked.manifest.tarball.sha256).toBe(copied.manifest.tarball.sha256);
    expect(linked.manifest.tarball.contentSha256).toBe(copied.manifest.tarball.contentSha256);
  });
});
