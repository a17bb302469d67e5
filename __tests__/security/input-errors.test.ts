// Valid but unusual input never ends in "internal error": a file the user running shipset may
// not read (EACCES), code spread very wide (a 130,000-element array literal), and whatever else
// the environment throws (too large, too deep) become a finding or one clear line.
//
// EACCES: the tests run as root, where chmod 000 does not deny a read. Two ways around it:
// in-process, fs.readFileSync is mocked to throw Node's own EACCES error for one file; end to
// end, the CLI runs as user `nobody` through util-linux `setpriv` (only when the tests run as
// root and setpriv exists; otherwise chmod 000 already denies the read and no setpriv is needed).
import { afterAll, afterEach, describe, expect, it, jest } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { classifyError, describeFsError } from '../../src/core/errors.js';
import { scanSource } from '../../src/core/graph/js/scan.js';
import { defaultOptions } from '../../src/core/options.js';
import { runPipeline } from '../../src/core/pipeline.js';
import { UsageError } from '../../src/core/types.js';
import { distCopy, runCli, type RunOutput } from '../helpers/dist.js';
import { cleanupFixtures, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);
afterEach(() => {
  jest.restoreAllMocks();
});

const WIDE = 130_000;
const wideArray = (decl = 'export const a') => `${decl} = [${Array.from({ length: WIDE }, (_, i) => i).join(',')}];\n`;

function expectNoCrash(r: RunOutput): void {
  expect(r.status).not.toBe(-1);
  expect(r.stderr).not.toContain('internal error');
  expect(r.stderr + r.stdout).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
}

/** Node's own error for a denied open, as fs.readFileSync throws it. */
function eacces(file: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: 'EACCES', errno: -13, syscall: 'open', path: file });
}

/** fs.readFileSync throws EACCES for the files named; every other read goes through. */
function denyReads(...files: string[]): void {
  const real = fs.readFileSync;
  jest.spyOn(fs, 'readFileSync').mockImplementation(((file: fs.PathOrFileDescriptor, options?: unknown) => {
    if (typeof file === 'string' && files.includes(file)) throw eacces(file);
    return (real as (f: fs.PathOrFileDescriptor, o?: unknown) => string | Buffer)(file, options);
  }) as typeof fs.readFileSync);
  // The pack hashes files through a descriptor: deny the open as the kernel would.
  const realOpen = fs.openSync;
  jest.spyOn(fs, 'openSync').mockImplementation(((file: fs.PathLike, ...rest: unknown[]) => {
    if (typeof file === 'string' && files.includes(file)) throw eacces(file);
    return (realOpen as (f: fs.PathLike, ...r: unknown[]) => number)(file, ...rest);
  }) as typeof fs.openSync);
}

describe('the error classifier', () => {
  it('EACCES / EPERM: one line with the file and the chmod fix', () => {
    const e = classifyError(eacces('/w/src/a.js'));
    expect(e).toBeInstanceOf(UsageError);
    expect(e!.message).toBe(
      '/w/src/a.js: cannot be read (EACCES: permission denied): make it readable by the user running shipset (chmod a+r /w/src/a.js), or stop shipping it.',
    );
    expect(describeFsError(Object.assign(new Error('x'), { code: 'EPERM' }))).toBe('EPERM: operation not permitted');
  });

  it("a stack overflow and a string too long are the input's size, not a bug", () => {
    let overflow: unknown;
    const recurse = (n: number): number => recurse(n + 1) + 1;
    try {
      recurse(0);
    } catch (e) {
      overflow = e;
    }
    expect(classifyError(overflow)!.message).toMatch(
      /^the project nests deeper \(or spreads wider\) than shipset can follow: .* Flatten the deepest expression, or split the generated file\.$/,
    );
    expect(classifyError(new RangeError('Invalid string length'))!.message).toMatch(
      /^the project is too large for one output: more than Node can hold as one string or buffer/,
    );
    expect(
      classifyError(Object.assign(new RangeError('File size (3000000000) is greater than 2 GiB'), { code: 'ERR_FS_FILE_TOO_LARGE', path: '/w/big.bin' }))!
        .message,
    ).toMatch(/^\/w\/big\.bin: too large/);
  });

  it('leaves a real bug (TypeError, plain Error) to the "internal error" path', () => {
    expect(classifyError(new TypeError('x is undefined'))).toBeUndefined();
    expect(classifyError(new Error('boom'))).toBeUndefined();
  });
});

describe('a 130,000-element array literal', () => {
  it('the scanner walks it (no arguments spread onto the stack) and still sees the imports after it', () => {
    for (const file of ['wide.js', 'wide.ts']) {
      const scan = scanSource(
        file,
        `${wideArray()}import './after.js';\nexport const o = {${Array.from({ length: WIDE }, (_, i) => `k${i}: ${i}`).join(',')}};\n`,
      );
      expect(scan.parseError).toBeUndefined();
      expect(scan.imports.map((i) => [i.specifier, i.line])).toEqual([['./after.js', 2]]);
    }
  });

  it('reachable JS and TS files with wide literals and wide calls check clean end to end', () => {
    const root = tempDir();
    writeFiles(root, {
      'index.js': "import './arr.js';\nimport './obj.js';\nimport './call.js';\n",
      'arr.js': wideArray(),
      'obj.js': `export const o = {${Array.from({ length: WIDE }, (_, i) => `k${i}: ${i}`).join(',')}};\n`,
      'call.js': `f(${Array.from({ length: WIDE }, (_, i) => i).join(',')});\nfunction f() {}\n`,
      'main.ts': "import { a } from './arr2';\nconsole.log(a.length);\n",
      'arr2.ts': wideArray('export const a: number[]'),
    });
    const r = runCli(['check', 'index.js', 'main.ts', '--json'], root);
    expectNoCrash(r);
    expect(r.status).toBe(0);
    const m = JSON.parse(r.stdout) as { files: { path: string }[]; findings: unknown[] };
    expect(m.files.map((f) => f.path)).toEqual(['arr.js', 'arr2.ts', 'call.js', 'index.js', 'main.ts', 'obj.js']);
    expect(m.findings).toEqual([]);
  });
});

describe('130,000 imports in one file', () => {
  it('of an excluded file: one finding each, collected without spreading them onto the stack', async () => {
    const root = tempDir();
    writeFiles(root, { 'index.js': "import './x.js';\n".repeat(WIDE), 'x.js': 'export {};\n' });
    const result = await runPipeline({ ...defaultOptions(root, ['index.js']), exclude: ['x.js'] }, root);
    expect(result.errorCount).toBe(WIDE);
    expect(result.manifest.findings[WIDE - 1]).toMatchObject({ rule: 'unresolved', file: 'index.js', line: WIDE, target: 'x.js' });
  });
});

describe('an unreadable file (EACCES)', () => {
  const project = (): string => {
    const root = tempDir();
    writeFiles(root, { 'index.js': "import './b.js';\nimport './c.js';\n", 'b.js': 'export const b = 1;\n', 'c.js': 'export {};\n', 'notes.txt': 'x\n' });
    return root;
  };

  it('reachable: an unparseable finding with the cause and the fix, nothing thrown, nothing packed', async () => {
    const root = project();
    denyReads(path.join(root, 'b.js'));
    const result = await runPipeline({ ...defaultOptions(root, ['index.js']), pack: true, tarball: path.join(tempDir(), 'out.tar.gz') }, root);
    expect(result.manifest.findings).toEqual([
      expect.objectContaining({
        rule: 'unparseable',
        level: 'error',
        file: 'b.js',
        line: 1,
        chain: ['index.js', 'b.js'],
        message:
          'b.js:1:1 cannot be read (EACCES: permission denied). It ships (index.js -> b.js) but its content cannot be checked or packed. Make it a readable regular file, or stop importing it.',
      }),
    ]);
    expect(result.manifest.files.map((f) => f.path)).toEqual(['c.js', 'index.js']);
    expect(result.manifest.tarball).toBeNull();
  });

  it('named by include only: one clear UsageError with the chmod fix', async () => {
    const root = project();
    denyReads(path.join(root, 'notes.txt'));
    await expect(runPipeline({ ...defaultOptions(root, ['index.js']), include: ['notes.txt'] }, root)).rejects.toThrow(
      new UsageError(
        'notes.txt cannot be read (EACCES: permission denied) and an include names it: make it readable by the user running shipset (chmod a+r notes.txt), or stop shipping it.',
      ),
    );
  });

  const asRoot = process.getuid?.() === 0;
  const setpriv = spawnSync('setpriv', ['--version']).status === 0;
  /** The CLI as a user that chmod 000 really denies: `nobody` through setpriv when running as root. */
  const runDenied = (root: string, args: string[]): RunOutput => {
    if (!asRoot) return runCli(args, root);
    for (const dir of [root, distCopy()]) fs.chmodSync(dir, 0o755);
    spawnSync('chmod', ['-R', 'a+rX', distCopy()]);
    const cli = path.join(distCopy(), 'dist', 'cli.js');
    const p = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, cli, ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, NO_COLOR: '1' },
      timeout: 60_000,
    });
    return { status: p.status ?? -1, stdout: p.stdout, stderr: p.stderr };
  };
  const realDenial = asRoot && !setpriv ? it.skip : it;

  realDenial('end to end with a real chmod 000 file: a finding, not "internal error"', () => {
    const root = project();
    fs.chmodSync(path.join(root, 'b.js'), 0o000);
    const r = runDenied(root, ['check', 'index.js', '--json']);
    expectNoCrash(r);
    expect(r.status).toBe(1);
    const m = JSON.parse(r.stdout) as { findings: { rule: string; file: string; message: string }[] };
    expect(m.findings).toEqual([
      expect.objectContaining({ rule: 'unparseable', file: 'b.js', message: expect.stringContaining('cannot be read (EACCES: permission denied)') }),
    ]);
  });

  realDenial('end to end with a chmod 000 folder on an import path: an unresolved finding saying why', () => {
    const root = tempDir();
    writeFiles(root, { 'index.js': "import './locked/b.js';\n", 'locked/b.js': 'export {};\n' });
    fs.chmodSync(path.join(root, 'locked'), 0o000);
    const r = runDenied(root, ['check', 'index.js', '--json']);
    fs.chmodSync(path.join(root, 'locked'), 0o755); // so the fixture can be removed
    expectNoCrash(r);
    expect(r.status).toBe(1);
    const m = JSON.parse(r.stdout) as { findings: { rule: string; file: string; message: string }[] };
    expect(m.findings).toEqual([
      expect.objectContaining({
        rule: 'unresolved',
        file: 'index.js',
        message: expect.stringContaining('locked/b.js cannot be looked up (EACCES: permission denied): make its folders readable and searchable (chmod a+rx)'),
      }),
    ]);
  });
});
