// Hostile project manifests: a pull request controls requirements*.txt (and its -r includes),
// pyproject.toml and every package.json. Each read takes only a regular file inside the root by
// real path, at most 10 MB; anything else is one notice (requirements) or one line and exit 2
// (package.json), naming the file, the line and the fix. Never a hang, a 17 GB read, or a file
// of the machine read (or quoted).
import { afterAll, afterEach, describe, expect, it, jest } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readPythonManifests } from '../../src/core/graph/python/manifests.js';
import { MAX_MANIFEST_BYTES, readProjectManifest } from '../../src/core/read-manifest.js';
import type { Manifest } from '../../src/core/types.js';
import { runCli, type RunOutput } from '../helpers/cli.js';
import { cleanupFixtures, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);
afterEach(() => {
  jest.restoreAllMocks();
});

const SECRET = 'SHIPSET_TEST_SECRET_7d1f0c';
const mkfifo = (file: string) => execFileSync('mkfifo', [file]);

/** A folder outside every fixture root, holding a "secret" a link may point at. */
function outsideSecret(name = 'package.json'): string {
  const dir = tempDir('shipset-outside-');
  const file = path.join(dir, name);
  fs.writeFileSync(file, `{"name":"${SECRET}","main":"index.js"}\n`);
  return file;
}

function expectNoCrash(r: RunOutput): void {
  expect(r.status).not.toBe(-1); // killed by the 60 s bound: a hang
  expect(r.stderr).not.toContain('internal error');
  expect(r.stderr + r.stdout).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
}

describe('readProjectManifest', () => {
  it('reads a regular file inside the root', async () => {
    const root = tempDir();
    writeFiles(root, { 'sub/requirements.txt': 'flask\n' });
    const open = jest.spyOn(fs, 'openSync'); // the spy sees the reader's opens (the refusals below rely on it)
    expect(readProjectManifest(root, path.join(root, 'sub/requirements.txt'))).toEqual({ ok: true, text: 'flask\n', rel: 'sub/requirements.txt' });
    expect(open).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['/dev/zero', 'outside-root'],
    ['/dev/stdin', 'outside-root'],
    ['/etc/passwd', 'outside-root'],
  ])('refuses %s by path, without opening it', (target, kind) => {
    const root = tempDir();
    const open = jest.spyOn(fs, 'openSync');
    expect(readProjectManifest(root, target)).toMatchObject({ ok: false, kind, rel: target, problem: 'is outside the root' });
    expect(open).not.toHaveBeenCalled();
  });

  it('refuses a link inside the root to /dev/zero, /etc/passwd or a file outside, and never opens the target', async () => {
    const root = tempDir();
    const secret = outsideSecret();
    fs.symlinkSync('/dev/zero', path.join(root, 'zero.txt'));
    fs.symlinkSync('/etc/passwd', path.join(root, 'passwd.txt'));
    fs.symlinkSync(secret, path.join(root, 'package.json'));
    const open = jest.spyOn(fs, 'openSync');
    expect(readProjectManifest(root, path.join(root, 'zero.txt'))).toMatchObject({
      ok: false,
      kind: 'outside-root',
      rel: 'zero.txt',
      problem: 'is a link to /dev/zero, outside the root',
    });
    expect(readProjectManifest(root, path.join(root, 'passwd.txt'))).toMatchObject({
      ok: false,
      kind: 'outside-root',
      problem: 'is a link to /etc/passwd, outside the root',
    });
    expect(readProjectManifest(root, path.join(root, 'package.json'))).toMatchObject({ ok: false, kind: 'outside-root', rel: 'package.json' });
    expect(open).not.toHaveBeenCalled();
  });

  it('refuses a named pipe and a folder without blocking, and a file over 10 MB without reading it', async () => {
    const root = tempDir();
    mkfifo(path.join(root, 'pipe.txt'));
    fs.mkdirSync(path.join(root, 'dir.txt'));
    const big = path.join(root, 'big.txt');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, MAX_MANIFEST_BYTES + 1); // sparse: no 10 MB written to disk
    expect(readProjectManifest(root, path.join(root, 'pipe.txt'))).toMatchObject({
      ok: false,
      kind: 'not-a-file',
      problem: 'is a named pipe (FIFO), not a regular file',
    });
    expect(readProjectManifest(root, path.join(root, 'dir.txt'))).toMatchObject({ ok: false, kind: 'not-a-file', problem: 'is a folder, not a regular file' });
    const read = jest.spyOn(fs, 'readSync');
    expect(readProjectManifest(root, big)).toMatchObject({ ok: false, kind: 'too-large', problem: 'is 10 MB, over the 10 MB limit' });
    expect(read).not.toHaveBeenCalled();
    fs.truncateSync(big, MAX_MANIFEST_BYTES);
    const exact = readProjectManifest(root, big);
    expect(exact.ok && exact.text.length).toBe(MAX_MANIFEST_BYTES);
  });

  it('says a missing file and a dangling link are missing', async () => {
    const root = tempDir();
    fs.symlinkSync('gone.txt', path.join(root, 'link.txt'));
    expect(readProjectManifest(root, path.join(root, 'nope.txt'))).toMatchObject({ ok: false, kind: 'missing', problem: 'does not exist' });
    expect(readProjectManifest(root, path.join(root, 'link.txt'))).toMatchObject({
      ok: false,
      kind: 'missing',
      problem: 'is a symlink to gone.txt, which does not exist',
    });
  });
});

describe('requirements -r includes', () => {
  const read = (files: Record<string, string>, setup?: (root: string) => void) => {
    const root = tempDir();
    writeFiles(root, files);
    setup?.(root);
    return readPythonManifests(root, root)!;
  };

  it.each(['/dev/zero', '/dev/stdin', '/etc/passwd', '../outside.txt'])(
    '-r %s is one problem naming requirements.txt:2; the other lines still count',
    async (target) => {
      const m = read({ 'requirements.txt': `flask\n-r ${target}\nrequests\n` });
      expect(m.problems).toEqual([
        `requirements.txt:2: -r ${target} is outside the root: shipset reads only regular files inside the root, at most 10 MB each; list those requirements in requirements.txt itself (the declarations in ${target} were not checked).`,
      ]);
      expect([...m.production].sort()).toEqual(['flask', 'requests']);
      expect(m.files).toEqual(['requirements.txt']);
    },
  );

  it('a link, a pipe and a too-large file as -r / --requirement= targets: each refused where it is written', async () => {
    const m = read({ 'requirements.txt': 'flask\n-r zero.txt\n--requirement=pipe.txt\n-r big.txt\n' }, (root) => {
      fs.symlinkSync('/dev/zero', path.join(root, 'zero.txt'));
      mkfifo(path.join(root, 'pipe.txt'));
      fs.writeFileSync(path.join(root, 'big.txt'), '');
      fs.truncateSync(path.join(root, 'big.txt'), MAX_MANIFEST_BYTES * 2);
    });
    expect(m.problems).toEqual([
      expect.stringMatching(/^requirements\.txt:2: -r zero\.txt is a link to \/dev\/zero, outside the root: shipset reads only regular files/),
      expect.stringMatching(/^requirements\.txt:3: --requirement pipe\.txt is a named pipe \(FIFO\), not a regular file: /),
      expect.stringMatching(/^requirements\.txt:4: -r big\.txt is 20 MB, over the 10 MB limit: /),
    ]);
    expect([...m.production]).toEqual(['flask']);
  });

  it('an include cycle is read once and named; a file two includes share is not a cycle', async () => {
    const cycle = read({ 'requirements.txt': 'flask\n-r b.txt\n', 'b.txt': '# comment\n-r requirements.txt\nrequests\n' });
    expect(cycle.problems).toEqual([
      'b.txt:2: -r requirements.txt includes a file that is still being read (an include cycle); it was read once. Remove the include that closes the cycle.',
    ]);
    expect([...cycle.production].sort()).toEqual(['flask', 'requests']);
    const diamond = read({ 'requirements.txt': '-r a.txt\n-r b.txt\n', 'a.txt': '-r c.txt\n', 'b.txt': '-r c.txt\n', 'c.txt': 'flask\n' });
    expect(diamond.problems).toEqual([]);
    expect([...diamond.production]).toEqual(['flask']);
  });

  it('a self-include through a link is the same file (by real path)', async () => {
    const m = read({ 'requirements.txt': 'flask\n-r alias.txt\n' }, (root) => fs.symlinkSync('requirements.txt', path.join(root, 'alias.txt')));
    expect(m.problems).toEqual([expect.stringContaining('requirements.txt:2: -r alias.txt includes a file that is still being read')]);
  });

  it('-rFILE (attached, as pip takes it) is an include too, and is refused the same way', async () => {
    const m = read({ 'requirements.txt': 'flask\n-r/dev/zero\n-rmore.txt\n', 'more.txt': 'gunicorn\n' });
    expect(m.problems).toEqual([expect.stringMatching(/^requirements\.txt:2: -r \/dev\/zero is outside the root: /)]);
    expect([...m.production]).toEqual(['flask', 'gunicorn']);
  });

  it('a missing include says so, with the line, not the 10 MB rule', async () => {
    const m = read({ 'requirements.txt': 'flask\n\n-r nope.txt\n' });
    expect(m.problems).toEqual(['requirements.txt:3: -r nope.txt does not exist: its declarations were not checked. Fix the path, or remove the include.']);
  });

  it('a pyproject.toml linked out of the root is refused, not read', async () => {
    const secret = outsideSecret('pyproject.toml');
    const m = read({ 'requirements.txt': 'flask\n' }, (root) => fs.symlinkSync(secret, path.join(root, 'pyproject.toml')));
    expect(m.problems).toEqual([
      expect.stringMatching(/^pyproject\.toml is a link to .*, outside the root: shipset reads only regular files inside the root, at most 10 MB each\. /),
    ]);
    expect(m.problems.join('')).not.toContain(SECRET);
  });
});

describe('end to end (dist/cli.js)', () => {
  const pyProject = (requirements: string): string => {
    const root = tempDir();
    writeFiles(root, { 'app.py': 'import flask\nimport requests\n', 'requirements.txt': requirements });
    return root;
  };

  it.each(['/dev/zero', '/dev/stdin', '/etc/passwd'])(
    '-r %s: quick, one notice with file:line, undeclared still judged from the other lines',
    async (target) => {
      const root = pyProject(`flask\n-r ${target}\n`);
      const started = Date.now();
      const r = await runCli(['check', 'app.py', '--json'], root);
      expect(Date.now() - started).toBeLessThan(30_000);
      expectNoCrash(r);
      const m = JSON.parse(r.stdout) as Manifest;
      expect(m.notices).toContain(
        `requirements.txt:2: -r ${target} is outside the root: shipset reads only regular files inside the root, at most 10 MB each; list those requirements in requirements.txt itself (the declarations in ${target} were not checked).`,
      );
      expect(m.findings).toEqual([expect.objectContaining({ rule: 'undeclared', file: 'app.py', line: 2 })]);
      expect(r.stdout).not.toContain('root:x:0:0');
    },
  );

  it('a package.json linked out of the root is neither read nor quoted: exit 2, one line, with and without an entry', async () => {
    const secret = outsideSecret();
    const root = tempDir();
    writeFiles(root, { 'index.js': "import x from 'lodash';\nconsole.log(x);\n" });
    fs.symlinkSync(secret, path.join(root, 'package.json'));
    for (const args of [['check'], ['check', 'index.js'], ['pack', 'index.js', '--include', 'index.js']]) {
      const r = await runCli(args, root);
      expectNoCrash(r);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`package.json is a link to ${secret}, outside the root: shipset reads only regular files inside the root`);
      expect(r.stdout + r.stderr).not.toContain(SECRET);
    }
    expect(fs.readdirSync(root).sort()).toEqual(['index.js', 'package.json']);
  });

  it('a package.json in a sub-folder linked to /etc/passwd: exit 2 naming it, no content', async () => {
    const root = tempDir();
    writeFiles(root, { 'package.json': '{"name":"app"}', 'index.js': "import './lib/a.js';\n", 'lib/a.js': 'export {};\n' });
    fs.symlinkSync('/etc/passwd', path.join(root, 'lib/package.json'));
    const r = await runCli(['check', 'index.js'], root);
    expectNoCrash(r);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^shipset: lib\/package\.json is a link to \/etc\/passwd, outside the root: .* replace it with a JSON file inside the root, or remove it\.\n$/,
    );
    expect(r.stdout + r.stderr).not.toContain('root:x:0:0');
  });

  it('a tsconfig.json linked out of the root, or extending one that is, is refused unread: exit 2, one line', async () => {
    const secret = outsideSecret('tsconfig.json');
    const root = tempDir();
    writeFiles(root, { 'index.ts': 'export {};\n' });
    fs.symlinkSync(secret, path.join(root, 'tsconfig.json'));
    const direct = await runCli(['check', 'index.ts'], root);
    expectNoCrash(direct);
    expect(direct.status).toBe(2);
    expect(direct.stderr).toBe(
      `shipset: tsconfig.json is a link to ${secret}, outside the root: shipset reads only regular files inside the root, at most 10 MB each. Replace it with a tsconfig file inside the root, or pass another with --tsconfig.\n`,
    );
    fs.rmSync(path.join(root, 'tsconfig.json'));
    writeFiles(root, { 'tsconfig.json': '{ "extends": "./base.json" }\n' });
    fs.symlinkSync(secret, path.join(root, 'base.json'));
    const extended = await runCli(['check', 'index.ts'], root);
    expectNoCrash(extended);
    expect(extended.status).toBe(2);
    expect(extended.stderr.trim().split('\n')).toHaveLength(1);
    expect(extended.stderr).toContain(
      `base.json is a link to ${secret}, outside the root: shipset reads only regular files inside the root, at most 10 MB each. tsconfig.json extends it`,
    );
    expect(extended.stdout + extended.stderr).not.toContain(SECRET);
  });
});
