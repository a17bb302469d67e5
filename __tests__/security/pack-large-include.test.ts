// Valid but unusual input never ends in "internal error": an include that matches a file over
// 2 GiB (a sparse file here, so the test writes no data) or a file the user cannot read gets one
// line naming the file and the fix, exit 2, and no tarball or temp file.
import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { cleanupFixtures, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

function project(): string {
  const root = tempDir();
  writeFiles(root, { 'package.json': '{"name":"a","version":"1.0.0"}', 'index.js': 'console.log(1);\n', 'data/small.txt': 'ok\n' });
  return root;
}

function expectOneLine(r: { status: number; stdout: string; stderr: string }, text: string): void {
  expect(r.stderr).not.toContain('internal error');
  expect(r.status).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toContain(text);
}

describe('an include the archive cannot hold or read', () => {
  it.each([
    ['a glob', ['--include', 'data/*']],
    ['its exact path', ['--include', 'data/big.bin']],
  ])('a file over 2 GiB matched by %s: one line, exit 2, nothing written', async (_how, include) => {
    const root = project();
    const big = path.join(root, 'data/big.bin');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 3 * 2 ** 30); // sparse: 3 GiB long, no blocks
    for (const command of ['check', 'pack']) {
      const r = await runCli([command, 'index.js', ...include, '--out', 'app.tgz'], root);
      expectOneLine(r, "data/big.bin is 3.0 GiB and an include names it: shipset packs files up to 2 GiB. Exclude it (exclude: 'data/big.bin')");
    }
    expect(fs.readdirSync(root).sort()).toEqual(['data', 'index.js', 'package.json']);
    // The fix the message gives works.
    const fixed = await runCli(['pack', 'index.js', ...include, '--exclude', 'data/big.bin', '--out', 'app.tgz'], root, { SOURCE_DATE_EPOCH: '1700000000' });
    expect(fixed.stderr).toBe('');
    expect(fixed.status).toBe(0);
  });

  // root reads any file whatever its mode: there is no EACCES to provoke.
  (process.getuid?.() === 0 ? it.skip : it)('an unreadable include (EACCES): one line naming it, exit 2', async () => {
    const root = project();
    fs.chmodSync(path.join(root, 'data/small.txt'), 0o000);
    try {
      const r = await runCli(['pack', 'index.js', '--include', 'data/*', '--out', 'app.tgz'], root);
      expectOneLine(
        r,
        'data/small.txt cannot be read (permission denied) and an include names it. Make it readable by the user running shipset, or exclude it',
      );
      expect(fs.existsSync(path.join(root, 'app.tgz'))).toBe(false);
    } finally {
      fs.chmodSync(path.join(root, 'data/small.txt'), 0o644);
    }
  });
});
